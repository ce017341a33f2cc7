import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { rwaSquared } from './rwa-squared';

// The stablecoin everything is priced and lent in depegs on day 10 (to 0.87 in 6 hours, held 12,
// back at 1.00 72 hours after it started, as in stablecoin-depeg), alone or on the day fund C's
// default wave starts. Markets value in dollars through the peg feed (debt at the peg, AMM prices
// times it). 10 seeds per variant, 100 index holders; thresholds are counts of seeds out of 10.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown>) =>
  runScenario(rwaSquared, { seed, params: { holders: 100, depegLow: 0.87, ...params }, sink: new MemorySink() });
type Run = ReturnType<typeof run>;
const num = (r: Run, key: string) => r.summary[key] as number;
const count = (rs: Run[], pass: (r: Run) => boolean) => rs.filter(pass).length;
const bothMarketsHit = (r: Run) => num(r, 'index_market_liquidations') >= 1 && num(r, 'tranche_market_liquidations') >= 1;

describe('rwa-squared: the stablecoin depeg as a common shock', () => {
  const quiet = SEEDS.map((s) => run(s, { defaultLoss: 0, depegInformed: 0 }));
  const scare = SEEDS.map((s) => run(s, { defaultLoss: 0 }));
  const combined = SEEDS.map((s) => run(s, {}));

  it('the peg feed follows the path: down to 0.87 and back to 1.00', () => {
    for (const r of [...quiet, ...scare, ...combined]) {
      expect(r.outcome.error).toBeUndefined();
      expect(num(r, 'peg_min')).toBeGreaterThanOrEqual(0.87);
      expect(num(r, 'peg_min')).toBeLessThan(0.87 * 1.0025); // within the feed's deviation threshold of the trough
      expect(num(r, 'peg_final')).toBe(1);
    }
  });

  it('the depeg alone, valued consistently in dollars and heard by nobody, liquidates no one (10/10 seeds)', () => {
    expect(count(quiet, (r) => num(r, 'index_market_liquidations') + num(r, 'tranche_market_liquidations') === 0)).toBe(10);
    for (const r of quiet) expect(num(r, 'amm_price_final')).toBeCloseTo(1, 9);
  });

  it('a depeg scare with every fund sound (NAV 1.00) crashes both levered markets in >= 9/10 seeds: a common shock across "diversified" RWAs', () => {
    for (const r of scare) expect(num(r, 'index_nav_final')).toBeCloseTo(1, 9);
    expect(count(scare, bothMarketsHit)).toBeGreaterThanOrEqual(9);
    expect(count(scare, (r) => num(r, 'index_market_bad_debt') > 0 && num(r, 'tranche_market_bad_debt') > 0)).toBeGreaterThanOrEqual(9);
  });

  it('with the default on the same day, both markets are hit within a day of the news in >= 9/10 seeds', () => {
    expect(count(combined, (r) => bothMarketsHit(r) && num(r, 'index_market_first_liquidation_day') < 11 && num(r, 'tranche_market_first_liquidation_day') < 11)).toBeGreaterThanOrEqual(9);
  });
});
