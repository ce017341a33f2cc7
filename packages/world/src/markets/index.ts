export { AmmMarket, installAmmMarkets } from './amm-market';
export type { TradeListener } from './amm-market';
export { LendingMarket, installLendingMarkets } from './lending-market';
export type { LendingMarketOptions } from './lending-market';
export { OracleRegistry } from './oracle-registry';
export type { FeedListener } from './oracle-registry';
export { SpotFeed } from './spot-feed';
export { SocialNetwork } from './social-network';
export { NavPathFund, installFunds, navAt } from './nav-path';
