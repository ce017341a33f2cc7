import assert from 'node:assert/strict';
import { DAY, FUNDS, type FundDetailView, isFundDetail, redeemFromFund, setFundGate, subscribeToFund } from '@paradox/sdk';
import { FUND, FUND_MANAGER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { StaticNavSource } from '@paradox/world';

const MONTH = (365 * DAY) / 12;

/**
 * A $10m fund in the world: 10m shares at $1.00 ($3m cash, $7m of loans), dealing monthly.
 * Two holders redeem through the `fund.redeem` action, an investor subscribes, and on day 20
 * the manager gates redemptions at 5% of NAV per window. Everything settles through the ledger
 * at the dealing dates and comes out as events and series.
 */
export default function example(): void {
  let view: FundDetailView | undefined;
  const { events, sink } = runInline({
    plugins: [],
    horizonMs: 2 * MONTH,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 100_000, usd: 100_000 },
        fund: { shares: 10_000_000, cash: 3_000_000, assets: [new StaticNavSource('loans', 7_000_000)], redemptionFee: 0.01 },
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      // Shares become tokens out of the off-chain investors' register: NAV per share stays $1.
      w.giveRwa('alice', 400_000);
      w.giveRwa('bob', 1_000_000);
      w.giveUsd('carol', 50_000);
      const at = (day: number, who: string, action: Parameters<typeof w.world.submit>[1]) =>
        run.kernel.scheduleAt(day * DAY, () => w.world.submit(who, action, (r) => assert.ok(r.ok, `${who}: ${r.ok ? '' : r.reason}`)), null, { owner: undefined });
      at(1, 'alice', redeemFromFund(FUND, w.rwa(400_000)));
      at(2, 'carol', subscribeToFund(FUND, w.usd(50_000)));
      at(20, FUND_MANAGER, setFundGate(FUND, { maxShareOfNav: 0.05 }));
      at(25, 'bob', redeemFromFund(FUND, w.rwa(1_000_000)));
      // The view agents get: ctx.view(FUNDS).get('fund').
      const fund = w.world.view('anyone', FUNDS.view) as ReadonlyMap<string, FundDetailView>;
      assert.ok(isFundDetail(fund.get(FUND)));
      view = fund.get(FUND);
      return {
        summary() {
          assert.equal(w.fundMarket!.audit() ?? w.world.ledger.audit(), undefined); // ledger and register agree
          return {};
        },
      };
    },
  });
  const data = (type: string) => events(type).map((e) => JSON.parse(e['data'] as string));

  // Window 1 (day 30.4), at $1.00: the gate pays 5% of the 10m shares at the window's start,
  // first come first served: alice's 400k, then 100k of bob's. Carol's $50k bought 50k shares.
  const [w1, w2] = data('fund.window');
  assert.equal(w1.navPerShare, 1);
  assert.equal(w1.limitedBy, 'gate');
  assert.equal(w1.sharesRedeemed, 500_000);
  assert.equal(w1.sharesMinted, 50_000);
  assert.equal(w1.paid, 500_000 * 0.99); // 1% redemption fee (to the manager)
  // Window 2: another 5%, of the 9.55m shares left.
  assert.equal(w2.sharesRedeemed, 477_500);
  assert.deepEqual(
    data('fund.redemption').map((r) => [r.holder, r.remainder]),
    [['alice', 'none'], ['bob', 'queued'], ['bob', 'queued']],
  );
  assert.equal(view!.queue().redemptionShares, 1_400_000 - 500_000 - 477_500);
  assert.deepEqual(view!.gate(), { maxShareOfNav: 0.05 });

  // Series for the report: fund.nav.<id>, fund.queue.<id>, fund.paid.<id>, fund.cash.<id>, ...
  const paid = sink.rows('series').filter((r) => r['series'] === 'fund.paid.fund');
  assert.deepEqual(paid.map((r) => r['value']), [w1.paid, w2.paid]);
}
