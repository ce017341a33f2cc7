import {
  type Agent,
  type AgentContext,
  AMM_POOLS,
  type AmmPoolView,
  HOUR,
  INDEXES,
  INDEX_FLOWS,
  type IndexView,
  ORACLES,
  TRADES,
  WALLET,
  agentKind,
  mintIndex,
  redeemIndex,
  swap,
  z,
} from '@paradox/sdk';
import { argmax, units, whole } from './search';
import { LookOnce } from './look-once';

const config = z
  .object({
    /** The AMM pool trading the index token against a cash token. */
    pool: z.string(),
    /** The index vault that mints (basket in) and redeems (basket out) the token. */
    index: z.string(),
    /** Edge required beyond the pool's fee and slippage, as a fraction of NAV (0.005 = 0.5%). */
    threshold: z.number().min(0).default(0.005),
    /** Least profit worth a trade, in whole cash tokens. */
    minProfit: z.number().min(0).default(10),
    /** Largest amount of cash (whole tokens) put into one purchase; default all it holds. */
    maxTradeSize: z.number().positive().optional(),
    /**
     * Where it reads the index's value: omitted, the index's NAV at the funds' own NAVs (what a
     * sponsor's authorised participant knows); or an oracle feed id (what a bot reading chain knows,
     * stale or wrong with it).
     */
    navOracle: z.string().optional(),
    /**
     * The cash token's dollar price, by oracle feed id (a stablecoin off its peg): the index is
     * worth NAV / peg cash tokens. Omitted, cash is worth exactly one dollar.
     */
    pegOracle: z.string().optional(),
    /**
     * Pools (by constituent token) on which it sells the basket it redeems, in the same block as
     * the redemption lands. Given, it values a share below NAV at what selling its basket there
     * would pay (slippage included), not at NAV: the arbitrage then runs through the
     * constituents' markets.
     */
    sellBasketOn: z.record(z.string(), z.string()).optional(),
    /** `redeem`: only buy below NAV and redeem; `mint`: only mint and sell above it. */
    sides: z.enum(['both', 'redeem', 'mint']).default('both'),
    /** Slippage protection: least output accepted, as a share of the quoted output's complement. */
    slippage: z.number().min(0).max(1).default(0.01),
    priorityFee: z.number().min(0).default(0),
    /** Also look every this many hours (0: only on trades and index flows). */
    checkEveryHours: z.number().min(0).default(0),
  })
  .strict();

export type IndexArbConfig = z.output<typeof config>;

/**
 * The creation/redemption arbitrage of an index token (an ETF's authorised participant). Below
 * NAV (by more than `threshold`) it buys the token on the AMM and redeems it for the basket;
 * above NAV it mints tokens from basket it holds (and sells tokens it holds) into the pool. Trades
 * are sized to maximise profit against the pool's exact quotes, so the pool is left near NAV as
 * long as its capital (cash below NAV, basket above) lasts.
 *
 * It keeps the basket it redeems: the constituents are fund tokens valued at NAV and redeemed at
 * the funds on their own slow clock, outside this agent. When minting and redeeming are paused it
 * does nothing (logged once): the index then has no arbitrage tying it to its NAV.
 */
export class IndexArbitrageur implements Agent {
  private busy = false;
  private readonly look = new LookOnce('its look at the index price vs NAV');
  private blocked: string | undefined;

  constructor(private readonly config: IndexArbConfig) {}

  start(ctx: AgentContext): void {
    const { pool, index } = this.config;
    ctx.on(TRADES, (e) => e.pool === pool && this.soon(ctx));
    ctx.on(INDEX_FLOWS, (e) => e.index === index && this.soon(ctx));
    if (this.config.checkEveryHours > 0) ctx.every(this.config.checkEveryHours * HOUR, () => this.soon(ctx));
    ctx.schedule(0, () => this.soon(ctx), 'its first look');
  }

  private soon(ctx: AgentContext): void {
    this.look.ask(ctx, () => this.evaluate(ctx));
  }

  /** The index's value in the pool's cash token, by whatever the config says it trusts. */
  private value(ctx: AgentContext, index: IndexView): number {
    const oracles = this.config.navOracle || this.config.pegOracle ? ctx.view(ORACLES) : undefined;
    let nav = index.navPerShare();
    if (this.config.navOracle) {
      const feed = oracles!.get(this.config.navOracle);
      if (!feed) throw new Error(`index-arb: no oracle "${this.config.navOracle}" in this world`);
      nav = feed.price();
    }
    if (this.config.pegOracle) {
      const feed = oracles!.get(this.config.pegOracle);
      if (!feed) throw new Error(`index-arb: no oracle "${this.config.pegOracle}" in this world`);
      nav /= feed.price();
    }
    return nav;
  }

