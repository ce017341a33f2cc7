import {
  AMM_POOLS,
  type AddLiquidityAction,
  type AmmPoolView,
  LIQUIDITY,
  type LiquidityEvent,
  type LiquidityResult,
  type LpPositionView,
  type RemoveLiquidityAction,
  type SwapAction,
  TRADES,
  type TradeEvent,
} from '@paradox/sdk';
import { RevertError } from '../errors';
import { type PairTokenIndex, type UniswapV2Pair, quote } from '../amm';
import type { World } from '../world/world';

/**
 * Called after every trade on a pool, inside the transaction (the world's own wiring, not
 * agents), with the exact amounts in base units besides the event agents see.
 */
export type TradeListener = (pool: AmmMarket, trade: TradeEvent, amountIn: bigint, amountOut: bigint) => void;

/** LP tokens of a Uniswap V2 pair have 18 decimals. */
const LP_UNIT = 1e18;

/**
 * A Uniswap V2 pair placed in the world: its tokens live in the ledger under the pool's address
 * and the pair's reserves always equal those balances. Agents trade through the `amm.swap`
 * action and read pools through the `amm.pools` view; every trade is logged, recorded as the
 * series `price.amm.<id>`, and published on the `amm.trade` topic.
 *
 * Liquidity providers add and remove liquidity through `amm.add-liquidity` and
 * `amm.remove-liquidity` (the router's semantics; LP tokens are booked by the pair); each change
 * is published on `amm.liquidity` and recorded as the series `amm.reserves.<id>.<token>` and
 * `amm.depth.<id>` (the pool's value in its quote token), with the state before the first change
 * recorded at the same instant so that a chart starts from it.
 */
