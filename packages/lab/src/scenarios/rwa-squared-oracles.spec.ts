import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { rwaSquared } from './rwa-squared';

// One oracle network: the shared reporter strikes a NAV feed per fund, and the index's oracle is
// the basket of the three feeds. A fault in ONE fund feed is a fault in the index price and so in
// the index lending market. 10 seeds each, market priced off the oracle (`nav`), small population.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown>) =>
  runScenario(rwaSquared, { seed, params: { holders: 100, pricing: 'nav', ...params }, sink: new MemorySink() });
const num = (r: ReturnType<typeof run>, key: string) => r.summary[key] as number;

describe('rwa-squared: per-fund NAV feeds from one reporter, the index priced off their basket', () => {
  const honest = SEEDS.map((s) => run(s, {}));
  const stale = SEEDS.map((s) => run(s, { oracleMode: 'stale', faultyFeeds: ['FUND-C-NAV'], faultAfterDays: 20 }));
  const wrong = SEEDS.map((s) => run(s, { defaultLoss: 0, oracleMode: 'wrong', faultyFeeds: ['FUND-C-NAV'], faultAfterDays: 20, wrongFactor: 0.5 }));

  it('the index oracle is the basket of the fund feeds: (1 + 1 + C) / 3 at each strike', () => {
    for (const r of honest) {
      expect(r.outcome.error).toBeUndefined();
      expect(num(r, 'fund_c_oracle_final')).toBeCloseTo(0.55, 8); // day-60 strike of fund C
      expect(num(r, 'index_oracle_final')).toBeCloseTo(2.55 / 3, 7); // what the index market reads
    }
  });

  it('with fund C\'s feed stale, the index market lags: liquidations in >= 9/10 seeds honest, in <= 1/10 stale', () => {
    // Honest: the day-30 strike (C at 0.70, the basket at 0.90) puts the LTV > 0.765 borrowers under.
    // Stale: C's feed repeats 1.00, the basket stays at 1.00, and the discount never reaches the market.
    const liquidated = (rs: typeof honest) => rs.filter((r) => num(r, 'liquidations') >= 1).length;
    expect(liquidated(honest)).toBeGreaterThanOrEqual(9);
    expect(liquidated(stale)).toBeLessThanOrEqual(1);
    for (const r of stale) {
      expect(num(r, 'index_oracle_final')).toBeCloseTo(1, 7);
      expect(num(r, 'index_nav_final')).toBeCloseTo(0.85, 6); // the truth moved; the price did not
    }
  });

  it('a wrong feed for one fund, with no default at all, liquidates index borrowers in >= 9/10 seeds', () => {
    // C's feed reports half its NAV from day 30: the basket reads 0.833 with every fund sound.
    for (const r of wrong) {
      expect(num(r, 'index_nav_final')).toBeCloseTo(1, 9);
      expect(num(r, 'index_oracle_final')).toBeCloseTo(2.5 / 3, 7);
    }
    expect(wrong.filter((r) => num(r, 'liquidations') >= 1 && num(r, 'first_liquidation_day') >= 30).length).toBeGreaterThanOrEqual(9);
  });
});
