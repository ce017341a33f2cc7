import { ModelConfigError } from '../../errors';
import { percentMul, PERCENTAGE_FACTOR } from './percentage-math';
import { RAY, rayDiv, rayMul } from './wad-ray-math';

// Kinked variable-rate model. Source (formulas carried over, code our own):
//   aave/aave-v3-origin src/contracts/misc/DefaultReserveInterestRateStrategyV2.sol
//   calculateInterestRates, _setInterestRateParams (validation), _bpsToRay.

/** Rate parameters in basis points, as `IDefaultInterestRateStrategyV2.InterestRateData`. */
export interface InterestRateData {
  /** Kink of the curve: borrow usage at which slope2 starts (100..9900 bps). */
  readonly optimalUsageRatio: number;
  /** Borrow rate at zero usage, bps per year. */
  readonly baseVariableBorrowRate: number;
  /** Rate added between zero and optimal usage, bps per year. */
  readonly variableRateSlope1: number;
  /** Rate added between optimal and full usage, bps per year (>= slope1). */
  readonly variableRateSlope2: number;
}

/** Inputs of `calculateInterestRates` (`DataTypes.CalculateInterestRatesParams`, virtual accounting on). */
export interface CalculateInterestRatesParams {
  /** v3.3 passes `unbacked + deficit`; here the reserve deficit (no bridges). */
  readonly unbacked: bigint;
  readonly liquidityAdded: bigint;
  readonly liquidityTaken: bigint;
  /** Total variable debt (underlying units). */
  readonly totalDebt: bigint;
  /** Reserve factor in bps. */
  readonly reserveFactor: bigint;
  /** Underlying held by the reserve before this action. */
  readonly virtualUnderlyingBalance: bigint;
}

export interface InterestRates {
  /** Supply APR in ray. */
  readonly liquidityRate: bigint;
  /** Variable borrow APR in ray. */
  readonly variableBorrowRate: bigint;
}

const ZERO_RATES: InterestRates = Object.freeze({ liquidityRate: 0n, variableBorrowRate: 0n });

/** `MAX_BORROW_RATE = 1000_00` bps. */
export const MAX_BORROW_RATE_BPS = 100_000;
export const MIN_OPTIMAL_POINT_BPS = 100;
export const MAX_OPTIMAL_POINT_BPS = 9_900;

const BPS_TO_RAY = 10n ** 23n;

/** `_bpsToRay`: n * 1e23. */
export function bpsToRay(n: number | bigint): bigint {
  return BigInt(n) * BPS_TO_RAY;
}

interface RayRates {
  readonly optimal: bigint;
  readonly base: bigint;
  readonly slope1: bigint;
  readonly slope2: bigint;
}

// `_rayifyRateData` once per (immutable) parameter object rather than on every action.
const rayified = new WeakMap<InterestRateData, RayRates>();

function rayify(data: InterestRateData): RayRates {
  let r = rayified.get(data);
  if (r === undefined) {
    r = {
      optimal: bpsToRay(data.optimalUsageRatio),
      base: bpsToRay(data.baseVariableBorrowRate),
      slope1: bpsToRay(data.variableRateSlope1),
      slope2: bpsToRay(data.variableRateSlope2),
    };
    rayified.set(data, r);
  }
  return r;
}

/**
 * `_setInterestRateParams` validation: optimal usage in [1%, 99%], slope1 <= slope2, and
 * base + slope1 + slope2 <= 1000%. Throws ModelConfigError naming `path`.
 */
export function validateInterestRateData(data: InterestRateData, path: string): void {
  for (const key of ['optimalUsageRatio', 'baseVariableBorrowRate', 'variableRateSlope1', 'variableRateSlope2'] as const) {
    const v = data[key];
    if (!Number.isInteger(v) || v < 0) {
      throw new ModelConfigError(`${path}.${key}`, 'must be a non-negative integer number of basis points', v);
    }
  }
  if (data.optimalUsageRatio < MIN_OPTIMAL_POINT_BPS || data.optimalUsageRatio > MAX_OPTIMAL_POINT_BPS) {
    throw new ModelConfigError(`${path}.optimalUsageRatio`, 'must be within [100, 9900] bps (INVALID_OPTIMAL_USAGE_RATIO)', data.optimalUsageRatio);
  }
  if (data.variableRateSlope1 > data.variableRateSlope2) {
    throw new ModelConfigError(`${path}.variableRateSlope2`, `must be >= variableRateSlope1 (${data.variableRateSlope1}) (SLOPE_2_MUST_BE_GTE_SLOPE_1)`, data.variableRateSlope2);
  }
  const max = data.baseVariableBorrowRate + data.variableRateSlope1 + data.variableRateSlope2;
  if (max > MAX_BORROW_RATE_BPS) {
    throw new ModelConfigError(`${path}`, 'base + slope1 + slope2 must be <= 100000 bps (INVALID_MAX_RATE)', max);
  }
}

/**
 * `DefaultReserveInterestRateStrategyV2.calculateInterestRates` for a reserve with virtual
 * accounting, integer-exact:
 *
 *     available  = virtual + added - taken
 *     borrowUsage = rayDiv(debt, available + debt)
 *     supplyUsage = rayDiv(debt, available + debt + unbacked)
 *     variable = base + (usage <= optimal ? rayDiv(rayMul(slope1, usage), optimal)
 *                                         : slope1 + rayMul(slope2, rayDiv(usage - optimal, RAY - optimal)))
 *     liquidity = percentMul(rayMul(variable, supplyUsage), 1e4 - reserveFactor)
 *
 * Returns `(0, base)` when there is no debt. The caller guarantees available >= 0.
 */
export function calculateInterestRates(data: InterestRateData, params: CalculateInterestRatesParams): InterestRates {
  const { base, optimal, slope1, slope2 } = rayify(data);
  if (params.totalDebt === 0n) return { liquidityRate: 0n, variableBorrowRate: base };
  // A rate-free reserve (benchmarks, zero-rate scenarios): every term below is a product with
  // zero, so both rates are exactly 0; skip the ray arithmetic done at every action.
  if (base === 0n && slope1 === 0n && slope2 === 0n) return ZERO_RATES;

  const availableLiquidity = params.virtualUnderlyingBalance + params.liquidityAdded - params.liquidityTaken;
  const availablePlusDebt = availableLiquidity + params.totalDebt;
  const borrowUsageRatio = rayDiv(params.totalDebt, availablePlusDebt);
  const supplyUsageRatio = rayDiv(params.totalDebt, availablePlusDebt + params.unbacked);

  let variableBorrowRate = base;
  if (borrowUsageRatio > optimal) {
    const excess = rayDiv(borrowUsageRatio - optimal, RAY - optimal);
    variableBorrowRate += slope1 + rayMul(slope2, excess);
  } else {
    variableBorrowRate += rayDiv(rayMul(slope1, borrowUsageRatio), optimal);
  }
  const liquidityRate = percentMul(rayMul(variableBorrowRate, supplyUsageRatio), PERCENTAGE_FACTOR - params.reserveFactor);
  return { liquidityRate, variableBorrowRate };
}
