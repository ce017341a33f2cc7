export type { Agent, AgentContext, AgentIdentity, Cancellable } from './context';
export type { Action, ActionResult, WorldPort } from './action';
export { EMPTY_WORLD } from './action';
export { defineTopic, defineView } from './keys';
export type { TopicKey, ViewKey } from './keys';
export { definePlugin, agentKind, isPlugin, z } from './plugin';
export type { AgentFactory, AgentKind, Plugin, PluginDefinition } from './plugin';
export { ConfigError, parseWithPaths, formatPath, describeValue } from './config-error';
export { AgentHost } from './runtime/agent-host';
export type { HostServices, Placement, PopulationCast } from './runtime/agent-host';
export { GuardedContext, RoleViolation } from './runtime/guarded-context';
export type { DecisionGuard, RoleLimits } from './runtime/guarded-context';
export { PLUGIN_TOKEN, PluginRegistry, pluginModule } from './runtime/plugin-registry';
export { loadPlugin } from './runtime/plugin-loader';
export { SECOND, MINUTE, HOUR, DAY } from '@paradox/engine';
export type { DirectMessage, MessageHandle, RandomStream } from '@paradox/engine';
export { TRADES, COLLATERAL_PRICES, LIQUIDATIONS, ORACLE_UPDATES, NEWS } from './finance/topics';
export type { TradeEvent, CollateralPriceEvent, LiquidationEvent, OracleUpdateEvent, NewsEvent, Rumor } from './finance/topics';
export { swap, liquidate, pushPrice, pokeOracle } from './finance/actions';
export type { SwapAction, LiquidateAction, RedeemAction, SubscribeAction, PushPriceAction, PokeOracleAction } from './finance/actions';
export { WALLET, AMM_POOLS, LENDING_MARKETS, SOCIAL_GRAPH, ORACLES, FUNDS } from './finance/views';
export type { WalletView, AmmPoolView, PositionView, LendingMarketView, SocialGraphView, OracleView, FundView } from './finance/views';
export { LIQUIDITY, addLiquidity, removeLiquidity } from './finance/liquidity';
export type { AddLiquidityAction, RemoveLiquidityAction, LiquidityResult, LiquidityEvent, LpPositionView } from './finance/liquidity';
export { SUPPLIES, WITHDRAWALS, BORROWS, REPAYMENTS, supply, withdraw, borrow, repay } from './finance/lending';
export type { SupplyAction, WithdrawAction, BorrowAction, RepayAction, LendingActivityEvent, AccountView } from './finance/lending';
export { INDEXES, INDEX_FLOWS, mintIndex, redeemIndex } from './finance/index-vault';
export type { MintIndexAction, RedeemIndexAction, IndexView, IndexComponentView, IndexFlowEvent } from './finance/index-vault';
export { ATTESTATIONS, BREACH_DISCLOSURES, CUSTODY, attest, discloseBreach, sufferBreach } from './finance/custody';
export type {
  AttestAction,
  DiscloseBreachAction,
  SufferBreachAction,
  AttestationEvent,
  BreachDisclosedEvent,
  BreachNotice,
  CustodyAssetView,
  BreachView,
  CustodianView,
} from './finance/custody';
export {
  FUND_REQUESTS,
  FUND_WINDOWS,
  FUND_REDEMPTIONS,
  FUND_SUBSCRIPTIONS,
  FUND_POLICY,
  FUND_NAV,
  isFundDetail,
  subscribeToFund,
  redeemFromFund,
  cancelFundRequest,
  setFundGate,
  suspendFund,
  resumeFund,
  markFund,
} from './finance/fund';
export type {
  FundDetailView,
  FundGate,
  FundMarkPolicy,
  FundQueueView,
  FundRequestView,
  FundRequestReceipt,
  CancelFundRequestAction,
  SetGateAction,
  SuspendFundAction,
  ResumeFundAction,
  MarkFundAction,
  FundRequestEvent,
  FundWindowEvent,
  FundRedemptionEvent,
  FundSubscriptionEvent,
  FundPolicyEvent,
  FundNavEvent,
} from './finance/fund';
