import { join } from 'node:path';
import { DAY } from '@paradox/engine';
import { MemorySink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { SCENARIO_DIR } from '../scenarios/catalog';
import { loadScenarioFile } from './build-scenario';

// Acceptance: stablecoin-depeg over 20 seeds at 300 holders.
const scenario = loadScenarioFile(join(SCENARIO_DIR, 'stablecoin-depeg.yaml'));
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);
const run = (seed: number, params: Record<string, unknown> = {}, sink = new MemorySink()) =>
  runScenario(scenario, { seed, params: { holders: 300, ...params }, sink }).summary as Record<string, number | null>;

describe('stablecoin-depeg', () => {
  const depeg = SEEDS.map((seed) => run(seed));
  const control = SEEDS.map((seed) => run(seed, { low: 1 }));

  it('LPs pull liquidity during the depeg (below half of it in >= 18 of 20 seeds) and it is back a week after (>= 90% in >= 18 of 20)', () => {
    expect(depeg.filter((s) => s['depeg_liquidity_min_share']! <= 0.5).length).toBeGreaterThanOrEqual(18);
    expect(depeg.filter((s) => s['liquidity_after_depeg_share']! >= 0.9).length).toBeGreaterThanOrEqual(18);
  });

  it('the depeg is what takes it out: the same scare without it leaves >= 60% in the pool (>= 18 of 20), and more than with it in every seed', () => {
    expect(control.filter((s) => s['depeg_liquidity_min_share']! >= 0.6).length).toBeGreaterThanOrEqual(18);
    SEEDS.forEach((_, i) => expect(depeg[i]!['depeg_liquidity_min_share']!).toBeLessThan(control[i]!['depeg_liquidity_min_share']!));
  });

  it('a debt-asset depeg liquidates nobody: debt is worth less, health factors rise (no liquidation in any seed)', () => {
    for (const s of depeg) expect(s['liquidation_count']).toBe(0);
  });

  it('the lending market values the debt at the peg feed, down to 0.87 and back to 1.00 by 72 hours', () => {
    const sink = new MemorySink();
    run(1, {}, sink);
    const seen = sink
      .rows('events')
      .filter((e) => e['type'] === 'lending.price')
      .map((e) => ({ t: e['t'] as number, debt: JSON.parse(e['data'] as string).debtPrice as number }));
    expect(Math.min(...seen.map((e) => e.debt))).toBeCloseTo(0.87, 6);
    const off = seen.filter((e) => e.debt < 1);
    expect(off[0]!.t).toBeGreaterThanOrEqual(10 * DAY);
    const back = seen.find((e) => e.t > off[off.length - 1]!.t)!;
    expect(back.debt).toBe(1);
    expect(back.t).toBeLessThanOrEqual(13 * DAY + 60_000);
    // The panicked borrowers ran at the news.
    const panics = sink.rows('events').filter((e) => e['type'] === 'borrower.panic');
    expect(panics.length).toBe(6);
    for (const p of panics) expect(p['t']).toBe(10 * DAY);
  });
});
