import type { InterestRateModel } from './irm';
import { wDivDown } from './math';
import type { MarketState } from './types';

// Morpho's AdaptiveCurveIrm, integer for integer. Sources (formulas carried over, code our own):
//   morpho-org/morpho-blue-irm src/adaptive-curve-irm/AdaptiveCurveIrm.sol   _borrowRate, _curve, _newRateAtTarget
//   morpho-org/morpho-blue-irm src/adaptive-curve-irm/libraries/ExpLib.sol   wExp
//   morpho-org/morpho-blue-irm src/adaptive-curve-irm/libraries/MathLib.sol  wMulToZero, wDivToZero
//   morpho-org/morpho-blue-irm src/adaptive-curve-irm/libraries/ConstantsLib.sol (values below)
// Signed Solidity division truncates toward zero, as bigint `/` does.

const WAD = 10n ** 18n;
const YEAR = 31_536_000n;

/** Curve steepness C = 4: the rate spans [r/4, 4r] around the rate at target r. */
export const CURVE_STEEPNESS = 4n * WAD;
/** Adjustment speed: 50 per year, per second. */
export const ADJUSTMENT_SPEED = (50n * WAD) / YEAR;
/** Target utilization: 90%. */
export const TARGET_UTILIZATION = 900_000_000_000_000_000n;
/** Initial rate at target: 4% APR per second. */
export const INITIAL_RATE_AT_TARGET = 40_000_000_000_000_000n / YEAR;
/** Minimum rate at target: 0.1% APR per second. */
export const MIN_RATE_AT_TARGET = 1_000_000_000_000_000n / YEAR;
/** Maximum rate at target: 200% APR per second. */
export const MAX_RATE_AT_TARGET = 2n * WAD / YEAR;

const LN_2_INT = 693_147_180_559_945_309n;
const LN_WEI_INT = -41_446_531_673_892_822_312n;
const WEXP_UPPER_BOUND = 93_859_467_695_000_404_319n;
const WEXP_UPPER_VALUE = 57_716_089_161_558_943_949_701_069_502_944_508_345_128_422_502_756_744_429_568n;

function wMulToZero(x: bigint, y: bigint): bigint {
  return (x * y) / WAD;
}

function wDivToZero(x: bigint, y: bigint): bigint {
  return (x * WAD) / y;
}

function bound(x: bigint, low: bigint, high: bigint): bigint {
  return x < low ? low : x > high ? high : x;
}

/** `ExpLib.wExp`: e^x in WAD via x = q ln2 + r and a 2nd-order Taylor polynomial of e^r. */
export function wExp(x: bigint): bigint {
  if (x < LN_WEI_INT) return 0n;
  if (x >= WEXP_UPPER_BOUND) return WEXP_UPPER_VALUE;
  const roundingAdjustment = x < 0n ? -(LN_2_INT / 2n) : LN_2_INT / 2n;
  const q = (x + roundingAdjustment) / LN_2_INT;
  const r = x - q * LN_2_INT;
  const expR = WAD + r + (r * r) / WAD / 2n;
  return q >= 0n ? expR << q : expR >> -q;
}

/** `_curve`: `((1 - 1/C) err + 1) r` below target, `((C - 1) err + 1) r` above. */
function curve(rateAtTarget: bigint, err: bigint): bigint {
  const coeff = err < 0n ? WAD - wDivToZero(WAD, CURVE_STEEPNESS) : CURVE_STEEPNESS - WAD;
  return wMulToZero(wMulToZero(coeff, err) + WAD, rateAtTarget);
}

function newRateAtTarget(start: bigint, linearAdaptation: bigint): bigint {
  return bound(wMulToZero(start, wExp(linearAdaptation)), MIN_RATE_AT_TARGET, MAX_RATE_AT_TARGET);
}

/**
 * Morpho's default IRM: a kinked curve around 90% utilization whose level (the rate at target)
 * drifts exponentially at 50/year times the normalised utilization error, so a market stuck
 * above target sees its rate double in about five days. The returned rate is the trapezoidal
 * average over the elapsed period; the end-of-period rate at target is stored on `commit`.
 */
export class AdaptiveCurveIrm implements InterestRateModel {
  readonly name = 'adaptive-curve';
  /** Stored rate at target (per second, WAD); 0 before the first interaction. */
  rateAtTarget = 0n;

  borrowRateView(market: Readonly<MarketState>, nowSec: number): bigint {
    return this.compute(market, nowSec).avgRate;
  }

  commit(market: Readonly<MarketState>, nowSec: number): void {
    this.rateAtTarget = this.compute(market, nowSec).endRateAtTarget;
  }

  /** `_borrowRate`: (average rate over the period, rate at target at its end). */
  compute(market: Readonly<MarketState>, nowSec: number): { avgRate: bigint; endRateAtTarget: bigint } {
    const utilization = market.totalSupplyAssets > 0n ? wDivDown(market.totalBorrowAssets, market.totalSupplyAssets) : 0n;
    const errNormFactor = utilization > TARGET_UTILIZATION ? WAD - TARGET_UTILIZATION : TARGET_UTILIZATION;
    const err = wDivToZero(utilization - TARGET_UTILIZATION, errNormFactor);
    const start = this.rateAtTarget;
    let avgRateAtTarget: bigint;
    let endRateAtTarget: bigint;
    if (start === 0n) {
      avgRateAtTarget = INITIAL_RATE_AT_TARGET;
      endRateAtTarget = INITIAL_RATE_AT_TARGET;
    } else {
      const speed = wMulToZero(ADJUSTMENT_SPEED, err);
      const elapsed = BigInt(nowSec - market.lastUpdate);
      const linearAdaptation = speed * elapsed;
      if (linearAdaptation === 0n) {
        avgRateAtTarget = start;
        endRateAtTarget = start;
      } else {
        endRateAtTarget = newRateAtTarget(start, linearAdaptation);
        const midRateAtTarget = newRateAtTarget(start, linearAdaptation / 2n);
        avgRateAtTarget = (start + endRateAtTarget + 2n * midRateAtTarget) / 4n;
      }
    }
    return { avgRate: curve(avgRateAtTarget, err), endRateAtTarget };
  }
}