  private evaluate(ctx: AgentContext): void {
    if (this.busy) return;
    const pool = ctx.view(AMM_POOLS).get(this.config.pool);
    if (!pool) throw new Error(`index-arb: no pool "${this.config.pool}" in this world`);
    const index = ctx.view(INDEXES).get(this.config.index);
    if (!index) throw new Error(`index-arb: no index "${this.config.index}" in this world`);
    if (pool.base !== index.shareToken) throw new Error(`index-arb: pool ${pool.id} trades ${pool.base}, index ${index.id} is ${index.shareToken}`);
    // Selling the basket on pools, a share is worth what its basket fetches there (both ways:
    // the basket it would mint from could be sold for that much instead).
    const nav = this.config.sellBasketOn ? this.basketQuote(ctx, index, 10n ** BigInt(index.shareDecimals)) : this.value(ctx, index);
    const spot = pool.spotPrice();
    if (!(nav > 0) || !(spot > 0)) return;
    if (!index.mintRedeemOpen()) return this.block(ctx, 'mint and redeem paused', spot, nav);
    // Inside the threshold no trade can pay (the pool's marginal price is already at the value):
    // most looks end here, without a search.
    const edge = this.config.threshold;
    if (spot < nav * (1 - edge) && this.config.sides !== 'mint') this.discount(ctx, pool, index, nav, spot);
    else if (spot > nav * (1 + edge) && this.config.sides !== 'redeem') this.premium(ctx, pool, index, nav, spot);
  }

  /** Below NAV: buy the token on the AMM, then redeem it for the basket. */
  private discount(ctx: AgentContext, pool: AmmPoolView, index: IndexView, nav: number, spot: number): void {
    const cd = this.cashDecimals(pool);
    const sd = index.shareDecimals;
    const held = ctx.view(WALLET).balance(pool.quote);
    const max = this.config.maxTradeSize === undefined ? held : units(this.config.maxTradeSize, cd);
    const cash = held < max ? held : max;
    if (cash <= 0n) return this.block(ctx, 'no cash', spot, nav);
    const perShare = nav * (1 - this.config.threshold);
    // Profit is concave in the size: if the first dollar does not pay, no trade does (the fee included).
    const margin = whole(pool.quoteOut(pool.quote, units(1, cd)), sd) * perShare - 1;
    if (margin <= 0) return;
    // Cash that takes the price from spot to the value is at most quote reserve x (value / spot - 1);
    // the profit is at most the first dollar's margin times that.
    const needed = whole(pool.reserves().quote, cd) * (perShare / spot - 1);
    if (margin * Math.min(needed, whole(cash, cd)) < this.config.minProfit) return;
    const bound = units(needed, cd) + 1n;
    const worth = this.config.sellBasketOn
      ? (shares: bigint) => this.basketQuote(ctx, index, shares) * (1 - this.config.threshold)
      : (shares: bigint) => whole(shares, sd) * perShare;
    const best = coarseArgmax(cash < bound ? cash : bound, cd, (x) => worth(pool.quoteOut(pool.quote, x)) - whole(x, cd));
    if (best.value < this.config.minProfit) return;
    const shares = pool.quoteOut(pool.quote, best.x);
    this.blocked = undefined;
    this.busy = true;
    ctx.log('index-arb-buy', { spend: whole(best.x, cd), shares: whole(shares, sd), spot, nav });
    ctx.submit<bigint>(swap(pool.id, pool.quote, best.x, { minAmountOut: this.minOut(shares), priorityFee: this.config.priorityFee }), (result) => {
      if (!result.ok || typeof result.value !== 'bigint') {
        this.busy = false;
        return;
      }
      const bought = result.value;
      ctx.submit<readonly bigint[]>(redeemIndex(index.id, bought, { priorityFee: this.config.priorityFee }), (redeemed) => {
        if (redeemed.ok) ctx.log('index-arb-redeem', { shares: whole(bought, sd) });
        else ctx.log('index-arb-stuck', { shares: whole(bought, sd), reason: redeemed.reason });
        if (redeemed.ok && this.config.sellBasketOn) return this.sellBasket(ctx, index, redeemed.value);
        this.busy = false;
        this.soon(ctx);
      });
    });
  }

  /** Sells the redeemed constituents on their pools, all in the next block. */
  private sellBasket(ctx: AgentContext, index: IndexView, amounts: readonly bigint[]): void {
    const pools = ctx.view(AMM_POOLS);
    let pending = 0;
    const done = () => {
      if (--pending > 0) return;
      this.busy = false;
      this.soon(ctx);
    };
    index.components.forEach((c, i) => {
      const id = this.config.sellBasketOn![c.token];
      const pool = id === undefined ? undefined : pools.get(id);
      const amount = amounts[i] ?? 0n;
      if (!pool || amount <= 0n) return;
      pending++;
      ctx.submit(swap(pool.id, c.token, amount, { minAmountOut: this.minOut(pool.quoteOut(c.token, amount)), priorityFee: this.config.priorityFee }), done);
    });
    if (pending === 0) {
      this.busy = false;
      this.soon(ctx);
    }
  }

