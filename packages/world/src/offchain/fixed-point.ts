/**
 * Exact integer helpers for cash and share amounts. Fractions (fees, gates, rates) are given
 * as plain numbers and converted once to parts per billion, so that every cash amount derived
 * from them is an integer with a single, stated rounding.
 */

/** 1e9: the denominator of a fraction held as parts per billion. */
export const PPB = 1_000_000_000n;

/** A non-negative fraction as parts per billion, rounded to nearest (1e-9 resolution). */
export function toPpb(fraction: number): bigint {
  return BigInt(Math.round(fraction * 1e9));
}

/** floor(a * b / d) for a, b >= 0 and d > 0. */
export function mulDiv(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b) / d;
}

/** ceil(a * b / d) for a, b >= 0 and d > 0. */
export function mulDivUp(a: bigint, b: bigint, d: bigint): bigint {
  const p = a * b;
  return p === 0n ? 0n : (p - 1n) / d + 1n;
}

const POW10: readonly bigint[] = Array.from({ length: 78 }, (_, i) => 10n ** BigInt(i));
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** 10^decimals as a bigint (cached: bigint exponentiation is slow in hot loops). */
export function unit(decimals: number): bigint {
  return POW10[decimals] ?? 10n ** BigInt(decimals);
}

/**
 * A valuation in whole units (e.g. 1234.56 dollars) as base units, rounded to nearest. Rounding
 * to nearest rather than down keeps 4.35 * 100 = 434.99999999999994 from losing a unit.
 */
export function toBase(value: number, decimals: number): bigint {
  if (!Number.isFinite(value)) throw new RangeError(`toBase: value must be finite, got ${value}`);
  return BigInt(Math.round(value * 10 ** decimals));
}

/** Base units as whole units (a number; exact below 2^53 base units). */
export function fromBase(amount: bigint, decimals: number): number {
  if (amount <= MAX_SAFE && amount >= -MAX_SAFE) return Number(amount) / 10 ** decimals;
  const u = unit(decimals);
  const whole = amount / u;
  const frac = amount - whole * u;
  return Number(whole) + Number(frac) / Number(u);
}

export function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}
