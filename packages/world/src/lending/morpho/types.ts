/**
 * Market totals, as in `IMorpho.Market`. `lastUpdate` is the block timestamp of the last
 * accrual in integer seconds (Morpho's clock); amounts are loan-token base units; `fee` is WAD.
 */
export interface MarketState {
  totalSupplyAssets: bigint;
  totalSupplyShares: bigint;
  totalBorrowAssets: bigint;
  totalBorrowShares: bigint;
  lastUpdate: number;
  fee: bigint;
}

/** An account's position, as in `IMorpho.Position`. `collateral` is collateral-token base units. */
export interface Position {
  supplyShares: bigint;
  borrowShares: bigint;
  collateral: bigint;
}

/**
 * The collateral price a Morpho market reads (`IOracle.price()`): one collateral base unit in
 * loan base units, times 1e36, so it carries `36 + loanDecimals - collateralDecimals` decimals.
 * Time enters as an argument because the world's feeds are time-indexed; a feed that refuses
 * (stale, no data) throws a `RevertError`, which reverts the market action that read it.
 */
export type MorphoOracle = (nowMs: number) => bigint;

/**
 * Minimal token ledger the market moves tokens through. Optional: without one the market only
 * does its own accounting and the caller settles transfers from the returned amounts.
 */
export interface TokenLedger {
  balanceOf(token: string, account: string): bigint;
  transfer(token: string, from: string, to: string, amount: bigint): void;
}

/** Amounts an action settled, in assets and shares. */
export interface AssetsShares {
  readonly assets: bigint;
  readonly shares: bigint;
}

/** What a liquidation did (`EventsLib.Liquidate` fields). */
export interface LiquidationResult {
  readonly seizedAssets: bigint;
  readonly repaidAssets: bigint;
  readonly repaidShares: bigint;
  readonly badDebtAssets: bigint;
  readonly badDebtShares: bigint;
}

/** Running totals a run can plot or report. */
export interface MorphoMarketStats {
  liquidations: number;
  repaidByLiquidators: bigint;
  collateralSeized: bigint;
  badDebtRealized: bigint;
  interestAccrued: bigint;
}