export class AmmMarket {
  readonly address: string;
  /** Time of the last trade (ms). */
  lastTradeMs = 0;
  private readonly listeners: TradeListener[] = [];
  private readonly liquidityListeners: (() => void)[] = [];
  private depthRecorded = false;
  /** Series of the pool's price, a point per trade. */
  private readonly priceSeries: string;

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
    this.priceSeries = `price.amm.${id}`;
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
    this.world.recorder.point(this.world.kernel.now, this.priceSeries, priceAfter);
    for (const listener of this.listeners) listener(this, trade, amountIn, out);
    return out;
  }

  onTrade(listener: TradeListener): void {
    this.listeners.push(listener);
  }

  /** Called after every liquidity change made through the actions (reserves moved without a trade). */
  onLiquidity(listener: () => void): void {
    this.liquidityListeners.push(listener);
  }

  /**
   * Router `addLiquidity` for `provider`: takes as much of the desired amounts as the current
   * ratio allows (all of both into an empty pool), refusing below the minimums, and mints LP
   * tokens to the provider. Everything is checked before the pair changes.
   */
  provide(provider: string, baseDesired: bigint, quoteDesired: bigint, minBase = 0n, minQuote = 0n): LiquidityResult {
    const { reserve0, reserve1 } = this.pair;
    let base = baseDesired;
    let quoteAmount = quoteDesired;
    if (baseDesired < 0n || quoteDesired < 0n) throw new RevertError('model: negative amount');
    if (reserve0 !== 0n || reserve1 !== 0n) {
      const quoteOptimal = quote(baseDesired, reserve0, reserve1);
      if (quoteOptimal <= quoteDesired) {
        if (quoteOptimal < minQuote) throw new RevertError('UniswapV2Router: INSUFFICIENT_B_AMOUNT');
        quoteAmount = quoteOptimal;
      } else {
        const baseOptimal = quote(quoteDesired, reserve1, reserve0);
        if (baseOptimal < minBase) throw new RevertError('UniswapV2Router: INSUFFICIENT_A_AMOUNT');
        base = baseOptimal;
      }
    }
    const ledger = this.world.ledger;
    if (ledger.balanceOf(this.base, provider) < base) throw new RevertError(`${this.base}: transfer amount exceeds balance`);
    if (ledger.balanceOf(this.quote, provider) < quoteAmount) throw new RevertError(`${this.quote}: transfer amount exceeds balance`);
    this.recordDepthBaseline();
    // The ledger moves first; if the pair refuses the mint, the transaction's rollback undoes them.
    ledger.transfer(this.base, provider, this.address, base);
    ledger.transfer(this.quote, provider, this.address, quoteAmount);
    const liquidity = this.pair.mint(provider, base, quoteAmount, this.nowSec());
    this.liquidityChanged(provider, 'added', base, quoteAmount, liquidity);
    return { base, quote: quoteAmount, liquidity };
  }

  /**
   * Router `removeLiquidity` for `provider`: burns `liquidity` LP tokens (or all it holds) for
   * the pool's tokens at the current reserves, refusing below the minimums.
   */
  withdraw(provider: string, liquidity: bigint | 'all', minBase = 0n, minQuote = 0n): LiquidityResult {
    const amount = liquidity === 'all' ? this.pair.balanceOf(provider) : liquidity;
    if (amount === 0n) throw new RevertError('no liquidity to remove');
    this.recordDepthBaseline();
    const out = this.pair.removeLiquidity(provider, amount, this.nowSec(), minBase, minQuote);
    const ledger = this.world.ledger;
    ledger.transfer(this.base, this.address, provider, out.amount0);
    ledger.transfer(this.quote, this.address, provider, out.amount1);
    this.liquidityChanged(provider, 'removed', out.amount0, out.amount1, amount);
    return { base: out.amount0, quote: out.amount1, liquidity: amount };
  }

  /** Pool value in whole quote tokens: base x spot + quote = 2 x the quote reserve. */
  depth(): number {
    return 2 * this.world.ledger.toNumber(this.quote, this.pair.reserve1);
  }

  /** `holder`'s LP stake, valued at what burning it now would pay (the pair's floor division). */
  lpPosition(holder: string): LpPositionView {
    const liquidity = this.pair.balanceOf(holder);
    const supply = this.pair.totalSupply;
    if (liquidity === 0n || supply === 0n) return { liquidity, share: 0, base: 0, quote: 0, value: 0 };
    const ledger = this.world.ledger;
    const base = ledger.toNumber(this.base, (liquidity * this.pair.balance0) / supply);
    const quoteAmount = ledger.toNumber(this.quote, (liquidity * this.pair.balance1) / supply);
    const price = this.spotPrice();
    return { liquidity, share: Number(liquidity) / Number(supply), base, quote: quoteAmount, value: base * price + quoteAmount };
  }

  private liquidityChanged(provider: string, change: 'added' | 'removed', base: bigint, quoteAmount: bigint, liquidity: bigint): void {
    const ledger = this.world.ledger;
    for (const listener of this.liquidityListeners) listener();
    const reserves = { base: ledger.toNumber(this.base, this.pair.reserve0), quote: ledger.toNumber(this.quote, this.pair.reserve1) };
    const event: LiquidityEvent = {
      pool: this.id,
      provider,
      change,
      base: ledger.toNumber(this.base, base),
      quote: ledger.toNumber(this.quote, quoteAmount),
      liquidity: Number(liquidity) / LP_UNIT,
      shareAfter: this.pair.totalSupply === 0n ? 0 : Number(this.pair.balanceOf(provider)) / Number(this.pair.totalSupply),
      reserves,
      depth: this.depth(),
      price: this.spotPrice(),
    };
    this.world.emit(LIQUIDITY.topic, provider, event);
    this.recordDepth();
  }

  private recordDepthBaseline(): void {
    if (this.depthRecorded) return;
    this.depthRecorded = true;
    this.recordDepth();
  }

  private recordDepth(): void {
    const { recorder, kernel, ledger } = this.world;
    const t = kernel.now;
    recorder.point(t, `amm.reserves.${this.id}.${this.base}`, ledger.toNumber(this.base, this.pair.reserve0));
    recorder.point(t, `amm.reserves.${this.id}.${this.quote}`, ledger.toNumber(this.quote, this.pair.reserve1));
    recorder.point(t, `amm.depth.${this.id}`, this.depth());
  }

  quoteOut(tokenIn: string, amountIn: bigint): bigint {
    return amountIn <= 0n ? 0n : this.pair.getAmountOut(this.indexOf(tokenIn), amountIn);
  }

  /** The pool as agents read it; `myPosition()` is the LP stake of `caller` (an address). */
  view(caller?: string): AmmPoolView {
    return {
      id: this.id,
      base: this.base,
      quote: this.quote,
      spotPrice: () => this.spotPrice(),
      reserves: () => ({ base: this.pair.reserve0, quote: this.pair.reserve1 }),
      quoteOut: (tokenIn, amountIn) => this.quoteOut(tokenIn, amountIn),
      depth: () => this.depth(),
      totalLiquidity: () => this.pair.totalSupply,
      position: (address) => this.lpPosition(address),
      units: (token, amount) => this.world.ledger.units(this.tokenOf(token), amount),
      myPosition: () => {
        if (caller === undefined) throw new Error(`pool ${this.id}: this view was built for no agent`);
        return this.lpPosition(caller);
      },
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

  private tokenOf(token: string): string {
    if (token !== this.base && token !== this.quote) throw new Error(`pool ${this.id} does not trade ${token}`);
    return token;
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

/**
 * Registers the `amm.swap`, `amm.add-liquidity` and `amm.remove-liquidity` actions and the
 * `amm.pools` view (built per agent, so that `myPosition()` is the caller's) for a set of pools.
 */
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
  const poolOf = (id: string): AmmMarket => {
    const pool = byId.get(id);
    if (!pool) throw new RevertError(`unknown pool "${id}"`);
    return pool;
  };
  world.registerAction<AddLiquidityAction>(
    'amm.add-liquidity',
    (sender, action) => poolOf(action.pool).provide(sender, action.baseAmount, action.quoteAmount, action.minBase ?? 0n, action.minQuote ?? 0n),
    { onChain: true },
  );
  world.registerAction<RemoveLiquidityAction>(
    'amm.remove-liquidity',
    (sender, action) => poolOf(action.pool).withdraw(sender, action.liquidity, action.minBase ?? 0n, action.minQuote ?? 0n),
    { onChain: true },
  );
  // One shared view per pool; each agent's read adds its own myPosition().
  const shared = pools.map((p) => [p, p.view()] as const);
  world.registerView(AMM_POOLS.view, (agentId) => {
    const address = world.addressOf(agentId);
    return new Map(shared.map(([p, view]) => [p.id, { ...view, myPosition: () => p.lpPosition(address) }] as const));
  });
  return byId;
}
