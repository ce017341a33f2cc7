import {
  type Agent,
  type AgentContext,
  AMM_POOLS,
  type AmmPoolView,
  DAY,
  FUNDS,
  FUND_NAV,
  FUND_POLICY,
  FUND_REDEMPTIONS,
  FUND_SUBSCRIPTIONS,
  FUND_WINDOWS,
  type FundDetailView,
  HOUR,
  TRADES,
  WALLET,
  agentKind,
  isFundDetail,
  redeemFromFund,
  subscribeToFund,
  swap,
  z,
} from '@paradox/sdk';
import { argmax, units, whole } from './search';
import { LookOnce } from './look-once';

const YEAR = 365 * DAY;

const config = z
  .object({
    /** The AMM pool trading the fund's share against its cash token. */
    pool: z.string(),
    /** The fund that mints (subscriptions) and redeems its shares. */
    fund: z.string(),
    /** Edge required beyond fees and carry, as a fraction of NAV (0.005 = 0.5%). */
    threshold: z.number().min(0).default(0.005),
    /** Annual cost of capital tied up until the fund settles (it is charged on the wait). */
    costOfCapital: z.number().min(0).default(0.05),
    /**
     * Longest expected wait for a redemption to be paid that it accepts: the next dealing date
     * after the notice period, and later when a gate or the fund's cash makes the queue ahead
     * of it take several windows.
     */
    maxWaitDays: z.number().positive().default(45),
    /** Least profit worth a trade, in whole cash tokens. */
    minProfit: z.number().min(0).default(10),
    /** Largest amount of cash (whole tokens) put into one trade; default all it holds. */
    maxTradeSize: z.number().positive().optional(),
    /** `redeem`: only buy below NAV and redeem; `subscribe`: only subscribe and sell above it. */
    sides: z.enum(['both', 'redeem', 'subscribe']).default('both'),
    /** After selling shares it holds above NAV, subscribe the proceeds to replenish (default true). */
    replenish: z.boolean().default(true),
    /** Slippage protection: least output accepted, as a share of the quoted output's complement. */
    slippage: z.number().min(0).max(1).default(0.01),
    priorityFee: z.number().min(0).default(0),
    /** Also look every this many hours (0: only on trades, windows, re-marks and policy changes). */
    checkEveryHours: z.number().min(0).default(0),
  })
  .strict();

export type MintRedeemConfig = z.output<typeof config>;

/**
 * The arbitrage that ties a fund's token to its NAV. Below NAV (by more than the redemption fee,
 * the carry of the capital until the fund pays, and `threshold`) it buys on the AMM and redeems
 * at the fund; above NAV it sells shares it holds and subscribes to replenish them, or, holding
 * none, subscribes and sells when the shares are minted. Trades are sized to maximise profit
 * against the pool's exact quotes (which leaves the price at NAV less costs), limited by its
 * cash: redemption proceeds come back only at a dealing date, so its capital is tied up in the
 * queue meanwhile.
 *
 * It cannot arbitrage a fund whose redemptions are closed (suspended, gated to zero, blocked),
 * and it will not when a gate (or the fund's cash) makes the expected payment later than
 * `maxWaitDays`: that is how a gate takes away the token's redemption floor.
 */
export class MintRedeemArbitrageur implements Agent {
  private busy = false;
  private readonly look = new LookOnce('its look at AMM price vs NAV');
  private blocked: string | undefined;

  constructor(private readonly config: MintRedeemConfig) {}

  start(ctx: AgentContext): void {
    const { pool, fund } = this.config;
    ctx.on(TRADES, (e) => e.pool === pool && this.soon(ctx));
    ctx.on(FUND_WINDOWS, (e) => e.fund === fund && this.soon(ctx));
    ctx.on(FUND_NAV, (e) => e.fund === fund && this.soon(ctx));
    ctx.on(FUND_POLICY, (e) => e.fund === fund && this.soon(ctx));
    ctx.on(FUND_SUBSCRIPTIONS, (e) => e.fund === fund && e.investor === ctx.identity.address && this.soon(ctx));
    ctx.on(FUND_REDEMPTIONS, (e) => e.fund === fund && e.holder === ctx.identity.address && this.soon(ctx));
    if (this.config.checkEveryHours > 0) ctx.every(this.config.checkEveryHours * HOUR, () => this.soon(ctx));
    ctx.schedule(0, () => this.soon(ctx), 'its first look');
  }

  /** One look per instant, after everything that happened in it. */
  private soon(ctx: AgentContext): void {
    this.look.ask(ctx, () => this.evaluate(ctx));
  }

