import type { Action } from '../action';

/** Swap an exact amount in on an AMM pool (base units), requiring at least `minAmountOut`. */
export interface SwapAction extends Action {
  readonly kind: 'amm.swap';
  readonly pool: string;
  readonly tokenIn: string;
  readonly amountIn: bigint;
  readonly minAmountOut?: bigint;
}

/**
 * Liquidate `borrower` on `market`, repaying up to `debtToCover` (base units; omitted = as much
 * as the market allows). `expectedDebt` makes the transaction revert if the position changed
 * since the liquidator looked (another bot got there first): bots simulate before they send.
 * With `sellOn`, the seized collateral is sold on that pool in the same transaction.
 */
export interface LiquidateAction extends Action {
  readonly kind: 'lending.liquidate';
  readonly market: string;
  readonly borrower: string;
  readonly debtToCover?: bigint;
  readonly expectedDebt?: bigint;
  readonly sellOn?: string;
  /** Funded by a flash loan: the liquidator needs no capital, repays from the sale. */
  readonly flashLoan?: boolean;
}

/** Redeem fund shares at NAV (an off-chain request to the fund's transfer agent). */
export interface RedeemAction extends Action {
  readonly kind: 'fund.redeem';
  readonly fund: string;
  readonly shares: bigint;
}

/** Subscribe cash to a fund at NAV. */
export interface SubscribeAction extends Action {
  readonly kind: 'fund.subscribe';
  readonly fund: string;
  readonly cash: bigint;
}

export function swap(pool: string, tokenIn: string, amountIn: bigint, options: { minAmountOut?: bigint; priorityFee?: number } = {}): SwapAction {
  return { kind: 'amm.swap', pool, tokenIn, amountIn, ...options };
}

export function liquidate(market: string, borrower: string, options: Omit<LiquidateAction, 'kind' | 'market' | 'borrower'> = {}): LiquidateAction {
  return { kind: 'lending.liquidate', market, borrower, ...options };
}

/** Push a new answer to an oracle feed (only its authorised reporters may). Price in whole quote units. */
export interface PushPriceAction extends Action {
  readonly kind: 'oracle.push';
  readonly feed: string;
  readonly price: number;
}

export function pushPrice(feed: string, price: number, options: { priorityFee?: number } = {}): PushPriceAction {
  return { kind: 'oracle.push', feed, price, ...options };
}

/** Ask a TWAP feed to take a new average from its accumulator (permissionless). */
export interface PokeOracleAction extends Action {
  readonly kind: 'oracle.poke';
  readonly feed: string;
}

export function pokeOracle(feed: string, options: { priorityFee?: number } = {}): PokeOracleAction {
  return { kind: 'oracle.poke', feed, ...options };
}
