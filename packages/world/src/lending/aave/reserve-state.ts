import { RevertError } from '../../errors';
import { calculateInterestRates } from './interest-rate-strategy';
import { calculateCompoundedInterest, calculateLinearInterest } from './math-utils';
import { percentMul } from './percentage-math';
import { ReserveConfig } from './reserve-config';
import { RAY, rayDiv, rayMul } from './wad-ray-math';

/** Plain copy of the mutable fields of a reserve, for rolling back a reverted transaction. */
export interface ReserveSnapshot {
  readonly liquidityIndex: bigint;
  readonly variableBorrowIndex: bigint;
  readonly currentLiquidityRate: bigint;
  readonly currentVariableBorrowRate: bigint;
  readonly lastUpdateTimestamp: number;
  readonly accruedToTreasury: bigint;
  readonly virtualUnderlyingBalance: bigint;
  readonly deficit: bigint;
  readonly isolationModeTotalDebt: bigint;
  readonly scaledATokenSupply: bigint;
  readonly scaledVariableDebt: bigint;
  readonly paused: boolean;
  readonly frozen: boolean;
}

type WritableSnapshot = { -readonly [K in keyof ReserveSnapshot]: ReserveSnapshot[K] };

/**
 * One Aave reserve (`DataTypes.ReserveData` plus the aToken and variable-debt token totals) and
 * the ReserveLogic that moves it through time. Source (formulas carried over, code our own):
 *   aave/aave-v3-origin src/contracts/protocol/libraries/logic/ReserveLogic.sol
 *     getNormalizedIncome, getNormalizedDebt, updateState, _updateIndexes, _accrueToTreasury,
 *     updateInterestRatesAndVirtualBalance
 * Times are integer seconds.
 */
export class ReserveState {
  liquidityIndex = RAY;
  variableBorrowIndex = RAY;
  currentLiquidityRate = 0n;
  currentVariableBorrowRate = 0n;
  lastUpdateTimestamp: number;
  /** Treasury share of interest, scaled by the liquidity index, not yet minted as aTokens. */
  accruedToTreasury = 0n;
  /** Underlying the reserve holds (v3.3 virtual accounting). */
  virtualUnderlyingBalance = 0n;
  /** Debt burned without repayment when collateral ran out (v3.3 bad debt). */
  deficit = 0n;
  /** For an isolated collateral: debt borrowed against it, in USD cents. */
  isolationModeTotalDebt = 0n;
  /** Sum of scaled aToken balances (`aToken.scaledTotalSupply()`). */
  scaledATokenSupply = 0n;
  /** Sum of scaled variable-debt balances (`variableDebtToken.scaledTotalSupply()`). */
  scaledVariableDebt = 0n;
  paused = false;
  frozen = false;

  /**
   * The fields as they were when the running transaction began. Written in place by `save`: a
   * liquidation cascade runs hundreds of thousands of transactions, and a copy per transaction
   * was garbage that outlived the young generation.
   */
  private readonly saved: WritableSnapshot;

  constructor(
    readonly config: ReserveConfig,
    startTime: number,
  ) {
    this.lastUpdateTimestamp = startTime;
    this.saved = this.snapshot();
  }

  // Health factors of many users at one timestamp ask for the same pending index again and
  // again; remember the last answer together with everything it was computed from.
  private incomeCache: { now: number; last: number; rate: bigint; index: bigint; value: bigint } | undefined;
  private debtCache: { now: number; last: number; rate: bigint; index: bigint; value: bigint } | undefined;

  /** `ReserveLogic.getNormalizedIncome` at `now`: the liquidity index with pending interest, ray. */
  normalizedIncome(now: number): bigint {
    if (now === this.lastUpdateTimestamp) return this.liquidityIndex;
    const c = this.incomeCache;
    if (c !== undefined && c.now === now && c.last === this.lastUpdateTimestamp && c.rate === this.currentLiquidityRate && c.index === this.liquidityIndex) {
      return c.value;
    }
    const value = rayMul(calculateLinearInterest(this.currentLiquidityRate, this.lastUpdateTimestamp, now), this.liquidityIndex);
    this.incomeCache = { now, last: this.lastUpdateTimestamp, rate: this.currentLiquidityRate, index: this.liquidityIndex, value };
    return value;
  }

  /** `ReserveLogic.getNormalizedDebt` at `now`: the variable borrow index with pending interest, ray. */
  normalizedDebt(now: number): bigint {
    if (now === this.lastUpdateTimestamp) return this.variableBorrowIndex;
    const c = this.debtCache;
    if (c !== undefined && c.now === now && c.last === this.lastUpdateTimestamp && c.rate === this.currentVariableBorrowRate && c.index === this.variableBorrowIndex) {
      return c.value;
    }
    const value = rayMul(calculateCompoundedInterest(this.currentVariableBorrowRate, this.lastUpdateTimestamp, now), this.variableBorrowIndex);
    this.debtCache = { now, last: this.lastUpdateTimestamp, rate: this.currentVariableBorrowRate, index: this.variableBorrowIndex, value };
    return value;
  }

