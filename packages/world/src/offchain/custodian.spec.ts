import { ModelConfigError, RevertError } from '../errors';
import { Custodian, CustodyRegistry } from './custodian';
import { Fund } from './fund';
import { Property } from './property';
import { DAY, MONTH, QUARTER, YEAR } from './time';
import { TreasuryBill } from './treasury-bill';

const USD = 1_000_000n;

function setup(frozenMark = 1) {
  const custodian = new Custodian({ id: 'vault', attestationIntervalMs: 30 * DAY, graceMs: 5 * DAY, frozenMark });
  const bill = new TreasuryBill({ id: 'tb', face: 1_000_000n * USD, purchaseMs: 0, maturityMs: 364 * DAY, quote: { price: 1_000_000n * USD } });
  const tower = new Property({ id: 'tower', appraisedValue: 5_000_000, monthlyRent: 0n, appraisalIntervalMs: YEAR });
  const cBill = custodian.hold({ asset: bill, spvId: 'spv-1', atMs: 0 });
  const cTower = custodian.hold({ asset: tower, spvId: 'spv-2', atMs: 0 });
  return { custodian, bill, tower, cBill, cTower };
}

describe('Custodian title registry', () => {
  it('records who holds title for which SPV and moves it when allowed', () => {
    const { custodian, tower } = setup();
    expect(custodian.holdings('spv-1').map((t) => t.assetId)).toEqual(['tb']);
    expect(custodian.title('tower')).toEqual({ assetId: 'tower', spvId: 'spv-2', custodianId: 'vault', sinceMs: 0 });
    tower.setTitleStatus('challenged', DAY);
    expect(() => custodian.transferTitle('tower', 'spv-3', 2 * DAY)).toThrow(/not allowed/);
    tower.setTitleStatus('clear', 3 * DAY);
    expect(custodian.transferTitle('tower', 'spv-3', 4 * DAY).spvId).toBe('spv-3');
    const registry = new CustodyRegistry();
    registry.add(custodian);
    expect(registry.titleOf('tower')?.spvId).toBe('spv-3');
    expect(registry.titlesFor('spv-1').map((t) => t.assetId)).toEqual(['tb']);
    expect(registry.titleOf('nothing')).toBeNull();
  });

  it('validates its configuration', () => {
    expect(() => new Custodian({ id: 'x', attestationIntervalMs: 0 })).toThrow(ModelConfigError);
    expect(() => new Custodian({ id: 'x', attestationIntervalMs: DAY, frozenMark: 2 })).toThrow('custodian[x].frozenMark');
  });
});

describe('Custodian attestations', () => {
  it('is on schedule until due + grace, late after, and back on schedule after attesting', () => {
    const { custodian } = setup();
    expect(custodian.attestation('tb', 34 * DAY).status).toBe('on-schedule');
    expect(custodian.attestation('tb', 36 * DAY)).toMatchObject({ status: 'late', dueMs: 30 * DAY, lastAttestedMs: null });
    const [a] = custodian.attest({ atMs: 36 * DAY, assetId: 'tb' });
    expect(a).toMatchObject({ lastAttestedMs: 36 * DAY, attestedAmount: 1_000_000, status: 'on-schedule', dueMs: 66 * DAY });
    expect(custodian.attestation('tower', 36 * DAY).status).toBe('late');
    // A dishonest custodian may attest to more than is there.
    custodian.attest({ atMs: 40 * DAY, assetId: 'tower', amount: 9_000_000 });
    expect(custodian.attestation('tower', 40 * DAY).attestedAmount).toBe(9_000_000);
  });
});

