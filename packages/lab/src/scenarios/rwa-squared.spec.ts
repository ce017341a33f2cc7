import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { findScenario } from './catalog';
import { rwaSquared } from './rwa-squared';

// RWA-squared over 10 seeds: one of three funds behind an equal-weight index defaults (NAV
// 1.00 -> 0.55, so the index's NAV falls only 15%), and the index's own lending market still
// liquidates. The end-of-run summary refuses to report if the ledger, the AMM or the index
// vault broke conservation, so every run here is also an exact-accounting audit.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown> = {}) => runScenario(rwaSquared, { seed, params, sink: new MemorySink() });
const num = (r: ReturnType<typeof run>, key: string) => r.summary[key] as number;

describe('rwa-squared', () => {
  const spot = SEEDS.map((s) => run(s));
  const nav = SEEDS.map((s) => run(s, { pricing: 'nav' }));
  const calm = SEEDS.map((s) => run(s, { defaultLoss: 0 }));

  it('is a built-in scenario and runs to its horizon in every variant', () => {
    expect(findScenario('rwa-squared')).toBe(rwaSquared);
    for (const r of [...spot, ...nav, ...calm]) {
      expect(r.outcome.error).toBeUndefined();
      expect(r.outcome.timeMs).toBe(60 * 86_400_000 + 3_600_000);
    }
  });

  it('a default in ONE of the three funds reaches the index lending market: liquidations and bad debt in >= 9 of 10 seeds', () => {
    for (const r of spot) expect(num(r, 'index_loss')).toBeCloseTo(0.15, 6); // "diversified": a third of the loss
    const hit = spot.filter((r) => num(r, 'liquidations') >= 1 && num(r, 'bad_debt') > 0);
    expect(hit.length).toBeGreaterThanOrEqual(9);
    for (const r of spot) {
      expect(num(r, 'min_market_nav_ratio')).toBeLessThan(0.8); // the index trades >= 20% below its NAV
      expect(r.summary['liquidations_by_root']).toMatch(/^news#\d+:\d+$/); // every liquidation goes back to the default news
    }
  });

  it('priced off the shared monthly oracle, the market still liquidates, but only once the reporter strikes (day >= 30)', () => {
    const hit = nav.filter((r) => num(r, 'liquidations') >= 1);
    expect(hit.length).toBeGreaterThanOrEqual(9);
    for (const r of hit) expect(num(r, 'index_market_first_liquidation_day')).toBeGreaterThanOrEqual(30);
    for (const r of nav) expect(num(r, 'selling_before_oracle_share')).toBeGreaterThan(0.9);
  });

  it('the junior tranche absorbs the loss first: it loses >= 3x the index loss while the senior loses less', () => {
    for (const r of [...spot, ...nav]) {
      expect(num(r, 'junior_loss')).toBeGreaterThanOrEqual(3 * num(r, 'index_loss'));
      expect(num(r, 'senior_loss')).toBeLessThan(num(r, 'junior_loss'));
    }
  });

  it('without the default nothing happens: no liquidations, no bad debt, the index trades at NAV', () => {
    for (const r of calm) {
      expect(num(r, 'liquidations')).toBe(0);
      expect(num(r, 'bad_debt')).toBe(0);
      expect(num(r, 'amm_price_final')).toBeCloseTo(1, 9);
      expect(num(r, 'junior_loss')).toBe(0);
    }
  });
});
