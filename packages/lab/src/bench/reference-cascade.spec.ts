import { runScenario } from '../run/run-scenario';
import { cascadeBench } from '../scenarios/cascade-bench';
import { type ReferenceOutcome, type ReferenceVariant, runReference } from './reference-cascade';

// The bench's hand-written baseline is only a fair yardstick if it does B1's work: its outcomes
// must agree with Paradox's `cascade-bench` in distribution (their draws differ, so not run by
// run). H = 10,000, seeds 1-5, both variants.
//
// Tolerances: 4 standard errors of the difference of two 5-seed means, 4 x sd x sqrt(2/5) =
// 2.5 sd, with sd the seed-to-seed spread of one run seen over seeds 1-20 of each (both agree):
//   liquidations  nav  sd 26-27           -> 70
//                 spot sd 14-16           -> 40
//   RWA sold           sd 20k-30k (26k by the sale distribution) -> 70,000
//   AMM price     nav  sd 0.0026          -> 0.007
//                 spot sd 0.0001          -> 0.0003
//   bad debt      nav  sd 110k-120k       -> 300,000
//                 spot sd 140k-150k       -> 370,000
const H = 10_000;
const SEEDS = [1, 2, 3, 4, 5];
const DAY = 86_400_000;

interface Outcome {
  price: number;
  sold: number;
  liquidations: number;
  badDebt: number;
}

function paradox(variant: ReferenceVariant): Outcome[] {
  return SEEDS.map((seed) => {
    const s = runScenario(cascadeBench, { seed, params: { holders: H, variant }, agentOutcomes: false }).summary;
    return { price: s['amm_price_final'] as number, sold: s['rwa_sold_by_holders'] as number, liquidations: s['liquidations'] as number, badDebt: s['bad_debt'] as number };
  });
}

function reference(variant: ReferenceVariant): Array<Outcome & { times: number[]; outcome: ReferenceOutcome }> {
  return SEEDS.map((seed) => {
    const times: number[] = [];
    const r = runReference(H, variant, seed, (t) => times.push(t));
    return { price: r.ammPriceFinal, sold: r.rwaSoldByHolders, liquidations: r.liquidations, badDebt: r.badDebt, times, outcome: r };
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const meanOf = (runs: readonly Outcome[], key: keyof Outcome) => mean(runs.map((r) => r[key]));

describe('reference cascade (the bench baseline) is B1', () => {
  const P = { nav: paradox('nav'), spot: paradox('spot') };
  const R = { nav: reference('nav'), spot: reference('spot') };

  it.each([
    ['nav', 70, 70_000, 0.007, 300_000],
    ['spot', 40, 70_000, 0.0003, 370_000],
  ] as const)('%s: mean outcomes agree with Paradox within 4 standard errors', (variant, liquidations, sold, price, badDebt) => {
    const p = P[variant];
    const r = R[variant];
    expect(Math.abs(meanOf(r, 'liquidations') - meanOf(p, 'liquidations'))).toBeLessThan(liquidations);
    expect(Math.abs(meanOf(r, 'sold') - meanOf(p, 'sold'))).toBeLessThan(sold);
    expect(Math.abs(meanOf(r, 'price') - meanOf(p, 'price'))).toBeLessThan(price);
    expect(Math.abs(meanOf(r, 'badDebt') - meanOf(p, 'badDebt'))).toBeLessThan(badDebt);
  });

  it('nav: liquidations number what the rules give in expectation', () => {
    // LTV ~ U[0.50, 0.80] and HF = 0.85 x price / LTV. Day 30 (NAV 0.90) liquidates LTV > 0.765
    // (7/60 of positions), which then hold C - 0.525 D / 0.9 against D / 2; day 60 (NAV 0.85)
    // liquidates those with LTV > 0.7841 again (0.0531) and the untouched with LTV > 0.7225
    // (0.1417): 0.3114 x B = 622.8 per run, sd ~26 from run to run, 4 standard errors ~47.
    expect(Math.abs(meanOf(R.nav, 'liquidations') - 0.3114 * (H / 5))).toBeLessThan(47);
  });

  it('nav liquidates only at the oracle updates of days 30 and 60; spot from day 10, as the rumour hits', () => {
    for (const r of R.nav) expect([...new Set(r.times)].sort((a, b) => a - b)).toEqual([30 * DAY, 60 * DAY]);
    for (const r of R.spot) {
      expect(Math.min(...r.times)).toBeGreaterThanOrEqual(10 * DAY);
      expect(Math.min(...r.times)).toBeLessThan(11 * DAY);
    }
  });

  it('spot liquidates more than nav in every seed; holders sell the same in both (same draws)', () => {
    SEEDS.forEach((_, i) => {
      expect(R.spot[i]!.liquidations).toBeGreaterThan(R.nav[i]!.liquidations);
      expect(R.spot[i]!.sold).toBe(R.nav[i]!.sold);
    });
  });

  it('is seeded: same seed, same outcome; another seed, another', () => {
    expect(runReference(H, 'spot', SEEDS[2]!)).toEqual(R.spot[2]!.outcome);
    expect(R.spot[2]!.sold).not.toBe(R.spot[3]!.sold);
  });
});
