import { AMM_POOLS, type AmmPoolView, type SwapAction, TRADES, type TradeEvent } from '@paradox/sdk';
import { RevertError } from '../errors';
import type { PairTokenIndex, UniswapV2Pair } from '../amm';
import type { World } from '../world/world';

/**
 * Called after every trade on a pool, inside the transaction (the world's own wiring, not
 * agents), with the exact amounts in base units besides the event agents see.
 */
export type TradeListener = (pool: AmmMarket, trade: TradeEvent, amountIn: bigint, amountOut: bigint) => void;

/**
 * A Uniswap V2 pair placed in the world: its tokens live in the ledger under the pool's address
 * and the pair's reserves always equal those balances. Agents trade through the `amm.swap`
 * action and read pools through the `amm.pools` view; every trade is logged, recorded as the
 * series `price.amm.<id>`, and published on the `amm.trade` topic.
 */
export class AmmMarket {
  readonly address: string;
  /** Time of the last trade (ms). */
  lastTradeMs = 0;
  private readonly listeners: TradeListener[] = [];

  constructor(
    private readonly world: World,
    readonly id: string,
    readonly pair: UniswapV2Pair,
    /** token0 of the pair: the asset priced. */
    readonly base: string,
    /** token1 of the pair: what it is priced in. */
    readonly quote: string,
  ) {
    this.address = `amm:${id}`;
  }

  /** Quote per base at the margin, in whole tokens. */
  spotPrice(): number {
    return this.pair.spotPrice(0);
  }

  /** Adds liquidity from `provider`'s wallet (setup or an LP agent's action). */
  addLiquidity(provider: string, baseAmount: bigint, quoteAmount: bigint): bigint {
    const ledger = this.world.ledger;
    ledger.transfer(this.base, provider, this.address, baseAmount);
    ledger.transfer(this.quote, provider, this.address, quoteAmount);
    return this.pair.mint(provider, baseAmount, quoteAmount, this.nowSec());
  }

  /** Sells exactly `amountIn` of `tokenIn` for the other token; returns the amount out. */
  swap(trader: string, tokenIn: string, amountIn: bigint, minAmountOut = 0n): bigint {
    const index = this.indexOf(tokenIn);
    const tokenOut = index === 0 ? this.quote : this.base;
    const ledger = this.world.ledger;
    ledger.transfer(tokenIn, trader, this.address, amountIn);
    const out = this.pair.swapExactIn(index, amountIn, this.nowSec(), minAmountOut);
    ledger.transfer(tokenOut, this.address, trader, out);
    const priceAfter = this.spotPrice();
    this.lastTradeMs = this.world.kernel.now;
    const trade: TradeEvent = {
      pool: this.id,
      trader,
      tokenIn,
      amountIn: ledger.toNumber(tokenIn, amountIn),
      tokenOut,
      amountOut: ledger.toNumber(tokenOut, out),
      priceAfter,
    };
    this.world.emit(TRADES.topic, trader, trade);
    this.world.recorder.point(this.world.kernel.now, `price.amm.${this.id}`, priceAfter);
    for (const listener of this.listeners) listener(this, trade, amountIn, out);
    return out;
  }

  onTrade(listener: TradeListener): void {
    this.listeners.push(listener);
  }

  quoteOut(tokenIn: string, amountIn: bigint): bigint {
    return amountIn <= 0n ? 0n : this.pair.getAmountOut(this.indexOf(tokenIn), amountIn);
  }

  view(): AmmPoolView {
    return {
      id: this.id,
      base: this.base,
      quote: this.quote,
      spotPrice: () => this.spotPrice(),
      reserves: () => ({ base: this.pair.reserve0, quote: this.pair.reserve1 }),
      quoteOut: (tokenIn, amountIn) => this.quoteOut(tokenIn, amountIn),
    };
  }

  /** Reserves equal the ledger balances of the pool's address. */
  audit(): string | undefined {
    const ledger = this.world.ledger;
    const b = ledger.balanceOf(this.base, this.address);
    const q = ledger.balanceOf(this.quote, this.address);
    if (b !== this.pair.balance0 || q !== this.pair.balance1) {
      return `pool ${this.id}: ledger holds ${b}/${q} but the pair books ${this.pair.balance0}/${this.pair.balance1}`;
    }
    return undefined;
  }

  private indexOf(token: string): PairTokenIndex {
    if (token === this.base) return 0;
    if (token === this.quote) return 1;
    throw new RevertError(`pool ${this.id} does not trade ${token}`);
  }

  private nowSec(): number {
    return Math.floor(this.world.kernel.now / 1000);
  }
}

/** Registers the `amm.swap` action and the `amm.pools` view for a set of pools. */
export function installAmmMarkets(world: World, pools: readonly AmmMarket[]): ReadonlyMap<string, AmmMarket> {
  const byId = new Map(pools.map((p) => [p.id, p] as const));
  world.registerAction<SwapAction>(
    'amm.swap',
    (sender, action) => {
      const pool = byId.get(action.pool);
      if (!pool) throw new RevertError(`unknown pool "${action.pool}"`);
      return pool.swap(sender, action.tokenIn, action.amountIn, action.minAmountOut ?? 0n);
    },
    { onChain: true },
  );
  const views = new Map(pools.map((p) => [p.id, p.view()] as const));
  world.registerView(AMM_POOLS.view, () => views);
  return byId;
}
