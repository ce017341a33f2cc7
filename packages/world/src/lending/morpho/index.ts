export {
  LIQUIDATION_CURSOR,
  MAX_FEE,
  MAX_LIQUIDATION_INCENTIVE_FACTOR,
  MorphoErrors,
  ORACLE_PRICE_SCALE,
  VIRTUAL_ASSETS,
  VIRTUAL_SHARES,
  WAD,
} from './constants';
export {
  liquidationIncentiveFactor,
  mulDivDown,
  mulDivUp,
  toAssetsDown,
  toAssetsUp,
  toSharesDown,
  toSharesUp,
  wDivDown,
  wDivUp,
  wMulDown,
  wTaylorCompounded,
} from './math';
export { FixedRateIrm, UtilizationIrm, aprToRatePerSecond, type InterestRateModel } from './irm';
export {
  ADJUSTMENT_SPEED,
  AdaptiveCurveIrm,
  CURVE_STEEPNESS,
  INITIAL_RATE_AT_TARGET,
  MAX_RATE_AT_TARGET,
  MIN_RATE_AT_TARGET,
  TARGET_UTILIZATION,
  wExp,
} from './adaptive-curve-irm';
export { MemoryLedger } from './memory-ledger';
export { fixedMorphoOracle, morphoOracleFromFeed, morphoScaleFactor } from './oracle';
export {
  MorphoMarket,
  type AmountArgs,
  type CollateralArgs,
  type LiquidateArgs,
  type MorphoMarketConfig,
} from './market';
export type {
  AssetsShares,
  LiquidationResult,
  MarketState,
  MorphoMarketStats,
  MorphoOracle,
  Position,
  TokenLedger,
} from './types';
