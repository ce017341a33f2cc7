import { seededUniform } from './testkit';
import {
  conditionalPd,
  normalCdf,
  normalInv,
  normalPdf,
  normalSf,
  periodPd,
  standardNormal,
  vasicekCdf,
  vasicekQuantile,
} from './stats';
import { YEAR } from './time';

// Reference values computed with mpmath 1.3 at 40-50 significant digits: mp.ncdf for the CDF, and
// for the quantile a root of log(ncdf(x)) = log(p) (log space, so 1e-300 is resolved); the familiar ones match published tables (Phi^-1(0.975) = 1.959963984540054,
// Wichura 1988's check values PPND16(0.25) = -0.6744897501960817 and PPND16(1e-20) = -9.262340089798408).
const CDF: ReadonlyArray<readonly [number, number, number]> = [
  [-37, 5.7255712225245768227e-300, 1.0],
  [-20, 2.7536241186062336951e-89, 1.0],
  [-10, 7.619853024160526066e-24, 1.0],
  [-8, 6.2209605742717841235e-16, 0.9999999999999993779],
  [-5.9, 1.8175078630994284578e-9, 0.9999999981824921369],
  [-5, 2.8665157187919391167e-7, 0.99999971334842812081],
  [-3, 0.0013498980316300945267, 0.99865010196836990547],
  [-2, 0.0227501319481792072, 0.9772498680518207928],
  [-1.5, 0.066807201268858066004, 0.933192798731141934],
  [-1, 0.15865525393145705141, 0.84134474606854294859],
  [-0.6744897501960817, 0.250000000000000012, 0.749999999999999988],
  [-0.5, 0.30853753872598689636, 0.69146246127401310364],
  [-0.1, 0.46017216272297101633, 0.53982783727702898367],
  [0, 0.5, 0.5],
  [0.3, 0.61791142218895263307, 0.38208857781104736693],
  [0.67, 0.74857110490468989845, 0.25142889509531010155],
  [0.7, 0.75803634777692697138, 0.24196365222307302862],
  [1, 0.84134474606854294859, 0.15865525393145705141],
  [1.959963984540054, 0.97499999999999998912, 0.025000000000000010876],
  [2.5, 0.99379033467422386483, 0.006209665325776135167],
  [3, 0.99865010196836990547, 0.0013498980316300945267],
  [5, 0.99999971334842812081, 2.8665157187919391167e-7],
  [5.7, 0.99999999400962859894, 5.9903714010635281878e-9],
  [6, 0.99999999901341235496, 9.865876450376981407e-10],
  [8, 0.9999999999999993779, 6.2209605742717841235e-16],
  [10, 1.0, 7.6198530241605260704e-24],
];

const INV: ReadonlyArray<readonly [number, number]> = [
  [1e-300, -37.047096299361199237],
  [1e-20, -9.2623400897984075737],
  [1e-12, -7.0344838253011319298],
  [1e-10, -6.3613409024040562047],
  [1e-6, -4.7534243088228989482],
  [0.001, -3.0902323061678135415],
  [0.01, -2.3263478740408411009],
  [0.02, -2.0537489106318230529],
  [0.025, -1.9599639845400542355],
  [0.05, -1.6448536269514727149],
  [0.075, -1.4395314709384559153],
  [0.1, -1.281551565544600467],
  [0.25, -0.6744897501960817432],
  [0.3, -0.52440051270804078404],
  [0.5, 0.0],
  [0.6, 0.2533471031357997988],
  [0.9, 1.281551565544600467],
  [0.925, 1.4395314709384559153],
  [0.95, 1.6448536269514727149],
  [0.975, 1.9599639845400542355],
  [0.99, 2.3263478740408411009],
  [0.999, 3.0902323061678135415],
  [0.999999, 4.7534243088228989482],
];

// Absolute error 1e-9 is the brief's bar; in the tails we hold the stronger relative bar so that
// tiny probabilities (1e-300) are right too.
function close(actual: number, expected: number, tol = 1e-9): boolean {
  return Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected));
}

