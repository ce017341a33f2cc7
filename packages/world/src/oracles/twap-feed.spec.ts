import fc from 'fast-check';
import { ModelConfigError, RevertError } from '../errors';
import { TwapFeed, type CumulativePriceObservation } from './twap-feed';

const Q112 = 1n << 112n;
const HOUR_S = 3_600;

/**
 * A Uniswap-V2-style accumulator over a piecewise-constant price path: `price0CumulativeLast +=
 * encode(price) * dt`, read counterfactually at any time (UniswapV2OracleLibrary).
 * `segments` are [durationSec, priceAsUQ112x112].
 */
function pathAccumulator(segments: ReadonlyArray<readonly [number, bigint]>, offset = 0n) {
  return (nowMs: number): CumulativePriceObservation => {
    const now = Math.floor(nowMs / 1000);
    let t = 0;
    let cumulative = offset;
    for (const [duration, price] of segments) {
      const dt = Math.min(duration, Math.max(0, now - t));
      cumulative += price * BigInt(dt);
      t += duration;
    }
    const last = segments[segments.length - 1];
    if (now > t && last !== undefined) cumulative += last[1] * BigInt(now - t);
    return { cumulative: cumulative % (1n << 256n), timestampSec: now };
  };
}

describe('TwapFeed (Uniswap ExampleOracleSimple)', () => {
  it('equals the time-weighted mean of a constructed path', () => {
    // 10 h at 100, 8 h at 120, 6 h at 90: mean = (1000 + 960 + 540) / 24 = 104.1666...
    const source = pathAccumulator([
      [10 * HOUR_S, 100n * Q112],
      [8 * HOUR_S, 120n * Q112],
      [6 * HOUR_S, 90n * Q112],
    ]);
    const f = new TwapFeed({ source, periodSec: 24 * HOUR_S, startMs: 0, cumulativeScale: Q112 });
    expect(() => f.latest(0)).toThrow(new RevertError('No data present'));
    const r = f.update(24 * HOUR_S * 1000);
    expect(r).toEqual({ price: 10_416_666_666n, updatedAtMs: 86_400_000, roundId: 1 });
  });

  it('reverts PERIOD_NOT_ELAPSED before a full window and changes nothing', () => {
    const source = pathAccumulator([[HOUR_S, 5n * Q112]]);
    const f = new TwapFeed({ source, periodSec: HOUR_S, startMs: 0, cumulativeScale: Q112 });
    expect(f.canUpdate(HOUR_S * 1000 - 1000)).toBe(false);
    expect(() => f.update(HOUR_S * 1000 - 1000)).toThrow(new RevertError('ExampleOracleSimple: PERIOD_NOT_ELAPSED'));
    expect(f.history().timesMs).toEqual([]);
    // The window may be longer than a period: 1.5 h average over the whole elapsed time.
    expect(f.update(5_400_000).price).toBe(500_000_000n);
  });

  it('subtracts accumulators modulo 2^256 ("overflow is desired")', () => {
    const offset = (1n << 256n) - 7n * Q112 * 100n; // wraps during the window
    const source = pathAccumulator([[200, 7n * Q112]], offset);
    const f = new TwapFeed({ source, periodSec: 100, startMs: 50_000, cumulativeScale: Q112 });
    expect(f.update(250_000).price).toBe(700_000_000n);
  });

  it('works with plain number accumulators', () => {
    let cumulative = 0;
    const f = new TwapFeed({ source: (ms) => ({ cumulative: (cumulative = 2.5 * Math.floor(ms / 1000)), timestampSec: Math.floor(ms / 1000) }), periodSec: 60, startMs: 0, decimals: 6 });
    expect(f.update(60_000).price).toBe(2_500_000n);
    expect(cumulative).toBe(150);
  });

  it('rejects bad configuration with the parameter name', () => {
    const source = pathAccumulator([[1, Q112]]);
    expect(() => new TwapFeed({ source, periodSec: 0, startMs: 0 })).toThrow(/^periodSec: /);
    expect(() => new TwapFeed({ source, periodSec: 1, startMs: 0, cumulativeScale: 1 })).toThrow(ModelConfigError);
  });

  it('matches floor(sum(p_i dt_i) 10^8 / T) on random piecewise paths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.bigInt({ min: 1n, max: 10n ** 12n })), { minLength: 1, maxLength: 20 }),
        (segments) => {
          const source = pathAccumulator(segments.map(([dt, p]) => [dt, p * Q112] as const));
          const total = segments.reduce((s, [dt]) => s + dt, 0);
          const f = new TwapFeed({ source, periodSec: total, startMs: 0, cumulativeScale: Q112 });
          const weighted = segments.reduce((s, [dt, p]) => s + p * BigInt(dt), 0n);
          expect(f.update(total * 1000).price).toBe((weighted * 10n ** 8n) / BigInt(total));
        },
      ),
      { seed: 51, numRuns: 200 },
    );
  });
});
