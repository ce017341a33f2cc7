import type { EventBus, Kernel, Recorder } from '@paradox/engine';
import type { Action, ActionResult, WorldPort } from '@paradox/sdk';
import { Refusal } from '../errors';
import { attempt } from '../ledger/attempt';
import type { Ledger } from '../ledger/ledger';
import type { Chain, PendingTx, TxResult } from '../chain/chain';

/**
 * Executes one kind of action for `sender` (the agent's address); throws RevertError to refuse,
 * or returns a Refusal where refusing is routine. A handler must refuse before it changes
 * anything: the chain rolls back the ledger, but protocol objects (pools, pairs, funds) keep
 * their own books. Validate, then mutate.
 */
export type ActionHandler<A extends Action = Action> = (sender: string, action: A) => unknown;

/**
 * Called when an on-chain action of its kind enters the public mempool, before any block runs
 * it: a protocol's index of what is pending (the bids on a liquidation), which agents may read
 * as they would watch a real chain's mempool.
 */
export type MempoolWatcher<A extends Action = Action> = (sender: string, action: A) => void;

interface ActionOptions<A extends Action> {
  /** On-chain actions wait for a block; off-chain ones are requests handled at once. */
  readonly onChain: boolean;
  /** On-chain only: told of each such action as it is submitted. */
  readonly watchMempool?: MempoolWatcher<A>;
}

interface Registration extends ActionOptions<Action> {
  readonly handler: ActionHandler;
}

/**
 * An action waiting for its block: the transaction and its way back to the agent in one object
 * (bots send hundreds of thousands, held until their block is produced).
 */
class OnChainAction implements PendingTx {
  readonly label: string;
  readonly priorityFee: number;

  constructor(
    readonly from: string,
    private readonly handler: ActionHandler,
    private readonly action: Action,
    private readonly done: (result: ActionResult) => void,
  ) {
    this.label = action.kind;
    this.priorityFee = action.priorityFee ?? 0;
  }

  execute(): unknown {
    return this.handler(this.from, this.action);
  }

  onResult(result: TxResult): void {
    const action = this.action;
    this.done(result.ok ? { ok: true, value: result.value, atMs: result.atMs, action } : { ok: false, reason: result.reason, atMs: result.atMs, action });
  }
}

/**
 * The world as agents meet it: a registry of action handlers and views, on top of the ledger
 * and the chain. On-chain actions become transactions in the mempool; off-chain actions are
 * requests to off-chain parties (a fund's transfer agent) handled when submitted, whose effect
 * may itself be slow (queued redemptions). Views are read-only objects built per agent.
 *
 * Events that matter (a trade, a liquidation, an oracle update) go through {@link World.emit}:
 * logged with the id of what caused them, made the current cause (so reactions link back), and
 * published on the bus for agents to observe.
 */
export class World implements WorldPort {
  private readonly actions = new Map<string, Registration>();
  private readonly views = new Map<string, (agentId: string) => unknown>();
  private readonly addresses = new Map<string, string>();

  constructor(
    readonly kernel: Kernel,
    readonly bus: EventBus,
    readonly recorder: Recorder,
    readonly ledger: Ledger,
    readonly chain: Chain,
  ) {}

  /** Gives agent `agentId` the on-chain address `address` (default: its id). */
  setAddress(agentId: string, address: string): void {
    this.addresses.set(agentId, address);
  }

  addressOf(agentId: string): string {
    return this.addresses.get(agentId) ?? agentId;
  }

  registerAction<A extends Action>(kind: string, handler: ActionHandler<A>, options: ActionOptions<A>): void {
    if (this.actions.has(kind)) throw new Error(`action "${kind}" registered twice`);
    if (options.watchMempool && !options.onChain) throw new Error(`action "${kind}": only on-chain actions wait in a mempool to be watched`);
    this.actions.set(kind, { ...(options as ActionOptions<Action>), handler: handler as ActionHandler });
  }

  registerView(name: string, build: (agentId: string) => unknown): void {
    if (this.views.has(name)) throw new Error(`view "${name}" registered twice`);
    this.views.set(name, build);
  }

  submit(agentId: string, action: Action, done: (result: ActionResult) => void): void {
    const registration = this.actions.get(action.kind);
    const sender = this.addressOf(agentId);
    if (!registration) {
      const known = [...this.actions.keys()].sort().join(', ');
      throw new Error(`unknown action "${action.kind}" (this world handles: ${known})`);
    }
    if (registration.onChain) {
      registration.watchMempool?.(sender, action);
      this.chain.submit(new OnChainAction(sender, registration.handler, action, done));
      return;
    }
    const value = attempt(this.ledger, { execute: () => registration.handler(sender, action) });
    const atMs = this.kernel.now;
    const result: ActionResult = value instanceof Refusal ? { ok: false, reason: value.reason, atMs, action } : { ok: true, value, atMs, action };
    this.kernel.scheduleIn(0, done, result, { label: `the result of a "${action.kind}" request` });
  }

  view(agentId: string, name: string): unknown {
    return this.views.get(name)?.(agentId);
  }

  /** The agent's final balances, in whole tokens (`balance.<TOKEN>`), for the outcomes table. */
  outcome(agentId: string): Record<string, number> {
    const address = this.addressOf(agentId);
    const out: Record<string, number> = {};
    for (const symbol of this.ledger.symbols()) out[`balance.${symbol}`] = this.ledger.toNumber(symbol, this.ledger.balanceOf(symbol, address));
    return out;
  }

  /**
   * Records a world event caused by whatever is running now, makes it the current cause, and
   * publishes `payload` on topic `type` (if anyone listens). Returns the event id.
   */
  emit(type: string, actor: string, payload: unknown, record: unknown = payload): number {
    const id = this.recorder.event(this.kernel.now, type, actor, this.kernel.cause, record);
    this.kernel.cause = id;
    this.bus.publish(type, payload);
    return id;
  }
}
