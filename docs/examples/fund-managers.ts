import assert from 'node:assert/strict';
import { DAY, redeemFromFund } from '@paradox/sdk';
import managers from '@paradox-plugins/fund-managers';
import { FUND, FUND_MANAGER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { StaticNavSource } from '@paradox/world';

const MONTH = (365 * DAY) / 12;

/** One run: a $10m fund ($3m cash), a manager with `redemption` policy, and a run on the fund. */
function run(redemption: Record<string, unknown>) {
  const { events } = runInline({
    plugins: [managers],
    horizonMs: 3 * MONTH,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 100_000, usd: 100_000 },
        fund: { shares: 10_000_000, cash: 3_000_000, assets: [new StaticNavSource('loans', 7_000_000)] },
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      // The manager agent's address is the fund's manager (FUND_MANAGER).
      run.place({ plugin: 'fund-managers', kind: 'manager', id: FUND_MANAGER, config: { fund: FUND, redemption } });
      // A run: 8% of the fund asks out on day 1, another 17% on day 10.
      for (const [day, holder, shares] of [[1, 'early', 800_000], [10, 'late', 1_700_000]] as const) {
        w.giveRwa(holder, shares);
        run.kernel.scheduleAt(day * DAY, () => w.world.submit(holder, redeemFromFund(FUND, w.rwa(shares)), () => {}), null, { owner: undefined });
      }
    },
  });
  const rows = (type: string) => events(type).map((e) => ({ day: (e['t'] as number) / DAY, ...JSON.parse(e['data'] as string) }));
  return { paid: rows('fund.window').map((w) => Math.round(w.paid)), policy: rows('fund.policy'), log: rows };
}

export default function example(): void {
  // Honour: the fund's $3m of cash pays the $2.5m queue at the first window.
  assert.deepEqual(run({ policy: 'honour' }).paid, [2_500_000, 0, 0]);

  // Gate 5% of NAV per window while the queue exceeds 10% of NAV: engaged on day 10 (the second
  // request takes the queue to 25%), lifted once it is back under 10% (after window 4, beyond
  // this run's three months).
  const gate = run({ policy: 'gate', maxShareOfNav: 0.05, whenQueueAbove: 0.1 });
  assert.deepEqual(gate.log('gate-engaged').map((e) => e.day), [10]);
  assert.deepEqual(gate.paid, [500_000, 475_000, 451_250]);

  // Suspend when the queue exceeds 20% of NAV, resume after 45 days: nothing is paid meanwhile.
  const suspend = run({ policy: 'suspend', whenQueueAbove: 0.2, resumeAfterDays: 45 });
  assert.deepEqual(suspend.log('suspended').map((e) => e.day), [10]);
  assert.deepEqual(suspend.paid, [0, 2_500_000, 0]);
}
