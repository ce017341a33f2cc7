import type { EventBus, Kernel, Recorder, SeedTree } from '@paradox/engine';
import { WALLET, type WalletView } from '@paradox/sdk';
import { Chain, type Ordering } from '../chain/chain';
import { Ledger } from '../ledger/ledger';
import { World } from './world';

export interface WorldServices {
  readonly kernel: Kernel;
  readonly bus: EventBus;
  readonly recorder: Recorder;
  readonly seeds: SeedTree;
}

export interface WorldOptions {
  /** Block interval, ms (default 12,000). */
  readonly blockTimeMs?: number;
  /** Transaction ordering within a block (default `priority-fee`). */
  readonly ordering?: Ordering;
}

/**
 * A world with an empty ledger and a chain, and the views every world offers (each agent's
 * wallet). Protocols, assets and their actions are added by the scenario.
 */
export function createWorld(services: WorldServices, options: WorldOptions = {}): World {
  const ledger = new Ledger(services.bus.names);
  const chain = new Chain(services.kernel, ledger, {
    ...(options.blockTimeMs === undefined ? {} : { blockTimeMs: options.blockTimeMs }),
    ordering: options.ordering ?? 'priority-fee',
    rng: services.seeds.stream('world/validator'),
  });
  const world = new World(services.kernel, services.bus, services.recorder, ledger, chain);
  world.registerView(WALLET.view, (agentId): WalletView => new Wallet(ledger, world.addressOf(agentId)));
  return world;
}

/** An agent's wallet view: one small object per read, methods on the prototype. */
class Wallet implements WalletView {
  constructor(
    private readonly ledger: Ledger,
    readonly address: string,
  ) {}

  balance(token: string): bigint {
    return this.ledger.balanceOf(token, this.address);
  }

  amount(token: string): number {
    return this.ledger.toNumber(token, this.balance(token));
  }
}
