import { ModelConfigError } from '../../errors';
import { parseUnits } from '../../oracles/units';
import { SECONDS_PER_YEAR } from './constants';
import { wDivDown } from './math';
import type { MarketState } from './types';

/**
 * An interest rate model, pluggable like Morpho's `IIrm`. The market calls `borrowRateView` with
 * the totals *before* accrual (as `_accrueInterest` passes `market[id]`) and the current time in
 * seconds; the result is a per-second borrow rate in WAD. A stateful model (adaptive curve) keeps
 * its state change for `commit`, which the market calls only when the action that accrued
 * commits, so a reverted action leaves the model untouched too.
 */
export interface InterestRateModel {
  readonly name: string;
  borrowRateView(market: Readonly<MarketState>, nowSec: number): bigint;
  commit?(market: Readonly<MarketState>, nowSec: number): void;
}

/** A yearly rate as a per-second WAD rate, the way Solidity constants write it: `apr ether / 365 days`. */
export function aprToRatePerSecond(apr: number): bigint {
  if (!Number.isFinite(apr) || apr < 0) throw new ModelConfigError('apr', 'must be a finite number >= 0', apr);
  return parseUnits(apr, 18) / SECONDS_PER_YEAR;
}

/**
 * Constant borrow rate, like morpho-org/morpho-blue-irm src/fixed-rate-irm/FixedRateIrm.sol
 * (`borrowRate` returns the stored rate whatever the utilization). Unlike that contract a zero
 * rate is allowed (the contract uses 0 to mean "not set").
 */
export class FixedRateIrm implements InterestRateModel {
  readonly name = 'fixed-rate';
  readonly ratePerSecond: bigint;

  constructor(ratePerSecond: bigint) {
    if (ratePerSecond < 0n) throw new ModelConfigError('ratePerSecond', 'must be >= 0', ratePerSecond);
    this.ratePerSecond = ratePerSecond;
  }

  /** From a yearly rate (simple, not compounded): `FixedRateIrm.fromApr(0.05)`. */
  static fromApr(apr: number): FixedRateIrm {
    return new FixedRateIrm(aprToRatePerSecond(apr));
  }

  borrowRateView(): bigint {
    return this.ratePerSecond;
  }
}

/**
 * Morpho's test IRM (morpho-org/morpho-blue src/mocks/IrmMock.sol): x% utilization is x% APR,
 * `rate = wDivDown(totalBorrowAssets, totalSupplyAssets) / 365 days`. Used by Morpho's
 * `AccrueInterestIntegrationTest`, so those expectations carry over.
 */
export class UtilizationIrm implements InterestRateModel {
  readonly name = 'utilization-mock';

  borrowRateView(market: Readonly<MarketState>): bigint {
    if (market.totalSupplyAssets === 0n) return 0n;
    return wDivDown(market.totalBorrowAssets, market.totalSupplyAssets) / SECONDS_PER_YEAR;
  }
}

