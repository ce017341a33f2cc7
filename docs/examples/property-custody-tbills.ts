import assert from 'node:assert/strict';
import { Custodian, DAY, Fund, MONTH, Property, QUARTER, TreasuryBill } from '../../packages/world/src/offchain';

const USD = 1_000_000n;
const SHARE = 10n ** 18n;

/**
 * A real-estate SPV: one building ($20m, appraised quarterly, $100k rent a month) and a
 * liquidity sleeve of T-bills ($5m face, 2% discount, 182 days), both held by one custodian.
 * A hurricane and a custodian hack arrive in the same month. The token's NAV learns of each only
 * when it is appraised or disclosed: this lag is the gap that fast traders arbitrage.
 */
export default function example(): void {
  const building = new Property({
    id: 'gulf-tower',
    appraisedValue: 20_000_000,
    monthlyRent: 100_000n * USD,
    appraisalIntervalMs: QUARTER,
    titleMarkdown: { challenged: 0.1 },
  });
  const bills = new TreasuryBill({
    id: 'tbills',
    face: 5_000_000n * USD,
    purchaseMs: 0,
    maturityMs: 182 * DAY,
    quote: { discountRate: 0.02 },
    saleHaircut: 0.0005,
  });
  const vault = new Custodian({ id: 'vault', attestationIntervalMs: MONTH, frozenMark: 0.5 });
  const fund = new Fund({
    id: 'gulf-spv',
    initialHoldings: { lp: 25_000_000n * SHARE },
    assets: [vault.hold({ asset: bills, spvId: 'gulf-spv', atMs: 0 }), vault.hold({ asset: building, spvId: 'gulf-spv', atMs: 0 })],
    dealing: 'monthly',
  });
  const nav0 = fund.navPerShare(0);

  // Day 100: hurricane. True value -40% for 6 months; the quarterly mark still says $20m.
  building.applyShock({ atMs: 100 * DAY, valueFactor: 0.6, rentFactor: 0, durationMs: 180 * DAY, residualValueFactor: 0.95 });
  assert.equal(building.appraisedValue(110 * DAY), 20_000_000);
  assert.ok(building.trueValue(110 * DAY) < 12_500_000);

  // Day 105: the custodian is hacked: half the bills frozen, 10% gone. Disclosed on day 120.
  const hack = vault.breach({ atMs: 105 * DAY, frozenShare: 0.5, lostShare: 0.1, assetIds: ['tbills'] });
  fund.processWindows(110 * DAY);
  fund.requestRedemption({ holder: 'lp', shares: 1_000_000n * SHARE, atMs: 110 * DAY });
  const beforeDisclosure = fund.navPerShare(119 * DAY);
  assert.ok(Math.abs(beforeDisclosure - nav0) / nav0 < 0.02); // NAV still looks fine
  vault.disclose(hack.id, 120 * DAY);

  // The 4-month dealing date (121.7 days): redemptions blocked by the disclosed freeze.
  const [w] = fund.processWindows(4 * MONTH);
  assert.equal(w!.redemptions.status, 'blocked-by-asset');
  // The hurricane reaches the mark at the 2-quarter appraisal (182.5 days).
  assert.ok(fund.navPerShare(2 * QUARTER) < fund.navPerShare(2 * QUARTER - 1) * 0.75);

  // A lawsuit over the title: the building cannot be sold, though the fund may still deal.
  building.setTitleStatus('challenged', 2 * QUARTER);
  assert.equal(building.transferAllowed(2 * QUARTER), false);
  assert.throws(() => vault.transferTitle('gulf-tower', 'buyer-spv', 2 * QUARTER));

  // Month 5 (152 days): still frozen, still blocked.
  assert.equal(fund.processWindows(5 * MONTH)[0]!.redemptions.status, 'blocked-by-asset');

  // Settlement at 2 quarters (= month 6): 80% of the frozen bills come back, dealing resumes,
  // and the redemption is paid from bills that matured on day 182.
  vault.resolveFreeze(hack.id, { atMs: 2 * QUARTER, recoveredShare: 0.8 });
  const [w6] = fund.processWindows(6 * MONTH);
  assert.equal(w6!.redemptions.status, 'processed');
  assert.equal(w6!.redemptions.sharesRedeemed, 1_000_000n * SHARE);
  assert.ok(w6!.cashDrawn > 0n);
}
