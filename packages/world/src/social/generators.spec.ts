import { RandomStream } from '@paradox/engine';
import fc from 'fast-check';
import { ModelConfigError } from '../errors';
import { barabasiAlbert } from './barabasi-albert';
import { erdosRenyi } from './erdos-renyi';
import { kOut } from './k-out';
import { randomRegular } from './random-regular';
import { independentCascade } from './independent-cascade';
import { wattsStrogatz } from './watts-strogatz';
import type { SocialGraph } from './social-graph';
import { assertCanonical, countingUniform, sameGraph } from './testkit';

const rng = (seed: string): RandomStream => new RandomStream(`social-spec/${seed}`);

function variance(xs: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < xs.length; i++) mean += xs[i]!;
  mean /= xs.length;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i]! - mean) ** 2;
  return ss / (xs.length - 1);
}

describe('kOut (cascade-bench links)', () => {
  const n = 20_000;
  const k = 8;

  it('gives every node degree >= k and the exact expected number of mutual picks', () => {
    // Links = n k - M, where M counts pairs that picked each other. A pair does so with
    // probability q^2, q = k/(n-1), so E[M] = C(n,2) q^2 = n k^2 / (2(n-1)) = 32.0 per graph.
    // M is a sum of ~2e8 rare, nearly independent indicators: Poisson, variance = mean. Over
    // 5 graphs E = 160.0 and the threshold is 4 sd = 4 sqrt(160) = 50.6.
    let mutual = 0;
    for (let s = 0; s < 5; s++) {
      const g = kOut(n, k, rng(`kout-${s}`));
      assertCanonical(g);
      const degrees = g.degrees();
      expect(Math.min(...degrees)).toBeGreaterThanOrEqual(k);
      mutual += n * k - g.edgeCount;
      // Mean degree is 2k - 2M/n; its expectation 2k - k^2/(n-1) = 15.9968.
      expect(g.meanDegree()).toBeCloseTo(2 * k - (2 * (n * k - g.edgeCount)) / n, 12);
    }
    const expected = 5 * ((n * k * k) / (2 * (n - 1)));
    expect(expected).toBeCloseTo(160.008, 3);
    expect(Math.abs(mutual - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('spreads picks uniformly: degree variance matches Binomial(n-1, k/(n-1)) in-picks', () => {
    // degree = k + (times picked) - (mutual picks); times picked ~ Binomial(n-1, q), variance
    // k(1-q) = 7.9968. The sample variance over n nodes has sd ~ sigma^2 sqrt(2/n) ~ 0.08
    // (kurtosis of the binomial adds ~3%), so the threshold is 0.35 (over 4 sd). A picker biased
    // towards nearby ids (e.g. always u+1..u+k) would give variance ~0.
    const g = kOut(n, k, rng('kout-var'));
    const q = k / (n - 1);
    expect(Math.abs(variance(g.degrees()) - k * (1 - q))).toBeLessThan(0.35);
  });

  it('links every pair with probability 1 - (1 - q)^2 on a tiny graph', () => {
    // n = 5, k = 2: q = 1/2, P(link) = 3/4 for each of the 10 pairs. 4000 graphs: count ~
    // Binomial(4000, 0.75), sd 27.4; threshold 4 sd = 110.
    const runs = 4000;
    const counts = new Map<string, number>();
    const source = rng('kout-tiny');
    for (let r = 0; r < runs; r++) {
      const g = kOut(5, 2, source);
      if (Math.min(...g.degrees()) < 2) throw new Error('a node has degree < k');
      g.forEachEdge((u, v) => counts.set(`${u}-${v}`, (counts.get(`${u}-${v}`) ?? 0) + 1));
    }
    expect(counts.size).toBe(10);
    for (const c of counts.values()) expect(Math.abs(c - 0.75 * runs)).toBeLessThan(110);
  });

  it('draws exactly n k uniforms and is deterministic per seed', () => {
    const counting = countingUniform(rng('kout-det'));
    const a = kOut(3000, 8, counting);
    expect(counting.draws).toBe(3000 * 8);
    expect(sameGraph(a, kOut(3000, 8, rng('kout-det')))).toBe(true);
    expect(sameGraph(a, kOut(3000, 8, rng('kout-other')))).toBe(false);
  });

  it('covers the edge cases k = 0 and k = n - 1', () => {
    expect(kOut(10, 0, rng('k0')).edgeCount).toBe(0);
    const complete = kOut(10, 9, rng('k9'));
    expect(complete.edgeCount).toBe(45);
    expect(kOut(0, 0, rng('empty')).nodeCount).toBe(0);
  });

  it('names the bad parameter', () => {
    expect(() => kOut(10, 10, rng('x'))).toThrow(ModelConfigError);
    expect(() => kOut(10, 10, rng('x'))).toThrow(/^kOut\.k: must be an integer in \[0, 9\], got 10$/);
    expect(() => kOut(-1, 0, rng('x'))).toThrow(/^kOut\.n: /);
    expect(() => kOut(10, 1.5, rng('x'))).toThrow(/^kOut\.k: /);
  });
});

describe('erdosRenyi', () => {
  it('has p n(n-1)/2 links within 4 sd', () => {
    // n = 20,000, p = 4e-4: N = 199,990,000 pairs, E = 79,996, sd = sqrt(N p (1-p)) = 282.8.
    const n = 20_000;
    const p = 4e-4;
    const g = erdosRenyi(n, p, rng('er'));
    assertCanonical(g);
    const pairs = (n * (n - 1)) / 2;
    expect(Math.abs(g.edgeCount - p * pairs)).toBeLessThan(4 * Math.sqrt(pairs * p * (1 - p)));
  });

  it('links each pair with probability p on a tiny graph (no off-by-one in the skipping)', () => {
    // n = 6, p = 0.3, 4000 graphs: each of the 15 pairs ~ Binomial(4000, 0.3), sd 29.0;
    // threshold 4 sd = 116.
    const runs = 4000;
    const counts = new Map<string, number>();
    const source = rng('er-tiny');
    for (let r = 0; r < runs; r++) {
      erdosRenyi(6, 0.3, source).forEachEdge((u, v) => counts.set(`${u}-${v}`, (counts.get(`${u}-${v}`) ?? 0) + 1));
    }
    expect(counts.size).toBe(15);
    for (const c of counts.values()) expect(Math.abs(c - 0.3 * runs)).toBeLessThan(116);
  });

  it('gives the empty and the complete graph at p = 0 and p = 1', () => {
    expect(erdosRenyi(30, 0, rng('er0')).edgeCount).toBe(0);
    const complete = erdosRenyi(30, 1, rng('er1'));
    expect(complete.edgeCount).toBe(435);
    assertCanonical(complete);
    expect(erdosRenyi(1, 0.5, rng('er-1')).edgeCount).toBe(0);
  });

  it('is deterministic per seed and names bad parameters', () => {
    expect(sameGraph(erdosRenyi(2000, 0.01, rng('er-d')), erdosRenyi(2000, 0.01, rng('er-d')))).toBe(true);
    expect(sameGraph(erdosRenyi(2000, 0.01, rng('er-d')), erdosRenyi(2000, 0.01, rng('er-e')))).toBe(false);
    expect(() => erdosRenyi(10, 1.5, rng('x'))).toThrow(/^erdosRenyi\.p: must be a probability/);
    expect(() => erdosRenyi(10, Number.NaN, rng('x'))).toThrow(/^erdosRenyi\.p: /);
    expect(() => erdosRenyi(1e6, 0.5, rng('x'))).toThrow(/^erdosRenyi\.p: must give an expected edge count/);
  });
});

describe('barabasiAlbert', () => {
  const n = 20_000;
  const m = 4;
  const ba = barabasiAlbert(n, m, rng('ba'));

  it('has exactly m(n - m) links; every node added after the star has degree >= m', () => {
    assertCanonical(ba);
    expect(ba.edgeCount).toBe(m * (n - m));
    // The initial star's leaves start with one link and may never be picked again (as in
    // networkx), so the bound holds from node m + 1 on.
    expect(Math.min(...ba.degrees().slice(m + 1))).toBe(m);
    expect(Math.min(...ba.degrees())).toBeGreaterThanOrEqual(1);
  });

  it('has a far heavier tail than G(n,p) with the same mean degree', () => {
    // G(n,p) at mean 8 has max degree ~20; BA's grows like m sqrt(n) (~500 here).
    const er = erdosRenyi(n, ba.meanDegree() / (n - 1), rng('ba-er'));
    expect(er.maxDegree()).toBeLessThan(30);
    expect(ba.maxDegree()).toBeGreaterThan(10 * er.maxDegree());
  });

  it('matches the degree tail P(K >= k) = m(m+1)/(k(k+1)) of Bollobás et al. (2001)', () => {
    // Threshold: 4 binomial sd of a fraction over n nodes, sqrt(f(1-f)/n); k kept well below
    // sqrt(n) where the finite-n cutoff does not bite.
    const degrees = ba.degrees();
    for (const k of [8, 16, 32]) {
      const f = (m * (m + 1)) / (k * (k + 1));
      const observed = degrees.filter((d) => d >= k).length / n;
      expect(Math.abs(observed - f)).toBeLessThan(4 * Math.sqrt((f * (1 - f)) / n));
    }
  });

  it('is connected (star seed, every newcomer attaches)', () => {
    const g = barabasiAlbert(500, 1, rng('ba-tree'));
    expect(g.edgeCount).toBe(499);
    expect(independentCascade(g, [0], 1, rng('unused')).count).toBe(500);
  });

  it('is deterministic per seed and names bad parameters', () => {
    expect(sameGraph(barabasiAlbert(3000, 3, rng('ba-d')), barabasiAlbert(3000, 3, rng('ba-d')))).toBe(true);
    expect(sameGraph(barabasiAlbert(3000, 3, rng('ba-d')), barabasiAlbert(3000, 3, rng('ba-e')))).toBe(false);
    expect(() => barabasiAlbert(10, 10, rng('x'))).toThrow(/^barabasiAlbert\.m: must be an integer in \[1, 9\]/);
    expect(() => barabasiAlbert(10, 0, rng('x'))).toThrow(/^barabasiAlbert\.m: /);
    expect(() => barabasiAlbert(1, 1, rng('x'))).toThrow(/^barabasiAlbert\.n: /);
  });
});

describe('wattsStrogatz', () => {
  const isLatticePair = (u: number, v: number, n: number, half: number): boolean => {
    const delta = Math.abs(u - v);
    return Math.min(delta, n - delta) <= half;
  };

  it('is the ring lattice at beta = 0, and draws nothing', () => {
    const n = 50;
    const k = 6;
    const counting = countingUniform(rng('ws0'));
    const g = wattsStrogatz(n, k, 0, counting);
    expect(counting.draws).toBe(0);
    assertCanonical(g);
    for (let u = 0; u < n; u++) {
      const expected = [1, 2, 3].flatMap((j) => [(u + j) % n, (u - j + n) % n]).sort((a, b) => a - b);
      expect([...g.neighbours(u)]).toEqual(expected);
    }
  });

  it('keeps n k / 2 simple links at beta = 1, each node keeping its own k/2', () => {
    const n = 2000;
    const k = 10;
    const g = wattsStrogatz(n, k, 1, rng('ws1'));
    assertCanonical(g);
    expect(g.edgeCount).toBe((n * k) / 2);
    expect(Math.min(...g.degrees())).toBeGreaterThanOrEqual(k / 2);
    expect(g.maxDegree()).toBeGreaterThan(k);
  });

  it('rewires a fraction beta of the links', () => {
    // Each of E = n k/2 links is rewired with probability beta; a rewired link lands back on a
    // lattice pair with probability < k/n. Threshold: 4 binomial sd + beta E k / n.
    const n = 5000;
    const k = 10;
    const beta = 0.2;
    const g = wattsStrogatz(n, k, beta, rng('ws-beta'));
    const edges = (n * k) / 2;
    let shortcuts = 0;
    g.forEachEdge((u, v) => {
      if (!isLatticePair(u, v, n, k / 2)) shortcuts++;
    });
    const tolerance = 4 * Math.sqrt(edges * beta * (1 - beta)) + (beta * edges * k) / n;
    expect(Math.abs(shortcuts - beta * edges)).toBeLessThan(tolerance);
  });

  it('is deterministic per seed and names bad parameters', () => {
    expect(sameGraph(wattsStrogatz(1000, 6, 0.3, rng('ws-d')), wattsStrogatz(1000, 6, 0.3, rng('ws-d')))).toBe(true);
    expect(sameGraph(wattsStrogatz(1000, 6, 0.3, rng('ws-d')), wattsStrogatz(1000, 6, 0.3, rng('ws-e')))).toBe(false);
    expect(() => wattsStrogatz(10, 3, 0.1, rng('x'))).toThrow(/^wattsStrogatz\.k: must be even/);
    expect(() => wattsStrogatz(10, 10, 0.1, rng('x'))).toThrow(/^wattsStrogatz\.k: /);
    expect(() => wattsStrogatz(10, 4, -0.1, rng('x'))).toThrow(/^wattsStrogatz\.beta: /);
  });

  it('gives the complete graph at k = n - 1 whatever beta', () => {
    const g = wattsStrogatz(9, 8, 0.7, rng('ws-full'));
    expect(g.edgeCount).toBe(36);
  });
});

describe('randomRegular', () => {
  const check = (g: SocialGraph, n: number, d: number): void => {
    assertCanonical(g);
    expect(g.nodeCount).toBe(n);
    expect(g.edgeCount).toBe((n * d) / 2);
    const degrees = g.degrees();
    expect(degrees.every((x) => x === d)).toBe(true);
  };

  it.each([
    [1000, 3, 'auto'],
    [2000, 8, 'auto'],
    [2000, 8, 'rejection'],
    [7, 4, 'auto'],
    [10, 9, 'auto'],
    [10, 0, 'auto'],
    [1, 0, 'auto'],
    [5000, 3, 'pairing'],
  ] as const)('n = %i, d = %i (%s): every degree is d, simple', (n, d, method) => {
    if (method === 'rejection' && d > 5) {
      // Exact rejection at d = 8 would need ~1e7 attempts: refused by its attempt budget.
      expect(() => randomRegular(n, d, rng('rr'), { method, maxAttempts: 100 })).toThrow(/no simple pairing/);
      return;
    }
    check(randomRegular(n, d, rng(`rr-${n}-${d}`), { method }), n, d);
  });

  it('property: both methods give simple d-regular graphs for any small n, d', () => {
    const input = fc
      .integer({ min: 1, max: 30 })
      .chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 1e6 })))
      .filter(([n, d]) => (n * d) % 2 === 0);
    fc.assert(
      fc.property(input, ([n, d, seed]) => {
        check(randomRegular(n, d, rng(`rr-prop-${seed}`), { method: 'pairing' }), n, d);
        if (d <= 4) check(randomRegular(n, d, rng(`rr-prop-${seed}`), { method: 'rejection' }), n, d);
      }),
      { seed: 4242, numRuns: 150 },
    );
  });

  it('is exactly uniform with rejection: two triangles 10 times in 70 on six nodes, d = 2', () => {
    // The 70 labelled 2-regular graphs on 6 nodes are 60 hexagons and 10 pairs of triangles.
    // 20,000 draws: sd sqrt((1/7)(6/7)/20000) = 0.0025; threshold 4 sd = 0.0099. (The pairing
    // method gives ~0.31 here: it is only asymptotically uniform, see the docs.)
    const runs = 20_000;
    const source = rng('rr-uniform');
    let triangles = 0;
    for (let r = 0; r < runs; r++) {
      const g = randomRegular(6, 2, source); // auto picks rejection at this size
      const [a, b] = g.neighbours(0);
      if (g.hasEdge(a!, b!)) triangles++;
    }
    expect(Math.abs(triangles / runs - 1 / 7)).toBeLessThan(4 * Math.sqrt((1 / 7) * (6 / 7) / runs));
  });

  it('is deterministic per seed and names bad parameters', () => {
    expect(sameGraph(randomRegular(500, 6, rng('rr-d')), randomRegular(500, 6, rng('rr-d')))).toBe(true);
    expect(sameGraph(randomRegular(500, 6, rng('rr-d')), randomRegular(500, 6, rng('rr-e')))).toBe(false);
    expect(() => randomRegular(5, 3, rng('x'))).toThrow(/^randomRegular\.d: must make n \* d even/);
    expect(() => randomRegular(5, 5, rng('x'))).toThrow(/^randomRegular\.d: /);
    expect(() => randomRegular(6, 2, rng('x'), { method: 'fast' as 'auto' })).toThrow(/^randomRegular\.method: /);
  });
});
