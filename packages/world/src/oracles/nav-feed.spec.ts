import fc from 'fast-check';
import { ModelConfigError, RevertError } from '../errors';
import { NavFeed, NavFeedErrors } from './nav-feed';

// Vectors from ondoprotocol/usdy forge-tests/rwaOracles/RWAOracleRateCheck.t.sol: initial price
// 100e18, MIN_PRICE_UPDATE_WINDOW = 23 hours, MAX_CHANGE_DIFF_BPS = 100.
const E18 = 10n ** 18n;
const WINDOW = 23 * 3_600_000;

function nav() {
  return new NavFeed({ description: 'OUSG NAV', initialPrice: 100n * E18, startMs: 0, setters: ['setter'] });
}

function state(f: NavFeed) {
  return { price: f.price, at: f.priceTimestampMs, n: f.history().timesMs.length };
}

describe('NavFeed (Ondo RWAOracleRateCheck)', () => {
  it('test_constrainedSetter_initialization: price and timestamp from construction', () => {
    const f = nav();
    expect(f.latest(0)).toEqual({ price: 100n * E18, updatedAtMs: 0, roundId: 1 });
    expect(() => new NavFeed({ initialPrice: 0n, startMs: 0, setters: [] })).toThrow(ModelConfigError);
  });

  it('test_constrainedSetter_setPrice_fail_*: role, invalid price, too soon, too large, too small', () => {
    const f = nav();
    const before = state(f);
    expect(() => f.setPrice('alice', 100n * E18, WINDOW)).toThrow(new RevertError(NavFeedErrors.MISSING_ROLE));
    expect(() => f.setPrice('setter', -1n, WINDOW)).toThrow(new RevertError('InvalidPrice'));
    expect(() => f.setPrice('setter', 0n, WINDOW)).toThrow(new RevertError('InvalidPrice'));
    expect(() => f.setPrice('setter', 100n * E18, WINDOW - 1)).toThrow(new RevertError('PriceUpdateWindowViolation'));
    expect(() => f.setPrice('setter', 102n * E18, WINDOW)).toThrow(new RevertError('DeltaDifferenceConstraintViolation'));
    expect(() => f.setPrice('setter', 98n * E18, WINDOW)).toThrow(new RevertError('DeltaDifferenceConstraintViolation'));
    expect(state(f)).toEqual(before);
  });

  it('test_constrainedSetter_setPrice / maxDeviationPositive / maxDeviationNegative', () => {
    const a = nav();
    expect(a.setPrice('setter', 1005n * 10n ** 17n, WINDOW)).toEqual({ price: 1005n * 10n ** 17n, updatedAtMs: WINDOW, roundId: 2 });
    expect(nav().setPrice('setter', 101n * E18, WINDOW).price).toBe(101n * E18);
    expect(nav().setPrice('setter', 99n * E18, WINDOW).price).toBe(99n * E18);
  });

  it('test_constrainedSetter_roundUp: 101.005 is 100.5 bps, rounded up to 101 and rejected', () => {
    const f = nav();
    expect(f.changeBps(101_005n * 10n ** 15n)).toBe(101n);
    expect(() => f.setPrice('setter', 101_005n * 10n ** 15n, WINDOW)).toThrow(new RevertError('DeltaDifferenceConstraintViolation'));
  });

  it('test_constrainedSetter_fuzz_multipleUpdates: 100 steps of exactly +/-1% (floored) all pass', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 100, maxLength: 100 }), (ups) => {
        const f = nav();
        let t = 0;
        for (const up of ups) {
          t += WINDOW;
          const old = f.price;
          const diff = (old * 100n) / 10_000n;
          f.setPrice('setter', up ? old + diff : old - diff, t);
          expect(f.price).toBe(up ? old + diff : old - diff);
        }
      }),
      { seed: 41, numRuns: 100 },
    );
  });

  it('acceptedRange is exactly the set of prices the guard accepts', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), fc.integer({ min: 0, max: 2_000 }), fc.bigInt({ min: -(10n ** 28n), max: 10n ** 28n }), (p0, bps, delta) => {
        const f = new NavFeed({ initialPrice: p0, startMs: 0, setters: ['s'], maxChangeBps: bps, minUpdateWindowMs: 0 });
        const { min, max } = f.acceptedRange();
        const candidate = p0 + (delta % (p0 + 1n));
        fc.pre(candidate > 0n);
        const accepted = f.rejection(candidate, 0) === null;
        expect(accepted).toBe(candidate >= min && candidate <= max);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('a 10% write-down reaches chain only as a staircase: at least 11 updates over 10 windows', () => {
    const f = nav();
    const target = 90n * E18;
    let t = 0;
    let updates = 0;
    while (f.price > target) {
      t += WINDOW;
      const { min } = f.acceptedRange();
      f.setPrice('setter', min > target ? min : target, t);
      updates += 1;
    }
    // 0.99^10 = 0.9044 > 0.9, so ten maximal steps are not enough.
    expect(updates).toBe(11);
    expect(t).toBe(11 * WINDOW);
  });
});
