import { SeedTree } from './seed-tree';
import { RandomStream } from './random-stream';

const draws = (s: RandomStream, n = 5) => Array.from({ length: n }, () => s.next());

describe('SeedTree', () => {
  it('same seed and path give the same stream; different paths differ', () => {
    const a = new SeedTree(7).child('run').stream('agent/holder-1');
    const b = new SeedTree(7).child('run').stream('agent/holder-1');
    const c = new SeedTree(7).child('run').stream('agent/holder-2');
    const d = new SeedTree(8).child('run').stream('agent/holder-1');
    const da = draws(a);
    expect(draws(b)).toEqual(da);
    expect(draws(c)).not.toEqual(da);
    expect(draws(d)).not.toEqual(da);
  });

  it('a stream is seeded by its whole path, the prefix hashed once: same draws as the full seed string', () => {
    for (const [tree, full] of [
      [new SeedTree(7), 'paradox:7:'],
      [new SeedTree('abc').child('run-3'), 'paradox:abc:run-3/'],
      [new SeedTree(1).child('run').child('shard-2'), 'paradox:1:run/shard-2/'],
    ] as const) {
      for (const name of ['agent/holder-123456', 'x', 'scenario/graph']) {
        expect(draws(tree.stream(name), 8)).toEqual(draws(new RandomStream(`${full}${name}`), 8));
        // (and again, from the cached prefix)
        expect(draws(tree.stream(name), 8)).toEqual(draws(new RandomStream(`${full}${name}`), 8));
      }
      expect(() => tree.stream('')).toThrow(RangeError);
    }
  });

  it('adding an agent does not change another agent’s draws', () => {
    const tree = new SeedTree(42).child('run');
    const alone = draws(tree.stream('agent/x'), 20);
    const tree2 = new SeedTree(42).child('run');
    const newcomer = tree2.stream('agent/new');
    const x = tree2.stream('agent/x');
    const interleaved: number[] = [];
    for (let i = 0; i < 20; i++) {
      newcomer.next();
      interleaved.push(x.next());
    }
    expect(interleaved).toEqual(alone);
  });
});

describe('RandomStream', () => {
  it('saves and restores state exactly', () => {
    const s = new RandomStream('seed');
    draws(s, 10);
    const saved = s.save();
    const next = draws(s, 10);
    s.restore(saved);
    expect(draws(s, 10)).toEqual(next);
    const copy = new RandomStream('ignored', saved);
    expect(draws(copy, 10)).toEqual(next);
  });

  // Moments over n draws; tolerances are 5 standard errors, so a correct sampler fails ~1e-6 of the time.
  const n = 200_000;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = (xs: number[]) => {
    const m = mean(xs);
    return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
  };
  const sample = (f: (s: RandomStream) => number) => {
    const s = new RandomStream('moments');
    return Array.from({ length: n }, () => f(s));
  };

  it.each([
    ['uniform(2, 5)', (s: RandomStream) => s.uniform(2, 5), 3.5, 0.75],
    ['normal(1, 2)', (s: RandomStream) => s.normal(1, 2), 1, 4],
    ['exponential(mean 3)', (s: RandomStream) => s.exponential(3), 3, 9],
    ['poisson(4)', (s: RandomStream) => s.poisson(4), 4, 4],
    ['poisson(250)', (s: RandomStream) => s.poisson(250), 250, 250],
    ['lognormal(0, 0.5)', (s: RandomStream) => s.lognormal(0, 0.5), Math.exp(0.125), (Math.exp(0.25) - 1) * Math.exp(0.25)],
    ['bernoulli(0.3)', (s: RandomStream) => (s.bernoulli(0.3) ? 1 : 0), 0.3, 0.21],
    ['int(1, 6)', (s: RandomStream) => s.int(1, 6), 3.5, 35 / 12],
  ])('%s has the right mean and variance', (_name, f, mu, sigma2) => {
    const xs = sample(f);
    expect(Math.abs(mean(xs) - mu)).toBeLessThan(5 * Math.sqrt(sigma2 / n));
    // Variance of the sample variance depends on the 4th moment; 5% is far outside its error here.
    expect(Math.abs(variance(xs) / sigma2 - 1)).toBeLessThan(0.05);
  });

  it('shuffle is a permutation and sample draws distinct items', () => {
    const s = new RandomStream('perm');
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect([...s.shuffle(items.slice())].sort((a, b) => a - b)).toEqual(items);
    const picked = s.sample(items, 30);
    expect(new Set(picked).size).toBe(30);
    const idx = s.sampleIndices(1_000_000, 50);
    expect(new Set(idx).size).toBe(50);
    expect(idx.every((i) => i >= 0 && i < 1_000_000)).toBe(true);
    expect(() => s.sample(items, 101)).toThrow(/sample size/);
  });

  it('sample picks every item with equal probability', () => {
    const s = new RandomStream('fair');
    const counts = new Array(10).fill(0);
    const trials = 50_000;
    for (let t = 0; t < trials; t++) for (const i of s.sample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3)) counts[i]++;
    const expected = (trials * 3) / 10;
    const sd = Math.sqrt(trials * 0.3 * 0.7);
    for (const c of counts) expect(Math.abs(c - expected)).toBeLessThan(5 * sd);
  });
});

describe('RandomStream is seedrandom’s Alea', () => {
  it('draws exactly what seedrandom.alea draws from the same state, and states interchange', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const seedrandom = require('seedrandom') as typeof import('seedrandom');
    const reference = seedrandom.alea('any seed', { state: true });
    for (let i = 0; i < 10; i++) reference();
    const state = reference.state();
    const ours = new RandomStream('ignored', state);
    for (let i = 0; i < 10_000; i++) expect(ours.next()).toBe(reference());
    const back = seedrandom.alea('', { state: ours.save() as never });
    expect(back()).toBe(ours.next());
  });

  it('matches seedrandom.alea draw for draw from many seeds and states, over long runs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const seedrandom = require('seedrandom') as typeof import('seedrandom');
    for (let k = 0; k < 50; k++) {
      // Seeded by seedrandom's own Mash, and by ours.
      const reference = seedrandom.alea(`seed ${k}`, { state: true });
      const ours = new RandomStream('ignored', reference.state());
      for (let i = 0; i < 2_000; i++) expect(ours.next()).toBe(reference());
      const ourSeeded = new RandomStream(`paradox:${k}:agent/holder-${k}`);
      const theirs = seedrandom.alea('', { state: ourSeeded.save() as never });
      for (let i = 0; i < 2_000; i++) expect(ourSeeded.next()).toBe(theirs());
      expect(ourSeeded.save()).toEqual((theirs as unknown as { state(): unknown }).state());
    }
  });

  it('refuses a state Alea cannot be in', () => {
    expect(() => new RandomStream('x', { c: 1, s0: 0.1, s1: 0, s2: 0 })).toThrow(/s0 must be a multiple of 2\^-32/);
    expect(() => new RandomStream('x', { c: 1, s0: 0, s1: 1, s2: 0 })).toThrow(/s1/);
    expect(() => new RandomStream('x', { c: 1, s0: 0, s1: 0, s2: -(2 ** -32) })).toThrow(/s2/);
  });
});
