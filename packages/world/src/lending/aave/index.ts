export { AavePool } from './aave-pool';
export type {
  AavePoolConfig,
  LiquidatablePosition,
  LiquidationResult,
  PositionView,
  PriceSource,
  ReserveView,
  TokenLedger,
  UserAccountData,
} from './aave-pool';
export { BreakerSet, DivergenceBreaker, PauseGuard, RateLimitGuard, StalenessBreaker } from './circuit-breakers';
export type { BorrowContext, CircuitBreaker, DivergenceBreakerOptions, LiquidationContext, RateLimitOptions, StalenessBreakerOptions } from './circuit-breakers';
export {
  BASE_CURRENCY_DECIMALS,
  CLOSE_FACTOR_HF_THRESHOLD,
  DEBT_CEILING_DECIMALS,
  DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  HEALTH_FACTOR_LIQUIDATION_THRESHOLD,
  MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  MIN_LEFTOVER_BASE,
} from './constants';
export { bpsToRay, calculateInterestRates, validateInterestRateData } from './interest-rate-strategy';
export type { CalculateInterestRatesParams, InterestRateData, InterestRates } from './interest-rate-strategy';
export { AAVE_V3_3_LIQUIDATION_RULES, calculateAvailableCollateralToLiquidate, leavesNoDust, maxLiquidatableDebt } from './liquidation-math';
export type { AvailableCollateral, AvailableCollateralParams, LiquidationRules, MaxLiquidatableDebtParams } from './liquidation-math';
export { calculateCompoundedInterest, calculateLinearInterest, SECONDS_PER_YEAR } from './math-utils';
export { HALF_PERCENTAGE_FACTOR, PERCENTAGE_FACTOR, percentDiv, percentDivCeil, percentMul, percentMulCeil } from './percentage-math';
export { DEFAULT_RATES, normalizeReserveConfig } from './reserve-config';
export type { ReserveConfig, ReserveInput } from './reserve-config';
export { ReserveState } from './reserve-state';
export type { ReserveSnapshot } from './reserve-state';
export {
  HALF_RAY,
  HALF_WAD,
  MAX_UINT256,
  RAY,
  rayDiv,
  rayDivCeil,
  rayDivFloor,
  rayMul,
  rayMulCeil,
  rayMulFloor,
  rayToWad,
  WAD,
  WAD_RAY_RATIO,
  wadDiv,
  wadMul,
  wadToRay,
} from './wad-ray-math';
