/**
 * The amount in [0, hi] that maximises `f`, for `f` concave (up to integer rounding), by ternary
 * search on bigints: about 2 log_1.5(hi) evaluations. A constant-product pool's output is
 * concave in its input, so the profit of trading against it is too.
 */
export function argmax(hi: bigint, f: (x: bigint) => number): { x: bigint; value: number } {
  let lo = 0n;
  while (hi - lo > 2n) {
    const third = (hi - lo) / 3n;
    const m1 = lo + third;
    const m2 = hi - third;
    if (f(m1) < f(m2)) lo = m1 + 1n;
    else hi = m2;
  }
  let best = { x: lo, value: f(lo) };
  for (let x = lo + 1n; x <= hi; x++) {
    const value = f(x);
    if (value > best.value) best = { x, value };
  }
  return best;
}

/** Base units to whole tokens (plain number, for decisions). */
export function whole(amount: bigint, decimals: number): number {
  return Number(amount) / 10 ** decimals;
}

/** Whole tokens to base units, rounded down. */
export function units(amount: number, decimals: number): bigint {
  if (!(amount > 0) || !Number.isFinite(amount)) return 0n;
  const scaled = amount * 10 ** decimals;
  if (scaled < Number.MAX_SAFE_INTEGER) return BigInt(Math.floor(scaled));
  // Large amounts: keep 6 decimal digits of the number, then scale exactly.
  const micro = BigInt(Math.floor(amount * 1e6));
  return decimals >= 6 ? micro * 10n ** BigInt(decimals - 6) : micro / 10n ** BigInt(6 - decimals);
}
