import assert from 'node:assert/strict';
import { MemorySink } from '@paradox/engine';
import {
  type Agent,
  type AgentContext,
  AMM_POOLS,
  COLLATERAL_PRICES,
  DAY,
  LENDING_MARKETS,
  ORACLES,
  TRADES,
  agentKind,
  definePlugin,
  liquidate,
  pushPrice,
  swap,
  z,
} from '@paradox/sdk';
import {
  type CascadeBenchParams,
  MARKET,
  NAV_FEED,
  NAV_REPORTER,
  POOL,
  RWA,
  type Scenario,
  buildRwaLendingWorld,
  cascadeBench,
  runInline,
  runScenario,
} from '@paradox/lab';

// ---------------------------------------------------------------------------------------------
// 1. The strategy: a patient liquidator.
// ---------------------------------------------------------------------------------------------

const config = z
  .object({
    /** The lending market to watch, the pool to sell seized collateral on, the oracle taken as fair value. */
    market: z.string(),
    sellOn: z.string(),
    oracle: z.string(),
    /** Liquidate only while the pool's price is at most this far below the oracle's (0.05 = 5%). */
    maxDiscount: z.number().min(0).lt(1).default(0.05),
    /** Sell at most this much per block, as the fall it causes in the pool's price (0.01 = 1%). */
    maxImpact: z.number().gt(0).lt(1).default(0.01),
    priorityFee: z.number().min(0).default(0),
  })
  .strict();

type PatientConfig = z.output<typeof config>;

/**
 * Liquidates like the built-in bot (flash loan, seized collateral sold on the pool in the same
 * transaction) but (a) only while the pool trades within `maxDiscount` of the oracle, so it never
 * dumps into a crash, and (b) in slices: per block it sells no more than moves the pool's price
 * by `maxImpact`, and takes the rest in later blocks (its own sale wakes it up again).
 */
export class PatientLiquidator implements Agent {
  private inFlight = 0;
  private woken = false;

  constructor(private readonly config: PatientConfig) {}

  start(ctx: AgentContext): void {
    ctx.on(COLLATERAL_PRICES, (e) => e.market === this.config.market && this.wake(ctx));
    ctx.on(TRADES, (t) => t.pool === this.config.sellOn && this.wake(ctx));
  }

  /** Many events can arrive in one instant (a block); decide once, after the last of them. */
  private wake(ctx: AgentContext): void {
    if (this.woken) return;
    this.woken = true;
    ctx.atEndOfInstant(() => {
      this.woken = false;
      this.scan(ctx);
    }, 'its scan');
  }

  private scan(ctx: AgentContext): void {
    if (this.inFlight > 0) return; // the block with our last slices has not landed yet
    const market = ctx.view(LENDING_MARKETS).get(this.config.market);
    const pool = ctx.view(AMM_POOLS).get(this.config.sellOn);
    const fair = ctx.view(ORACLES).get(this.config.oracle)?.price() ?? Number.NaN;
    if (!market || !pool || !(fair > 0) || !market.canLiquidate(ctx.identity.address)) return;
    if (pool.spotPrice() < (1 - this.config.maxDiscount) * fair) return; // (a): hold off
    // (b): in a constant-product pool, selling x into base reserves B moves the price by the
    // factor (B / (B + x))^2, so a fall of at most maxImpact allows x <= B (1/sqrt(1 - maxImpact) - 1).
    const reserves = pool.reserves().base;
    let budget = (reserves * BigInt(Math.floor((1 / Math.sqrt(1 - this.config.maxImpact) - 1) * 1e9))) / 1_000_000_000n;
    for (const position of market.unhealthy()) {
      if (budget <= 0n) break;
      const preview = market.previewLiquidation(position.borrower, ctx.identity.address);
      if (!preview || preview.seize === 0n) continue;
      const whole = preview.seize <= budget;
      const debtToCover = whole ? preview.repay : (preview.repay * budget) / preview.seize;
      if (debtToCover === 0n) break;
      budget -= whole ? preview.seize : budget;
      this.inFlight++;
      ctx.submit(
        liquidate(this.config.market, position.borrower, {
          debtToCover,
          expectedDebt: position.debt,
          flashLoan: true,
          sellOn: this.config.sellOn,
          priorityFee: this.config.priorityFee,
        }),
        () => this.inFlight--,
      );
    }
  }
}

