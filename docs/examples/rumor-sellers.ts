import assert from 'node:assert/strict';
import { DAY, type Rumor } from '@paradox/sdk';
import { buildRwaLendingWorld, runInline } from '@paradox/lab';
import { RandomStream } from '@paradox/engine';
import { SocialNetwork, kOut } from '@paradox/world';
import rumorSellers from '@paradox-plugins/rumor-sellers';

// 1,000 holders on a k-out graph hear a rumour; how far it goes depends on how readily they
// pass it on (below or above the percolation threshold), and their selling moves the AMM.
export default function example(): void {
  const graph = kOut(1_000, 4, new RandomStream('example-graph'));
  const spread = (passProbability: number) =>
    runInline({
      plugins: [rumorSellers],
      horizonMs: 30 * DAY,
      build(run) {
        const w = buildRwaLendingWorld(run, { pool: { rwa: 2e5, usd: 2e5 }, navPath: [[0, 1]], pricing: 'nav', ltv: 8_000, liquidationThreshold: 8_500, liquidationBonus: 10_500, positions: [] });
        const ids = Array.from({ length: 1_000 }, (_, i) => `holder-${i}`);
        for (const id of ids) w.giveRwa(id, 200);
        new SocialNetwork(graph, ids).install(w.world);
        run.placePopulation({ plugin: 'rumor-sellers', kind: 'holder', ids, config: { passProbability, sellProbability: 0.5 } });
        run.kernel.scheduleAt(DAY, () => {
          const rumor: Rumor = { kind: 'rumor', about: 'defaults', source: 'example', credibility: 1, startedAtMs: DAY, hops: 0 };
          for (const id of ids.slice(0, 5)) run.bus.send('news', id, rumor);
        }, null);
        return { summary: () => ({ price: w.amm.spotPrice() }) };
      },
    });

  const quiet = spread(0.03);
  const loud = spread(0.4);
  assert.ok(quiet.events('informed').length < 50, 'subcritical: the rumour dies out');
  assert.ok(loud.events('informed').length > 800, 'supercritical: almost everyone hears it');
  assert.ok((loud.result.summary['price'] as number) < 0.8, 'and their selling moves the market');
}