  private evaluate(ctx: AgentContext): void {
    if (this.busy) return;
    const pool = ctx.view(AMM_POOLS).get(this.config.pool);
    if (!pool) throw new Error(`mint-redeem: no pool "${this.config.pool}" in this world`);
    const fund = ctx.view(FUNDS).get(this.config.fund);
    if (!isFundDetail(fund)) throw new Error(`mint-redeem: no dealing fund "${this.config.fund}" in this world`);
    if (pool.base !== fund.shareToken || pool.quote !== fund.cashToken) {
      throw new Error(`mint-redeem: pool ${pool.id} trades ${pool.base}/${pool.quote}, fund ${fund.id} is ${fund.shareToken}/${fund.cashToken}`);
    }
    const nav = fund.navPerShare();
    const spot = pool.spotPrice();
    if (!(nav > 0) || !(spot > 0)) return;
    if (spot < nav && this.config.sides !== 'subscribe') this.discount(ctx, pool, fund, nav, spot);
    else if (spot > nav && this.config.sides !== 'redeem') this.premium(ctx, pool, fund, nav, spot);
  }

  /** Below NAV: buy on the AMM, redeem at the fund. */
  private discount(ctx: AgentContext, pool: AmmPoolView, fund: FundDetailView, nav: number, spot: number): void {
    if (!fund.redemptionsOpen()) return this.block(ctx, 'redemptions closed', spot, nav);
    const cash = this.budget(ctx, fund);
    if (cash <= 0n) return this.block(ctx, 'no capital', spot, nav);
    const sd = fund.shareDecimals;
    const cd = fund.cashDecimals;
    const now = ctx.now();
    const value = (waitMs: number) => nav * (1 - fund.redemptionFee) * (1 - (this.config.costOfCapital * waitMs) / YEAR - this.config.threshold);
    let wait = this.settlement(fund, nav, 0) - now;
    if (wait > this.config.maxWaitDays * DAY) return this.block(ctx, 'redemption too slow', spot, nav, wait);
    const perShare = value(wait);
    const best = argmax(cash, (a) => whole(pool.quoteOut(pool.quote, a), sd) * perShare - whole(a, cd));
    if (best.value < this.config.minProfit) return;
    const shares = pool.quoteOut(pool.quote, best.x);
    // Its own shares join the queue: check the wait (and the profit) with them in it.
    wait = this.settlement(fund, nav, whole(shares, sd)) - now;
    if (wait > this.config.maxWaitDays * DAY) return this.block(ctx, 'redemption too slow', spot, nav, wait);
    if (whole(shares, sd) * value(wait) - whole(best.x, cd) < this.config.minProfit) return;

    this.blocked = undefined;
    this.busy = true;
    ctx.log('arb-buy', { spend: whole(best.x, cd), shares: whole(shares, sd), spot, nav, waitDays: wait / DAY });
    ctx.submit<bigint>(swap(pool.id, pool.quote, best.x, { minAmountOut: this.minOut(shares), priorityFee: this.config.priorityFee }), (result) => {
      if (!result.ok || typeof result.value !== 'bigint') {
        this.busy = false;
        return;
      }
      const bought = result.value;
      ctx.submit(redeemFromFund(fund.id, bought), (redeemed) => {
        this.busy = false;
        if (redeemed.ok) ctx.log('arb-redeem', { shares: whole(bought, sd), dealingMs: (redeemed.value as { dealingMs: number }).dealingMs });
        else ctx.log('arb-stuck', { shares: whole(bought, sd), reason: redeemed.reason });
        this.recordTiedUp(ctx, fund);
        this.soon(ctx);
      });
    });
  }

