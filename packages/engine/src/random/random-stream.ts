/** The saved state of a stream (Alea's, in seedrandom's format); restoring it replays the same draws. */
export interface StreamState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

/**
 * One named, seeded stream of random numbers with the distributions simulations need, all in
 * one place so every model draws the same way.
 *
 * The generator is Baagøe's Alea, step for step as seedrandom's `alea` computes it (a test
 * checks the two agree draw for draw from the same state, and states are interchangeable).
 * It is written inline rather than called through seedrandom because a million agents each own
 * a stream: seedrandom's closure-based generator costs ~400 bytes per stream, this one four
 * numbers.
 */
export class RandomStream {
  private c = 1;
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;

  constructor(seed: string, state?: StreamState) {
    this.restore(state ?? aleaStateFor(seed));
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    return (this.s2 = t - (this.c = t | 0));
  }

  /** Uniform in [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Normal(mean, sd) by Box-Muller; uses two uniforms per draw so state stays a plain PRNG state. */
  normal(mean = 0, sd = 1): number {
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(Normal(mu, sigma)): mu and sigma are of the underlying normal. */
  lognormal(mu = 0, sigma = 1): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    if (!(mean > 0)) throw new RangeError(`exponential mean must be > 0, got ${mean}`);
    return -mean * Math.log(1 - this.next());
  }

  /** Poisson(lambda): Knuth's product method for small lambda, PTRS (Hörmann 1993) above 30. */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson lambda must be >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.next();
      while (p > limit) {
        k++;
        p *= this.next();
      }
      return k;
    }
    return this.poissonPtrs(lambda);
  }

  private poissonPtrs(lambda: number): number {
    const slam = Math.sqrt(lambda);
    const loglam = Math.log(lambda);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.next() - 0.5;
      const v = this.next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) {
        return k;
      }
    }
  }

  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli p must be in [0, 1], got ${p}`);
    return this.next() < p;
  }

  /** One element, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** `k` distinct elements without replacement, in random order (partial Fisher-Yates). */
  sample<T>(items: readonly T[], k: number): T[] {
    if (!Number.isInteger(k) || k < 0 || k > items.length) {
      throw new RangeError(`sample size must be an integer in [0, ${items.length}], got ${k}`);
    }
    const pool = items.slice();
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    pool.length = k;
    return pool;
  }

  /** `k` distinct integers from [0, n), in random order, without materialising [0, n). */
  sampleIndices(n: number, k: number): number[] {
    if (!Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`cannot sample ${k} of ${n}`);
    // Floyd's algorithm; order is then shuffled so the result is a uniform random sequence.
    const chosen = new Set<number>();
    for (let j = n - k; j < n; j++) {
      const t = Math.floor(this.next() * (j + 1));
      chosen.add(chosen.has(t) ? j : t);
    }
    return this.shuffle([...chosen]);
  }

  save(): StreamState {
    return { c: this.c, s0: this.s0, s1: this.s1, s2: this.s2 };
  }

  restore(state: StreamState): void {
    this.c = state.c;
    this.s0 = state.s0;
    this.s1 = state.s1;
    this.s2 = state.s2;
  }
}

/**
 * Alea's initial state derived from a seed string by a 128-bit multiplicative hash (the
 * cyrb128 construction: four 32-bit lanes, each mixing every character with a distinct odd
 * multiplier, then a final avalanche). seedrandom's own seeding runs its Mash hash three times
 * over the string, ~4 us per stream: 4 s for a million holders. The state is what Mash would
 * produce in kind (three multiples of 2^-32 in [0, 1) and a carry of 1); only the mixing differs.
 */
export function aleaStateFor(seed: string): StreamState {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  const fraction = (h: number) => (h >>> 0) / 4294967296;
  return { c: 1, s0: fraction(h1), s1: fraction(h2), s2: fraction(h3) };
}

const logFactorialTable: number[] = [0];
function logFactorial(k: number): number {
  if (k < 256) {
    for (let i = logFactorialTable.length; i <= k; i++) logFactorialTable[i] = logFactorialTable[i - 1]! + Math.log(i);
    return logFactorialTable[k]!;
  }
  // Stirling series; error below 1e-10 for k >= 256.
  return (k + 0.5) * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * k) - 1 / (360 * k * k * k);
}