export const patientBots = definePlugin({
  id: 'patient-bots',
  version: '0.1.0',
  description: 'Liquidators that sell seized collateral in slices, and not into a crash',
  agents: {
    bot: agentKind({ description: 'Liquidates in slices while the pool trades near the oracle', config, create: (c) => new PatientLiquidator(c) }),
  },
});

// ---------------------------------------------------------------------------------------------
// 2. A small world to check it in: the day-1 NAV report (1.00 -> 0.90) makes two positions
//    liquidatable; the pool (100,000 RWA / 100,000 USD) still trades at 1.00.
// ---------------------------------------------------------------------------------------------

function smallWorld(botConfig: Partial<PatientConfig>, dumpBeforeReport = 0) {
  return runInline({
    plugins: [patientBots],
    horizonMs: 2 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 100_000, usd: 100_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 8_500,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [
          { collateral: 10_000, debt: 8_000 },
          { collateral: 5_000, debt: 4_000 },
          { collateral: 10_000, debt: 5_000 }, // stays healthy
        ],
      });
      run.place({ plugin: 'patient-bots', kind: 'bot', id: 'patient', config: { market: MARKET, sellOn: POOL, oracle: NAV_FEED, ...botConfig } });
      if (dumpBeforeReport > 0) {
        w.giveRwa('whale', dumpBeforeReport);
        run.kernel.scheduleAt(DAY / 2, () => w.world.submit('whale', swap(POOL, RWA, w.rwa(dumpBeforeReport)), () => {}), null);
      }
      run.kernel.scheduleAt(DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.9), () => {}), null);
      return { summary: () => ({ open: w.market.unhealthy().length }) };
    },
  });
}

const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

// ---------------------------------------------------------------------------------------------
// 3. The race: cascade-bench's world, with its greedy bots or with one patient bot instead.
// ---------------------------------------------------------------------------------------------

/** cascade-bench, built as usual but with one liquidator of our choice instead of its five greedy bots. */
function cascadeWith(plugin: string, config: Record<string, unknown>): Scenario<CascadeBenchParams> {
  return {
    ...cascadeBench,
    name: `cascade-bench+${plugin}`,
    plugins: [...cascadeBench.plugins, patientBots],
    build(run, params) {
      const instance = cascadeBench.build(run, { ...params, bots: 0 });
      run.place({ plugin, kind: 'bot', id: 'liquidator', config });
      return instance;
    },
  };
}
const withPatientBot = cascadeWith('patient-bots', { market: MARKET, sellOn: POOL, oracle: NAV_FEED });
// The built-in bot's other strategy: quote each sale on the pool, skip those that lose money.
const withProfitableBot = cascadeWith('liquidation-bots', { sellOn: POOL, strategy: 'profitable', priorityFee: 0 });

/** What the liquidators did in one run, measured from its events. */
function liquidationOutcome(scenario: Scenario<CascadeBenchParams>, seed: number, params: Record<string, unknown>) {
  const sink = new MemorySink();
  const { summary } = runScenario(scenario, { seed, sink, params });
  const events = sink.rows('events');
  const liquidations = events.filter((e) => e['type'] === 'lending.liquidation').map(data);
  const liquidators = new Set(liquidations.map((l) => l.liquidator as string));
  const trades = events.filter((e) => e['type'] === 'amm.trade').map(data);
  const sales = trades.filter((t) => liquidators.has(t.trader) && t.tokenIn === RWA);
  const repaid = liquidations.reduce((sum, l) => sum + l.repaid, 0);
  return {
    liquidations: liquidations.length,
    repaid,
    /** What liquidators made: the sale proceeds less the debt they repaid. */
    profit: sales.reduce((sum, t) => sum + t.amountOut, 0) - repaid,
    lowestPrice: Math.min(1, ...trades.map((t) => t.priceAfter as number)),
    finalPrice: summary['amm_price_final'] as number,
    badDebt: summary['bad_debt'] as number,
  };
}