  /** `ReserveLogic.updateState`: accrue indexes and the treasury share up to `now`. */
  updateState(now: number): void {
    if (now === this.lastUpdateTimestamp) return;
    const currLiquidityIndex = this.liquidityIndex;
    const currVariableBorrowIndex = this.variableBorrowIndex;
    // _updateIndexes: supply side only accrues while income is produced; borrow side only
    // while there is debt (a positive base rate with no debt must not move the index).
    if (this.currentLiquidityRate !== 0n) {
      this.liquidityIndex = rayMul(calculateLinearInterest(this.currentLiquidityRate, this.lastUpdateTimestamp, now), currLiquidityIndex);
    }
    if (this.scaledVariableDebt !== 0n) {
      this.variableBorrowIndex = rayMul(
        calculateCompoundedInterest(this.currentVariableBorrowRate, this.lastUpdateTimestamp, now),
        currVariableBorrowIndex,
      );
    }
    // _accrueToTreasury
    if (this.config.reserveFactor !== 0n) {
      const prevTotalVariableDebt = rayMul(this.scaledVariableDebt, currVariableBorrowIndex);
      const currTotalVariableDebt = rayMul(this.scaledVariableDebt, this.variableBorrowIndex);
      const amountToMint = percentMul(currTotalVariableDebt - prevTotalVariableDebt, this.config.reserveFactor);
      if (amountToMint !== 0n) this.accruedToTreasury += rayDiv(amountToMint, this.liquidityIndex);
    }
    this.lastUpdateTimestamp = now;
  }

  /**
   * `ReserveLogic.updateInterestRatesAndVirtualBalance`: new rates from the post-action debt and
   * liquidity, then move the virtual balance. Call after `updateState` and after the debt
   * token mint/burn of the action. The contract underflows (panic) when the reserve lacks the
   * liquidity being taken; we revert with NOT_ENOUGH_AVAILABLE_LIQUIDITY.
   */
  updateInterestRatesAndVirtualBalance(liquidityAdded: bigint, liquidityTaken: bigint): void {
    const next = this.virtualUnderlyingBalance + liquidityAdded - liquidityTaken;
    if (next < 0n) throw new RevertError('NOT_ENOUGH_AVAILABLE_LIQUIDITY');
    const rates = calculateInterestRates(this.config.rates, {
      unbacked: this.deficit,
      liquidityAdded,
      liquidityTaken,
      totalDebt: rayMul(this.scaledVariableDebt, this.variableBorrowIndex),
      reserveFactor: this.config.reserveFactor,
      virtualUnderlyingBalance: this.virtualUnderlyingBalance,
    });
    this.currentLiquidityRate = rates.liquidityRate;
    this.currentVariableBorrowRate = rates.variableBorrowRate;
    this.virtualUnderlyingBalance = next;
  }

  snapshot(): ReserveSnapshot {
    return this.copyInto({} as WritableSnapshot);
  }

  /** Remembers the current state for `rollback` (one level: pool transactions do not nest). */
  save(): void {
    this.copyInto(this.saved);
  }

  private copyInto(s: WritableSnapshot): WritableSnapshot {
    s.liquidityIndex = this.liquidityIndex;
    s.variableBorrowIndex = this.variableBorrowIndex;
    s.currentLiquidityRate = this.currentLiquidityRate;
    s.currentVariableBorrowRate = this.currentVariableBorrowRate;
    s.lastUpdateTimestamp = this.lastUpdateTimestamp;
    s.accruedToTreasury = this.accruedToTreasury;
    s.virtualUnderlyingBalance = this.virtualUnderlyingBalance;
    s.deficit = this.deficit;
    s.isolationModeTotalDebt = this.isolationModeTotalDebt;
    s.scaledATokenSupply = this.scaledATokenSupply;
    s.scaledVariableDebt = this.scaledVariableDebt;
    s.paused = this.paused;
    s.frozen = this.frozen;
    return s;
  }

  /** Puts back the state of the last `save`. */
  rollback(): void {
    this.restore(this.saved);
  }

  restore(s: ReserveSnapshot): void {
    this.liquidityIndex = s.liquidityIndex;
    this.variableBorrowIndex = s.variableBorrowIndex;
    this.currentLiquidityRate = s.currentLiquidityRate;
    this.currentVariableBorrowRate = s.currentVariableBorrowRate;
    this.lastUpdateTimestamp = s.lastUpdateTimestamp;
    this.accruedToTreasury = s.accruedToTreasury;
    this.virtualUnderlyingBalance = s.virtualUnderlyingBalance;
    this.deficit = s.deficit;
    this.isolationModeTotalDebt = s.isolationModeTotalDebt;
    this.scaledATokenSupply = s.scaledATokenSupply;
    this.scaledVariableDebt = s.scaledVariableDebt;
    this.paused = s.paused;
    this.frozen = s.frozen;
  }
}
