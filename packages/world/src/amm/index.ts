export { LpToken } from './lp-token';
export {
  BPS,
  MAX_UINT112,
  Q112,
  accumulatePrice,
  getAmountIn,
  getAmountOut,
  quote,
  sqrt,
  twapFromCumulatives,
} from './uniswap-v2-math';
export { UniswapV2Pair, ZERO_ADDRESS } from './uniswap-v2-pair';
export type {
  AddLiquidityResult,
  CumulativePrices,
  PairAmounts,
  PairReserves,
  PairTokenIndex,
  UniswapV2PairConfig,
} from './uniswap-v2-pair';
export {
  FEE_DENOMINATOR,
  MAX_A,
  MAX_ADMIN_FEE,
  MAX_FEE,
  PRECISION,
  getD,
  getY,
  getYD,
} from './stableswap-math';
export { StableSwapPool } from './stableswap-pool';
export type { StableSwapPoolConfig } from './stableswap-pool';
