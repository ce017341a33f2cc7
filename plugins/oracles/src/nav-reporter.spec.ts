import { DAY, HOUR } from '@paradox/sdk';
import { NAV_FEED, NAV_REPORTER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import oracles from './index';

// A fund whose NAV falls linearly from 1.00 (day 10) to 0.85 (day 40), reported by the agent.
function report(config: Record<string, unknown>, horizonDays = 95) {
  return runInline({
    plugins: [oracles],
    horizonMs: horizonDays * DAY,
    build(run) {
      buildRwaLendingWorld(run, {
        pool: { rwa: 1e6, usd: 1e6 },
        navPath: [[0, 1], [10 * DAY, 1], [40 * DAY, 0.85]],
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      run.place({ plugin: 'oracles', kind: 'nav-reporter', id: NAV_REPORTER, config: { feed: NAV_FEED, fund: 'fund', ...config } });
    },
  }).events('oracle.update').map((e) => [e['t'] as number, JSON.parse(e['data'] as string).price as number]);
}

describe('NAV reporter', () => {
  it('publishes only on its schedule, after its lag, the NAV struck then', () => {
    expect(report({ periodDays: 30, firstDay: 0, lagHours: 2 })).toEqual([
      [2 * HOUR, 1],
      [30 * DAY + 2 * HOUR, 0.9],
      [60 * DAY + 2 * HOUR, 0.85],
      [90 * DAY + 2 * HOUR, 0.85],
    ]);
  });

  it('a weekly reporter follows the NAV down more closely', () => {
    const weekly = report({ periodDays: 7, firstDay: 0 }, 42);
    expect(weekly.map(([t]) => t! / DAY)).toEqual([0, 7, 14, 21, 28, 35, 42]);
    expect(weekly[3]![1]).toBeCloseTo(1 - (0.15 * 11) / 30, 12);
  });

  it('faulty reporters: frozen stops, stale repeats, wrong scales', () => {
    expect(report({ periodDays: 30, mode: 'frozen', faultAfterDays: 20 })).toEqual([[0, 1]]);
    expect(report({ periodDays: 30, mode: 'stale', faultAfterDays: 20 }).map(([, p]) => p)).toEqual([1, 1, 1, 1]);
    expect(report({ periodDays: 30, mode: 'wrong', faultAfterDays: 20, wrongFactor: 2 }).map(([, p]) => p)).toEqual([1, 1.8, 1.7, 1.7]);
  });
});
