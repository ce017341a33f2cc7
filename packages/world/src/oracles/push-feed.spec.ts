import fc from 'fast-check';
import { ModelConfigError, RevertError } from '../errors';
import { PushFeed } from './push-feed';

const MIN = 60_000;
const HOUR = 3_600_000;
const ONE = 100_000_000n; // 1.00 with 8 decimals

function feed(overrides: Partial<ConstructorParameters<typeof PushFeed>[0]> = {}) {
  return new PushFeed({ description: 'RWA/USD', deviationThreshold: 0.005, heartbeatMs: HOUR, ...overrides });
}

function state(f: PushFeed) {
  return { rounds: f.roundCount, history: { times: [...f.history().timesMs], prices: [...f.history().prices] } };
}

describe('PushFeed (Chainlink deviation threshold + heartbeat)', () => {
  it('accepts the first answer, then exactly the moves of at least 0.5%', () => {
    const f = feed();
    expect(f.shouldUpdate(ONE, 0)).toBe(true);
    expect(f.submit('node', ONE, 0)).toEqual({ roundId: 1, answer: ONE, startedAtMs: 0, updatedAtMs: 0, answeredInRound: 1 });
    // |new - old| / old >= 0.005 (fluxmonitorv2 OutsideDeviation); 0.5% of 1.00 is 500_000 units.
    expect(f.shouldUpdate(ONE + 499_999n, MIN)).toBe(false);
    expect(f.shouldUpdate(ONE + 500_000n, MIN)).toBe(true);
    expect(f.shouldUpdate(ONE - 500_000n, MIN)).toBe(true);
    const before = state(f);
    expect(() => f.submit('node', ONE + 499_999n, MIN)).toThrow(new RevertError('deviation below threshold and heartbeat not elapsed'));
    expect(state(f)).toEqual(before);
    expect(f.submit('node', ONE - 500_000n, MIN).roundId).toBe(2);
  });

  it('forces a round when the heartbeat has elapsed, even with no change', () => {
    const f = feed();
    f.submit('node', ONE, 0);
    expect(f.shouldUpdate(ONE, HOUR - 1)).toBe(false);
    expect(f.shouldUpdate(ONE, HOUR)).toBe(true);
    expect(f.nextHeartbeatMs()).toBe(HOUR);
    f.submit('node', ONE, HOUR);
    expect(f.latestRoundData(HOUR)).toMatchObject({ roundId: 2, answer: ONE, updatedAtMs: HOUR });
  });

  it('updates on whichever comes first (keeper polling every minute over a constructed path)', () => {
    // Flat at 1.00 for 2h30, jump to 1.02, flat again. Expected rounds: 0 (first), 1h and 2h
    // (heartbeat), 2h30 (deviation), 3h30 (heartbeat restarted by the deviation round).
    const f = feed();
    const price = (t: number) => (t < 150 * MIN ? ONE : 102_000_000n);
    for (let t = 0; t <= 4 * HOUR - MIN; t += MIN) if (f.shouldUpdate(price(t), t)) f.submit('node', price(t), t);
    expect(f.history().timesMs).toEqual([0, HOUR, 2 * HOUR, 150 * MIN, 210 * MIN]);
    expect(f.history().prices).toEqual([ONE, ONE, ONE, 102_000_000n, 102_000_000n]);
  });

  it('keeps round data: getRoundData, as-of reads, and reverts for unknown rounds', () => {
    const f = feed();
    expect(() => f.latest(0)).toThrow(new RevertError('No data present'));
    f.submit('node', ONE, 1000);
    f.submit('node', 2n * ONE, 5000);
    expect(f.getRoundData(1)).toMatchObject({ answer: ONE, updatedAtMs: 1000 });
    expect(f.latest(4999)).toEqual({ price: ONE, updatedAtMs: 1000, roundId: 1 });
    expect(f.latest(5000)).toEqual({ price: 2n * ONE, updatedAtMs: 5000, roundId: 2 });
    expect(() => f.latest(999)).toThrow(new RevertError('No data present'));
    expect(() => f.getRoundData(3)).toThrow(new RevertError('No data present'));
  });

  it('enforces reporters, answer bounds and monotone time, changing nothing on revert', () => {
    const f = feed({ reporters: ['node'], minAnswer: 1n, maxAnswer: 10n * ONE });
    f.submit('node', ONE, 1000);
    const before = state(f);
    expect(() => f.submit('mallory', 2n * ONE, 2000)).toThrow(new RevertError('unauthorized transmitter'));
    expect(() => f.submit('node', 11n * ONE, 2000)).toThrow(new RevertError('median is out of min-max range'));
    expect(() => f.submit('node', 0n, 2000)).toThrow(new RevertError('median is out of min-max range'));
    expect(() => f.submit('node', 2n * ONE, 500)).toThrow(new RevertError('timestamp before latest round'));
    expect(state(f)).toEqual(before);
  });

  it('lets a non-enforcing feed take any answer (a manual or compromised reporter)', () => {
    const f = feed({ enforceTriggers: false });
    f.submit('node', ONE, 0);
    expect(f.submit('node', ONE + 1n, 1).roundId).toBe(2);
  });

  it('rejects bad configuration with the parameter name', () => {
    expect(() => feed({ deviationThreshold: -0.1 })).toThrow(/^deviationThreshold: /);
    expect(() => feed({ heartbeatMs: 0 })).toThrow(/^heartbeatMs: /);
    expect(() => feed({ decimals: 1.5 })).toThrow(ModelConfigError);
    expect(() => feed({ reporters: [] })).toThrow(/^reporters: /);
    expect(() => feed({ minAnswer: 10n, maxAnswer: 1n })).toThrow(/^maxAnswer: /);
  });

  it('a keeper following shouldUpdate writes a round at the first poll where either trigger holds, and only then', () => {
    const thresholdPpb = 5_000_000n;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -300, max: 300 }), { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (moves, pollMin) => {
        const f = feed();
        const poll = pollMin * MIN;
        let p = ONE;
        const path: Array<[number, bigint]> = [];
        moves.forEach((bps, i) => {
          p = (p * BigInt(10_000 + bps)) / 10_000n;
          const t = i * poll;
          path.push([t, p]);
          if (f.shouldUpdate(p, t)) f.submit('node', p, t);
        });
        // Replay: every poll either matches a round or was correctly skipped.
        for (const [t, price] of path) {
          const r = f.latest(t);
          if (r.updatedAtMs === t) continue;
          const prev = f.latest(t - 1);
          const diff = price > prev.price ? price - prev.price : prev.price - price;
          expect(t - prev.updatedAtMs).toBeLessThan(HOUR);
          expect(diff * 1_000_000_000n < thresholdPpb * prev.price).toBe(true);
        }
        // Age at any poll is below heartbeat, so a staleness limit of heartbeat + poll never trips.
        for (const [t] of path) expect(t - f.latest(t).updatedAtMs).toBeLessThan(HOUR);
      }),
      { seed: 31, numRuns: 200 },
    );
  });
});