  /** Above NAV: sell shares it holds (then subscribe to replenish), or subscribe to sell later. */
  private premium(ctx: AgentContext, pool: AmmPoolView, fund: FundDetailView, nav: number, spot: number): void {
    if (!fund.subscriptionsOpen()) return this.block(ctx, 'subscriptions closed', spot, nav);
    const sd = fund.shareDecimals;
    const cd = fund.cashDecimals;
    const wait = fund.firstDealingFor('subscription') - ctx.now();
    const costPerShare = (nav / (1 - fund.subscriptionFee)) * (1 + (this.config.costOfCapital * wait) / YEAR + this.config.threshold);
    const profit = (s: bigint) => whole(pool.quoteOut(pool.base, s), cd) - whole(s, sd) * costPerShare;
    const wallet = ctx.view(WALLET);
    const inventory = wallet.balance(fund.shareToken);

    if (inventory > 0n) {
      const best = argmax(this.sharesFor(inventory, fund, nav), profit);
      if (best.value < this.config.minProfit) return;
      const proceeds = pool.quoteOut(pool.base, best.x);
      this.blocked = undefined;
      this.busy = true;
      ctx.log('arb-sell', { shares: whole(best.x, sd), proceeds: whole(proceeds, cd), spot, nav });
      ctx.submit<bigint>(swap(pool.id, pool.base, best.x, { minAmountOut: this.minOut(proceeds), priorityFee: this.config.priorityFee }), (result) => {
        if (!result.ok || typeof result.value !== 'bigint' || !this.config.replenish) {
          this.busy = false;
          return;
        }
        const cash = result.value;
        ctx.submit(subscribeToFund(fund.id, cash), (subscribed) => {
          this.busy = false;
          if (subscribed.ok) ctx.log('arb-subscribe', { cash: whole(cash, cd) });
          this.recordTiedUp(ctx, fund);
        });
      });
      return;
    }

    // Nothing to sell: subscribe (once at a time) what the pool could absorb now, and sell the
    // shares when they are minted if the premium is still there.
    if (fund.myRequests().some((r) => r.kind === 'subscription')) return;
    const cash = this.budget(ctx, fund);
    if (cash <= 0n) return this.block(ctx, 'no capital', spot, nav);
    const affordable = units((whole(cash, cd) * (1 - fund.subscriptionFee)) / nav, sd);
    const best = argmax(affordable, profit);
    if (best.value < this.config.minProfit) return;
    let subscription = units((whole(best.x, sd) * nav) / (1 - fund.subscriptionFee), cd);
    if (subscription > cash) subscription = cash;
    this.blocked = undefined;
    this.busy = true;
    ctx.log('arb-subscribe', { cash: whole(subscription, cd), spot, nav });
    ctx.submit(subscribeToFund(fund.id, subscription), () => {
      this.busy = false;
      this.recordTiedUp(ctx, fund);
    });
  }

  /**
   * When a redemption of `mine` shares asked now would be paid in full: the first dealing date
   * after the notice period, plus one period per extra window the queue ahead (and its own
   * shares) needs when a gate or the fund's cash caps each window. Conservative: the fund may
   * also draw cash from its assets, which it cannot see.
   */
  private settlement(fund: FundDetailView, nav: number, mine: number): number {
    const first = fund.firstDealingFor('redemption');
    const gate = fund.gate();
    const supply = fund.supply();
    const byGate = gate ? gate.maxShareOfNav * supply : Infinity;
    const byCash = fund.cash() / nav;
    const perWindow = Math.min(byGate, byCash);
    const total = fund.queue().redemptionShares + mine;
    if (total <= perWindow) return first;
    if (!(perWindow > 0)) return Infinity;
    return first + (Math.ceil(total / perWindow) - 1) * fund.dealingPeriodMs;
  }

  private budget(ctx: AgentContext, fund: FundDetailView): bigint {
    const cash = ctx.view(WALLET).balance(fund.cashToken);
    const max = this.config.maxTradeSize === undefined ? cash : units(this.config.maxTradeSize, fund.cashDecimals);
    return cash < max ? cash : max;
  }

  /** Shares it may sell in one trade (maxTradeSize is in cash: converted at NAV). */
  private sharesFor(inventory: bigint, fund: FundDetailView, nav: number): bigint {
    if (this.config.maxTradeSize === undefined) return inventory;
    const max = units(this.config.maxTradeSize / nav, fund.shareDecimals);
    return inventory < max ? inventory : max;
  }

  private minOut(quoted: bigint): bigint {
    const keep = BigInt(Math.round((1 - this.config.slippage) * 1e6));
    return (quoted * keep) / 1_000_000n;
  }

  private block(ctx: AgentContext, reason: string, spot: number, nav: number, waitMs?: number): void {
    if (this.blocked === reason) return;
    this.blocked = reason;
    ctx.log('arb-blocked', { reason, spot, nav, ...(waitMs === undefined ? {} : { waitDays: Number.isFinite(waitMs) ? waitMs / DAY : null }) });
  }

  private recordTiedUp(ctx: AgentContext, fund: FundDetailView): void {
    const nav = fund.navPerShare();
    let tied = 0;
    for (const r of fund.myRequests()) tied += r.kind === 'redemption' ? r.amount * nav : r.amount;
    ctx.record('capital-tied-up', tied);
  }
}

export const mintRedeemKind = agentKind({
  description: 'Buys below NAV on the AMM and redeems at the fund; subscribes at the fund and sells above NAV',
  config,
  create: (cfg) => new MintRedeemArbitrageur(cfg),
});