describe('Custodian breaches', () => {
  it('hits NAV only once disclosed, but blocks cash at once', () => {
    const { custodian, cBill } = setup();
    const b = custodian.breach({ atMs: 40 * DAY, frozenShare: 0.3, lostShare: 0.1, assetIds: ['tb'] });
    const t = 45 * DAY;
    expect(cBill.value(t)).toBe(1_000_000); // undisclosed: the mark does not know
    expect(cBill.trueValue(t)).toBeCloseTo(900_000, 6);
    expect(cBill.redemptionAllowed(t)).toBe(true);
    expect(cBill.drawCash(t, 10n * USD)).toBe(0n); // frozen accounts pay nothing
    custodian.disclose(b.id, 50 * DAY);
    expect(cBill.value(50 * DAY)).toBeCloseTo(900_000, 6); // frozen carried at full value (frozenMark 1)
    expect(cBill.redemptionAllowed(50 * DAY)).toBe(false);
    expect(cBill.value(49 * DAY)).toBe(1_000_000); // the past mark does not change
  });

  it('carries frozen shares at frozenMark and settles them with resolveFreeze', () => {
    const { custodian, cBill, bill } = setup(0.5);
    const b = custodian.breach({ atMs: 40 * DAY, frozenShare: 0.3, lostShare: 0.1, assetIds: ['tb'], disclosedAtMs: 40 * DAY });
    expect(cBill.value(41 * DAY)).toBeCloseTo(1_000_000 * (1 - 0.1 - 0.3 * 0.5), 6);
    custodian.resolveFreeze(b.id, { atMs: 60 * DAY, recoveredShare: 2 / 3 });
    // Lost: 0.1 + 0.3 * (1/3) = 0.2; nothing frozen any more.
    expect(cBill.value(60 * DAY)).toBeCloseTo(800_000, 6);
    expect(cBill.redemptionAllowed(60 * DAY)).toBe(true);
    // Cash flows again, net of the lost share: asking 80 drains 100 of the underlying.
    expect(cBill.drawCash(60 * DAY, 80n * USD)).toBe(80n * USD);
    expect(bill.faceValue()).toBe(1_000_000n * USD - 100n * USD);
  });

  it('refuses impossible breaches and repeated settlements without changing state', () => {
    const { custodian } = setup();
    const b = custodian.breach({ atMs: DAY, lostShare: 0.7, disclosedAtMs: DAY });
    expect(() => custodian.breach({ atMs: 2 * DAY, frozenShare: 0.4 })).toThrow(/exceed/);
    expect(() => custodian.breach({ atMs: 2 * DAY, frozenShare: 1.5 })).toThrow(RevertError);
    expect(() => custodian.disclose(b.id, 3 * DAY)).toThrow(/already disclosed/);
    custodian.resolveFreeze(b.id, { atMs: 3 * DAY, recoveredShare: 0 });
    expect(() => custodian.resolveFreeze(b.id, { atMs: 4 * DAY, recoveredShare: 1 })).toThrow(/already resolved/);
    expect(custodian.breaches()).toHaveLength(1);
  });
});

describe('a fund holding custodied assets', () => {
  it('gates redemptions while a disclosed freeze lasts and marks the loss', () => {
    const { custodian, cBill, cTower } = setup();
    const fund = new Fund({
      id: 'spv',
      initialCash: 100_000n * USD,
      initialHoldings: { lp: 6_100_000n * 10n ** 18n },
      assets: [cBill, cTower],
      dealing: 'monthly',
    });
    fund.requestRedemption({ holder: 'lp', shares: 10_000n * 10n ** 18n, atMs: DAY });
    expect(fund.processWindows(MONTH)[0]!.redemptions.sharesRedeemed).toBe(10_000n * 10n ** 18n);

    const b = custodian.breach({ atMs: MONTH + DAY, frozenShare: 0.5, lostShare: 0.2, assetIds: ['tb'] });
    fund.requestRedemption({ holder: 'lp', shares: 10_000n * 10n ** 18n, atMs: MONTH + DAY });
    // Undisclosed: dealing goes on at the old NAV per share.
    const w2 = fund.processWindows(2 * MONTH)[0]!;
    expect(w2.redemptions.status).toBe('processed');
    expect(w2.navPerShare).toBeCloseTo(1, 9);

    custodian.disclose(b.id, 2 * MONTH + DAY);
    fund.requestRedemption({ holder: 'lp', shares: 10_000n * 10n ** 18n, atMs: 2 * MONTH + DAY });
    const w3 = fund.processWindows(3 * MONTH)[0]!;
    expect(w3.redemptions.status).toBe('blocked-by-asset');
    // Between the two dealing prices: 10k paid out in window 2, and 20% of the bill (200k) lost.
    expect(w3.nav).toBe(fund.nav(3 * MONTH));
    expect(w2.nav - w2.redemptions.cashPaid - w3.nav).toBe(200_000n * USD);

    custodian.resolveFreeze(b.id, { atMs: QUARTER, recoveredShare: 1 });
    expect(fund.processWindows(4 * MONTH)[0]!.redemptions.status).toBe('processed');
  });
});
