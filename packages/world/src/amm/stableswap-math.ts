import { RevertError } from '../errors';

// Pure Curve StableSwap integer math, following curvefi/curve-contract
// contracts/pools/3pool/StableSwap3Pool.vy: get_D, get_y, get_y_D. Formulas carried over for any
// number of coins (the contract fixes N_COINS at compile time), code our own.
//
// A convention: `amp` is the contract's stored A, and the code uses `Ann = amp * N`. The whitepaper
// invariant  A n^n sum(x) + D = A n^n D + D^(n+1) / (n^n prod(x))  has A n^n where the code has
// amp * N, so amp = A_whitepaper * n^(n-1) (curve-contract tests/simulation.py: "actually
// A * n ** (n - 1)"). The 3pool constructor docstring says "multiplied by n * (n - 1)", which
// agrees only for n = 2; the arithmetic is what counts.

/** FEE_DENOMINATOR: fees are fractions of 1e10. */
export const FEE_DENOMINATOR = 10n ** 10n;
/** PRECISION: balances are normalised to 18 decimals. */
export const PRECISION = 10n ** 18n;
/** MAX_A of the 3pool (exclusive upper bound of `amp`). */
export const MAX_A = 10n ** 6n;
/** MAX_FEE: 50% of the trade. */
export const MAX_FEE = 5n * 10n ** 9n;
/** MAX_ADMIN_FEE: 100% of the fee. */
export const MAX_ADMIN_FEE = 10n ** 10n;

const ITERATIONS = 255;

/** Vyper's checked uint256 subtraction reverts; so does ours. */
export function checkedSub(a: bigint, b: bigint): bigint {
  const z = a - b;
  if (z < 0n) throw new RevertError('dev: uint256 underflow');
  return z;
}

function checkedDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw new RevertError('dev: division by zero');
  return a / b;
}

/**
 * The invariant D for normalised balances `xp` (`get_D`): Newton's iteration
 *
 *     D_P = D^(n+1) / (n^n prod(xp))            (computed as D, then D_P*D/(x*n) per coin)
 *     D  <- (Ann*S + D_P*n) * D / ((Ann-1)*D + (n+1)*D_P)
 *
 * from D = S = sum(xp), stopping when D moves by at most 1, or after 255 rounds (returning the
 * last iterate, as the contract does). 0 for an empty pool; reverts if some but not all balances
 * are zero (the contract divides by zero there).
 */
export function getD(xp: readonly bigint[], amp: bigint): bigint {
  const n = BigInt(xp.length);
  let S = 0n;
  for (const x of xp) S += x;
  if (S === 0n) return 0n;
  const N = xp.length;
  const xn = new Array<bigint>(N); // x * n, loop-invariant
  for (let k = 0; k < N; k++) {
    const x = xp[k]!;
    if (x === 0n) throw new RevertError('dev: division by zero');
    xn[k] = x * n;
  }
  const Ann = amp * n;
  const annS = Ann * S;
  const annMinus1 = Ann - 1n;
  const nPlus1 = n + 1n;
  let D = S;
  for (let round = 0; round < ITERATIONS; round++) {
    let DP = D;
    for (let k = 0; k < N; k++) DP = (DP * D) / xn[k]!;
    const Dprev = D;
    D = ((annS + DP * n) * D) / (annMinus1 * D + nPlus1 * DP);
    if (D > Dprev ? D - Dprev <= 1n : Dprev - D <= 1n) break;
  }
  return D;
}

/**
 * New normalised balance of coin `j` when coin `i` is set to `x` at invariant `D` (`get_y`, with
 * D passed in rather than recomputed from xp; the pool passes `getD(xp, amp)`, as the contract
 * computes it). Solves  y^2 + (b - D) y = c  by  y <- (y^2 + c) / (2y + b - D)  from y = D, where
 * c = D^(n+1) / (n^n prod'(x) Ann n) and b = S' + D/Ann over the coins other than j.
 */
export function getY(i: number, j: number, x: bigint, xp: readonly bigint[], amp: bigint, D: bigint): bigint {
  const N = xp.length;
  if (i === j) throw new RevertError('dev: same coin');
  if (!Number.isInteger(j) || j < 0) throw new RevertError('dev: j below zero');
  if (j >= N) throw new RevertError('dev: j above N_COINS');
  if (!Number.isInteger(i) || i < 0 || i >= N) throw new RevertError('dev: i out of range');
  const n = BigInt(N);
  const Ann = amp * n;
  let c = D;
  let S = 0n;
  for (let k = 0; k < N; k++) {
    let xk: bigint;
    if (k === i) xk = x;
    else if (k !== j) xk = xp[k]!;
    else continue;
    S += xk;
    c = checkedDiv(c * D, xk * n);
  }
  c = (c * D) / (Ann * n);
  return solveY(c, S + D / Ann, D);
}

/**
 * Normalised balance of coin `i` that brings the invariant to `D` with the other balances fixed
 * (`get_y_D`, used by single-coin withdrawals). Same iteration as {@link getY}.
 */
export function getYD(amp: bigint, i: number, xp: readonly bigint[], D: bigint): bigint {
  const N = xp.length;
  if (!Number.isInteger(i) || i < 0) throw new RevertError('dev: i below zero');
  if (i >= N) throw new RevertError('dev: i above N_COINS');
  const n = BigInt(N);
  const Ann = amp * n;
  let c = D;
  let S = 0n;
  for (let k = 0; k < N; k++) {
    if (k === i) continue;
    const xk = xp[k]!;
    S += xk;
    c = checkedDiv(c * D, xk * n);
  }
  c = (c * D) / (Ann * n);
  return solveY(c, S + D / Ann, D);
}

function solveY(c: bigint, b: bigint, D: bigint): bigint {
  let y = D;
  for (let round = 0; round < ITERATIONS; round++) {
    const yPrev = y;
    y = checkedDiv(y * y + c, checkedSub(2n * y + b, D));
    if (y > yPrev ? y - yPrev <= 1n : yPrev - y <= 1n) break;
  }
  return y;
}
