import { DAY, HOUR } from '@paradox/sdk';
import { NAV_FEED, NAV_REPORTER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { NavFeed, NavPathFund, OracleRegistry, createWorld, installFunds } from '@paradox/world';
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

// One reporter, three funds, three feeds: the shared oracle network of an index's constituents.
function network(config: Record<string, unknown>) {
  return runInline({
    plugins: [oracles],
    horizonMs: 61 * DAY,
    build(run) {
      const world = createWorld(run);
      run.attachWorld(world);
      const paths: Record<string, [number, number][]> = { A: [[0, 1]], B: [[0, 1], [60 * DAY, 1.06]], C: [[0, 1], [10 * DAY, 1], [40 * DAY, 0.55]] };
      const registry = new OracleRegistry(world);
      installFunds(world, Object.entries(paths).map(([id, path]) => new NavPathFund(world, id, id, path)));
      for (const id of Object.keys(paths)) {
        registry.add(`${id}-NAV`, new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: ['shared'], maxChangeBps: 10_000, minUpdateWindowMs: 0 }));
      }
      run.place({ plugin: 'oracles', kind: 'nav-reporter', id: 'shared', config: { feeds: ['A', 'B', 'C'].map((id) => ({ feed: `${id}-NAV`, fund: id })), ...config } });
    },
  }).events('oracle.update').map((e) => {
    const data = JSON.parse(e['data'] as string) as { feed: string; price: number };
    return [e['t'] as number, data.feed, data.price] as const;
  });
}

describe('NAV reporter over several feeds (one oracle network)', () => {
  it('strikes every fund on one schedule, each into its own feed', () => {
    const updates = network({ periodDays: 30 });
    expect(updates.map(([t, feed]) => `${t / DAY}:${feed}`)).toEqual(['0:A-NAV', '0:B-NAV', '0:C-NAV', '30:A-NAV', '30:B-NAV', '30:C-NAV', '60:A-NAV', '60:B-NAV', '60:C-NAV']);
    const at60 = Object.fromEntries(updates.filter(([t]) => t === 60 * DAY).map(([, feed, price]) => [feed, price]));
    expect(at60).toEqual({ 'A-NAV': 1, 'B-NAV': 1.06, 'C-NAV': 0.55 });
  });

  it('a fault limited to one feed leaves the others honest; without faultyFeeds it strikes them all', () => {
    const stale = network({ periodDays: 30, mode: 'stale', faultAfterDays: 20, faultyFeeds: ['C-NAV'] });
    const last = (updates: readonly (readonly [number, string, number])[], feed: string) => updates.filter(([, f]) => f === feed).at(-1)![2];
    expect(last(stale, 'C-NAV')).toBe(1); // the defaulting fund's feed still says 1.00
    expect(last(stale, 'B-NAV')).toBe(1.06);
    const frozen = network({ periodDays: 30, mode: 'frozen', faultAfterDays: 20 });
    expect(frozen.map(([t]) => t)).toEqual([0, 0, 0]);
  });

  it('refuses a config that names no feed, or a feed without its fund', () => {
    expect(() => network({ feeds: [] })).toThrow(/feeds/);
    expect(() => network({ feed: 'A-NAV' })).toThrow(/fund/);
  });
});
