import { DAY, pushPrice } from '@paradox/sdk';
import { FUND, NAV_FEED, NAV_REPORTER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { StaticNavSource } from '@paradox/world';
import bots from './index';

// Bots against a small RWA lending world: positions that the day-1 NAV markdown (1.00 -> 0.90,
// written by a scripted reporter) makes unhealthy. HF after = 0.9 x 0.85 / 0.80 = 0.956.
function race(botConfigs: { id: string; latencyMs: number; config: Record<string, unknown> }[], poolSize = 1_000_000) {
  return runInline({
    plugins: [bots],
    horizonMs: 2 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: poolSize, usd: poolSize },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 8_500,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [
          { collateral: 10_000, debt: 8_000 },
          { collateral: 5_000, debt: 4_000 },
          { collateral: 10_000, debt: 5_000 }, // stays healthy: HF 1.53
        ],
      });
      for (const b of botConfigs) {
        w.giveUsd(b.id, 1e9);
        run.place({ plugin: 'liquidation-bots', kind: 'bot', id: b.id, latencyMs: b.latencyMs, config: { sellOn: 'RWA/USD', ...b.config } });
      }
      run.kernel.scheduleAt(DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.9), () => {}), null);
      return { summary: () => ({ liquidations: w.market.stats().liquidations, sent: w.world.chain.stats.transactions, reverted: w.world.chain.stats.reverted }) };
    },
  });
}

const liquidators = (events: Record<string, number | string>[]) => events.map((e) => JSON.parse(e['data'] as string).liquidator as string);

describe('liquidation bots', () => {
  it('liquidate each unhealthy position once per price change, and never a healthy one', () => {
    const { events } = race([{ id: 'bot-a', latencyMs: 0, config: { priorityFee: 0 } }]);
    const done = events('lending.liquidation').map((e) => JSON.parse(e['data'] as string).borrower);
    expect(done.sort()).toEqual(['borrower-0', 'borrower-1']);
  });

  it('with equal fees the faster bot wins the race; the slower one, seeing it pending, sends nothing', () => {
    const { events, result } = race([
      { id: 'slow', latencyMs: 5_000, config: { priorityFee: 1 } },
      { id: 'fast', latencyMs: 0, config: { priorityFee: 1 } },
    ]);
    expect(liquidators(events('lending.liquidation'))).toEqual(['fast', 'fast']);
    expect(result.summary).toMatchObject({ liquidations: 2, sent: 3, reverted: 0 }); // (and the NAV report)
  });

  it('a bot that does not watch the mempool sends anyway, and reverts', () => {
    const { events, result } = race([
      { id: 'slow', latencyMs: 5_000, config: { priorityFee: 1, watchMempool: false } },
      { id: 'fast', latencyMs: 0, config: { priorityFee: 1 } },
    ]);
    expect(liquidators(events('lending.liquidation'))).toEqual(['fast', 'fast']);
    expect(result.summary).toMatchObject({ liquidations: 2, sent: 5, reverted: 2 });
  });

  it('with unequal fees the higher fee wins, even when slower (the cheaper one sent first, not knowing)', () => {
    const { events, result } = race([
      { id: 'fast-cheap', latencyMs: 0, config: { priorityFee: 1 } },
      { id: 'slow-generous', latencyMs: 5_000, config: { priorityFee: 5 } },
    ]);
    expect(liquidators(events('lending.liquidation'))).toEqual(['slow-generous', 'slow-generous']);
    expect(result.summary).toMatchObject({ sent: 5, reverted: 2 });
  });

  it('the profitable strategy skips liquidations whose sale, after slippage, would not repay the debt', () => {
    // A pool of 3,000 RWA: selling ~4,700 seized RWA into it fetches far less than the 4,000 repaid.
    const thin = race([{ id: 'careful', latencyMs: 0, config: { strategy: 'profitable', priorityFee: 0 } }], 3_000);
    expect(thin.events('lending.liquidation')).toEqual([]);
    const greedy = race([{ id: 'greedy', latencyMs: 0, config: { strategy: 'greedy', priorityFee: 0 } }], 3_000);
    expect(greedy.events('lending.liquidation').length).toBe(2);
    // With a deep pool the same careful bot liquidates both.
    const deep = race([{ id: 'careful', latencyMs: 0, config: { strategy: 'profitable', priorityFee: 0 } }], 10_000_000);
    expect(deep.events('lending.liquidation').length).toBe(2);
  });
});

describe('disposal of seized collateral', () => {
  it('redeems it at the fund (at NAV, next dealing date) instead of dumping it on the pool', () => {
    const { events } = runInline({
      plugins: [bots],
      horizonMs: 2 * DAY,
      build(run) {
        const w = buildRwaLendingWorld(run, {
          pool: { rwa: 1e6, usd: 1e6 },
          fund: { shares: 10_000_000, cash: 3_000_000, assets: [new StaticNavSource('loans', 7_000_000)] },
          pricing: 'nav',
          ltv: 8_500,
          liquidationThreshold: 8_500,
          liquidationBonus: 10_500,
          positions: [{ collateral: 10_000, debt: 8_000 }],
        });
        w.giveUsd('bot', 1e9);
        run.place({ plugin: 'liquidation-bots', kind: 'bot', id: 'bot', config: { redeemAt: FUND, priorityFee: 0 } });
        run.kernel.scheduleAt(DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.9), () => {}), null);
      },
    });
    expect(events('lending.liquidation')).toHaveLength(1);
    expect(events('amm.trade')).toEqual([]); // nothing dumped
    const requests = events('fund.request').filter((e) => e['actor'] === 'bot');
    expect(requests).toHaveLength(1);
  });

  it('refuses a config that both dumps and redeems', () => {
    expect(() => bots.parseConfig('bot', { sellOn: 'RWA/USD', redeemAt: 'fund' }, 'agents[0].config')).toThrow(/agents\[0\]\.config\.redeemAt: dump \(sellOn\) or redeem/);
  });
});
