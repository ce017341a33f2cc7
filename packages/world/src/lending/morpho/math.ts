import { RevertError } from '../../errors';
import {
  LIQUIDATION_CURSOR,
  MAX_LIQUIDATION_INCENTIVE_FACTOR,
  MAX_UINT128,
  MAX_UINT256,
  MorphoErrors,
  VIRTUAL_ASSETS,
  VIRTUAL_SHARES,
  WAD,
} from './constants';

// Fixed-point and share math of Morpho Blue, bit-for-bit. Sources (formulas carried over, code our own):
//   morpho-org/morpho-blue src/libraries/MathLib.sol        mulDivDown, mulDivUp, wMulDown, wDivDown, wDivUp,
//                                                            wTaylorCompounded
//   morpho-org/morpho-blue src/libraries/SharesMathLib.sol  toSharesDown/Up, toAssetsDown/Up
//   morpho-org/morpho-blue src/libraries/UtilsLib.sol       exactlyOneZero, min, toUint128, zeroFloorSub
// Every intermediate is a uint256 in Solidity: a product above 2^256-1 reverts with Panic(0x11), so
// we check the same bound instead of silently using bigint's unbounded precision.

function checkedMul(x: bigint, y: bigint): bigint {
  const p = x * y;
  if (p > MAX_UINT256) throw new RevertError(MorphoErrors.PANIC_ARITHMETIC);
  return p;
}

/** `(x * y) / d` rounded down (`MathLib.mulDivDown`). */
export function mulDivDown(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new RevertError(MorphoErrors.PANIC_DIVISION_BY_ZERO);
  return checkedMul(x, y) / d;
}

/** `(x * y + (d - 1)) / d`, i.e. rounded up (`MathLib.mulDivUp`). */
export function mulDivUp(x: bigint, y: bigint, d: bigint): bigint {
  if (d === 0n) throw new RevertError(MorphoErrors.PANIC_ARITHMETIC); // d - 1 underflows first
  const n = checkedMul(x, y) + (d - 1n);
  if (n > MAX_UINT256) throw new RevertError(MorphoErrors.PANIC_ARITHMETIC);
  return n / d;
}

/** `(x * y) / WAD` rounded down. */
export function wMulDown(x: bigint, y: bigint): bigint {
  return mulDivDown(x, y, WAD);
}

/** `(x * WAD) / y` rounded down. */
export function wDivDown(x: bigint, y: bigint): bigint {
  return mulDivDown(x, WAD, y);
}

/** `(x * WAD) / y` rounded up. */
export function wDivUp(x: bigint, y: bigint): bigint {
  return mulDivUp(x, WAD, y);
}

/**
 * First three non-zero terms of the Taylor expansion of `e^(n x) - 1` (`MathLib.wTaylorCompounded`):
 * a per-second rate `x` (WAD) compounded continuously over `n` seconds, under-approximated.
 */
export function wTaylorCompounded(x: bigint, n: bigint): bigint {
  const firstTerm = checkedMul(x, n);
  const secondTerm = mulDivDown(firstTerm, firstTerm, 2n * WAD);
  const thirdTerm = mulDivDown(secondTerm, firstTerm, 3n * WAD);
  return firstTerm + secondTerm + thirdTerm;
}

/** Assets to shares, rounded down (`SharesMathLib.toSharesDown`). */
export function toSharesDown(assets: bigint, totalAssets: bigint, totalShares: bigint): bigint {
  return mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
}

/** Shares to assets, rounded down (`SharesMathLib.toAssetsDown`). */
export function toAssetsDown(shares: bigint, totalAssets: bigint, totalShares: bigint): bigint {
  return mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
}

/** Assets to shares, rounded up (`SharesMathLib.toSharesUp`). */
export function toSharesUp(assets: bigint, totalAssets: bigint, totalShares: bigint): bigint {
  return mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
}

/** Shares to assets, rounded up (`SharesMathLib.toAssetsUp`). */
export function toAssetsUp(shares: bigint, totalAssets: bigint, totalShares: bigint): bigint {
  return mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
}

/** True when exactly one of `x`, `y` is zero (`UtilsLib.exactlyOneZero`). */
export function exactlyOneZero(x: bigint, y: bigint): boolean {
  return (x === 0n) !== (y === 0n);
}

/** `UtilsLib.min` on bigints. */
export function minBig(x: bigint, y: bigint): bigint {
  return y < x ? y : x;
}

/** `max(x - y, 0)` (`UtilsLib.zeroFloorSub`). */
export function zeroFloorSub(x: bigint, y: bigint): bigint {
  return x > y ? x - y : 0n;
}

/** `UtilsLib.toUint128`: reverts `max uint128 exceeded` above 2^128 - 1. */
export function toUint128(x: bigint): bigint {
  if (x > MAX_UINT128) throw new RevertError(MorphoErrors.MAX_UINT128_EXCEEDED);
  return x;
}

/** `a - b` on unsigned integers: Panic(0x11) when negative. */
export function checkedSub(a: bigint, b: bigint): bigint {
  if (b > a) throw new RevertError(MorphoErrors.PANIC_ARITHMETIC);
  return a - b;
}

/** `a + b` into a uint128 slot: Panic(0x11) when it overflows. */
export function checkedAdd128(a: bigint, b: bigint): bigint {
  const s = a + b;
  if (s > MAX_UINT128) throw new RevertError(MorphoErrors.PANIC_ARITHMETIC);
  return s;
}

/**
 * Liquidation incentive factor for a market (`Morpho.liquidate`):
 *
 *     LIF = min(MAX_LIQUIDATION_INCENTIVE_FACTOR, WAD.wDivDown(WAD - LIQUIDATION_CURSOR.wMulDown(WAD - lltv)))
 *
 * i.e. `min(1.15, 1 / (1 - 0.3 (1 - LLTV)))`, rounded down, in WAD.
 */
export function liquidationIncentiveFactor(lltv: bigint): bigint {
  return minBig(MAX_LIQUIDATION_INCENTIVE_FACTOR, wDivDown(WAD, WAD - wMulDown(LIQUIDATION_CURSOR, WAD - lltv)));
}
