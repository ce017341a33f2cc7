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
  /**
   * Alea's three state words s0..s2 times 2^32, as int32. Each word is a multiple of 2^-32 in
   * [0, 1) (the seeding makes them so and every step keeps them so: see {@link next}), so it is
   * held exactly as a small integer inside the object; stored as doubles each would be a boxed
   * heap number (with a million streams, ~50 MB more and a pointer chase per draw).
   */
  private w0 = 0;
  private w1 = 0;
  private w2 = 0;

  constructor(seed: string, state?: StreamState) {
    this.restore(state ?? aleaStateFor(seed));
  }

  /** Uniform in [0, 1). */
  next(): number {
    // s0 = w0 * 2^-32 exactly, so this is Alea's step bit for bit: t = 2091639 s0 + c 2^-32 needs
    // at most 21 + 32 bits and is exact, and so is s2 = t - c, again a multiple of 2^-32.
    const t = 2091639 * ((this.w0 >>> 0) * 2.3283064365386963e-10) + this.c * 2.3283064365386963e-10; // 2^-32
    this.w0 = this.w1;
    this.w1 = this.w2;
    const c = t | 0;
    this.c = c;
    const s2 = t - c;
    this.w2 = (s2 * 4294967296) | 0;
    return s2;
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
    const f = 2.3283064365386963e-10; // 2^-32
    return { c: this.c, s0: (this.w0 >>> 0) * f, s1: (this.w1 >>> 0) * f, s2: (this.w2 >>> 0) * f };
  }

  /**
   * Restores a state from {@link save} (or seedrandom's `alea` state). Its words must be what
   * Alea's words always are, multiples of 2^-32 in [0, 1); anything else is a RangeError.
   */
  restore(state: StreamState): void {
    const w0 = stateWord(state.s0, 's0');
    const w1 = stateWord(state.s1, 's1');
    const w2 = stateWord(state.s2, 's2');
    this.c = state.c;
    this.w0 = w0;
    this.w1 = w1;
    this.w2 = w2;
  }
}

/** A state word as int32 (its value times 2^32), checked. */
function stateWord(s: number, name: string): number {
  const w = s * 4294967296;
  if (!(Number.isInteger(w) && w >= 0 && w < 4294967296)) {
    throw new RangeError(`random stream state: ${name} must be a multiple of 2^-32 in [0, 1), got ${s}`);
  }
  return w | 0;
}

/**
 * Alea's initial state derived from a seed string by a 128-bit multiplicative hash (the
 * cyrb128 construction: four 32-bit lanes, each mixing every character with a distinct odd
 * multiplier, then a final avalanche). seedrandom's own seeding runs its Mash hash three times
 * over the string, ~4 us per stream: 4 s for a million holders. The state is what Mash would
 * produce in kind (three multiples of 2^-32 in [0, 1) and a carry of 1); only the mixing differs.
 */
export function aleaStateFor(seed: string): StreamState {
  const h = SEED_HASH_INIT.slice() as SeedHash;
  seedHashAppend(h, seed);
  return seedHashState(h);
}

/**
 * @internal The four lanes of {@link aleaStateFor}'s hash part-way through a seed string: a
 * prefix shared by many streams (`paradox:<master>:<run path>/`) is hashed once, and each
 * stream continues from a copy. Same result as hashing the whole string.
 */
export type SeedHash = [number, number, number, number];

/** @internal The lanes before any character. */
export const SEED_HASH_INIT: readonly number[] = [1779033703, 3144134277, 1013904242, 2773480762];

/** @internal Mixes the characters of `text` into `h` (in place). */
export function seedHashAppend(h: SeedHash, text: string): void {
  // (read by index: destructuring runs the array iterator, a few allocations per stream made)
  let h1 = h[0];
  let h2 = h[1];
  let h3 = h[2];
  let h4 = h[3];
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h[0] = h1;
  h[1] = h2;
  h[2] = h3;
  h[3] = h4;
}

/** @internal The final avalanche: the stream state of the string hashed into `h`. */
export function seedHashState(h: SeedHash): StreamState {
  let h1 = h[0];
  let h2 = h[1];
  let h3 = h[2];
  let h4 = h[3];
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  const fraction = (x: number) => (x >>> 0) / 4294967296;
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
