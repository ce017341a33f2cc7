import { AMM_POOLS, type Agent, type AgentContext, MINUTE, ORACLES, TRADES, agentKind, pushPrice, z } from '@paradox/sdk';

const config = z
  .object({
    /** The push feed this keeper writes. */
    feed: z.string(),
    /** The market it observes: an AMM pool id (its spot price is the reference). */
    pool: z.string(),
    /** Relative change that triggers a round (0.005 = 0.5%). */
    deviationThreshold: z.number().min(0).max(1).default(0.005),
    /** Time after which a round is due regardless of deviation, minutes (Chainlink: 60 to 1440). */
    heartbeatMinutes: z.number().positive().default(60),
  })
  .strict();

export type ChainlinkKeeperConfig = z.output<typeof config>;

/**
 * A Chainlink-style keeper (the DON, as one agent): it watches a reference market and writes a
 * new round to its push feed when the market deviates from the feed's answer by the threshold,
 * or when the heartbeat has elapsed since the last round, whichever comes first. It does not
 * send again while a round is in flight.
 */
export class ChainlinkKeeper implements Agent {
  private inFlight = false;
  private heartbeat: { cancel(): void } | undefined;

  constructor(private readonly config: ChainlinkKeeperConfig) {}

  start(ctx: AgentContext): void {
    ctx.on(TRADES, (trade) => {
      if (trade.pool === this.config.pool) this.check(ctx, trade.priceAfter);
    });
    // The first round at once, then whatever triggers first.
    this.submit(ctx, this.observe(ctx));
  }

  private observe(ctx: AgentContext): number {
    const pool = ctx.view(AMM_POOLS).get(this.config.pool);
    if (!pool) throw new Error(`no pool "${this.config.pool}" in this world`);
    return pool.spotPrice();
  }

  private check(ctx: AgentContext, observed: number): void {
    if (this.inFlight) return;
    const current = ctx.view(ORACLES).get(this.config.feed)?.price() ?? Number.NaN;
    if (Number.isNaN(current) || Math.abs(observed - current) / current >= this.config.deviationThreshold) this.submit(ctx, observed);
  }

  private submit(ctx: AgentContext, price: number): void {
    this.inFlight = true;
    this.heartbeat?.cancel();
    ctx.submit(pushPrice(this.config.feed, price), () => {
      this.inFlight = false;
      const feed = ctx.view(ORACLES).get(this.config.feed);
      const since = feed ? ctx.now() - feed.updatedAtMs() : 0;
      const wait = Math.max(0, this.config.heartbeatMinutes * MINUTE - (Number.isNaN(since) ? 0 : since));
      this.heartbeat = ctx.schedule(wait, () => this.submit(ctx, this.observe(ctx)), 'its heartbeat');
    });
  }
}

export const chainlinkKeeperKind = agentKind({
  description: 'Writes a push feed on deviation or heartbeat, whichever first (Chainlink semantics)',
  config,
  create: (cfg) => new ChainlinkKeeper(cfg),
});
