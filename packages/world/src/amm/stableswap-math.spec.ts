import fc from 'fast-check';
import { RevertError } from '../errors';
import { getD, getY, getYD } from './stableswap-math';

// Independent float reference: solve the whitepaper invariant (Egorov 2019, "StableSwap"),
//   A n^n sum(x) + D = A n^n D + D^(n+1) / (n^n prod(x)),
// by bisection in doubles with the whitepaper's A = amp / n^(n-1). This shares no code or
// iteration with the contract's Newton steps, and checks our reading of the amp convention.
// Bisection runs until the bracket stops shrinking, i.e. to the last bit of a double, so the
// reference is good to ~1e-15 relative; agreement is required to 1e-12.

function bisect(f: (v: number) => number, lo: number, hi: number): number {
  // f(lo) and f(hi) have opposite signs
  const sLo = Math.sign(f(lo));
  for (let k = 0; k < 2000; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (Math.sign(f(mid)) === sLo) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function whitepaperD(xp: number[], amp: number): number {
  const n = xp.length;
  const A = amp / n ** (n - 1);
  const Ann = A * n ** n;
  const S = xp.reduce((a, b) => a + b, 0);
  const g = (D: number): number => {
    let DP = D; // D^(n+1)/(n^n prod x), as D * prod(D/(n x)) to stay in range
    for (const x of xp) DP *= D / (n * x);
    return Ann * S + D - Ann * D - DP;
  };
  return bisect(g, S * 1e-9, S);
}

function whitepaperY(xp: number[], amp: number, i: number, j: number, x: number, D: number): number {
  const n = xp.length;
  const A = amp / n ** (n - 1);
  const Ann = A * n ** n;
  const others = xp.map((v, k) => (k === i ? x : v)).filter((_, k) => k !== j);
  const h = (y: number): number => {
    let DP = D;
    for (const v of others) DP *= D / (n * v);
    DP *= D / (n * y);
    return Ann * (others.reduce((a, b) => a + b, 0) + y) + D - Ann * D - DP;
  };
  return bisect(h, D * 1e-12, D);
}

const E18 = 10n ** 18n;

describe('getD', () => {
  it('equals the sum for balanced pools (the Newton step is then a fixed point)', () => {
    expect(getD([E18 * 1_000_000n, E18 * 1_000_000n, E18 * 1_000_000n], 2000n)).toBe(3n * E18 * 1_000_000n);
    expect(getD([5n * E18, 5n * E18], 1n)).toBe(10n * E18);
  });

  it('is 0 for an empty pool and reverts when one coin is empty', () => {
    expect(getD([0n, 0n, 0n], 100n)).toBe(0n);
    expect(() => getD([E18, 0n], 100n)).toThrow(new RevertError('dev: division by zero'));
  });

  it('lies between the constant-product and constant-sum invariants', () => {
    const xp = [E18 * 900n, E18 * 100n];
    const D = getD(xp, 100n);
    expect(D).toBeLessThan(E18 * 1000n); // sum
    expect(D).toBeGreaterThan(2n * E18 * 300n); // n * geometric mean = 2 * sqrt(900*100)
  });

  it('agrees with a float bisection of the whitepaper invariant to 1e-12', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 3, max: 9 }),
        (n, amp, weights, mag) => {
          const xp = weights.slice(0, n).map((w) => BigInt(Math.floor(w * 1e15)) * 10n ** BigInt(mag + 3));
          const D = getD(xp, BigInt(amp));
          const ref = whitepaperD(xp.map(Number), amp);
          expect(Math.abs(Number(D) - ref) / ref).toBeLessThan(1e-12);
        },
      ),
      { seed: 31337, numRuns: 200 },
    );
  });
});

describe('getY / getYD', () => {
  it('agree with a float bisection of the whitepaper invariant to 1e-12 on dy', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.nat(),
        (n, amp, weights, tradeFrac, pick) => {
          const i = pick % n;
          const j = (i + 1 + (Math.floor(pick / n) % (n - 1))) % n;
          const xp = weights.slice(0, n).map((w) => BigInt(Math.floor(w * 1e15)) * 10n ** 12n);
          const D = getD(xp, BigInt(amp));
          const x = xp[i]! + BigInt(Math.floor(tradeFrac * 1e6)) * (xp[i]! / 1_000_000n);
          const y = getY(i, j, x, xp, BigInt(amp), D);
          const dy = Number(xp[j]! - y);
          const yRef = whitepaperY(xp.map(Number), amp, i, j, Number(x), Number(D));
          const dyRef = Number(xp[j]!) - yRef;
          expect(Math.abs(dy - dyRef) / dyRef).toBeLessThan(1e-12);
          // y keeps the invariant: D of the new balances is D to within rounding
          const after = xp.map((v, k) => (k === i ? x : k === j ? y : v));
          const D2 = getD(after, BigInt(amp));
          expect(Math.abs(Number(D2 - D))).toBeLessThanOrEqual(Number(D) * 1e-15 + 4);
        },
      ),
      { seed: 4242, numRuns: 200 },
    );
  });

  it('getYD inverts getD for one coin', () => {
    const xp = [E18 * 700n, E18 * 200n, E18 * 100n];
    const amp = 300n;
    const D = getD(xp, amp);
    const y = getYD(amp, 0, xp, D);
    expect(y > xp[0]! - 3n && y < xp[0]! + 3n).toBe(true);
    const lower = getYD(amp, 0, xp, (D * 9n) / 10n);
    const after = [lower, xp[1]!, xp[2]!];
    const D2 = getD(after, amp);
    expect(Number(D2) / Number((D * 9n) / 10n)).toBeCloseTo(1, 14);
  });

  it('guards indices like the contract', () => {
    const xp = [E18, E18];
    expect(() => getY(0, 0, E18, xp, 10n, 2n * E18)).toThrow(new RevertError('dev: same coin'));
    expect(() => getY(0, 2, E18, xp, 10n, 2n * E18)).toThrow(new RevertError('dev: j above N_COINS'));
    expect(() => getY(0, -1, E18, xp, 10n, 2n * E18)).toThrow(new RevertError('dev: j below zero'));
    expect(() => getYD(10n, 2, xp, 2n * E18)).toThrow(new RevertError('dev: i above N_COINS'));
  });
});
