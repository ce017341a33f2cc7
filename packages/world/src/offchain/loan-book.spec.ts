import { ModelConfigError, RevertError } from '../errors';
import { LoanBook } from './loan-book';
import type { LoanBookConfig } from './loan-book-types';
import { fixedUniform, seededUniform } from './testkit';
import { DAY, MONTH, YEAR } from './time';

const USD = 1_000_000n;

function book(overrides: Partial<LoanBookConfig> = {}): LoanBook {
  return new LoanBook({
    id: 'b',
    pdByGrade: { A: 0.01, B: 0.05 },
    recoveryRate: 0.6,
    rho: 0.15,
    loans: [{ id: 'L1', principal: 1_000_000n * USD, annualRate: 0.1, maturityMs: 3 * YEAR, grade: 'B' }],
    ...overrides,
  });
}

// Z draw 0.5 -> Z = 0; then one draw per performing loan. 0.999 never defaults, 0 always does
// (for any PD > 0).
const NO_DEFAULT = fixedUniform([0.5, 0.999]);

describe('LoanBook construction', () => {
  it.each([
    [{ rho: 1.2 }, 'loanBook[b].rho'],
    [{ pdByGrade: { A: 0.01, C: 1.5 } }, 'loanBook[b].pdByGrade[C]'],
    [{ pdByGrade: {} }, 'loanBook[b].pdByGrade'],
    [{ recoveryRate: -0.1 }, 'loanBook[b].recoveryRate'],
    [{ recoveryRate: { A: 0.5 } }, 'loanBook[b].recoveryRate[B]'],
    [{ recoveryRate: { A: 0.5, B: 0.5, Z: 0.5 } }, 'loanBook[b].recoveryRate[Z]'],
    [{ writeDown: { dpd30: 0.5, dpd60: 0.2 } }, 'loanBook[b].writeDown.dpd60'],
    [{ factorAutocorrelation: 1 }, 'loanBook[b].factorAutocorrelation'],
    [{ initialCash: -1n }, 'loanBook[b].initialCash'],
    [{ loans: [{ id: 'x', principal: USD, annualRate: 0.1, maturityMs: YEAR, grade: 'CCC' }] }, 'loanBook[b].loans[0].grade'],
    [{ loans: [{ id: 'x', principal: -USD, annualRate: 0.1, maturityMs: YEAR, grade: 'A' }] }, 'loanBook[b].loans[0].principal'],
    [{ loans: [{ id: 'x', principal: USD, annualRate: 0.1, maturityMs: 1.5, grade: 'A' }] }, 'loanBook[b].loans[0].maturityMs'],
    [
      {
        loans: [
          { id: 'x', principal: USD, annualRate: 0.1, maturityMs: YEAR, grade: 'A' },
          { id: 'x', principal: USD, annualRate: 0.1, maturityMs: YEAR, grade: 'A' },
        ],
      },
      'loanBook[b].loans[1].id',
    ],
  ] as Array<[Partial<LoanBookConfig>, string]>)('rejects %p naming %s', (bad, path) => {
    let err: unknown;
    try {
      book(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelConfigError);
    expect((err as ModelConfigError).path).toBe(path);
  });
});

describe('LoanBook cash flows', () => {
  it('pays simple interest per step and accrues it in the mark between steps', () => {
    const b = book();
    expect(b.value(0)).toBe(1_000_000);
    // Half a month in: 1e6 * 10% / 24 accrued, not yet collected.
    expect(b.value(MONTH / 2)).toBeCloseTo(1_000_000 + 100_000 / 24, 6);
    const r = b.step(MONTH, NO_DEFAULT);
    // 1e12 base * 0.1 * MONTH / YEAR = 8_333_333_333.33 -> floor.
    expect(r.interest).toBe(8_333_333_333n);
    expect(b.cashBalance()).toBe(8_333_333_333n);
    expect(r.value).toBeCloseTo(1_008_333.333333, 6);
  });

  it('repays principal at maturity with interest only up to maturity', () => {
    const b = book({ loans: [{ id: 'L1', principal: 1200n * USD, annualRate: 0.1, maturityMs: MONTH / 2, grade: 'A' }] });
    const r = b.step(MONTH, NO_DEFAULT);
    expect(r.repayments).toEqual([{ loanId: 'L1', principal: 1200n * USD }]);
    expect(r.interest).toBe(5n * USD); // 1200 * 10% / 24
    expect(b.loan('L1').state).toBe('repaid');
    expect(b.value(2 * MONTH)).toBe(1205);
  });

  it('releases collected cash on request', () => {
    const b = book({ initialCash: 100n * USD });
    expect(b.drawCash(0, 30n * USD)).toBe(30n * USD);
    expect(b.drawCash(0, 1000n * USD)).toBe(70n * USD);
    expect(b.cashBalance()).toBe(0n);
  });
});

describe('LoanBook delinquency, default and recovery', () => {
  it('walks a missed loan through the DPD buckets, default and recovery, marking it down', () => {
    const b = book({ writeDown: { dpd30: 0.1, dpd60: 0.25 }, recoveryLagMs: 6 * MONTH });
    const first = b.step(MONTH, fixedUniform([0.5, 0]));
    expect(first.newDelinquencies).toEqual(['L1']);
    expect(b.loan('L1')).toMatchObject({ state: 'delinquent', daysPastDue: 0, mark: 1_000_000 });

    b.step(2 * MONTH, NO_DEFAULT); // 30.4 days past due
    expect(b.loan('L1')).toMatchObject({ daysPastDue: 30, mark: 900_000 });
    b.step(3 * MONTH, NO_DEFAULT); // 60.8 days
    expect(b.loan('L1').mark).toBe(750_000);
    const d = b.step(4 * MONTH, NO_DEFAULT); // 91.25 days >= 90: defaulted at missed + 90 days
    expect(d.newDefaults).toEqual(['L1']);
    expect(b.loan('L1')).toMatchObject({ state: 'defaulted', defaultedAtMs: MONTH + 90 * DAY, mark: 600_000 });
    expect(d.interest).toBe(0n); // a delinquent loan pays nothing

    // Recovery 6 months after the default date, booked at the first step on or after it.
    for (let m = 5; m <= 9; m++) expect(b.step(m * MONTH, NO_DEFAULT).recoveries).toEqual([]);
    const rec = b.step(10 * MONTH, NO_DEFAULT);
    expect(rec.recoveries).toEqual([{ loanId: 'L1', cash: 600_000n * USD }]);
    expect(b.loan('L1')).toMatchObject({ state: 'recovered', mark: 0, recoveredCash: 600_000n * USD });
    expect(b.summary().cumulativeDefaultRate).toBe(1);
  });

  it('refuses steps that do not move forward', () => {
    const b = book();
    b.step(MONTH, NO_DEFAULT);
    expect(() => b.step(MONTH, NO_DEFAULT)).toThrow(RevertError);
    expect(() => b.step(MONTH + 0.5, NO_DEFAULT)).toThrow(RevertError);
  });
});

describe('LoanBook shocks', () => {
  const many = Array.from({ length: 2000 }, (_, i) => ({
    id: `L${i}`,
    principal: 1000n * USD,
    annualRate: 0.12,
    maturityMs: 5 * YEAR,
    grade: i % 2 === 0 ? 'A' : 'B',
  }));

  it('a forced systematic factor is a default wave on the same idiosyncratic draws', () => {
    const calm = book({ loans: many });
    const stressed = calm.fork();
    stressed.applyShock({ systematicZ: -3 });
    const rc = calm.step(MONTH, seededUniform(11));
    const rs = stressed.step(MONTH, seededUniform(11));
    expect(rs.z).toBe(-3);
    expect(rs.shocked).toBe(true);
    expect(rs.newDelinquencies.length).toBeGreaterThan(5 * rc.newDelinquencies.length);
    // Common random numbers: every loan that missed in the calm run also missed under stress.
    const stressedSet = new Set(rs.newDelinquencies);
    expect(rc.newDelinquencies.every((id) => stressedSet.has(id))).toBe(true);
    // The shock is one step long by default.
    expect(stressed.step(2 * MONTH, seededUniform(12)).shocked).toBe(false);
  });

  it('a PD multiplier over a duration hits every step overlapping it, then lapses', () => {
    const b = book({ loans: many });
    b.applyShock({ atMs: MONTH / 2, pdMultiplier: 4, durationMs: MONTH + DAY });
    const shocked = [1, 2, 3, 4].map((m) => b.step(m * MONTH, seededUniform(m)).shocked);
    // (0, M] contains M/2; (M, 2M] overlaps [M/2, 3M/2 + 1 day]; (2M, 3M] does not.
    expect(shocked).toEqual([true, true, false, false]);
    const c = book({ loans: many });
    const pd = c.step(MONTH, fixedUniform([0.5, 0.999])).conditionalPd;
    const d = book({ loans: many });
    d.applyShock({ pdMultiplier: 4 });
    const pd4 = d.step(MONTH, fixedUniform([0.5, 0.999])).conditionalPd;
    expect(pd4['B']! / pd['B']!).toBeGreaterThan(3.5);
  });

  it('persists a shocked factor through the AR(1) process', () => {
    const b = book({ factorAutocorrelation: 0.9 });
    b.applyShock({ systematicZ: -3 });
    b.step(MONTH, NO_DEFAULT);
    // Next step draws eps = Phi^-1(0.5) = 0: Z = 0.9 * -3.
    expect(b.step(2 * MONTH, NO_DEFAULT).z).toBeCloseTo(-2.7, 12);
  });

  it('rejects malformed shocks without changing state', () => {
    const b = book();
    b.step(MONTH, NO_DEFAULT);
    expect(() => b.applyShock({ atMs: 0, systematicZ: -2 })).toThrow(/book clock/);
    expect(() => b.applyShock({ pdMultiplier: -1 })).toThrow(RevertError);
    expect(() => b.applyShock({ systematicZ: Number.NaN })).toThrow(RevertError);
    expect(b.step(2 * MONTH, NO_DEFAULT).shocked).toBe(false);
  });

  it('fork is independent of the original', () => {
    const a = book({ loans: many });
    const f = a.fork();
    f.step(MONTH, seededUniform(1));
    expect(a.lastStepAtMs).toBe(0);
    expect(a.summary().count.performing).toBe(2000);
  });
});
