import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { rwaSquared } from './rwa-squared';

// Index -> constituents: the fund tokens get their own pools (100 x H, i.e. 10k tokens and 10k
// USD a side), and the two index arbitrageurs sell the basket they redeem there. The index panic
// after fund C's default then reaches the pools of the two SOUND funds. 10 seeds per variant,
// 100 holders; thresholds are counts of seeds out of 10.
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const run = (seed: number, params: Record<string, unknown>) =>
  runScenario(rwaSquared, { seed, params: { holders: 100, fundPools: 100, arbitrageurs: 2, ...params }, sink: new MemorySink() });
type Run = ReturnType<typeof run>;
const num = (r: Run, key: string) => r.summary[key] as number;
const count = (rs: Run[], pass: (r: Run) => boolean) => rs.filter(pass).length;

describe('rwa-squared: the index panic reaches the constituents through arbitrage', () => {
  const contagion = SEEDS.map((s) => run(s, {}));
  const calm = SEEDS.map((s) => run(s, { defaultLoss: 0 }));
  const noArb = SEEDS.map((s) => run(s, { arbitrageurs: 0 }));

  it('the sound funds A and B, NAV 1.00 throughout, trade below 0.5 on their pools in >= 9/10 seeds', () => {
    for (const r of [...contagion, ...calm, ...noArb]) expect(r.outcome.error).toBeUndefined();
    for (const r of contagion) expect(num(r, 'fund_c_nav_final')).toBeCloseTo(0.55, 9);
    expect(count(contagion, (r) => num(r, 'fund_pool_min_FUND-A') < 0.5 && num(r, 'fund_pool_min_FUND-B') < 0.5)).toBeGreaterThanOrEqual(9);
  });

  it('without the default, or without the arbitrageurs, the fund pools stay at 1.00 (10/10 seeds)', () => {
    for (const r of [...calm, ...noArb]) {
      for (const token of ['FUND-A', 'FUND-B', 'FUND-C']) expect(num(r, `fund_pool_final_${token}`)).toBeCloseTo(1, 9);
    }
  });
});
