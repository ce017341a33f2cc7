import { RandomStream } from '@paradox/engine';
import { ModelConfigError } from '../errors';
import {
  degreeDistribution,
  degreeMoments,
  expectedFinalSize,
  expectedOutbreakSize,
  poissonDegreeDistribution,
  transmissibilityThreshold,
} from './branching';
import { kOut } from './k-out';
import { randomRegular } from './random-regular';

/** The d-regular law: all mass at d. */
const regular = (d: number): number[] => Array.from({ length: d + 1 }, (_, k) => (k === d ? 1 : 0));

/** Root of S = 1 - exp(-c S) in (0, 1] by bisection: the Poisson giant component, independently. */
function poissonGiant(c: number): number {
  let lo = 1e-12;
  let hi = 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid - (1 - Math.exp(-c * mid)) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('branching-process predictions (Newman 2002)', () => {
  it('gives p_c = 1/c for Poisson degrees and 1/(d-1) for d-regular', () => {
    expect(transmissibilityThreshold(poissonDegreeDistribution(8))).toBeCloseTo(1 / 8, 10);
    expect(transmissibilityThreshold(poissonDegreeDistribution(2.5))).toBeCloseTo(1 / 2.5, 10);
    expect(transmissibilityThreshold(regular(3))).toBeCloseTo(1 / 2, 12);
    expect(transmissibilityThreshold(regular(16))).toBeCloseTo(1 / 15, 12);
    // Degrees <= 1 cannot sustain a cascade at any p.
    expect(transmissibilityThreshold([0.5, 0.5])).toBe(Infinity);
  });

  it('reproduces the Erdős–Rényi giant component at mean degree 2: S = 0.7968...', () => {
    // S = 1 - exp(-2 S), the textbook value 0.796812... (e.g. Newman, Networks, 2nd ed., sec. 11.5).
    const s = expectedFinalSize(poissonDegreeDistribution(2), 1);
    expect(s.converged).toBe(true);
    expect(s.size).toBeCloseTo(0.7968121300200202, 9);
  });

  it('agrees with the closed form S = 1 - exp(-c p S) for Poisson degrees at any p', () => {
    for (const [c, p] of [
      [8, 0.3],
      [8, 0.2],
      [16, 0.1],
      [4, 0.9],
    ] as const) {
      const s = expectedFinalSize(poissonDegreeDistribution(c), p);
      expect(s.size).toBeCloseTo(poissonGiant(c * p), 9);
    }
  });

  it('solves the 3-regular case by hand: p = 3/4 gives u = 1/9 and S = 26/27', () => {
    // u = (1 - p + p u)^2 has roots 1/9 and 1; the smaller is physical. 1 - p + p u = 1/3.
    const s = expectedFinalSize(regular(3), 0.75);
    expect(s.u).toBeCloseTo(1 / 9, 10);
    expect(s.size).toBeCloseTo(26 / 27, 10);
    expect(s.threshold).toBeCloseTo(0.5, 12);
  });

  it('returns S = 0 at and below p_c, and the mean outbreak size there', () => {
    const pk = poissonDegreeDistribution(8);
    expect(expectedFinalSize(pk, 0.125).size).toBe(0);
    expect(expectedFinalSize(pk, 0.05)).toMatchObject({ size: 0, u: 1, iterations: 0 });
    // <s> = 1 + p<k>/(1 - p(<k^2>-<k>)/<k>) = 1 + 0.4/0.6 for c = 8, p = 0.05.
    expect(expectedOutbreakSize(pk, 0.05)).toBeCloseTo(1 + 0.4 / 0.6, 9);
    expect(expectedOutbreakSize(pk, 0.2)).toBe(Infinity);
    expect(expectedOutbreakSize(regular(3), 0.25)).toBeCloseTo(1 + 0.75 / 0.5, 12);
  });

  it('reads distributions from graphs and normalises counts', () => {
    const g = randomRegular(1000, 4, new RandomStream('branching/rr'));
    const pk = degreeDistribution(g);
    expect([...pk]).toEqual([0, 0, 0, 0, 1]);
    expect(transmissibilityThreshold(g)).toBeCloseTo(1 / 3, 12);
    const k = kOut(5000, 8, new RandomStream('branching/kout'));
    expect(degreeMoments(k).mean).toBeCloseTo(k.meanDegree(), 12);
    expect(expectedFinalSize([0, 0, 0, 7], 0.75).size).toBeCloseTo(26 / 27, 10);
  });

  it('names bad inputs', () => {
    expect(() => transmissibilityThreshold([0.5, -0.1])).toThrow(ModelConfigError);
    expect(() => transmissibilityThreshold([0.5, -0.1])).toThrow(/^degreeDistribution\[1\]: /);
    expect(() => transmissibilityThreshold([0, 0])).toThrow(/^degreeDistribution: /);
    expect(() => expectedFinalSize(regular(3), 1.2)).toThrow(/^expectedFinalSize\.p: /);
    expect(() => expectedFinalSize(regular(3), 0.7, { tolerance: 0 })).toThrow(/^expectedFinalSize\.tolerance: /);
  });
});
