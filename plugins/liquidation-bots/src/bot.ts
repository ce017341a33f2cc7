import {
  type ActionResult,
  type Agent,
  type AgentContext,
  AMM_POOLS,
  COLLATERAL_PRICES,
  type CollateralPriceEvent,
  LENDING_MARKETS,
  type LendingMarketView,
  type LiquidateAction,
  type PositionView,
  agentKind,
  redeemFromFund,
  z,
} from '@paradox/sdk';

const config = z
  .object({
    /** Markets to watch (default: every market that reports a price). */
    markets: z.array(z.string()).optional(),
    /** Pool on which to dump seized collateral in the same transaction; omit to hold it (or redeem it). */
    sellOn: z.string().optional(),
    /** Fund at which to redeem seized collateral at NAV after the liquidation (instead of dumping it). */
    redeemAt: z.string().optional(),
    /**
     * `greedy`: liquidate every unhealthy position. `profitable`: only when the bonus, after the
     * slippage of selling the seized collateral on `sellOn`, exceeds `minProfit`.
     */
    strategy: z.enum(['greedy', 'profitable']).default('greedy'),
    /** Profitable strategy: minimum profit as a share of the debt repaid (0.01 = 1%). */
    minProfitShare: z.number().min(0).default(0),
    /**
     * Priority fee bid per transaction: a fixed bid, or uniform in [0, max) drawn per price
     * change (bots bidding against each other: the highest bid lands first).
     */
    priorityFee: z.union([z.number().min(0), z.object({ randomUpTo: z.number().positive() })]).default({ randomUpTo: 1 }),
    /** Fund liquidations with a flash loan (no own capital needed). */
    flashLoan: z.boolean().default(true),
    /**
     * Watch the mempool: do not send a liquidation that a rival's, already pending with a bid at
     * least as high, will beat (it could only revert). `false`: send it anyway (bots racing blind).
     */
    watchMempool: z.boolean().default(true),
  })
  .strict()
  .refine((c) => !(c.sellOn && c.redeemAt), { message: 'dump (sellOn) or redeem (redeemAt) the seized collateral, not both', path: ['redeemAt'] });

export type BotConfig = z.output<typeof config>;

/**
 * A liquidation bot. After each collateral price change a market reports, it asks the market
 * (through its liquidation-price index) for unhealthy positions and sends one liquidation per
 * position, guarded by the debt it saw, so it reverts if a rival got there first. Positions it
 * has in flight are not sent twice, and (with `watchMempool`) neither are those a rival's
 * pending liquidation already outbids: the highest bidder still sends, so the same bot wins.
 */
export class LiquidationBot implements Agent {
  /** Borrowers with a liquidation in flight, by market (no key string built per position and scan). */
  private readonly inFlight = new Map<string, Set<string>>();
  /** Markets whose price moved in the current instant, checked once at its end. */
  private readonly moved = new Set<string>();

  constructor(private readonly config: BotConfig) {}

  /** What the bot does with the result of each of its liquidations (one handler for all). */
  private settled: (result: ActionResult) => void = () => {};

  start(ctx: AgentContext): void {
    ctx.on(COLLATERAL_PRICES, (event) => this.onPrice(ctx, event));
    // One handler for every liquidation, which the result names: a closure per transaction
    // would wait in memory for its block, hundreds of thousands of them in a cascade.
    this.settled = (result) => this.onSettled(ctx, result);
  }

  private onSettled(ctx: AgentContext, result: ActionResult): void {
    const action = result.action as LiquidateAction;
    this.inFlight.get(action.market)?.delete(action.borrower);
    if (result.ok && this.config.redeemAt) this.redeem(ctx, this.config.redeemAt, result.value);
  }

  /**
   * A block with many trades moves a spot-priced market many times; the bot's transactions land
   * in the next block whatever it does, so it looks once, after the last move of the instant.
   */
  private onPrice(ctx: AgentContext, event: CollateralPriceEvent): void {
    if (this.config.markets && !this.config.markets.includes(event.market)) return;
    if (this.moved.size === 0) {
      ctx.atEndOfInstant(() => {
        for (const market of [...this.moved].sort()) this.scan(ctx, market);
        this.moved.clear();
      }, 'its scan for unhealthy positions');
    }
    this.moved.add(event.market);
  }

  private scan(ctx: AgentContext, marketId: string): void {
    const market = ctx.view(LENDING_MARKETS).get(marketId);
    if (!market || !market.canLiquidate(ctx.identity.address)) return;
    const unhealthy = market.unhealthy();
    if (unhealthy.length === 0) return;
    const fee = typeof this.config.priorityFee === 'number' ? this.config.priorityFee : ctx.rng.uniform(0, this.config.priorityFee.randomUpTo);
    const inFlight = this.inFlightIn(marketId);
    for (const position of unhealthy) {
      const borrower = position.borrower;
      if (inFlight.has(borrower)) continue;
      if (this.config.watchMempool && market.outbid(borrower, fee)) continue;
      if (this.config.strategy === 'profitable' && !this.profitable(ctx, market, position)) continue;
      inFlight.add(borrower);
      ctx.submit(this.liquidation(marketId, position, fee), this.settled);
    }
  }

  /**
   * The liquidation of `position`, guarded by the debt the bot saw. Written out in full rather
   * than spread from options: one object per transaction, and a cascade sends hundreds of
   * thousands.
   */
  private liquidation(market: string, position: PositionView, priorityFee: number): LiquidateAction {
    const { borrower, debt: expectedDebt } = position;
    const { flashLoan, sellOn } = this.config;
    return sellOn
      ? { kind: 'lending.liquidate', market, borrower, expectedDebt, flashLoan, priorityFee, sellOn }
      : { kind: 'lending.liquidate', market, borrower, expectedDebt, flashLoan, priorityFee };
  }

  private inFlightIn(marketId: string): Set<string> {
    let borrowers = this.inFlight.get(marketId);
    if (borrowers === undefined) {
      borrowers = new Set();
      this.inFlight.set(marketId, borrowers);
    }
    return borrowers;
  }

  /** Redeems what a liquidation seized at the fund (settles at its next dealing date, at NAV). */
  private redeem(ctx: AgentContext, fund: string, outcome: unknown): void {
    const seized = (outcome as { seized?: bigint } | undefined)?.seized ?? 0n;
    if (seized > 0n) ctx.submit(redeemFromFund(fund, seized));
  }

  /**
   * Whether selling the collateral this liquidation would seize, at the pool's exact quote
   * (slippage included), returns more than the debt repaid by the required share. Assumes the
   * pool's quote token is the market's debt token.
   */
  private profitable(ctx: AgentContext, market: LendingMarketView, position: PositionView): boolean {
    const preview = market.previewLiquidation(position.borrower, ctx.identity.address);
    if (!preview) return false;
    if (!this.config.sellOn) return true;
    const pool = ctx.view(AMM_POOLS).get(this.config.sellOn);
    if (!pool) return false;
    const proceeds = pool.quoteOut(market.collateralToken, preview.seize);
    return Number(proceeds - preview.repay) > this.config.minProfitShare * Number(preview.repay);
  }
}

export const botKind = agentKind({
  description: 'Liquidates unhealthy positions after each price change, dumping seized collateral',
  config,
  create: (cfg) => new LiquidationBot(cfg),
});