export default function example(): void {
  // In the small world: slices over several blocks, each moving the price by at most ~1%.
  const calm = smallWorld({ maxImpact: 0.01 });
  const priceAfterBlock = new Map(calm.events('amm.trade').map((e) => [e['t'], data(e).priceAfter as number]));
  assert.ok(priceAfterBlock.size >= 5, `liquidated over ${priceAfterBlock.size} blocks`);
  let before = 1;
  for (const price of priceAfterBlock.values()) {
    assert.ok(price / before > 0.99 - 1e-3, `one block moved the price from ${before} to ${price}`);
    before = price;
  }
  assert.equal(calm.result.summary['open'], 0); // and still got everything done within the day
  // A crash before the report (a whale sells 30,000 RWA: the pool falls ~40% below NAV): it holds off.
  const crashed = smallWorld({ maxImpact: 0.01 }, 30_000);
  assert.equal(crashed.events('lending.liquidation').length, 0);
  assert.equal(crashed.result.summary['open'], 2);

  // cascade-bench at H = 1,000 holders, three seeds: the world as built (the rumour crashes the
  // pool on day 10), and a calm one where nobody panics (sellProbability 0).
  for (const seed of [1, 2, 3]) {
    const panic = { holders: 1_000 };
    const greedyInPanic = liquidationOutcome(cascadeBench, seed, panic);
    const patientInPanic = liquidationOutcome(withPatientBot, seed, panic);
    const profitableInPanic = liquidationOutcome(withProfitableBot, seed, panic);
    // Greedy bots liquidate into a pool the rumour already crashed, and pay for it.
    assert.ok(greedyInPanic.liquidations > 40);
    assert.ok(greedyInPanic.profit < -0.5 * greedyInPanic.repaid, `greedy lost ${-greedyInPanic.profit} of ${greedyInPanic.repaid}`);
    // The patient bot never finds the pool within 5% of the oracle; no sale pays for the profitable one.
    assert.equal(patientInPanic.liquidations, 0);
    assert.equal(profitableInPanic.liquidations, 0);
    assert.ok(patientInPanic.lowestPrice > 2 * greedyInPanic.lowestPrice);

    const calm = { holders: 1_000, sellProbability: 0 };
    const greedyInCalm = liquidationOutcome(cascadeBench, seed, calm);
    const patientInCalm = liquidationOutcome(withPatientBot, seed, calm);
    const profitableInCalm = liquidationOutcome(withProfitableBot, seed, calm);
    // Without a rumour the NAV reports alone make greedy bots crash the pool (and lose money).
    assert.ok(greedyInCalm.lowestPrice < 0.3 && greedyInCalm.profit < 0);
    // The patient bot profits and keeps the pool within 5% (and one slice) of the oracle...
    assert.ok(patientInCalm.profit > 0);
    assert.ok(patientInCalm.lowestPrice > 0.95 * 0.85 * 0.99, `lowest ${patientInCalm.lowestPrice}`);
    assert.equal(patientInCalm.badDebt, 0);
    // ...better than whole liquidations that merely break even...
    assert.ok(profitableInCalm.profit >= 0 && profitableInCalm.profit < patientInCalm.profit);
    assert.ok(profitableInCalm.lowestPrice < patientInCalm.lowestPrice);
    // ...but repays a small part of the debt greedy bots repay: the rest stays unhealthy.
    assert.ok(patientInCalm.repaid < greedyInCalm.repaid / 5);
  }
}
