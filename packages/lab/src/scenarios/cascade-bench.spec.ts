import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { cascadeBench } from './cascade-bench';

// B1 as ../shared/BENCHMARKS.md defines it, at H = 1,000 over several seeds. The end-of-run
// summary itself refuses to report if the ledger or the pool broke conservation.
const SEEDS = [1, 2, 3, 4, 5];
const run = (seed: number, variant: 'nav' | 'spot', extra: Record<string, unknown> = {}) =>
  runScenario(cascadeBench, { seed, params: { holders: 1000, variant, ...extra }, sink: new MemorySink() });

describe('cascade-bench', () => {
  const nav = SEEDS.map((s) => run(s, 'nav'));
  const spot = SEEDS.map((s) => run(s, 'spot'));

  it('runs to its horizon in both variants without failures', () => {
    for (const r of [...nav, ...spot]) {
      expect(r.outcome.error).toBeUndefined();
      expect(r.outcome.timeMs).toBe(60 * 86_400_000 + 3_600_000);
    }
  });

  it('the rumour makes holders sell, in the same amounts whatever the lending variant (same seed, same draws)', () => {
    SEEDS.forEach((_, i) => {
      expect(nav[i]!.summary['rwa_sold_by_holders']).toBeGreaterThan(0);
      expect(spot[i]!.summary['rwa_sold_by_holders']).toBe(nav[i]!.summary['rwa_sold_by_holders']);
    });
  });

  it('spot-priced lending liquidates more than NAV-priced lending in every seed', () => {
    SEEDS.forEach((_, i) => {
      expect(spot[i]!.summary['liquidations'] as number).toBeGreaterThan(nav[i]!.summary['liquidations'] as number);
    });
  });

  it('spot-priced lending cascades (liquidation -> sale -> price -> liquidation, depth >= 2) and leaves bad debt', () => {
    for (const r of spot) {
      expect(r.summary['cascade_depth'] as number).toBeGreaterThanOrEqual(2);
      expect(r.summary['liquidation_bad_debt'] as number).toBeGreaterThan(0);
      expect(r.summary['liquidations_by_root']).toMatch(/^news#\d+:\d+$/); // every liquidation goes back to the rumour
    }
  });

  it('NAV-priced lending defers liquidations to the oracle update, while the market fell at once', () => {
    for (const r of nav) {
      expect(r.summary['first_liquidation_day'] as number).toBeGreaterThanOrEqual(30);
      expect(r.summary['min_market_nav_ratio'] as number).toBeLessThan(0.95);
      expect(r.summary['selling_before_oracle_share'] as number).toBeGreaterThan(0.9);
      expect(r.summary['oracle_lag_hours'] as number).toBeGreaterThan(24 * 15); // day 10 -> day 30
    }
  });

  it('NAV-priced lending liquidates nothing before the day-30 oracle update', () => {
    const sink = new MemorySink();
    runScenario(cascadeBench, { seed: 1, params: { holders: 1000, variant: 'nav' }, sink });
    const liquidations = sink.rows('events').filter((e) => e['type'] === 'lending.liquidation');
    expect(liquidations.length).toBeGreaterThan(0);
    expect(Math.min(...liquidations.map((e) => e['t'] as number))).toBeGreaterThanOrEqual(30 * 86_400_000);
  });

  it('without the rumour nobody sells and the spot market stays put until NAV moves', () => {
    const quiet = run(1, 'spot', { informed: 1, sellProbability: 0, passProbability: 0 });
    expect(quiet.summary['rwa_sold_by_holders']).toBe(0);
    expect(quiet.summary['liquidations']).toBe(0);
    expect(quiet.summary['amm_price_final']).toBeCloseTo(1, 12);
  });

  it('writes per-agent outcomes: a holder who sold ends with USD, one who did not with none', () => {
    const sink = new MemorySink();
    runScenario(cascadeBench, { seed: 2, params: { holders: 1000, variant: 'nav' }, sink });
    const rows = sink.rows('agents');
    const sellers = new Set(sink.rows('events').filter((e) => e['type'] === 'amm.trade' && String(e['actor']).startsWith('holder-')).map((e) => e['actor']));
    const usd = new Map(rows.filter((r) => r['metric'] === 'balance.USD').map((r) => [r['agent'], r['value'] as number]));
    expect(rows.filter((r) => r['kind'] === 'holder' && r['metric'] === 'balance.RWA')).toHaveLength(1000);
    for (const [agent, balance] of usd) if (String(agent).startsWith('holder-')) expect(balance > 0).toBe(sellers.has(agent));
    expect(rows.find((r) => r['agent'] === 'bot-0')).toMatchObject({ plugin: 'liquidation-bots', kind: 'bot' });
  });

  it('bots that watch the mempool send only the transactions that can land: the same liquidations by the same bots, every event the same', () => {
    let saved = 0;
    let liquidations = 0;
    for (const variant of ['nav', 'spot'] as const) {
      for (const seed of SEEDS.slice(0, 3)) {
        const blindSink = new MemorySink();
        const watchingSink = new MemorySink();
        const blind = runScenario(cascadeBench, { seed, params: { holders: 1000, variant, botsWatchMempool: false }, sink: blindSink });
        const watching = runScenario(cascadeBench, { seed, params: { holders: 1000, variant }, sink: watchingSink });
        expect(watchingSink.rows('events')).toEqual(blindSink.rows('events'));
        const { transactions: sentBlind, reverted: revertedBlind, ...sameBlind } = blind.summary;
        const { transactions: sent, reverted, ...same } = watching.summary;
        expect(same).toEqual(sameBlind);
        // Only transactions that would have reverted are not sent.
        expect((sentBlind as number) - (sent as number)).toBe((revertedBlind as number) - (reverted as number));
        saved += (sentBlind as number) - (sent as number);
        liquidations += same['liquidations'] as number;
      }
    }
    // Blind, all five bots send each liquidation and four revert. Watching, a bot sends only if
    // its bid beats the best one pending when it looks: 1 + 1/2 + ... + 1/5 = 2.28 sends per
    // liquidation if bids come in random order (one bid per bot per price change, so a run's
    // positions share their luck: the bound is loose).
    expect(saved).toBeGreaterThan(1.5 * liquidations);
  });

  it('same seed, same results', () => {
    expect(run(3, 'spot').summary).toEqual(spot[2]!.summary);
  });
});
