import { RevertError } from '../../errors';
import { MAX_UINT256 } from './wad-ray-math';

// Aave V3 percentages with 2 decimals (1e4 = 100.00%). Source (formulas carried over):
//   aave-dao/aave-v3-origin src/contracts/protocol/libraries/math/PercentageMath.sol
// percentMul/percentDiv round half up (v3.3); the Ceil variants come from later versions of the
// same file and are not used by the v3.3 pool here.

export const PERCENTAGE_FACTOR = 10_000n;
export const HALF_PERCENTAGE_FACTOR = 5_000n;

/** `PercentageMath.percentMul`: value*percentage/1e4 rounded half up. */
export function percentMul(value: bigint, percentage: bigint): bigint {
  // Same condition as the contract's `value > (MAX - HALF) / percentage`, without the division.
  const n = value * percentage + HALF_PERCENTAGE_FACTOR;
  if (n > MAX_UINT256) throw new RevertError('MATH_MULTIPLICATION_OVERFLOW');
  return n / PERCENTAGE_FACTOR;
}

/** `PercentageMath.percentDiv`: value*1e4/percentage rounded half up. */
export function percentDiv(value: bigint, percentage: bigint): bigint {
  if (percentage === 0n) throw new RevertError('MATH_DIVISION_BY_ZERO');
  const n = value * PERCENTAGE_FACTOR + percentage / 2n;
  if (n > MAX_UINT256) throw new RevertError('MATH_MULTIPLICATION_OVERFLOW');
  return n / percentage;
}

/** `PercentageMath.percentMulCeil` (post-v3.3): value*percentage/1e4 rounded up. */
export function percentMulCeil(value: bigint, percentage: bigint): bigint {
  if (percentage !== 0n && value > MAX_UINT256 / percentage) throw new RevertError('MATH_MULTIPLICATION_OVERFLOW');
  const p = value * percentage;
  return p / PERCENTAGE_FACTOR + (p % PERCENTAGE_FACTOR === 0n ? 0n : 1n);
}

/** `PercentageMath.percentDivCeil` (post-v3.3): value*1e4/percentage rounded up. */
export function percentDivCeil(value: bigint, percentage: bigint): bigint {
  if (percentage === 0n) throw new RevertError('MATH_DIVISION_BY_ZERO');
  if (value > MAX_UINT256 / PERCENTAGE_FACTOR) throw new RevertError('MATH_MULTIPLICATION_OVERFLOW');
  const v = value * PERCENTAGE_FACTOR;
  return v / percentage + (v % percentage === 0n ? 0n : 1n);
}
