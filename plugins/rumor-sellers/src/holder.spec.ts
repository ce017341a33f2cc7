import { DAY, type Rumor } from '@paradox/sdk';
import { buildRwaLendingWorld, runInline } from '@paradox/lab';
import { SocialNetwork, expectedFinalSize, kOut } from '@paradox/world';
import { RandomStream } from '@paradox/engine';
import rumorSellers from './index';
import { holderKind } from './holder';

// Holders on a k-out graph (n = 2,000, k = 4: mean degree ~8, p_c ~ 0.12 by Newman 2002). The
// rumour starts at 5 holders. Agent-based spreading (with delays, latencies and blocks) must
// reach what bond percolation predicts: clearly apart on either side of the threshold.
const N = 2_000;
const graph = kOut(N, 4, new RandomStream('holder-spec-graph'));
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

function spread(passProbability: number, seed: number, extra: Record<string, unknown> = {}, rounds = 1) {
  return runInline({
    plugins: [rumorSellers],
    horizonMs: 60 * DAY,
    seed,
    build(run) {
      const w = buildRwaLendingWorld(run, { pool: { rwa: 1e6, usd: 1e6 }, navPath: [[0, 1]], pricing: 'nav', ltv: 8_000, liquidationThreshold: 8_500, liquidationBonus: 10_500, positions: [] });
      const ids = Array.from({ length: N }, (_, i) => `holder-${i}`);
      for (const id of ids) w.giveRwa(id, 100);
      new SocialNetwork(graph, ids).install(w.world);
      run.placePopulation({ plugin: 'rumor-sellers', kind: 'holder', ids, config: { passProbability, ...extra } });
      run.kernel.scheduleAt(DAY, () => {
        const rumor: Rumor = { kind: 'rumor', about: 'defaults', source: 'test', credibility: 0.8, startedAtMs: DAY, hops: 0 };
        for (let r = 0; r < rounds; r++) for (const i of [0, 400, 800, 1200, 1600]) run.bus.send('news', ids[i]!, rumor, r * 3_600_000);
      }, null);
      return { summary: () => ({ price: w.amm.spotPrice() }) };
    },
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('rumour sellers', () => {
  it('subcritical spreading stays local; supercritical reaches what percolation predicts', () => {
    const sub = SEEDS.map((s) => spread(0.05, s).events('informed').length / N);
    const sup = SEEDS.map((s) => spread(0.4, s).events('informed').length / N);
    // Below p_c the expected size from 5 seeds is about 5 x (1 + p<k>/(1 - p(<k^2>-<k>)/<k>)) ~ 10 nodes.
    expect(mean(sub)).toBeLessThan(0.02);
    // Above p_c: S from the generating functions; 5 seeds almost surely start the giant cascade at p = 0.4.
    const predicted = expectedFinalSize(graph, 0.4).size;
    expect(predicted).toBeGreaterThan(0.8);
    expect(Math.abs(mean(sup) - predicted)).toBeLessThan(0.03);
  });

  it('a holder reacts once: it sells at most once however often it hears the rumour', () => {
    const { events } = spread(0.9, 1, { sellProbability: 1 });
    const informed = events('informed').map((e) => e['actor']);
    expect(new Set(informed).size).toBe(informed.length);
    const sales = events('amm.trade').map((e) => JSON.parse(e['data'] as string).trader as string);
    expect(new Set(sales).size).toBe(sales.length);
    expect(sales.length).toBe(informed.length);
  });

  it('sells with the configured probability (binomial, 4 standard errors)', () => {
    const informed: number[] = [];
    const sold: number[] = [];
    for (const s of SEEDS.slice(0, 3)) {
      const run = spread(0.4, s, { sellProbability: 0.6 });
      informed.push(run.events('informed').length);
      sold.push(run.events('amm.trade').length);
    }
    const n = informed.reduce((a, b) => a + b, 0);
    const share = sold.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(share - 0.6)).toBeLessThan(4 * Math.sqrt((0.6 * 0.4) / n));
  });

  it('ignores rumours below its credibility threshold', () => {
    const { events } = spread(0.9, 1, { minCredibility: 0.9 });
    expect(events('informed')).toEqual([]);
  });
});

describe('beliefs, attention and reactions', () => {
  it('with a belief threshold, a holder acts only after enough credible rumours', () => {
    // Credibility 0.8: one rumour gives belief 0.8, two give 0.96. Threshold 0.9 needs two.
    // Heard once, nobody is convinced, and doubters do not spread it: the rumour dies.
    const once = spread(0.4, 1, { beliefThreshold: 0.9 });
    expect(once.events('doubting')).toHaveLength(5);
    expect(once.events('informed')).toEqual([]);
    // Heard twice (an hour apart), the five are convinced and it spreads; every convinced holder doubted first.
    const twice = spread(0.4, 1, { beliefThreshold: 0.9 }, 2);
    const seeds = ['holder-0', 'holder-400', 'holder-800', 'holder-1200', 'holder-1600'];
    const informed = twice.events('informed').map((e) => e['actor']);
    expect(informed).toEqual(expect.arrayContaining(seeds));
    const doubting = new Set(twice.events('doubting').map((e) => e['actor']));
    for (const holder of seeds) expect(doubting.has(holder)).toBe(true);
  });

  it('attention delays reactions by a per-holder draw within its range', () => {
    const quick = spread(0.4, 2);
    const slow = spread(0.4, 2, { attentionMinutes: { min: 600, max: 1440 } });
    const firstSale = (run: ReturnType<typeof spread>) => Math.min(...run.events('amm.trade').map((e) => e['t'] as number));
    expect(firstSale(slow) - firstSale(quick)).toBeGreaterThanOrEqual(600 * 60_000 - 12_000);
  });

  it('reacts by redeeming at the fund instead of selling when told to', () => {
    const { events } = spread(0.4, 3, { reaction: 'redeem', sellProbability: 1 });
    expect(events('amm.trade')).toEqual([]);
    // The scripted fund of this world does not deal: requests are refused, not lost.
    expect(events('informed').length).toBeGreaterThan(0);
  });

  it('shares one policy among the holders of a config, and gives one placed twice at an index its own', () => {
    const cfg = holderKind.config.parse({});
    const identity = (id: string, index: number) => ({ id, pluginId: 'rumor-sellers', kind: 'holder', address: id, index });
    const first = holderKind.create(cfg, identity('h-0', 0));
    expect(holderKind.create(cfg, identity('h-1', 1))).toBe(first);
    const again = holderKind.create(cfg, identity('other-0', 0));
    expect(again).not.toBe(first);
    expect(holderKind.create(holderKind.config.parse({}), identity('h-2', 2))).not.toBe(first);
  });
});
