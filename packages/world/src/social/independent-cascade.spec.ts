import { RandomStream } from '@paradox/engine';
import { ModelConfigError } from '../errors';
import { expectedFinalSize, expectedOutbreakSize, transmissibilityThreshold } from './branching';
import { erdosRenyi } from './erdos-renyi';
import { fromEdgeList } from './from-edge-list';
import { independentCascade } from './independent-cascade';
import { kOut } from './k-out';
import { countingUniform } from './testkit';

const rng = (seed: string): RandomStream => new RandomStream(`social-spec/${seed}`);

describe('independentCascade', () => {
  const path = fromEdgeList(4, [
    [0, 1],
    [1, 2],
    [2, 3],
  ]);

  it('reaches everything connected at p = 1, generation by generation', () => {
    const r = independentCascade(path, [0], 1, rng('ic-path'));
    expect(r.count).toBe(4);
    expect([...r.order]).toEqual([0, 1, 2, 3]);
    expect(r.generations).toBe(3);
    expect([...r.reached]).toEqual([1, 1, 1, 1]);
  });

  it('reaches only the seeds at p = 0, and counts duplicate seeds once', () => {
    const r = independentCascade(path, [2, 2, 0], 0, rng('ic-zero'));
    expect(r.count).toBe(2);
    expect([...r.order]).toEqual([2, 0]);
    expect(r.generations).toBe(0);
  });

  it('draws one uniform per (informed node, neighbour), informed neighbours included', () => {
    const g = kOut(2000, 4, rng('ic-draws-graph'));
    const counting = countingUniform(rng('ic-draws'));
    const r = independentCascade(g, [0, 1, 2], 0.3, counting);
    let attempts = 0;
    for (const u of r.order) attempts += g.degree(u);
    expect(counting.draws).toBe(attempts);
  });

  it('matches the exact reach probabilities of a triangle', () => {
    // From seed 0 on a triangle, node 1 is reached directly (p) or via 2 ((1-p) p^2), so
    // E[count] = 1 + 2 (p + (1-p) p^2) = 2.25 at p = 0.5. count in {1,2,3}: sd <= 1, so over
    // 20,000 runs the standard error is <= 0.0071; threshold 4 x 0.0071 = 0.028.
    const triangle = fromEdgeList(3, [
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
    const source = rng('ic-triangle');
    const runs = 20_000;
    let total = 0;
    for (let r = 0; r < runs; r++) total += independentCascade(triangle, [0], 0.5, source).count;
    expect(Math.abs(total / runs - 2.25)).toBeLessThan(0.028);
  });

  it('is deterministic per seed', () => {
    const g = kOut(3000, 8, rng('ic-det-graph'));
    const a = independentCascade(g, [5], 0.2, rng('ic-det'));
    const b = independentCascade(g, [5], 0.2, rng('ic-det'));
    expect([...a.order]).toEqual([...b.order]);
  });

  it('names bad seeds and probabilities', () => {
    expect(() => independentCascade(path, [0, 4], 0.5, rng('x'))).toThrow(ModelConfigError);
    expect(() => independentCascade(path, [0, 4], 0.5, rng('x'))).toThrow(/^independentCascade\.seeds\[1\]: /);
    expect(() => independentCascade(path, [0], 2, rng('x'))).toThrow(/^independentCascade\.p: /);
  });

  describe('against the generating functions (Newman 2002) on G(n, p), n = 20,000, mean degree 8', () => {
    const n = 20_000;
    const er = erdosRenyi(n, 8 / (n - 1), rng('ic-er'));
    const pc = transmissibilityThreshold(er);

    it('has p_c near 1/<k> = 0.125 (Poisson degrees: <k^2> - <k> = <k>^2)', () => {
      // The realised graph's moments differ from the Poisson law by O(1/sqrt(n)).
      expect(pc).toBeGreaterThan(0.12);
      expect(pc).toBeLessThan(0.13);
    });

    it('stays small well below p_c: mean reach of 20 single-seed cascades < 1% of n', () => {
      // p = 0.05 = 0.4 p_c: the expected outbreak is 1 + p<k>/(1 - p(<k^2>-<k>)/<k>) ~ 1.67 nodes.
      const p = 0.05;
      const source = rng('ic-sub');
      let total = 0;
      for (let s = 0; s < 20; s++) total += independentCascade(er, [Math.floor(source.next() * n)], p, source).count;
      expect(total / 20).toBeLessThan(0.01 * n);
    });

    it('matches the mean outbreak size 1 + p<k>/(1 - p G1\'(1)) below p_c', () => {
      // 3000 single-seed cascades at p = 0.05. Threshold: 4 standard errors, computed from the
      // sample itself, plus 2% for the finite graph (the formula is the n -> infinity limit).
      const p = 0.05;
      const runs = 3000;
      const source = rng('ic-sub-mean');
      let sum = 0;
      let sumSq = 0;
      for (let r = 0; r < runs; r++) {
        const c = independentCascade(er, [Math.floor(source.next() * n)], p, source).count;
        sum += c;
        sumSq += c * c;
      }
      const mean = sum / runs;
      const se = Math.sqrt((sumSq / runs - mean * mean) / runs);
      const predicted = expectedOutbreakSize(er, p);
      expect(predicted).toBeCloseTo(1 + (p * 8) / (1 - p * 8), 1);
      expect(Math.abs(mean - predicted)).toBeLessThan(4 * se + 0.02 * predicted);
    });

    it('matches the final size S well above p_c within 2%', () => {
      // p = 0.3 = 2.4 p_c. Each of 20 cascades starts from 10 random seeds, so one dying out
      // early has chance (1 - S)^10 ~ 1e-9 and every run is a large outbreak. The giant
      // cluster's fraction fluctuates by O(1/sqrt(n)) ~ 0.3% between runs, so 2% on the mean of
      // 20 is over 20 standard errors: it guards against a wrong S, not against noise.
      const p = 0.3;
      const predicted = expectedFinalSize(er, p);
      expect(predicted.converged).toBe(true);
      expect(predicted.size).toBeGreaterThan(0.85);
      const source = rng('ic-super');
      let total = 0;
      for (let s = 0; s < 20; s++) {
        const seeds = Array.from({ length: 10 }, () => Math.floor(source.next() * n));
        total += independentCascade(er, seeds, p, source).count;
      }
      expect(Math.abs(total / 20 / n - predicted.size)).toBeLessThan(0.02 * predicted.size);
    });

    it('matches S just above p_c as well (p = 0.2 = 1.6 p_c, S ~ 0.64) within 3%', () => {
      // Closer to p_c the giant cluster fluctuates more (~1%); 3% is still over 10 standard errors.
      const p = 0.2;
      const predicted = expectedFinalSize(er, p);
      const source = rng('ic-super-2');
      let total = 0;
      for (let s = 0; s < 20; s++) {
        const seeds = Array.from({ length: 10 }, () => Math.floor(source.next() * n));
        total += independentCascade(er, seeds, p, source).count;
      }
      expect(Math.abs(total / 20 / n - predicted.size)).toBeLessThan(0.03 * predicted.size);
    });
  });
});
