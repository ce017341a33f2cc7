import assert from 'node:assert/strict';
import { DAY, NEWS, pushPrice } from '@paradox/sdk';
import { MARKET, NAV_FEED, NAV_REPORTER, POOL, RWA, USD, buildRwaLendingWorld, runInline } from '@paradox/lab';
import borrowers from '@paradox-plugins/borrowers';
import bots from '@paradox-plugins/liquidation-bots';

/**
 * Four borrowers in a NAV-priced RWA market (LTV 70%, liquidation threshold 80%) as the fund's
 * NAV is marked down weekly from 1.00 to 0.80, with liquidation bots watching:
 *
 * - `looper`: 10,000 RWA in its wallet, levers up to an LTV of 60% on day 0;
 * - `borrower-0`: 10,000 RWA against 6,500 USD, does nothing;
 * - `borrower-1`: the same position, defensive: keeps its loan in cash and repays below HF 1.1;
 * - `borrower-2`: 10,000 RWA against 5,000 USD, panics at the first credible news (day 3).
 */
export default function example(): void {
  let w!: ReturnType<typeof buildRwaLendingWorld>;
  const { events } = runInline({
    plugins: [borrowers, bots],
    horizonMs: 30 * DAY,
    build(run) {
      w = buildRwaLendingWorld(run, {
        pool: { rwa: 2_000_000, usd: 2_000_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 7_000,
        liquidationThreshold: 8_000,
        liquidationBonus: 10_500,
        positions: [
          { collateral: 10_000, debt: 6_500 },
          { collateral: 10_000, debt: 6_500 },
          { collateral: 10_000, debt: 5_000 },
        ],
        lenderLiquidity: 100_000,
      });
      w.giveRwa('looper', 10_000);
      run.place({ plugin: 'borrowers', kind: 'looper', id: 'looper', config: { market: MARKET, pool: POOL, targetLtv: 0.6 } });
      run.place({ plugin: 'borrowers', kind: 'defensive', id: 'borrower-1', config: { minHealthFactor: 1.1, targetHealthFactor: 1.3, mode: 'repay' } });
      run.place({ plugin: 'borrowers', kind: 'panicked', id: 'borrower-2', config: { priceDrop: 0 } });
      w.giveUsd('bot', 1e7);
      run.place({ plugin: 'liquidation-bots', kind: 'bot', id: 'bot', config: { sellOn: POOL, flashLoan: false } });
      // The exogenous story: a rumour on day 3, NAV marks every week.
      run.kernel.scheduleAt(3 * DAY, () => run.bus.publish(NEWS.topic, { kind: 'rumor', headline: 'loan book trouble', credibility: 0.8 }), null);
      [0.95, 0.9, 0.85, 0.8].forEach((nav, week) =>
        run.kernel.scheduleAt((week + 1) * 7 * DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, nav), () => {}), null),
      );
    },
  });
  const debt = (id: string) => w.world.ledger.toNumber(USD, w.market.pool.debtBalance(id, USD));
  const collateral = (id: string) => w.world.ledger.toNumber(RWA, w.market.pool.aTokenBalance(id, RWA));

  // The looper reached its target on day 0, within its 1% tolerance (about 2.5x levered).
  const levered = events('looper.done').map((e) => JSON.parse(e['data'] as string));
  assert.equal(levered[0].why, 'target reached');
  assert.ok(Math.abs(levered[0].ltv - 0.6) <= 0.01);

  // At NAV 0.80 the passive borrower's HF is 10,000 x 0.8 x 0.8 / 6,500 = 0.98: liquidated.
  const liquidated = events('lending.liquidation').map((e) => JSON.parse(e['data'] as string).borrower);
  assert.deepEqual([...new Set(liquidated)], ['borrower-0']);

  // The defensive one repaid once, when the 0.85 mark (day 21) took it to HF 1.05, back to HF
  // 1.3 (debt 10,000 x 0.85 x 0.8 / 1.3 = 5,231); at 0.80 it was still at 1.22. Never liquidated.
  const repayments = events('lending.repaid').filter((e) => e['actor'] === 'borrower-1').map((e) => JSON.parse(e['data'] as string));
  assert.equal(repayments.length, 1);
  assert.ok(Math.abs(repayments[0].healthFactor - 1.3) < 1e-6);
  assert.ok(Math.abs(debt('borrower-1') - 5_231) < 1);

  // The panicked one was out on day 3, before any mark: no debt, its RWA back in its wallet.
  assert.equal(debt('borrower-2'), 0);
  assert.equal(collateral('borrower-2'), 0);
  assert.equal(w.world.ledger.toNumber(RWA, w.world.ledger.balanceOf(RWA, 'borrower-2')), 10_000);

  // The looper, at 60% of NAV 1.00, is at 75% of NAV 0.80: close, but above the threshold.
  assert.ok(debt('looper') / (collateral('looper') * 0.8) < 0.8);
}
