import seedrandom from 'seedrandom';

/** The saved state of a stream; restoring it replays the same draws. */
export type StreamState = object;

interface Prng {
  (): number;
  state(): object;
}

/**
 * One named, seeded stream of random numbers with the distributions simulations need, all in
 * one place so every model draws the same way. Backed by seedrandom's Alea (fast, and its state
 * saves and restores exactly).
 */
export class RandomStream {
  private prng: Prng;

  constructor(readonly seed: string, state?: StreamState) {
    this.prng = (state
      ? seedrandom.alea('', { state: state as seedrandom.State.Alea })
      : seedrandom.alea(seed, { state: true })) as unknown as Prng;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform in [min, max). */
  uniform(min = 0, max = 1): number {
    return min + (max - min) * this.prng();
  }

  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new RangeError(`int(min, max) needs integers with min <= max, got ${min}, ${max}`);
    }
    return min + Math.floor(this.prng() * (max - min + 1));
  }

  /** Normal(mean, sd) by Box-Muller; uses two uniforms per draw so state stays a plain PRNG state. */
  normal(mean = 0, sd = 1): number {
    let u = this.prng();
    while (u === 0) u = this.prng();
    const v = this.prng();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** exp(Normal(mu, sigma)): mu and sigma are of the underlying normal. */
  lognormal(mu = 0, sigma = 1): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Exponential with the given mean (not rate). */
  exponential(mean: number): number {
    if (!(mean > 0)) throw new RangeError(`exponential mean must be > 0, got ${mean}`);
    return -mean * Math.log(1 - this.prng());
  }

  /** Poisson(lambda): Knuth's product method for small lambda, PTRS (Hörmann 1993) above 30. */
  poisson(lambda: number): number {
    if (!(lambda >= 0)) throw new RangeError(`poisson lambda must be >= 0, got ${lambda}`);
    if (lambda === 0) return 0;
    if (lambda < 30) {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = this.prng();
      while (p > limit) {
        k++;
        p *= this.prng();
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
      const u = this.prng() - 0.5;
      const v = this.prng();
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
    return this.prng() < p;
  }

  /** One element, uniformly. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice from an empty list');
    return items[Math.floor(this.prng() * items.length)]!;
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
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
      const j = i + Math.floor(this.prng() * (pool.length - i));
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
      const t = Math.floor(this.prng() * (j + 1));
      chosen.add(chosen.has(t) ? j : t);
    }
    return this.shuffle([...chosen]);
  }

  save(): StreamState {
    return this.prng.state();
  }

  restore(state: StreamState): void {
    this.prng = seedrandom.alea('', { state: state as seedrandom.State.Alea }) as unknown as Prng;
  }
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
