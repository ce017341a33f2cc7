import gossip, { NEWS } from '@paradox-plugins/gossip';
import { DAY, HOUR, MINUTE } from '@paradox/engine';
import { parseWithPaths, z } from '@paradox/sdk';
import type { Scenario } from '../run/scenario';

const params = z
  .object({
    agents: z.number().int().min(2).max(1_000_000).default(1000),
    friends: z.number().int().min(1).max(50).default(6),
    seeds: z.number().int().min(1).default(5),
    passProbability: z.number().min(0).max(1).default(0.3),
    horizonDays: z.number().positive().default(7),
  })
  .strict();

type Params = z.output<typeof params>;

/**
 * The engine-only demo: news reaches a few agents, who gossip it to random friends. It exercises
 * the whole path (plugin, config validation, RNG streams, latency, direct messages, recording)
 * with no finance in it.
 */
export const gossipDemo: Scenario<Params> = {
  name: 'gossip-demo',
  description: 'News spreads by gossip over a random graph (engine demo, no finance)',
  plugins: [gossip],
  parseParams: (raw) => parseWithPaths(params, raw, 'params'),
  horizonMs: (p) => Math.round(p.horizonDays * DAY),
  build(run, p) {
    const graph = run.seeds.stream('scenario/graph');
    const ids = Array.from({ length: p.agents }, (_, i) => `gossiper-${i}`);
    const readers = new Set(graph.sampleIndices(p.agents, Math.min(p.seeds, p.agents)));
    ids.forEach((id, i) => {
      const friends = graph.sampleIndices(p.agents - 1, p.friends).map((j) => ids[j >= i ? j + 1 : j]!);
      run.place({
        plugin: 'gossip',
        kind: 'gossiper',
        id,
        latencyMs: 5 * MINUTE,
        config: { friends, passProbability: p.passProbability, readsNews: readers.has(i) },
      });
    });
    const heard = () => run.recorder.events.rowCount;
    run.kernel.scheduleAt(HOUR, () => {
      run.kernel.cause = run.recorder.event(run.kernel.now, 'news', 'scenario', 0, { headline: 'fund marks down loans' });
      run.bus.publish(NEWS.topic, { headline: 'fund marks down loans' });
    }, null, { label: 'the news' });
    const sample = () => {
      run.recorder.point(run.kernel.now, 'reach', heard() - 1);
      if (run.kernel.now + HOUR <= Math.round(p.horizonDays * DAY)) run.kernel.scheduleIn(HOUR, sample, null, { phase: 15 });
    };
    run.kernel.scheduleAt(0, sample, null, { phase: 15 });
    return {
      summary: () => ({ agents: p.agents, reached: heard() - 1, reach_share: (heard() - 1) / p.agents }),
    };
  },
};