  /**
   * What the basket behind `shares` index shares would fetch now on the `sellBasketOn` pools,
   * whole cash tokens (constituents without a pool count at nothing).
   */
  private basketQuote(ctx: AgentContext, index: IndexView, shares: bigint): number {
    const pools = ctx.view(AMM_POOLS);
    let total = 0;
    for (const c of index.components) {
      const id = this.config.sellBasketOn![c.token];
      const pool = id === undefined ? undefined : pools.get(id);
      if (!pool) continue;
      const amount = (shares * c.unitsPerShare) / 10n ** BigInt(index.shareDecimals);
      total += whole(pool.quoteOut(c.token, amount), this.cashDecimals(pool));
    }
    return total;
  }

  /** Above NAV: sell tokens it holds and tokens it mints from its basket, in one block. */
  private premium(ctx: AgentContext, pool: AmmPoolView, index: IndexView, nav: number, spot: number): void {
    const cd = this.cashDecimals(pool);
    const sd = index.shareDecimals;
    const wallet = ctx.view(WALLET);
    const inventory = wallet.balance(index.shareToken);
    const mintable = this.mintable(index, (token) => wallet.balance(token));
    if (inventory + mintable <= 0n) return this.block(ctx, 'no basket', spot, nav);
    const costPerShare = nav * (1 + this.config.threshold);
    const margin = whole(pool.quoteOut(pool.base, units(1, sd)), cd) - costPerShare;
    if (margin <= 0) return;
    const needed = whole(pool.reserves().base, sd) * (spot / costPerShare - 1);
    if (margin * Math.min(needed, whole(inventory + mintable, sd)) < this.config.minProfit) return;
    const bound = units(needed, sd) + 1n;
    const best = coarseArgmax(inventory + mintable < bound ? inventory + mintable : bound, sd, (s) => whole(pool.quoteOut(pool.base, s), cd) - whole(s, sd) * costPerShare);
    if (best.value < this.config.minProfit) return;
    const proceeds = pool.quoteOut(pool.base, best.x);
    const toMint = best.x > inventory ? best.x - inventory : 0n;
    this.blocked = undefined;
    this.busy = true;
    ctx.log('index-arb-sell', { shares: whole(best.x, sd), minted: whole(toMint, sd), proceeds: whole(proceeds, cd), spot, nav });
    const fee = { priorityFee: this.config.priorityFee };
    // Same sender, same fee: the mint is ordered before the sale in the next block.
    if (toMint > 0n) ctx.submit(mintIndex(index.id, toMint, fee), (minted) => !minted.ok && ctx.log('index-arb-stuck', { minted: whole(toMint, sd), reason: minted.reason }));
    ctx.submit(swap(pool.id, pool.base, best.x, { minAmountOut: this.minOut(proceeds), ...fee }), () => {
      this.busy = false;
      this.soon(ctx);
    });
  }

  /** Whole index shares its basket mints: the scarcest constituent decides (deposits round up). */
  private mintable(index: IndexView, balance: (token: string) => bigint): bigint {
    let shares: bigint | undefined;
    for (const c of index.components) {
      const n = (balance(c.token) * 10n ** BigInt(index.shareDecimals)) / c.unitsPerShare;
      if (shares === undefined || n < shares) shares = n;
    }
    return shares ?? 0n;
  }

  private cashDecimals(pool: AmmPoolView): number {
    // One whole cash token in base units tells its decimals.
    return String(pool.units(pool.quote, 1)).length - 1;
  }

  private minOut(quoted: bigint): bigint {
    const keep = BigInt(Math.round((1 - this.config.slippage) * 1e6));
    return (quoted * keep) / 1_000_000n;
  }

  private block(ctx: AgentContext, reason: string, spot: number, nav: number): void {
    if (this.blocked === reason) return;
    this.blocked = reason;
    ctx.log('arb-blocked', { reason, spot, nav });
  }
}

/**
 * `argmax` on a grid of a millionth of a whole token (the search costs the log of the range, and
 * finer sizes change the profit by less than a millionth of the price).
 */
function coarseArgmax(hi: bigint, decimals: number, f: (x: bigint) => number): { x: bigint; value: number } {
  const step = decimals > 6 ? 10n ** BigInt(decimals - 6) : 1n;
  const best = argmax(hi / step, (k) => f(k * step));
  return { x: best.x * step, value: best.value };
}

export const indexArbKind = agentKind({
  description: 'Buys an index token below NAV and redeems it for the basket; mints from the basket and sells above NAV',
  config,
  create: (cfg) => new IndexArbitrageur(cfg),
});
