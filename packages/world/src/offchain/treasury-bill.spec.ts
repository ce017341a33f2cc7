import { ModelConfigError } from '../errors';
import { discountRateOf, TreasuryBill } from './treasury-bill';
import type { TreasuryBillConfig } from './treasury-bill';
import { DAY } from './time';

const USD = 1_000_000n;

function bill(overrides: Partial<TreasuryBillConfig> = {}): TreasuryBill {
  return new TreasuryBill({
    id: 'tb26w',
    face: 1000n * USD,
    purchaseMs: 0,
    maturityMs: 182 * DAY,
    quote: { discountRate: 0.025 },
    ...overrides,
  });
}

describe('TreasuryBill pricing', () => {
  it('prices a bank-discount quote with the Treasury formula P = F (1 - d N / 360)', () => {
    // 26-week bill, 2.5% discount: 1000 * (1 - 0.025 * 182 / 360) = 987.361111...; the discount
    // is rounded down to the base unit, so the price is 987.361112.
    expect(bill().costBasis()).toBe(987_361_112n);
    expect(discountRateOf(987_361_112n, 1000n * USD, 182)).toBeCloseTo(0.025, 8);
  });

  it('gives the investment rate of a 13-week bill (91 days, 5% discount -> 5.1343% on 365)', () => {
    // Price per 100 = 98.736111; investment rate = (100 - P) / P * 365 / 91 = 0.05134337
    const b = bill({ maturityMs: 91 * DAY, quote: { discountRate: 0.05 } });
    expect(b.moneyMarketYield('act/365')).toBeCloseTo(0.0513434, 6);
  });

  it('prices a money-market yield quote: P = F / (1 + y N / basis)', () => {
    const b = bill({ maturityMs: 91 * DAY, quote: { yield: 0.05, dayCount: 'act/365' } });
    expect(Number(b.costBasis())).toBeCloseTo(1e9 / (1 + (0.05 * 91) / 365), 0);
    expect(b.moneyMarketYield('act/365')).toBeCloseTo(0.05, 8);
  });

  it.each([
    [{ maturityMs: 182 * DAY + 1 }, 'treasuryBill[tb26w].maturityMs'],
    [{ maturityMs: 0 }, 'treasuryBill[tb26w].maturityMs'],
    [{ face: 0n }, 'treasuryBill[tb26w].face'],
    [{ quote: { price: 1001n * USD } }, 'treasuryBill[tb26w].quote'],
    [{ quote: { yield: 0.05, dayCount: 'act/366' as never } }, 'treasuryBill[tb26w].quote.dayCount'],
    [{ saleHaircut: 1 }, 'treasuryBill[tb26w].saleHaircut'],
  ] as Array<[Partial<TreasuryBillConfig>, string]>)('rejects %p naming %s', (bad, path) => {
    expect(() => bill(bad)).toThrow(ModelConfigError);
    expect(() => bill(bad)).toThrow(path);
  });
});

describe('TreasuryBill daily accrual', () => {
  it('accretes the discount in equal whole-day steps, face from maturity on', () => {
    const b = bill();
    const p = 987_361_112n;
    const disc = 1000n * USD - p;
    expect(b.valueBase(0)).toBe(p);
    expect(b.valueBase(DAY - 1)).toBe(p); // accrual is per whole day
    expect(b.valueBase(10 * DAY + DAY / 2)).toBe(p + (disc * 10n) / 182n);
    expect(b.valueBase(181 * DAY)).toBe(p + (disc * 181n) / 182n);
    expect(b.valueBase(182 * DAY)).toBe(1000n * USD);
    expect(b.value(400 * DAY)).toBe(1000);
  });
});

describe('TreasuryBill cash', () => {
  it('sells part of the position before maturity at the haircut, never paying more than asked', () => {
    const b = bill({ saleHaircut: 0.001 });
    const t = 91 * DAY;
    const before = b.valueBase(t);
    const out = b.drawCash(t, 300n * USD);
    expect(out).toBeLessThanOrEqual(300n * USD);
    expect(out).toBeGreaterThan(300n * USD - 2n);
    // The remaining position lost the sold share of value plus the haircut on it.
    const lostValue = before - b.valueBase(t);
    expect(Number(lostValue - out)).toBeCloseTo(Number(out) * (0.001 / 0.999), -1);
  });

  it('redeems at face after maturity', () => {
    const b = bill();
    expect(b.drawCash(200 * DAY, 400n * USD)).toBe(400n * USD);
    expect(b.drawCash(200 * DAY, 10_000n * USD)).toBe(600n * USD);
    expect(b.value(200 * DAY)).toBe(0);
    expect(b.drawCash(200 * DAY, 1n)).toBe(0n);
  });
});
