import type { MessageHandle } from '@paradox/engine';
import { defineView } from '../keys';
import type { AccountView } from './lending';
import type { LpPositionView } from './liquidity';

/** The agent's own wallet. */
export interface WalletView {
  /** Balance in base units. */
  balance(token: string): bigint;
  /** Balance in whole tokens (for decisions). */
  amount(token: string): number;
  readonly address: string;
}
export const WALLET = defineView<WalletView>('wallet');

/** A constant-product pool, read-only. */
export interface AmmPoolView {
  readonly id: string;
  readonly base: string;
  readonly quote: string;
  /** Quote per base at the margin. */
  spotPrice(): number;
  reserves(): { readonly base: bigint; readonly quote: bigint };
  /** Exact output for an exact input (base units), as the pool would pay now. */
  quoteOut(tokenIn: string, amountIn: bigint): bigint;
  /**
   * Pool value in whole quote tokens: base reserve x spot price + quote reserve (= 2 x quote
   * reserve for a constant-product pool). What liquidity providers withdrawing makes fall.
   */
  depth(): number;
  /** LP tokens in existence (base units, 18 decimals), including the locked minimum. */
  totalLiquidity(): bigint;
  /** Any address's LP stake. */
  position(address: string): LpPositionView;
  /** The calling agent's own LP stake. */
  myPosition(): LpPositionView;
  /** `amount` whole tokens of `token` (base or quote) in base units, rounded down. */
  units(token: string, amount: number): bigint;
}
/** All AMM pools, by id. */
export const AMM_POOLS = defineView<ReadonlyMap<string, AmmPoolView>>('amm.pools');

/** One borrower's position as a liquidator sees it. */
export interface PositionView {
  readonly borrower: string;
  readonly collateral: bigint;
  readonly debt: bigint;
  /** Health factor at the market's current price (Infinity without debt). */
  readonly healthFactor: number;
}

/** A lending market, read-only. */
export interface LendingMarketView {
  readonly id: string;
  readonly collateralToken: string;
  readonly debtToken: string;
  /** The collateral price the market uses now (quote per collateral unit). */
  price(): number;
  /** Positions with health factor below 1 at the current price, worst first, via the liquidation-price index. */
  unhealthy(limit?: number): PositionView[];
  position(borrower: string): PositionView | undefined;
  /** What a liquidation of `borrower` by `liquidator` would repay and seize now (base units), or undefined if it would revert. */
  previewLiquidation(borrower: string, liquidator: string): { readonly repay: bigint; readonly seize: bigint } | undefined;
  /**
   * Whether a liquidation of `borrower` sent now with `priorityFee` would land after a rival's
   * already in the mempool (which bids at least as much) and so revert: what a bot watching the
   * public mempool sees. Always false when the chain orders a block's transactions at random.
   */
  outbid(borrower: string, priorityFee: number): boolean;
  readonly liquidationBonus: number;
  readonly closeFactor: number;
  /** Only these may liquidate, when the market is permissioned. */
  canLiquidate(address: string): boolean;
  /** The collateral's loan-to-value limit and liquidation threshold, as fractions (0.8 = 80%). */
  readonly ltv: number;
  readonly liquidationThreshold: number;
  /** Debt tokens the market holds and could lend now (whole tokens). */
  availableLiquidity(): number;
  /** The calling agent's own account (zeros and an infinite health factor when it has none). */
  myPosition(): AccountView;
  /** `amount` whole tokens of `token` (collateral or debt) in base units, rounded down. */
  units(token: string, amount: number): bigint;
}
export const LENDING_MARKETS = defineView<ReadonlyMap<string, LendingMarketView>>('lending.markets');

/** The social graph the scenario set up (who talks to whom). */
export interface SocialGraphView {
  neighbours(agentId: string): readonly string[];
  /**
   * The same neighbours, in the same order, as message handles for `ctx.sendTo`: offered when
   * the scenario installed the graph with the run's handles, so a holder passing a rumour to
   * its neighbours costs no lookup by name per message. Absent otherwise: fall back to
   * {@link neighbours} and `ctx.send`.
   */
  neighbourHandles?(agentId: string): ArrayLike<MessageHandle>;
}
export const SOCIAL_GRAPH = defineView<SocialGraphView>('social.graph');

/** An oracle feed as agents read it. */
export interface OracleView {
  readonly id: string;
  /** Latest answer as a plain number, or NaN before the first answer. */
  price(): number;
  /** When the latest answer was written (ms), or NaN. */
  updatedAtMs(): number;
}
/** All oracle feeds, by id. */
export const ORACLES = defineView<ReadonlyMap<string, OracleView>>('oracles');

/** A fund (SPV) as the outside world sees it. */
export interface FundView {
  readonly id: string;
  readonly shareToken: string;
  /** The fund's current NAV per share as it computes it (off-chain truth, not the oracle). */
  navPerShare(): number;
  /** Whether redemptions are currently accepted (not suspended or gated to zero). */
  redemptionsOpen(): boolean;
}
/** All funds, by id. */
export const FUNDS = defineView<ReadonlyMap<string, FundView>>('funds');
