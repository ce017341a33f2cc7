import { join } from 'node:path';
import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { SCENARIO_DIR } from '../scenarios/catalog';
import { loadScenarioFile } from './build-scenario';

// Acceptance (issue 5): redemption-gate over 20 seeds at 300 holders.
const scenario = loadScenarioFile(join(SCENARIO_DIR, 'redemption-gate.yaml'));
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const run = (seed: number, params: Record<string, unknown> = {}) =>
  runScenario(scenario, { seed, params: { holders: 300, ...params }, sink: new MemorySink() }).summary as Record<string, number | null>;

describe('redemption-gate', () => {
  const gated = SEEDS.map((seed) => run(seed));

  it('the manager gates in every seed, within three days of the news, once the queue passes 5% of NAV', () => {
    for (const s of gated) {
      expect(s['gate_day']).not.toBeNull();
      expect(s['gate_day']! - s['first_news_day']!).toBeGreaterThan(0);
      expect(s['gate_day']! - s['first_news_day']!).toBeLessThan(3);
      expect(s['redemption_queue_max']!).toBeGreaterThan(0.05);
    }
  });

  it('while redemptions are open the arbitrageurs hold the token near NAV (mean discount < 4% from the news to the gate, < 1% over the month before)', () => {
    for (const s of gated) {
      expect(s['arb_trades_before_gate']!).toBeGreaterThan(0);
      expect(s['discount_news_to_gate']!).toBeLessThan(0.04);
      expect(s['discount_before_gate']!).toBeLessThan(0.01);
    }
  });

  it('after the gate the discount widens (mean over the month after > 20% in >= 18 of 20 seeds, and > the month before + 15 points in all) and arbitrage stops (no arbitrageur trade in the month after)', () => {
    const wide = gated.filter((s) => s['discount_after_gate']! > 0.2).length;
    expect(wide).toBeGreaterThanOrEqual(18);
    for (const s of gated) {
      expect(s['discount_after_gate']! - s['discount_before_gate']!).toBeGreaterThan(0.15);
      expect(s['arb_trades_after_gate']).toBe(0);
    }
  });

  it('without the gate (a trigger the queue never passes) the arbitrage closes the gap: the market stays within 10% of NAV in >= 18 of 20 seeds', () => {
    const open = SEEDS.map((seed) => run(seed, { trigger: 1 }));
    for (const s of open) expect(s['gate_day']).toBeNull();
    expect(open.filter((s) => s['min_market_nav_ratio']! > 0.9).length).toBeGreaterThanOrEqual(18);
  });
});