describe('normalCdf / normalSf', () => {
  it.each(CDF)('Phi(%p) matches mpmath to 1e-9 absolute and 1e-12 relative', (x, lower, upper) => {
    expect(Math.abs(normalCdf(x) - lower)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(normalSf(x) - upper)).toBeLessThanOrEqual(1e-9);
    if (lower > 0) expect(Math.abs(normalCdf(x) / lower - 1)).toBeLessThan(1e-12);
    if (upper > 0) expect(Math.abs(normalSf(x) / upper - 1)).toBeLessThan(1e-12);
  });

  it('is monotone, symmetric, and handles infinities and NaN', () => {
    let prev = 0;
    for (let x = -40; x <= 40; x += 0.01) {
      const v = normalCdf(x);
      expect(v).toBeGreaterThanOrEqual(prev);
      expect(Math.abs(v - normalSf(-x))).toBeLessThanOrEqual(1e-15);
      prev = v;
    }
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('normalPdf(0) = 1/sqrt(2 pi)', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });
});

describe('normalInv (AS 241)', () => {
  it.each(INV)('Phi^-1(%p) matches mpmath to 1e-9 (relative in the far tail)', (p, x) => {
    expect(close(normalInv(p), x)).toBe(true);
  });

  it('round-trips with normalCdf to 1e-12 on a grid', () => {
    for (let i = 1; i < 1000; i++) {
      const p = i / 1000;
      expect(Math.abs(normalCdf(normalInv(p)) - p)).toBeLessThan(1e-12 * Math.max(p, 1e-3));
    }
  });

  it('returns the infinities at 0 and 1 and NaN outside', () => {
    expect(normalInv(0)).toBe(-Infinity);
    expect(normalInv(1)).toBe(Infinity);
    expect(normalInv(-0.1)).toBeNaN();
    expect(normalInv(1.1)).toBeNaN();
  });
});

describe('standardNormal', () => {
  it('draws N(0,1): mean and variance within 4 standard errors (n = 200k, seed 7)', () => {
    // SE(mean) = 1/sqrt(n) = 0.00224; SE(var) = sqrt(2/n) = 0.00316.
    const rng = seededUniform(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(rng);
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('maps an exact 0 draw to a finite deviate and rejects out-of-range sources', () => {
    expect(Number.isFinite(standardNormal({ next: () => 0 }))).toBe(true);
    expect(() => standardNormal({ next: () => 1 })).toThrow(RangeError);
  });
});

describe('Vasicek formulas', () => {
  it('periodPd compounds back to the annual PD', () => {
    const monthly = periodPd(0.05, YEAR / 12);
    expect(1 - (1 - monthly) ** 12).toBeCloseTo(0.05, 14);
    expect(periodPd(0.05, YEAR)).toBeCloseTo(0.05, 15);
    expect(periodPd(1, 1)).toBe(1);
  });

  it('conditional PD integrates to the unconditional PD', () => {
    // Trapezoid rule over z in [-10, 10]: integration error far below 1e-9.
    const pd = 0.03;
    const rho = 0.2;
    let sum = 0;
    const h = 0.001;
    for (let z = -10; z <= 10; z += h) sum += conditionalPd(pd, rho, z) * normalPdf(z) * h;
    expect(Math.abs(sum - pd)).toBeLessThan(1e-9);
  });

  it('quantile matches the Basel IRB style closed form and inverts the CDF', () => {
    // Phi((Phi^-1(0.01) + sqrt(0.12) Phi^-1(0.999)) / sqrt(0.88)), mpmath: 0.0903258313260652729
    const q = vasicekQuantile(0.01, 0.12, 0.999);
    expect(q).toBeCloseTo(0.090325831326065273, 12);
    expect(vasicekCdf(q, 0.01, 0.12)).toBeCloseTo(0.999, 12);
    expect(conditionalPd(0.01, 0, 1.5)).toBeCloseTo(0.01, 15);
    expect(conditionalPd(0.01, 1, -3)).toBe(1);
    expect(conditionalPd(0.01, 1, 0)).toBe(0);
  });
});
