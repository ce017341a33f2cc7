import { RevertError } from '../../errors';

// Aave V3 fixed-point math. Source (formulas carried over, code our own):
//   aave-dao/aave-v3-origin src/contracts/protocol/libraries/math/WadRayMath.sol
// The half-up functions (wadMul, wadDiv, rayMul, rayDiv, rayToWad, wadToRay) are the v3.3 library
// that the pool uses. The explicit Floor/Ceil variants appeared in later versions of the same file
// (used by v3.5's TokenMath); they are provided for callers that want directed rounding but the
// v3.3 pool in this directory does not use them.
//
// The EVM works on uint256: the library reverts (empty reason) where `a*b` would not fit. We keep
// the same bounds so that edge cases match, naming the reasons like Aave V2's `Errors.MATH_*`.

export const WAD = 10n ** 18n;
export const HALF_WAD = WAD / 2n;
export const RAY = 10n ** 27n;
export const HALF_RAY = RAY / 2n;
export const WAD_RAY_RATIO = 10n ** 9n;
export const MAX_UINT256 = (1n << 256n) - 1n;

const OVERFLOW = 'MATH_MULTIPLICATION_OVERFLOW';
const DIV_ZERO = 'MATH_DIVISION_BY_ZERO';

// The contract's guard `a > (MAX - HALF) / b` (integer division) holds exactly when
// `a*b + HALF > MAX`, and likewise `a > (MAX - b/2) / UNIT` when `a*UNIT + b/2 > MAX`. Checking
// the numerator we compute anyway avoids a 256-bit division per call, the hot spot of the pool.

// Indexes start at exactly one ray, where (a*RAY + RAY/2) / RAY = a for both rayMul and rayDiv;
// below this bound neither overflows, so the result can be returned without the arithmetic.
const RAY_OPERAND_LIMIT = (MAX_UINT256 - HALF_RAY) / RAY;

/** `WadRayMath.wadMul`: a*b/WAD rounded half up. */
export function wadMul(a: bigint, b: bigint): bigint {
  const n = a * b + HALF_WAD;
  if (n > MAX_UINT256) throw new RevertError(OVERFLOW);
  return n / WAD;
}

/** `WadRayMath.wadDiv`: a*WAD/b rounded half up. */
export function wadDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RevertError(DIV_ZERO);
  const n = a * WAD + b / 2n;
  if (n > MAX_UINT256) throw new RevertError(OVERFLOW);
  return n / b;
}

/** `WadRayMath.rayMul`: a*b/RAY rounded half up. */
export function rayMul(a: bigint, b: bigint): bigint {
  if (b === RAY && a <= RAY_OPERAND_LIMIT) return a;
  const n = a * b + HALF_RAY;
  if (n > MAX_UINT256) throw new RevertError(OVERFLOW);
  return n / RAY;
}

/** `WadRayMath.rayDiv`: a*RAY/b rounded half up. */
export function rayDiv(a: bigint, b: bigint): bigint {
  if (b === RAY && a <= RAY_OPERAND_LIMIT) return a;
  if (b === 0n) throw new RevertError(DIV_ZERO);
  const n = a * RAY + b / 2n;
  if (n > MAX_UINT256) throw new RevertError(OVERFLOW);
  return n / b;
}

/** `WadRayMath.rayMulFloor` (post-v3.3): a*b/RAY rounded down. */
export function rayMulFloor(a: bigint, b: bigint): bigint {
  if (b !== 0n && a > MAX_UINT256 / b) throw new RevertError(OVERFLOW);
  return (a * b) / RAY;
}

/** `WadRayMath.rayMulCeil` (post-v3.3): a*b/RAY rounded up. */
export function rayMulCeil(a: bigint, b: bigint): bigint {
  if (b !== 0n && a > MAX_UINT256 / b) throw new RevertError(OVERFLOW);
  const p = a * b;
  return p / RAY + (p % RAY === 0n ? 0n : 1n);
}

/** `WadRayMath.rayDivFloor` (post-v3.3): a*RAY/b rounded down. */
export function rayDivFloor(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RevertError(DIV_ZERO);
  if (a > MAX_UINT256 / RAY) throw new RevertError(OVERFLOW);
  return (a * RAY) / b;
}

/** `WadRayMath.rayDivCeil` (post-v3.3): a*RAY/b rounded up. */
export function rayDivCeil(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RevertError(DIV_ZERO);
  if (a > MAX_UINT256 / RAY) throw new RevertError(OVERFLOW);
  const s = a * RAY;
  return s / b + (s % b === 0n ? 0n : 1n);
}

/** `WadRayMath.rayToWad`: ray down to wad, rounded half up. */
export function rayToWad(a: bigint): bigint {
  const q = a / WAD_RAY_RATIO;
  return a % WAD_RAY_RATIO >= WAD_RAY_RATIO / 2n ? q + 1n : q;
}

/** `WadRayMath.wadToRay`: wad up to ray (exact); reverts where the product leaves uint256. */
export function wadToRay(a: bigint): bigint {
  const b = a * WAD_RAY_RATIO;
  if (b > MAX_UINT256) throw new RevertError(OVERFLOW);
  return b;
}
