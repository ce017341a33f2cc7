import bots from '@paradox-plugins/liquidation-bots';
import oracles from '@paradox-plugins/oracles';
import rumorSellers from '@paradox-plugins/rumor-sellers';
import { DAY, HOUR } from '@paradox/engine';
import { type Rumor, parseWithPaths, z } from '@paradox/sdk';
import { kOut, SocialNetwork } from '@paradox/world';
import type { Scenario } from '../run/scenario';
import { CascadeMetrics } from '../metrics/cascade-metrics';
import { NAV_FEED, NAV_REPORTER, POOL, RWA, USD, buildRwaLendingWorld } from '../worlds/rwa-lending-world';
import { LIQUIDATOR_ROLE } from './liquidator-role';

const params = z
  .object({
    /** H: number of holders (the size parameter). */
    holders: z.number().int().min(100).max(10_000_000).default(10_000),
    /** How the lending market prices collateral: the monthly NAV oracle, or the AMM after every trade. */
    variant: z.enum(['nav', 'spot']).default('nav'),
    /** Holders informed on day 10. */
    informed: z.number().int().min(1).default(50),
    /** Others each holder links to (links are undirected). */
    links: z.number().int().min(1).default(8),
    sellProbability: z.number().min(0).max(1).default(0.6),
    passProbability: z.number().min(0).max(1).default(0.3),
    meanPassDelayHours: z.number().positive().default(2),
    bots: z.number().int().min(0).default(5),
    /**
     * Bots watch the mempool and do not send a liquidation a rival's pending one outbids (the
     * same bot wins either way; only the doomed transactions go). false: all bots send.
     */
    botsWatchMempool: z.boolean().default(true),
    horizonDays: z.number().positive().default(60),
    /**
     * Time after the horizon for what is due on the last day to settle (the day-60 NAV report
     * lands in the next block and its liquidations in the blocks after).
     */
    settleHours: z.number().min(0).default(1),
    blockTimeMs: z.number().int().positive().default(12_000),
  })
  .strict();

export type CascadeBenchParams = z.output<typeof params>;

/**
 * B1 `cascade-bench` of ../shared/BENCHMARKS.md: a tokenized private-credit fund whose NAV
 * falls from 1.00 (day 10) to 0.85 (day 40), a monthly NAV oracle, a thin AMM, a lending market
 * priced by the oracle (`nav`) or the AMM (`spot`), holders who hear a rumour on a social graph,
 * and liquidation bots. Built from the same world models and plugins as every other scenario.
 */
