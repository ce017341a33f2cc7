import { type Action, FUNDS, type FundView } from '@paradox/sdk';
import { RevertError } from '../errors';
import type { World } from '../world/world';

/** The off-chain fund actions: requests from investors and the manager's decisions. */
export const FUND_ACTIONS = ['fund.subscribe', 'fund.redeem', 'fund.cancel', 'fund.set-gate', 'fund.suspend', 'fund.resume', 'fund.mark'] as const;

/** Handles one of {@link FUND_ACTIONS} from `sender` for one fund; throws RevertError to refuse. */
export type FundActionHandler = (sender: string, action: Action & { readonly fund: string }) => unknown;

/** The view of one fund as the agent at `address` sees it (its own requests, say). */
export type FundViewForAgent = (address: string) => FundView;

const registries = new WeakMap<World, FundRegistry>();

/**
 * The funds of a world. It registers the `funds` view and the fund actions once, whatever the
 * number and kind of funds: scripted-NAV funds (`NavPathFund`) sit next to funds that deal
 * (`FundMarket`). Actions are routed by their `fund` field; a fund that takes no requests
 * refuses them.
 */
export class FundRegistry {
  private readonly funds = new Map<string, FundView>();
  private readonly handlers = new Map<string, FundActionHandler>();
  private readonly perAgent = new Map<string, FundViewForAgent>();

  private constructor(private readonly world: World) {
    world.registerView(FUNDS.view, (agentId) => (this.perAgent.size === 0 ? this.funds : this.viewsFor(world.addressOf(agentId))));
    for (const kind of FUND_ACTIONS) {
      world.registerAction<Action & { fund: string }>(kind, (sender, action) => this.route(sender, action), { onChain: false });
    }
  }

  /** The registry of `world`, created (and its view and actions registered) on first use. */
  static of(world: World): FundRegistry {
    let registry = registries.get(world);
    if (!registry) {
      registry = new FundRegistry(world);
      registries.set(world, registry);
    }
    return registry;
  }

  /**
   * Adds a fund: the read-only view agents get in `funds`, for a fund that takes requests the
   * handler of its actions, and optionally a view made for each agent. Adding the same view
   * again does nothing; another fund with the same id throws.
   */
  add(view: FundView, handler?: FundActionHandler, forAgent?: FundViewForAgent): void {
    const existing = this.funds.get(view.id);
    if (existing === view) return;
    if (existing) throw new Error(`fund "${view.id}" added twice`);
    this.funds.set(view.id, view);
    if (handler) this.handlers.set(view.id, handler);
    if (forAgent) this.perAgent.set(view.id, forAgent);
  }

  get(id: string): FundView | undefined {
    return this.funds.get(id);
  }

  ids(): string[] {
    return [...this.funds.keys()];
  }

  /** A small map per read: the shared views, and per-agent ones where a fund has them. */
  private viewsFor(address: string): ReadonlyMap<string, FundView> {
    const map = new Map<string, FundView>();
    for (const [id, view] of this.funds) map.set(id, this.perAgent.get(id)?.(address) ?? view);
    return map;
  }

  private route(sender: string, action: Action & { readonly fund: string }): unknown {
    if (!this.funds.has(action.fund)) throw new RevertError(`unknown fund "${String(action.fund)}" (this world has: ${this.ids().join(', ') || 'none'})`);
    const handler = this.handlers.get(action.fund);
    if (!handler) throw new RevertError(`fund "${action.fund}" takes no requests (its NAV follows a scripted path)`);
    return handler(sender, action);
  }
}
