import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { rwaSquared } from './rwa-squared';

// Tranche tokens (IDX-SR, IDX-JR) issued against IDX, one of them pooled against USD, held by
// rumour sellers on the index holders' graph, and levered in a second lending market. 10 seeds
// per variant, 100 index holders (33 tranche holders, 10 tranche borrowers). Thresholds are
// counts of seeds out of 10.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown>) => runScenario(rwaSquared, { seed, params: { holders: 100, ...params }, sink: new MemorySink() });
type Run = ReturnType<typeof run>;
const num = (r: Run, key: string) => r.summary[key] as number;
const count = (rs: Run[], pass: (r: Run) => boolean) => rs.filter(pass).length;
/** Within a quarter of an hour of the reporter's strike on `day` (its transactions land a block later). */
const atStrike = (t: number, day: number) => t >= day && t < day + 0.01;
const hitTrancheMarket = (r: Run) => num(r, 'tranche_market_liquidations') >= 1 || num(r, 'tranche_market_bad_debt') > 0;

describe('rwa-squared: tranche tokens levered in a second market', () => {
  const spot = SEEDS.map((s) => run(s, {}));
  const calm = SEEDS.map((s) => run(s, { defaultLoss: 0 }));
  const navJunior = SEEDS.map((s) => run(s, { pricing: 'nav', trancheCollateral: 'junior' }));
  const navSenior = SEEDS.map((s) => run(s, { pricing: 'nav' }));
  const deep = SEEDS.map((s) => run(s, { pricing: 'nav', defaultLoss: 0.9 }));

  it('one fund\'s default reaches the senior-tranche market: liquidations and bad debt in >= 9/10 seeds, none of either without the default', () => {
    for (const r of [...spot, ...calm, ...navJunior, ...navSenior, ...deep]) expect(r.outcome.error).toBeUndefined();
    expect(count(spot, (r) => num(r, 'tranche_market_liquidations') >= 1 && num(r, 'tranche_market_bad_debt') > 0)).toBeGreaterThanOrEqual(9);
    // Within a day of the news, and every liquidation in both markets goes back to it.
    expect(count(spot, (r) => num(r, 'tranche_market_first_liquidation_day') < 11)).toBeGreaterThanOrEqual(9);
    for (const r of spot) expect(r.summary['liquidations_by_root']).toMatch(/^news#\d+:\d+$/);
    expect(count(calm, hitTrancheMarket)).toBe(0);
    for (const r of calm) expect(num(r, 'tranche_amm_price_final')).toBeCloseTo(1, 9);
  });

  it('the junior absorbs losses before the senior: at a 15% index loss the junior\'s oracle falls 75% and the senior\'s not at all; at 30%, junior 100%, senior 12.5%', () => {
    for (const r of spot) {
      expect(num(r, 'junior_oracle_final')).toBeCloseTo(0.25, 6);
      expect(num(r, 'senior_oracle_final')).toBeCloseTo(1, 6);
      expect(num(r, 'junior_loss')).toBeCloseTo(0.75, 4);
      expect(num(r, 'senior_loss')).toBe(0);
    }
    for (const r of deep) {
      expect(num(r, 'junior_oracle_final')).toBe(0);
      expect(num(r, 'senior_oracle_final')).toBeCloseTo(0.875, 6); // (0.70 x 500H - 400H) / 400H
      expect(num(r, 'junior_loss')).toBe(1);
    }
  });

  it('priced off the oracle network, a junior-backed market liquidates at the first strike after the default (day 30) in >= 9/10 seeds', () => {
    expect(count(navJunior, (r) => num(r, 'tranche_market_liquidations') >= 1 && atStrike(num(r, 'tranche_market_first_liquidation_day'), 30))).toBeGreaterThanOrEqual(9);
  });

  it('a senior-backed market priced off the oracle sees nothing while the junior cushion holds (0/10 seeds), only once it is gone (day 60, >= 9/10 at a 30% index loss)', () => {
    expect(count(navSenior, (r) => num(r, 'tranche_market_liquidations') >= 1)).toBe(0);
    // Its token meanwhile trades far below the oracle: the loss is there, unbooked.
    expect(count(navSenior, (r) => num(r, 'tranche_amm_price_final') < 0.7)).toBeGreaterThanOrEqual(9);
    expect(count(deep, (r) => num(r, 'tranche_market_liquidations') >= 1 && atStrike(num(r, 'tranche_market_first_liquidation_day'), 60))).toBeGreaterThanOrEqual(9);
  });
});

describe('rwa-squared: tranche parameters', () => {
  it('refuses a levered tranche without principal, naming the parameter', () => {
    expect(() => rwaSquared.parseParams({ seniorShare: 1, trancheCollateral: 'junior' })).toThrow(/seniorShare/);
    expect(() => rwaSquared.parseParams({ seniorShare: 0 })).toThrow(/seniorShare/);
  });
});
