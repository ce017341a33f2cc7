export { RevertError, Refusal, ModelConfigError } from './errors';
export type { UniformSource } from './random';
export { Ledger, toUnits } from './ledger/ledger';
export type { TokenSpec } from './ledger/ledger';
export { Chain, BLOCK_PHASE } from './chain/chain';
export type { ChainOptions, Ordering, PendingTx, TxResult } from './chain/chain';
export { World } from './world/world';
export type { ActionHandler } from './world/world';
export {
  LpToken,
  UniswapV2Pair,
  StableSwapPool,
  getAmountIn,
  getAmountOut,
  quote,
  twapFromCumulatives,
  getD,
  getY,
} from './amm';
export type { PairTokenIndex, PairReserves, UniswapV2PairConfig, StableSwapPoolConfig } from './amm';
export {
  PushFeed,
  NavFeed,
  TwapFeed,
  MinFeed,
  HaircutFeed,
  RatioFeed,
  StalenessGuardFeed,
  MedianFeed,
  FixedFeed,
  PriceHistory,
  parseUnits,
  priceToNumber,
  rescale,
} from './oracles';
export type { PriceFeed, PriceReading, FeedHistory, PushFeedConfig, NavFeedConfig, TwapFeedConfig } from './oracles';
export { MorphoMarket, FixedRateIrm, UtilizationIrm, AdaptiveCurveIrm, liquidationIncentiveFactor, morphoOracleFromFeed } from './lending/morpho';
export {
  AavePool,
  AAVE_V3_3_LIQUIDATION_RULES,
  BreakerSet,
  DivergenceBreaker,
  PauseGuard,
  RateLimitGuard,
  StalenessBreaker,
} from './lending/aave';
export type { AavePoolConfig, CircuitBreaker, LiquidationResult, LiquidationRules, ReserveInput } from './lending/aave';
export { LiquidationIndex } from './lending/index';
export { createWorld } from './world/create-world';
export type { WorldOptions, WorldServices } from './world/create-world';
export {
  AmmMarket,
  installAmmMarkets,
  LendingMarket,
  installLendingMarkets,
  OracleRegistry,
  SpotFeed,
  SocialNetwork,
  NavPathFund,
  installFunds,
  navAt,
} from './markets';
export type { LendingMarketOptions, TradeListener, FeedListener } from './markets';
export { CustodyDesk, installCustody } from './markets';
export type { CustodyDeskOptions } from './markets';
export { IndexVault, Tranches } from './markets';
export type { IndexComponent, IndexVaultOptions, TrancheValues } from './markets';
export { BasketFeed, installDerivedFeed, feedNumber } from './markets';
export type { BasketInput } from './markets';
export { installIndexVaults } from './markets';
export { TrancheVault, TrancheFeed } from './markets';
export type { TrancheVaultOptions, TrancheSide } from './markets';
export { FundMarket, FundRegistry, MarkBook, MarkedAsset, FUND_ACTIONS, FUND_WINDOW_PHASE, LOAN_BOOK_PHASE } from './markets';
export type { FundMarketOptions, FundLoanBook, FundActionHandler } from './markets';
export {
  SocialGraph,
  kOut,
  erdosRenyi,
  barabasiAlbert,
  wattsStrogatz,
  randomRegular,
  fromEdgeList,
  independentCascade,
  expectedFinalSize,
  transmissibilityThreshold,
} from './social';
export {
  Fund,
  LoanBook,
  Property,
  TreasuryBill,
  Custodian,
  CustodiedAsset,
  CustodyRegistry,
  StaticNavSource,
  normalCdf,
  normalInv,
  vasicekQuantile,
} from './offchain';
export type { NavSource, FundConfig, LoanBookConfig, PropertyConfig, TreasuryBillConfig, WindowResult } from './offchain';
