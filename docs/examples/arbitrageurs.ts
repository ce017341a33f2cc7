import assert from 'node:assert/strict';
import { DAY, HOUR, redeemFromFund, swap } from '@paradox/sdk';
import arbitrageurs from '@paradox-plugins/arbitrageurs';
import managers from '@paradox-plugins/fund-managers';
import { FUND, FUND_MANAGER, POOL, RWA, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { StaticNavSource } from '@paradox/world';

/**
 * The redemption floor, and how a gate removes it. A $10m fund at $1.00 (monthly dealing) and
 * its token on a 1m/1m Uniswap V2 pool. Someone dumps 100k shares on day 2 and again on day 12;
 * a mint-redeem arbitrageur with $1m buys the discount and redeems at the fund. On day 10 a
 * whale asks for 40% of the fund; the manager gates redemptions at 5% per window, and the
 * arbitrageur, which would now wait many months to be paid, stays out.
 */
export default function example(): void {
  const prices: Record<string, number> = {};
  const { events } = runInline({
    plugins: [arbitrageurs, managers],
    horizonMs: 13 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1_000_000, usd: 1_000_000 },
        fund: { shares: 10_000_000, cash: 3_000_000, assets: [new StaticNavSource('loans', 7_000_000)] },
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      w.giveUsd('arb', 1_000_000);
      run.place({ plugin: 'arbitrageurs', kind: 'mint-redeem', id: 'arb', config: { pool: POOL, fund: FUND, threshold: 0.005, maxWaitDays: 45 } });
      run.place({ plugin: 'fund-managers', kind: 'manager', id: FUND_MANAGER, config: { fund: FUND, redemption: { policy: 'gate', maxShareOfNav: 0.05, whenQueueAbove: 0.1 } } });
      w.giveRwa('dumper', 200_000);
      w.giveRwa('whale', 4_000_000);
      const at = (day: number, f: () => void) => run.kernel.scheduleAt(day * DAY, f, null, { owner: undefined });
      at(2, () => w.world.submit('dumper', swap(POOL, RWA, w.rwa(100_000)), () => {}));
      at(10, () => w.world.submit('whale', redeemFromFund(FUND, w.rwa(4_000_000)), () => {}));
      at(12, () => w.world.submit('dumper', swap(POOL, RWA, w.rwa(100_000)), () => {}));
      for (const day of [3, 13]) at(day, () => (prices[`day ${day}`] = w.amm.spotPrice() / w.fund.navPerShare()));
    },
  });
  const log = (type: string) => events(type).map((e) => ({ day: (e['t'] as number) / DAY, ...JSON.parse(e['data'] as string) }));

  // Day 2: the dump takes the price to ~$0.83; the arbitrageur buys it back to ~1.2% under NAV
  // (pool fee + its 0.5% threshold + the carry of its cash until the dealing date).
  const [buy] = log('arb-buy');
  assert.ok(buy.day >= 2 && buy.day < 2 + HOUR / DAY);
  assert.ok(prices['day 3']! > 0.985 && prices['day 3']! < 0.995);
  // Day 10: the whale's request gates the fund. Day 12: the same dump, and nobody buys it.
  assert.deepEqual(log('gate-engaged').map((e) => e.day), [10]);
  assert.equal(log('arb-buy').length, 1);
  assert.equal(log('arb-blocked')[0].reason, 'redemption too slow');
  assert.ok(prices['day 13']! < 0.85);
}
