import type { UniformSource } from '../random';
import { YEAR } from './time';

/**
 * Normal distribution functions and the one-factor Vasicek (Gaussian copula) formulas.
 *
 * normalCdf follows W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 1969; ACM TOMS Algorithm 715), in the
 * arrangement of R's nmath (r-devel/r-svn src/nmath/pnorm.c, pnorm_both): relative error near
 * machine precision over the whole line. normalInv is Wichura's AS 241 (PPND16, Applied
 * Statistics 37, 1988), as in r-devel/r-svn src/nmath/qnorm.c: about 1 part in 1e16.
 */

const SQRT_32 = 5.656854249492380195206754896838;
const ONE_OVER_SQRT_2PI = 0.398942280401432677939946059934;

const A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

function at(xs: readonly number[], i: number): number {
  return xs[i] as number;
}

/** [P(X <= x), P(X > x)] for X ~ N(0,1), each accurate in relative terms in its own tail. */
function normalBoth(x: number): [number, number] {
  if (Number.isNaN(x)) return [NaN, NaN];
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > Number.EPSILON * 0.5) {
      const xsq = x * x;
      xnum = at(A, 4) * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + at(A, i)) * xsq;
        xden = (xden + at(B, i)) * xsq;
      }
    }
    const temp = (x * (xnum + at(A, 3))) / (xden + at(B, 3));
    return [0.5 + temp, 0.5 - temp];
  }
  let tail: number;
  if (y <= SQRT_32) {
    let xnum = at(C, 8) * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + at(C, i)) * y;
      xden = (xden + at(D, i)) * y;
    }
    tail = gaussTail(y, (xnum + at(C, 7)) / (xden + at(D, 7)));
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let xnum = at(P, 5) * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + at(P, i)) * xsq;
      xden = (xden + at(Q, i)) * xsq;
    }
    const r = (xsq * (xnum + at(P, 4))) / (xden + at(Q, 4));
    tail = gaussTail(y, (ONE_OVER_SQRT_2PI - r) / y);
  } else {
    tail = 0;
  }
  // `tail` is the probability beyond |x| on the side of x.
  return x > 0 ? [1 - tail, tail] : [tail, 1 - tail];
}

// exp(-y^2/2) split as exp(-ys^2/2) * exp(-(y-ys)(y+ys)/2) with ys = y rounded down to 1/16,
// so the large exponent is computed exactly (Cody's trick against cancellation).
function gaussTail(y: number, factor: number): number {
  const ys = Math.trunc(y * 16) / 16;
  const del = (y - ys) * (y + ys);
  return Math.exp(-ys * ys * 0.5) * Math.exp(-del * 0.5) * factor;
}

/** Standard normal CDF Phi(x) = P(X <= x). */
export function normalCdf(x: number): number {
  return normalBoth(x)[0];
}

/** Standard normal survival function 1 - Phi(x), accurate for large x. */
export function normalSf(x: number): number {
  return normalBoth(x)[1];
}

/** Standard normal density phi(x). */
export function normalPdf(x: number): number {
  return ONE_OVER_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal quantile Phi^-1(p) (Wichura AS 241). Returns -Infinity at 0, +Infinity at 1,
 * NaN outside [0, 1].
 */
export function normalInv(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((r * 5226.495278852854561 + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    val =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -val : val;
}

/** The smallest uniform used in place of an exact 0 draw, so a normal draw is always finite. */
const TINY_UNIFORM = 2 ** -54;

/** One uniform from `rng` checked to lie in [0, 1), with 0 replaced by 2^-54. */
export function openUniform(rng: UniformSource): number {
  const u = rng.next();
  if (!(u >= 0 && u < 1)) throw new RangeError(`UniformSource.next() must return a number in [0, 1), got ${u}`);
  return u === 0 ? TINY_UNIFORM : u;
}

/**
 * One standard normal draw by inversion: exactly one uniform per normal, so streams stay
 * aligned across runs that differ only in what they do with the draw.
 */
export function standardNormal(rng: UniformSource): number {
  return normalInv(openUniform(rng));
}

/**
 * Probability of default over `dtMs` given an annual PD, assuming a constant hazard:
 * 1 - (1 - pd)^(dt / YEAR).
 */
export function periodPd(annualPd: number, dtMs: number): number {
  if (annualPd >= 1) return 1;
  return -Math.expm1(Math.log1p(-annualPd) * (dtMs / YEAR));
}

/**
 * Vasicek conditional PD given the systematic factor z:
 * Phi((Phi^-1(pd) - sqrt(rho) z) / sqrt(1 - rho)).
 */
export function conditionalPd(pd: number, rho: number, z: number): number {
  if (pd <= 0) return 0;
  if (pd >= 1) return 1;
  if (rho >= 1) return z < normalInv(pd) ? 1 : 0;
  return normalCdf((normalInv(pd) - Math.sqrt(rho) * z) / Math.sqrt(1 - rho));
}

/**
 * The q-quantile of the large-portfolio default rate in the one-factor Vasicek model
 * (Vasicek 2002, "The distribution of loan portfolio value", Risk; the Basel IRB formula):
 * Phi((Phi^-1(pd) + sqrt(rho) Phi^-1(q)) / sqrt(1 - rho)).
 */
export function vasicekQuantile(pd: number, rho: number, q: number): number {
  return conditionalPd(pd, rho, -normalInv(q));
}

/**
 * CDF of the large-portfolio default rate: P(DR <= x) =
 * Phi((sqrt(1 - rho) Phi^-1(x) - Phi^-1(pd)) / sqrt(rho)), for 0 < rho < 1.
 */
export function vasicekCdf(x: number, pd: number, rho: number): number {
  return normalCdf((Math.sqrt(1 - rho) * normalInv(x) - normalInv(pd)) / Math.sqrt(rho));
}

/** Density of the large-portfolio default rate at x in (0, 1), for 0 < rho < 1. */
export function vasicekPdf(x: number, pd: number, rho: number): number {
  const xi = normalInv(x);
  const arg = (Math.sqrt(1 - rho) * xi - normalInv(pd)) / Math.sqrt(rho);
  return (Math.sqrt((1 - rho) / rho) * normalPdf(arg)) / normalPdf(xi);
}
