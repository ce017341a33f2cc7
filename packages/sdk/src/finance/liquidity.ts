import type { Action } from '../action';
import { defineTopic } from '../keys';

/**
 * Deposit liquidity into an AMM pool (on-chain, Uniswap V2 router semantics): the pool takes
 * `baseAmount` and `quoteAmount` (base units) at its current ratio, as much of each as the
 * other allows, and mints LP tokens to the sender; what does not fit the ratio stays in the
 * wallet. Reverts below the optional minimums (slippage protection).
 */
export interface AddLiquidityAction extends Action {
  readonly kind: 'amm.add-liquidity';
  readonly pool: string;
  readonly baseAmount: bigint;
  readonly quoteAmount: bigint;
  readonly minBase?: bigint;
  readonly minQuote?: bigint;
}

/**
 * Burn LP tokens for the pool's tokens at the current reserves (on-chain). `liquidity` is in
 * LP base units (18 decimals), or `'all'` for the sender's whole position as it stands when
 * the transaction runs.
 */
export interface RemoveLiquidityAction extends Action {
  readonly kind: 'amm.remove-liquidity';
  readonly pool: string;
  readonly liquidity: bigint | 'all';
  readonly minBase?: bigint;
  readonly minQuote?: bigint;
}

/** What came of an add or a remove: amounts moved (base units) and LP tokens minted or burned. */
export interface LiquidityResult {
  readonly base: bigint;
  readonly quote: bigint;
  readonly liquidity: bigint;
}

export function addLiquidity(
  pool: string,
  baseAmount: bigint,
  quoteAmount: bigint,
  options: { minBase?: bigint; minQuote?: bigint; priorityFee?: number } = {},
): AddLiquidityAction {
  return { kind: 'amm.add-liquidity', pool, baseAmount, quoteAmount, ...options };
}

export function removeLiquidity(
  pool: string,
  liquidity: bigint | 'all',
  options: { minBase?: bigint; minQuote?: bigint; priorityFee?: number } = {},
): RemoveLiquidityAction {
  return { kind: 'amm.remove-liquidity', pool, liquidity, ...options };
}

/**
 * Liquidity was added to or removed from a pool. Amounts are whole tokens (for decisions; the
 * ledger is exact); reserves and depth are the pool's after the change.
 */
export interface LiquidityEvent {
  readonly pool: string;
  readonly provider: string;
  readonly change: 'added' | 'removed';
  /** Tokens moved into (added) or out of (removed) the pool. */
  readonly base: number;
  readonly quote: number;
  /** LP tokens minted or burned (whole LP tokens, 18 decimals). */
  readonly liquidity: number;
  /** The provider's share of the pool after the change, in [0, 1]. */
  readonly shareAfter: number;
  readonly reserves: { readonly base: number; readonly quote: number };
  /** Pool value in the quote token after the change (see {@link LpPositionView}). */
  readonly depth: number;
  readonly price: number;
}
export const LIQUIDITY = defineTopic<LiquidityEvent>('amm.liquidity');

/** One provider's stake in a pool, valued at what burning it now would pay. */
export interface LpPositionView {
  /** LP tokens held, base units (18 decimals). */
  readonly liquidity: bigint;
  /** Share of the pool's LP supply, in [0, 1]. */
  readonly share: number;
  /** Tokens a burn of the whole position would pay now, whole tokens. */
  readonly base: number;
  readonly quote: number;
  /** base x spot price + quote, in whole quote tokens. */
  readonly value: number;
}
