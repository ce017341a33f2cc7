import { ModelConfigError, RevertError } from '../errors';
import { Property } from './property';
import type { PropertyConfig } from './property';
import { DAY, MONTH, QUARTER, YEAR } from './time';

const USD = 1_000_000n;

function building(overrides: Partial<PropertyConfig> = {}): Property {
  return new Property({
    id: 'tower',
    appraisedValue: 10_000_000,
    annualGrowth: 0.03,
    monthlyRent: 50_000n * USD,
    appraisalIntervalMs: QUARTER,
    ...overrides,
  });
}

describe('Property construction', () => {
  it.each([
    [{ appraisedValue: -1 }, 'property[tower].appraisedValue'],
    [{ annualGrowth: -1 }, 'property[tower].annualGrowth'],
    [{ monthlyRent: -1n }, 'property[tower].monthlyRent'],
    [{ appraisalIntervalMs: 0 }, 'property[tower].appraisalIntervalMs'],
    [{ titleStatus: 'seized' as never }, 'property[tower].titleStatus'],
    [{ titleMarkdown: { frozen: 2 } }, 'property[tower].titleMarkdown.frozen'],
  ] as Array<[Partial<PropertyConfig>, string]>)('rejects %p naming %s', (bad, path) => {
    expect(() => building(bad)).toThrow(ModelConfigError);
    expect(() => building(bad)).toThrow(path);
  });
});

describe('Property marks and appraisal lag', () => {
  it('marks at the last appraisal and collects monthly rent', () => {
    const p = building();
    // Before the first appraisal: the initial one, plus two rent payments.
    expect(p.value(QUARTER - 1)).toBeCloseTo(10_000_000 + 100_000, 6);
    expect(p.appraisedValue(QUARTER)).toBeCloseTo(10_000_000 * 1.03 ** 0.25, 6);
    expect(p.lastAppraisalMs(QUARTER + 5 * DAY)).toBe(QUARTER);
    expect(p.nextAppraisalMs(QUARTER)).toBe(2 * QUARTER);
  });

  it('a hurricane hits the true value at once but the mark only at the next appraisal', () => {
    const p = building();
    p.applyShock({ atMs: 100 * DAY, valueFactor: 0.6, rentFactor: 0, durationMs: 180 * DAY, residualValueFactor: 0.9 });
    const t = 101 * DAY;
    expect(p.trueValue(t)).toBeCloseTo(10_000_000 * 1.03 ** (101 / 365) * 0.6, 4);
    expect(p.appraisedValue(t)).toBeCloseTo(10_000_000 * 1.03 ** 0.25, 4); // stale mark
    expect(p.appraisedValue(2 * QUARTER)).toBeCloseTo(10_000_000 * 1.03 ** 0.5 * 0.6, 4);
    expect(p.appraisedValue(3 * QUARTER)).toBeCloseTo(10_000_000 * 1.03 ** 0.75 * 0.6, 4); // day 273.75 < 280
    expect(p.appraisedValue(YEAR)).toBeCloseTo(10_000_000 * 1.03 * 0.9, 4); // repaired to 90%
    // Rent stops for the payments at months 4..9 (days 121.7 .. 273.75): 6 of 12 paid.
    expect(p.rentCollected(YEAR)).toBe(6n * 50_000n * USD);
  });

  it('an ad hoc appraisal makes the mark catch up immediately', () => {
    const p = building();
    p.applyShock({ atMs: 100 * DAY, valueFactor: 0.5 });
    expect(p.appraise(101 * DAY)).toBeCloseTo(10_000_000 * 1.03 ** (101 / 365) * 0.5, 4);
    expect(p.appraisedValue(150 * DAY)).toBeCloseTo(10_000_000 * 1.03 ** (101 / 365) * 0.5, 4);
  });

  it('releases collected rent once', () => {
    const p = building();
    expect(p.drawCash(3 * MONTH, 120_000n * USD)).toBe(120_000n * USD);
    expect(p.drawCash(3 * MONTH, 120_000n * USD)).toBe(30_000n * USD);
    expect(p.cashBalance(3 * MONTH)).toBe(0n);
    // A late-dated draw sees only what was collected by then: nothing left.
    expect(p.drawCash(2 * MONTH, 1n)).toBe(0n);
    expect(() => p.applyShock({ atMs: 2 * MONTH, valueFactor: 0.5 })).toThrow(RevertError);
  });
});

describe('Property title status', () => {
  it('gates transfers and redemptions and marks the title risk', () => {
    const p = building({ titleMarkdown: { challenged: 0.2, frozen: 0.5 } });
    p.setTitleStatus('challenged', 10 * DAY);
    p.setTitleStatus('frozen', 20 * DAY);
    p.setTitleStatus('clear', 40 * DAY);
    expect([p.transferAllowed(5 * DAY), p.redemptionAllowed(5 * DAY)]).toEqual([true, true]);
    expect([p.transferAllowed(15 * DAY), p.redemptionAllowed(15 * DAY)]).toEqual([false, true]);
    expect([p.transferAllowed(25 * DAY), p.redemptionAllowed(25 * DAY)]).toEqual([false, false]);
    expect([p.transferAllowed(45 * DAY), p.redemptionAllowed(45 * DAY)]).toEqual([true, true]);
    expect(p.value(15 * DAY)).toBeCloseTo(8_000_000, 6);
    expect(p.value(25 * DAY)).toBeCloseTo(5_000_000, 6);
    expect(() => p.setTitleStatus('clear', 30 * DAY)).toThrow(RevertError);
  });
});
