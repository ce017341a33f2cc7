import { type Agent, type AgentContext, AMM_POOLS, HOUR, WALLET, agentKind, borrow, supply, swap, z } from '@paradox/sdk';
import { marketView, scaleUnits } from './common';

const config = z
  .object({
    market: z.string().default('RWA-lending'),
    /** Pool on which borrowed debt tokens buy more collateral. */
    pool: z.string().default('RWA/USD'),
    /** Loan-to-value to reach: debt / collateral value at the market's price (below the market's LTV limit). */
    targetLtv: z.number().gt(0).lt(1).default(0.6),
    /** Done once within this of the target. */
    tolerance: z.number().positive().default(0.01),
    /** At most this many borrow-buy-supply rounds per levering. */
    maxRounds: z.number().int().positive().default(20),
    /** Reject a purchase that would pay more than this above the quote seen when deciding. */
    maxSlippage: z.number().min(0).max(1).default(0.02),
    /** Re-lever every this many hours when the LTV has drifted below target (price rises); 0 = once. */
    recheckHours: z.number().min(0).default(0),
    priorityFee: z.number().min(0).default(0),
  })
  .strict();

export type LooperConfig = z.output<typeof config>;

/**
 * A leverage looper: supplies the collateral in its wallet, borrows against it, buys more
 * collateral on the AMM with what it borrowed, supplies that too, and repeats until its LTV is
 * within `tolerance` of `targetLtv`. Each round sizes the borrow so that, at the pool's exact
 * quote and the market's price, the round would land on the target; the market's own LTV limit
 * caps a round, which is why several are needed at high targets. Levered RWA holders are the
 * fuel of a liquidation cascade.
 */
export class Looper implements Agent {
  private busy = false;
  private rounds = 0;

  constructor(private readonly config: LooperConfig) {}

  start(ctx: AgentContext): void {
    this.lever(ctx);
    if (this.config.recheckHours > 0) {
      ctx.every(this.config.recheckHours * HOUR, () => this.lever(ctx));
    }
  }

  private lever(ctx: AgentContext): void {
    if (this.busy) return;
    this.busy = true;
    this.rounds = 0;
    this.step(ctx);
  }

  private finish(ctx: AgentContext, why: string): void {
    this.busy = false;
    const account = marketView(ctx, this.config.market).myPosition();
    ctx.log('looper.done', { why, ltv: account.loanToValue, rounds: this.rounds });
  }

  private step(ctx: AgentContext): void {
    const cfg = this.config;
    const market = marketView(ctx, cfg.market);
    const fee = { priorityFee: cfg.priorityFee };
    const idle = ctx.view(WALLET).balance(market.collateralToken);
    if (idle > 0n) {
      ctx.submit(supply(cfg.market, market.collateralToken, idle, fee), (r) => (r.ok ? this.step(ctx) : this.finish(ctx, `supply refused: ${r.reason}`)));
      return;
    }
    const account = market.myPosition();
    const target = Math.min(cfg.targetLtv, market.ltv);
    if (account.collateral === 0n) return this.finish(ctx, 'no collateral');
    if (account.loanToValue >= target - cfg.tolerance) return this.finish(ctx, 'target reached');
    if (this.rounds >= cfg.maxRounds) return this.finish(ctx, 'max rounds');
    const pool = ctx.view(AMM_POOLS).get(cfg.pool);
    if (!pool) throw new Error(`no pool "${cfg.pool}" in this world`);
    const price = market.price();
    const cap = scaleUnits(account.availableToBorrowUnits, 0.999);
    const liquidity = market.units(market.debtToken, market.availableLiquidity());
    const most = cap < liquidity ? cap : liquidity;
    // LTV after borrowing b and supplying what b buys, at the pool's exact quote.
    const boughtWith = (b: bigint) => (b > 0n ? Number(pool.quoteOut(market.debtToken, b)) / Number(market.units(market.collateralToken, 1)) : 0);
    const ltvAfter = (b: bigint) => (account.debtAmount + Number(b) / Number(market.units(market.debtToken, 1))) / ((account.collateralAmount + boughtWith(b)) * price);
    let amount: bigint;
    if (most <= 0n) return this.finish(ctx, 'nothing more to borrow');
    if (ltvAfter(most) <= target) amount = most;
    else {
      let lo = 0n;
      let hi = most;
      while (hi - lo > 1n) {
        const mid = (lo + hi) / 2n;
        if (ltvAfter(mid) <= target) lo = mid;
        else hi = mid;
      }
      amount = lo;
    }
    if (amount <= 0n) return this.finish(ctx, 'nothing more to borrow');
    this.rounds++;
    ctx.submit(borrow(cfg.market, amount, fee), (r) => {
      if (!r.ok) return this.finish(ctx, `borrow refused: ${r.reason}`);
      const minOut = scaleUnits(pool.quoteOut(market.debtToken, amount), 1 - cfg.maxSlippage);
      ctx.submit(swap(cfg.pool, market.debtToken, amount, { minAmountOut: minOut, ...fee }), (s) => (s.ok ? this.step(ctx) : this.finish(ctx, `purchase refused: ${s.reason}`)));
    });
  }
}

export const looperKind = agentKind({
  description: 'Levers up: borrows, buys collateral on the AMM, re-supplies, until a target LTV',
  config,
  create: (cfg) => new Looper(cfg),
});
