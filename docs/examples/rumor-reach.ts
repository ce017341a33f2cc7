import assert from 'node:assert/strict';
import { RandomStream } from '@paradox/engine';
import {
  expectedFinalSize,
  expectedOutbreakSize,
  independentCascade,
  kOut,
  transmissibilityThreshold,
} from '../../packages/world/src/social';

export default function example(): void {
  // The cascade-bench population at H = 5,000: each holder links to 8 others picked at random.
  const n = 5_000;
  const graph = kOut(n, 8, new RandomStream('docs/rumor-reach/links'));
  // Mean degree 2k - k^2/(n - 1) = 15.987: a pair picked from both ends is one link.
  assert.ok(Math.abs(graph.meanDegree() - 15.987) < 0.01);

  // Threshold p_c = <k> / (<k^2> - <k>); for k-out graphs about 2 / (4k - 1) = 0.0645.
  const pc = transmissibilityThreshold(graph);
  assert.ok(Math.abs(pc - 2 / 31) < 0.003);

  // Cascade-bench informs 50 holders; average the reach over many rumours for each p.
  const rng = new RandomStream('docs/rumor-reach/cascade');
  const meanReach = (p: number, runs: number): number => {
    let total = 0;
    for (let run = 0; run < runs; run++) total += independentCascade(graph, rng.sampleIndices(n, 50), p, rng).count;
    return total / runs;
  };

  // Subcritical, p = 0.03 < p_c: each seed's rumour dies out after <s> ~ 1.9 holders, so
  // 50 seeds reach about 50 <s> ~ 95 holders, under 2% of the population. (Measured: ~93.5,
  // a little less because the 50 small outbreaks sometimes overlap.)
  const sub = 0.03;
  const perSeed = expectedOutbreakSize(graph, sub);
  assert.ok(perSeed > 1.8 && perSeed < 2);
  const subReach = meanReach(sub, 100);
  assert.ok(subReach < 0.02 * n);
  assert.ok(Math.abs(subReach - 50 * perSeed) < 0.1 * 50 * perSeed);

  // Supercritical, p = 0.1 ~ 1.55 p_c: a large cascade, reaching S ~ 64% as the generating
  // functions predict.
  const mid = expectedFinalSize(graph, 0.1);
  assert.ok(mid.size > 0.6 && mid.size < 0.7);
  assert.ok(Math.abs(meanReach(0.1, 20) / n - mid.size) < 0.03);

  // Cascade-bench's p = 0.3 is 4.6 p_c: the rumour reaches S = 99.4% of holders.
  const bench = expectedFinalSize(graph, 0.3);
  assert.ok(bench.size > 0.99);
  assert.ok(Math.abs(meanReach(0.3, 20) / n - bench.size) < 0.01);
}
