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

  describe('the mitigations (the same params as credit-default-ripple)', () => {
    const seed = 1;
    const plain = nervous[seed - 1]!;

    it('default to the unmitigated market: naming the defaults changes nothing', () => {
      expect(run(seed, { pricing: 'spot', haircut: 0.1, breaker: 0, ltv: 0.75, maxPositionLtv: 0.7, liquidators: '' })).toEqual(plain);
      expect(plain['borrow_capacity']).toBe(0.75);
    });

    it('a divergence breaker stops the liquidations; a NAV haircut lends less', () => {
      expect(plain['liquidation_count']).toBeGreaterThan(0);
      expect(run(seed, { breaker: 0.1 })['liquidation_count']).toBe(0);
      const haircut = run(seed, { pricing: 'haircut', haircut: 0.1, maxPositionLtv: 0.65 });
      expect(haircut['liquidation_count']).toBe(0);
      expect(haircut['borrow_capacity']).toBeCloseTo(0.675, 12);
      expect(haircut['capital_efficiency']).toBeLessThan(plain['capital_efficiency']!);
      const strict = run(seed, { ltv: 0.6, maxPositionLtv: 0.55 });
      expect(strict['borrow_capacity']).toBe(0.6);
      expect(strict['capital_efficiency']).toBeLessThan(0.55);
    });

    it('permissioned liquidators: only the named bot liquidates', () => {
      const sink = new MemorySink();
      runScenario(scenario, { seed, params: { holders: 300, liquidators: 'bot-2' }, sink });
      const liquidators = new Set(sink.rows('events').filter((e) => e['type'] === 'lending.liquidation').map((e) => JSON.parse(e['data'] as string).liquidator));
      expect([...liquidators]).toEqual(['bot-2']);
    });
  });
});
