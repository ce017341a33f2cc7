import assert from 'node:assert/strict';
import { DAY, Fund, QUARTER, StaticNavSource } from '../../packages/world/src/offchain';

const USD = 1_000_000n; // cash: 6 decimals
const SHARE = 10n ** 18n; // shares: 18 decimals

/**
 * A run on a private-credit fund: $100m NAV ($10m cash, $90m of loans that cannot be sold),
 * quarterly dealing with a 5%-of-NAV gate. Holders ask for 40% back on day 1. The gate pays 5%
 * a quarter until the cash runs out; then only cash limits what is paid.
 */
export default function example(): void {
  const fund = new Fund({
    id: 'private-credit',
    initialCash: 10_000_000n * USD,
    initialHoldings: { whale: 30_000_000n * SHARE, crowd: 70_000_000n * SHARE },
    assets: [new StaticNavSource('loans', 90_000_000)],
    dealing: 'quarterly',
    redemptionNoticeMs: 30 * DAY,
    gate: { maxShareOfNav: 0.05 },
    queuePolicy: 'pro-rata',
  });
  assert.equal(fund.navPerShare(0), 1);

  fund.requestRedemption({ holder: 'whale', shares: 30_000_000n * SHARE, atMs: DAY });
  fund.requestRedemption({ holder: 'crowd', shares: 10_000_000n * SHARE, atMs: DAY });

  const windows = fund.processWindows(3 * QUARTER);
  const paid = windows.map((w) => Number(w.redemptions.cashPaid / USD));
  const limits = windows.map((w) => w.redemptions.limitedBy);

  // Q1: 5% of 100m shares. Q2: 5% of the 95m left. Q3: only the $250k of cash left.
  assert.deepEqual(paid, [5_000_000, 4_750_000, 250_000]);
  assert.deepEqual(limits, ['gate', 'gate', 'cash']);
  // Pro-rata: the whale gets 3/4 of every window, like its share of the queue.
  const q1 = windows[0]!.redemptions.fills;
  assert.equal(q1[0]!.filledShares, 3_750_000n * SHARE);
  assert.equal(q1[1]!.filledShares, 1_250_000n * SHARE);
  // Never more than the gate, and NAV per share holds at $1: the queue, not the price, takes the hit.
  for (const w of windows) assert.ok(w.redemptions.sharesRedeemed * 20n <= w.supply);
  assert.equal(fund.navPerShare(3 * QUARTER), 1);
  assert.equal(fund.queuedRedemptionShares(), 30_000_000n * SHARE);

  // Cash is conserved to the unit.
  const c = fund.cashLedger();
  assert.equal(c.startingCash + c.subscriptionsReceived + c.drawnFromAssets, c.redemptionsPaid + c.subscriptionsRefunded + c.feesPaid + c.cash + c.pendingSubscriptionCash);
}