export const cascadeBench: Scenario<CascadeBenchParams> = {
  name: 'cascade-bench',
  description: 'B1 reference benchmark: rumour-driven selling, a monthly NAV oracle, liquidations',
  plugins: [rumorSellers, bots, oracles],
  roles: { liquidator: LIQUIDATOR_ROLE },
  parseParams: (raw) => parseWithPaths(params, raw, 'params'),
  horizonMs: (p) => Math.round(p.horizonDays * DAY + p.settleHours * HOUR),
  build(run, p) {
    const H = p.holders;
    // Borrowers: B = H/5 positions opened at t = 0 (collateral x NAV 1.00 x LTV); they do nothing afterwards.
    const draw = run.seeds.stream('scenario/borrowers');
    const positions = Array.from({ length: Math.floor(H / 5) }, () => {
      const collateral = draw.uniform(1_000, 20_000);
      return { collateral, debt: collateral * 1.0 * draw.uniform(0.5, 0.8) };
    });
    const rwaWorld = buildRwaLendingWorld(run, {
      // The AMM keeps its size relative to the holders: 200 x H of each token.
      pool: { rwa: 200 * H, usd: 200 * H },
      navPath: [
        [0, 1],
        [10 * DAY, 1],
        [40 * DAY, 0.85],
      ],
      pricing: p.variant,
      ltv: 8_500,
      liquidationThreshold: 8_500,
      liquidationBonus: 10_500,
      // The benchmark's rules: always 50%, no dust thresholds.
      liquidationRules: { closeFactor: 5_000n, fullLiquidationHealthFactor: 0n, fullLiquidationBelowBase: 0n, minLeftoverBase: 0n },
      positions,
      blockTimeMs: p.blockTimeMs,
    });
    const { world, amm, market } = rwaWorld;
    const { ledger, kernel } = world;

    // Holders on a k-out social graph.
    const holders = run.bus.names.numbered('holder-', H);
    const holdings = run.seeds.stream('scenario/holdings');
    // (an indexed loop: a for-of over a million ids in code that runs once allocates an
    // iterator result per id, 40 MB of garbage in the middle of the world being built)
    for (let i = 0; i < holders.length; i++) rwaWorld.giveRwa(holders[i]!, holdings.uniform(100, 1_000));
    new SocialNetwork(kOut(H, p.links, run.seeds.stream('scenario/graph')), holders).install(world, { handleOf: (id) => run.bus.handleOf(id) });
    run.placePopulation({
      plugin: 'rumor-sellers',
      kind: 'holder',
      ids: holders,
      config: { pool: POOL, token: RWA, sellProbability: p.sellProbability, passProbability: p.passProbability, meanPassDelayMinutes: p.meanPassDelayHours * 60 },
    });

    // Liquidation bots with their own capital, racing on random priority fees.
    const botIds = Array.from({ length: p.bots }, (_, i) => `bot-${i}`);
    for (const id of botIds) rwaWorld.giveUsd(id, 1e12);
    run.placePopulation({ plugin: 'liquidation-bots', kind: 'bot', ids: botIds, config: { sellOn: POOL, flashLoan: false, strategy: 'greedy', watchMempool: p.botsWatchMempool }, role: 'liquidator' });
    run.place({ plugin: 'oracles', kind: 'nav-reporter', id: NAV_REPORTER, config: { feed: NAV_FEED, fund: 'fund', periodDays: 30, firstDay: 0 } });

    const metrics = new CascadeMetrics(run.recorder, {
      pool: POOL,
      asset: RWA,
      oracle: NAV_FEED, // the slow oracle the market is compared with
      nav: () => rwaWorld.fund.navPerShare(),
      holderPrefix: 'holder-',
      holders: H,
    });
    metrics.setInitialOraclePrice(1);

    // What is sold by whom, measured from the trades themselves.
    let soldByHolders = 0n;
    amm.onTrade((_pool, trade, amountIn) => {
      if (trade.tokenIn === RWA && trade.trader.startsWith('holder-')) soldByHolders += amountIn;
    });

    // The news: on day 10, a rumour reaches `informed` holders chosen at random.
    const chosen = run.seeds.stream('scenario/news').sampleIndices(H, Math.min(p.informed, H));
    kernel.scheduleAt(10 * DAY, () => {
      const headline = 'the fund is marking down its loans';
      kernel.cause = run.recorder.event(kernel.now, 'news', 'scenario', 0, { kind: 'rumor', headline, informed: chosen.length });
      const rumor: Rumor = { kind: 'rumor', about: headline, source: 'scenario', credibility: 1, startedAtMs: kernel.now, hops: 0 };
      for (const i of chosen) run.bus.send('news', holders[i]!, rumor);
    }, null, { label: 'the rumour', owner: undefined });

    return {
      summary() {
        const finalPrice = amm.spotPrice();
        const stats = market.stats();
        const audit = ledger.audit() ?? amm.audit();
        if (audit) throw new Error(`conservation broken at the end of the run: ${audit}`);
        return {
          variant: p.variant,
          holders: H,
          amm_price_final: finalPrice,
          rwa_sold_by_holders: ledger.toNumber(RWA, soldByHolders),
          liquidations: stats.liquidations,
          bad_debt: rwaWorld.badDebtAt(finalPrice),
          deficit_booked: ledger.toNumber(USD, stats.deficit),
          blocks: world.chain.stats.blocks,
          transactions: world.chain.stats.transactions,
          reverted: world.chain.stats.reverted,
          events_processed: kernel.eventsProcessed,
          ...metrics.summary(),
        };
      },
    };
  },
};
