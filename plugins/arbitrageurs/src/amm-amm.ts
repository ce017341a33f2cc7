import { type Agent, type AgentContext, AMM_POOLS, type AmmPoolView, HOUR, TRADES, WALLET, agentKind, swap, z } from '@paradox/sdk';
import { argmax } from './search';
import { LookOnce } from './look-once';

const config = z
  .object({
    /** Two pools of the same pair (same base and quote tokens). */
    pools: z.tuple([z.string(), z.string()]),
    /** Edge required beyond the pools' fees, as a fraction of the cash put in (0.001 = 0.1%). */
    threshold: z.number().min(0).default(0),
    /** Least profit worth a trade, in whole quote tokens. */
    minProfit: z.number().min(0).default(1),
    /** Largest amount of quote (whole tokens) put into one trade; default all it holds. */
    maxTradeSize: z.number().positive().optional(),
    /** Slippage protection: least output accepted, as a share of the quoted output's complement. */
    slippage: z.number().min(0).max(1).default(0.01),
    priorityFee: z.number().min(0).default(0),
    /** Also look every this many hours (0: only after trades on either pool). */
    checkEveryHours: z.number().min(0).default(0),
  })
  .strict();

export type AmmAmmConfig = z.output<typeof config>;

/**
 * Arbitrage between two pools of one pair. After a trade on either, it buys the base token
 * where it is cheap and sells it where it is dear, sized to maximise the profit against both
 * pools' exact quotes (fees and slippage included), limited by its quote tokens. If it already
 * holds enough of the base token, both legs are sent at once and land in the same block;
 * otherwise it buys first and sells what it received once the purchase has landed.
 */
export class AmmArbitrageur implements Agent {
  private busy = 0;
  private readonly look = new LookOnce('its look at the two pools');

  constructor(private readonly config: AmmAmmConfig) {}

  start(ctx: AgentContext): void {
    const [a, b] = this.config.pools;
    ctx.on(TRADES, (e) => (e.pool === a || e.pool === b) && this.soon(ctx));
    if (this.config.checkEveryHours > 0) ctx.every(this.config.checkEveryHours * HOUR, () => this.soon(ctx));
    ctx.schedule(0, () => this.soon(ctx), 'its first look');
  }

  private soon(ctx: AgentContext): void {
    this.look.ask(ctx, () => this.evaluate(ctx));
  }

  private evaluate(ctx: AgentContext): void {
    if (this.busy > 0) return;
    const pools = ctx.view(AMM_POOLS);
    const [idA, idB] = this.config.pools;
    const a = pools.get(idA);
    const b = pools.get(idB);
    if (!a || !b) throw new Error(`amm-amm: no pool "${a ? idB : idA}" in this world`);
    if (a.base !== b.base || a.quote !== b.quote) throw new Error(`amm-amm: pools ${a.id} (${a.base}/${a.quote}) and ${b.id} (${b.base}/${b.quote}) are not the same pair`);
    const [cheap, rich] = a.spotPrice() <= b.spotPrice() ? [a, b] : [b, a];
    if (!(rich.spotPrice() > cheap.spotPrice())) return;

    const wallet = ctx.view(WALLET);
    const cash = wallet.balance(a.quote);
    if (cash <= 0n) return;
    // Quote decimals from the wallet (whole = base units / 10^decimals).
    const scale = Number(cash) / wallet.amount(a.quote);
    const budget = this.config.maxTradeSize === undefined ? cash : minBig(cash, BigInt(Math.floor(this.config.maxTradeSize * scale)));
    const profit = (c: bigint) => Number(rich.quoteOut(a.base, cheap.quoteOut(a.quote, c)) - c) - Number(c) * this.config.threshold;
    const best = argmax(budget, profit);
    if (best.value / scale < this.config.minProfit) return;
    const bought = cheap.quoteOut(a.quote, best.x);
    const proceeds = rich.quoteOut(a.base, bought);
    ctx.log('arb-pools', { buyOn: cheap.id, sellOn: rich.id, spend: Number(best.x) / scale, profit: best.value / scale, cheap: cheap.spotPrice(), rich: rich.spotPrice() });

    if (wallet.balance(a.base) >= bought) {
      // Inventory covers the sale: both legs now, in one block.
      this.busy = 2;
      const done = () => {
        this.busy--;
        if (this.busy === 0) this.soon(ctx);
      };
      ctx.submit(swap(rich.id, a.base, bought, { minAmountOut: this.minOut(proceeds), priorityFee: this.config.priorityFee }), done);
      ctx.submit(swap(cheap.id, a.quote, best.x, { minAmountOut: this.minOut(bought), priorityFee: this.config.priorityFee }), done);
      return;
    }
    this.busy = 1;
    ctx.submit<bigint>(swap(cheap.id, a.quote, best.x, { minAmountOut: this.minOut(bought), priorityFee: this.config.priorityFee }), (result) => {
      if (!result.ok || typeof result.value !== 'bigint') {
        this.busy = 0;
        return;
      }
      const got = result.value;
      ctx.submit(swap(rich.id, a.base, got, { minAmountOut: this.minOut(this.quoteNow(ctx, rich.id, a.base, got)), priorityFee: this.config.priorityFee }), () => {
        this.busy = 0;
        this.soon(ctx);
      });
    });
  }

  private quoteNow(ctx: AgentContext, pool: string, tokenIn: string, amount: bigint): bigint {
    return (ctx.view(AMM_POOLS).get(pool) as AmmPoolView).quoteOut(tokenIn, amount);
  }

  private minOut(quoted: bigint): bigint {
    const keep = BigInt(Math.round((1 - this.config.slippage) * 1e6));
    return (quoted * keep) / 1_000_000n;
  }
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export const ammAmmKind = agentKind({
  description: 'Arbitrages two AMM pools of the same pair: buys where cheap, sells where dear',
  config,
  create: (cfg) => new AmmArbitrageur(cfg),
});
