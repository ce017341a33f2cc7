import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { rwaSquared } from './rwa-squared';

// Index mint/redeem as world actions, used by two index arbitrageurs (the `arbitrageurs` plugin's
// `index` kind, 100k USD and a 10k-IDX basket each) against the IDX/USD pool. 10 seeds per
// variant, 100 holders (20 borrowers). Thresholds are counts of seeds out of 10.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown>) =>
  runScenario(rwaSquared, { seed, params: { holders: 100, arbitrageurs: 2, ...params }, sink: new MemorySink() });
const num = (r: ReturnType<typeof run>, key: string) => r.summary[key] as number;
const count = (rs: ReturnType<typeof run>[], pass: (r: ReturnType<typeof run>) => boolean) => rs.filter(pass).length;

describe('rwa-squared: index arbitrage through mint and redeem', () => {
  const open = SEEDS.map((s) => run(s, {}));
  const paused = SEEDS.map((s) => run(s, { indexPauseDay: 5 }));
  const navArb = SEEDS.map((s) => run(s, { pricing: 'nav' }));
  const navNoArb = SEEDS.map((s) => run(s, { pricing: 'nav', arbitrageurs: 0 }));

  it('while the path is open, arbitrage keeps IDX near its NAV: < 1 hour below 90% of NAV, ending within 3%, in 10/10 seeds', () => {
    for (const r of [...open, ...paused, ...navArb, ...navNoArb]) expect(r.outcome.error).toBeUndefined();
    expect(count(open, (r) => num(r, 'hours_below_90pct_nav') < 1)).toBe(10);
    expect(count(open, (r) => Math.abs(num(r, 'market_nav_ratio_final') - 1) < 0.03)).toBe(10);
    // It does so by redeeming: fewer IDX outstanding than when nobody may redeem.
    open.forEach((r, i) => expect(num(r, 'index_supply_final')).toBeLessThan(num(paused[i]!, 'index_supply_final')));
  });

  it('with mint and redeem paused (day 5), the same arbitrageurs cannot act: > 1000 hours below 90% of NAV in >= 9/10 seeds', () => {
    expect(count(paused, (r) => num(r, 'hours_below_90pct_nav') > 1000)).toBeGreaterThanOrEqual(9);
    expect(count(paused, (r) => num(r, 'market_nav_ratio_final') < 0.1)).toBeGreaterThanOrEqual(9);
  });

  it('arbitrage restores the price a block after the crash, too late for a spot-priced market: liquidations and bad debt still in >= 9/10 seeds', () => {
    expect(count(open, (r) => num(r, 'liquidations') >= 1 && num(r, 'bad_debt') > 0 && num(r, 'min_market_nav_ratio') < 0.5)).toBeGreaterThanOrEqual(9);
  });

  it('priced off the oracle, the market sells seized IDX into an arbitraged pool: no bad debt in >= 9/10 seeds with arbitrage, bad debt in >= 9/10 without', () => {
    expect(count(navArb, (r) => num(r, 'bad_debt') === 0)).toBeGreaterThanOrEqual(9);
    expect(count(navNoArb, (r) => num(r, 'bad_debt') > 0)).toBeGreaterThanOrEqual(9);
  });
});
