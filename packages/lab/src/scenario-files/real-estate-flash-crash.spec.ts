import { join } from 'node:path';
import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { SCENARIO_DIR } from '../scenarios/catalog';
import { loadScenarioFile } from './build-scenario';

// Acceptance: real-estate-flash-crash over 20 seeds at 300 holders.
const scenario = loadScenarioFile(join(SCENARIO_DIR, 'real-estate-flash-crash.yaml'));
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const run = (seed: number, params: Record<string, unknown> = {}) =>
  runScenario(scenario, { seed, params: { holders: 300, ...params }, sink: new MemorySink() }).summary as Record<string, number | null>;

describe('real-estate-flash-crash', () => {
  const nervous = SEEDS.map((seed) => run(seed));
  const passive = SEEDS.map((seed) => run(seed, { passiveLps: true }));

  it('LPs leave before the worst prices, in >= 18 of 20 seeds', () => {
    const first = nervous.filter((s) => s['lp_exit_day'] !== null && s['lp_exit_day']! < s['min_market_nav_ratio_day']!).length;
    expect(first).toBeGreaterThanOrEqual(18);
  });

  it('liquidations meet a thin pool: on average at less than 60% of its starting liquidity, in >= 18 of 20 seeds', () => {
    const thin = nervous.filter((s) => s['liquidation_count']! > 0 && s['liquidation_liquidity_share']! < 0.6).length;
    expect(thin).toBeGreaterThanOrEqual(18);
  });

  it('bad debt is left in most seeds (>= 15 of 20)', () => {
    expect(nervous.filter((s) => s['bad_debt']! > 0).length).toBeGreaterThanOrEqual(15);
  });

  it('with passive LPs the same shocks leave less bad debt: lower in >= 18 of 20 seeds, never higher, and a fifth of it or less in total', () => {
    const lower = SEEDS.filter((_, i) => passive[i]!['bad_debt']! < nervous[i]!['bad_debt']!).length;
    expect(lower).toBeGreaterThanOrEqual(18);
    SEEDS.forEach((_, i) => expect(passive[i]!['bad_debt']!).toBeLessThanOrEqual(nervous[i]!['bad_debt']!));
    const total = (xs: Record<string, number | null>[]) => xs.reduce((sum, s) => sum + s['bad_debt']!, 0);
    expect(total(passive)).toBeLessThan(0.2 * total(nervous));
    for (const s of passive) expect(s['lp_exit_day']).toBeNull();
  });
});
