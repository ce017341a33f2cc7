/**
 * Something an agent asks the world to do. On-chain actions become transactions ordered into
 * blocks; off-chain ones become requests (redeem from a fund, file a claim). `kind` names the
 * handler; the world refuses kinds it does not know.
 */
export interface Action {
  readonly kind: string;
  /** Priority fee bid for block ordering (on-chain actions); default 0. */
  readonly priorityFee?: number;
}

/**
 * What came of an action: applied with a result, or refused (reverted) with a reason. It names
 * the action it answers, so one handler can serve every action an agent sends (a liquidation
 * bot's hundreds of thousands) with no closure per action to remember which it was.
 */
export type ActionResult<R = unknown> =
  | { readonly ok: true; readonly value: R; readonly atMs: number; readonly action: Action }
  | { readonly ok: false; readonly reason: string; readonly atMs: number; readonly action: Action };

/**
 * How the world receives actions and serves views. The SDK hands agents a context backed by a
 * port; the world implements it. Tests can implement it with a few lines.
 */
export interface WorldPort {
  /** Accepts an action from `agentId`; calls `done` (later, in virtual time) with the result. */
  submit(agentId: string, action: Action, done: (result: ActionResult) => void): void;
  /** A read-only view by name, or undefined if the world has none by that name. */
  view(agentId: string, name: string): unknown;
  /**
   * What an agent ends the run with (balances in whole tokens, positions...), by metric name,
   * for the per-agent outcomes table. Optional: a world without assets has none.
   */
  outcome?(agentId: string): Readonly<Record<string, number>>;
}

/** A world with no actions or views: for engine-only demos and tests. */
export const EMPTY_WORLD: WorldPort = {
  submit(_agentId, action, done) {
    done({ ok: false, reason: `no world handles action "${action.kind}"`, atMs: 0, action });
  },
  view() {
    return undefined;
  },
};
