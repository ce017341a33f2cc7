import fc from 'fast-check';
import { ModelConfigError, RevertError } from '../errors';
import { FixedFeed } from './fixed-feed';
import { HaircutFeed } from './haircut-feed';
import { MedianFeed } from './median-feed';
import { MinFeed } from './min-feed';
import { NavFeed } from './nav-feed';
import { PushFeed } from './push-feed';
import { StalenessGuardFeed } from './staleness-guard-feed';

const ONE = 100_000_000n;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A NAV feed at 8 decimals with no guard, and a market feed that takes any answer. */
function feeds() {
  const nav = new NavFeed({ decimals: 8, initialPrice: ONE, startMs: 0, setters: ['fund'], maxChangeBps: 10_000, minUpdateWindowMs: 0 });
  const market = new PushFeed({ description: 'market', deviationThreshold: 0, heartbeatMs: HOUR, enforceTriggers: false });
  return { nav, market };
}

describe('MinFeed', () => {
  it('takes the lower of NAV and market, with the chosen input timestamp', () => {
    const { nav, market } = feeds();
    const f = new MinFeed([nav, market]);
    expect(() => f.latest(0)).toThrow(new RevertError('No data present'));
    market.submit('amm', 105_000_000n, 1000);
    expect(f.latest(1000)).toEqual({ price: ONE, updatedAtMs: 0, roundId: 1 });
    market.submit('amm', 80_000_000n, 2000);
    expect(f.latest(2000)).toEqual({ price: 80_000_000n, updatedAtMs: 2000, roundId: 2 });
    expect(f.history()).toEqual({ timesMs: [1000, 2000], prices: [ONE, 80_000_000n] });
  });

  it('is never above any input', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 12n }), { minLength: 1, maxLength: 6 }), (prices) => {
        const f = new MinFeed(prices.map((p) => new FixedFeed(p)));
        const r = f.latest(0).price;
        expect(prices.every((p) => r <= p) && prices.includes(r)).toBe(true);
      }),
      { seed: 61, numRuns: 100 },
    );
  });

  it('requires inputs with the same decimals', () => {
    expect(() => new MinFeed([new FixedFeed(1n, 8), new FixedFeed(1n, 18)])).toThrow(ModelConfigError);
    expect(() => new MinFeed([new FixedFeed(1n, 8), new FixedFeed(1n, 18)])).toThrow(/^inputs\[1\]\.decimals: /);
    expect(() => new MinFeed([])).toThrow(/^inputs: /);
  });
});

describe('HaircutFeed', () => {
  it('applies price x (1 - haircut), rounded down', () => {
    const f = new HaircutFeed(new FixedFeed(ONE), 0.15);
    expect(f.latest(0).price).toBe(85_000_000n);
    expect(new HaircutFeed(new FixedFeed(3n), 0.5).latest(0).price).toBe(1n);
    expect(() => new HaircutFeed(new FixedFeed(ONE), 1)).toThrow(/^haircut: /);
  });

  it('stays within one unit below the exact haircut price', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 999_999 }), (p, h) => {
        const r = new HaircutFeed(new FixedFeed(p), h / 1e6).latest(0).price;
        const exact = p * BigInt(1_000_000 - h); // scaled by 1e6
        expect(r * 1_000_000n <= exact && exact < (r + 1n) * 1_000_000n).toBe(true);
      }),
      { seed: 62, numRuns: 200 },
    );
  });
});

describe('StalenessGuardFeed', () => {
  it('falls back when the primary is older than maxAge, and back when it refreshes', () => {
    const { nav, market } = feeds();
    market.submit('amm', 90_000_000n, 0);
    const f = new StalenessGuardFeed({ primary: market, maxAgeMs: HOUR, fallback: nav });
    expect(f.latest(HOUR).price).toBe(90_000_000n);
    expect(f.isPrimaryStale(HOUR + 1)).toBe(true);
    expect(f.latest(HOUR + 1)).toEqual({ price: ONE, updatedAtMs: 0, roundId: 1 });
    market.submit('amm', 95_000_000n, 2 * HOUR);
    expect(f.latest(2 * HOUR).price).toBe(95_000_000n);
    // History includes the moment the market answer aged out; without a cut-off it also shows
    // when the current answer will age out.
    expect(f.history(2 * HOUR)).toEqual({ timesMs: [0, HOUR + 1, 2 * HOUR], prices: [90_000_000n, ONE, 95_000_000n] });
    expect(f.history().timesMs).toEqual([0, HOUR + 1, 2 * HOUR, 3 * HOUR + 1]);
    expect(market.history(HOUR)).toEqual({ timesMs: [0], prices: [90_000_000n] });
  });

  it('reverts "stale price" without a fallback, including when the primary has no data', () => {
    const { market } = feeds();
    const f = new StalenessGuardFeed({ primary: market, maxAgeMs: DAY });
    expect(() => f.latest(0)).toThrow(new RevertError('stale price'));
    market.submit('amm', ONE, 0);
    expect(f.latest(DAY).price).toBe(ONE);
    expect(() => f.latest(DAY + 1)).toThrow(new RevertError('stale price'));
    expect(f.history()).toEqual({ timesMs: [0], prices: [ONE] });
  });

  it('checks configuration', () => {
    const { market } = feeds();
    expect(() => new StalenessGuardFeed({ primary: market, maxAgeMs: -1 })).toThrow(/^maxAgeMs: /);
    expect(() => new StalenessGuardFeed({ primary: market, maxAgeMs: 1, fallback: new FixedFeed(1n, 18) })).toThrow(/^fallback\.decimals: /);
  });
});

describe('MedianFeed', () => {
  it('picks element floor(n/2) of the sorted answers, as OCR does', () => {
    const f = (ps: bigint[]) => new MedianFeed(ps.map((p) => new FixedFeed(p))).latest(0).price;
    expect(f([3n, 1n, 2n])).toBe(2n);
    expect(f([4n, 1n, 3n, 2n])).toBe(3n); // upper median for an even count
    expect(f([7n])).toBe(7n);
  });

  it('is an input answer with at least half the inputs at or below it', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1000n }), { minLength: 1, maxLength: 9 }), (ps) => {
        const r = new MedianFeed(ps.map((p) => new FixedFeed(p))).latest(0).price;
        expect(ps.includes(r)).toBe(true);
        expect(ps.filter((p) => p <= r).length * 2 >= ps.length).toBe(true);
        expect(ps.filter((p) => p >= r).length * 2 >= ps.length - 1).toBe(true);
      }),
      { seed: 63, numRuns: 200 },
    );
  });
});

describe('conservative stack: min(NAV, haircut market) guarded for staleness', () => {
  it('reads the lower value and goes stale with its inputs', () => {
    const { nav, market } = feeds();
    const conservative = new MinFeed([nav, new HaircutFeed(market, 0.02)]);
    const guarded = new StalenessGuardFeed({ primary: conservative, maxAgeMs: DAY });
    market.submit('amm', ONE, 0);
    expect(guarded.latest(0).price).toBe(98_000_000n);
    // The NAV (read as the minimum) is now older than a day: the guard refuses it.
    market.submit('amm', 120_000_000n, 2 * DAY);
    expect(() => guarded.latest(2 * DAY)).toThrow(new RevertError('stale price'));
    nav.setPrice('fund', 99_000_000n, 2 * DAY);
    expect(guarded.latest(2 * DAY).price).toBe(99_000_000n);
  });
});
