import fc from 'fast-check';
import { ModelConfigError } from '../../errors';
import {
  AdaptiveCurveIrm,
  INITIAL_RATE_AT_TARGET,
  MAX_RATE_AT_TARGET,
  MIN_RATE_AT_TARGET,
  TARGET_UTILIZATION,
  wExp,
} from './adaptive-curve-irm';
import { FixedRateIrm, UtilizationIrm, aprToRatePerSecond } from './irm';
import type { MarketState } from './types';

const WAD = 10n ** 18n;
const YEAR = 31_536_000n;
const DAY = 86_400;

function market(supply: bigint, borrow: bigint, lastUpdate = 0): MarketState {
  return { totalSupplyAssets: supply, totalSupplyShares: 0n, totalBorrowAssets: borrow, totalBorrowShares: 0n, lastUpdate, fee: 0n };
}

/** |a - b| / b, as assertApproxEqRel measures it. */
function rel(a: bigint, b: bigint): number {
  return Math.abs(Number(a - b)) / Number(b);
}

describe('fixed and utilization IRMs', () => {
  it('converts a yearly rate the way Solidity constants do (`0.04 ether / 365 days`)', () => {
    expect(aprToRatePerSecond(0.04)).toBe(40_000_000_000_000_000n / YEAR);
    expect(aprToRatePerSecond(0.04)).toBe(INITIAL_RATE_AT_TARGET);
    expect(FixedRateIrm.fromApr(0.05).borrowRateView()).toBe(1_585_489_599n);
    expect(() => aprToRatePerSecond(-0.01)).toThrow(ModelConfigError);
    expect(() => new FixedRateIrm(-1n)).toThrow(/^ratePerSecond: /);
  });

  it('UtilizationIrm is IrmMock: x% utilization is x% APR', () => {
    expect(new UtilizationIrm().borrowRateView(market(100n * WAD, 50n * WAD))).toBe(WAD / 2n / YEAR);
    expect(new UtilizationIrm().borrowRateView(market(0n, 0n))).toBe(0n);
  });
});

// morpho-org/morpho-blue-irm test/forge/AdaptiveCurveIrmTest.sol, with its tolerances.
describe('AdaptiveCurveIrm', () => {
  it('testFirstBorrowRateUtilizationOne: 4x the initial rate at target', () => {
    const irm = new AdaptiveCurveIrm();
    const m = market(WAD, WAD);
    expect(irm.borrowRateView(m, 90 * DAY)).toBe(INITIAL_RATE_AT_TARGET * 4n);
    irm.commit(m, 90 * DAY);
    expect(irm.rateAtTarget).toBe(INITIAL_RATE_AT_TARGET);
  });

  it('testFirstBorrowRateUtilizationZero: a quarter of the initial rate at target (0.01%)', () => {
    const irm = new AdaptiveCurveIrm();
    expect(rel(irm.borrowRateView(market(0n, 0n), 90 * DAY), INITIAL_RATE_AT_TARGET / 4n)).toBeLessThan(0.0001);
  });

  it('testRateAfterUtilizationOne: 5 days at 100% gives about 22.976% APR (10%)', () => {
    const irm = new AdaptiveCurveIrm();
    const now = 2 * 365 * DAY;
    irm.commit(market(0n, 0n), now);
    const rate = irm.borrowRateView(market(WAD, WAD, now - 5 * DAY), now);
    expect(rel(rate, 229_760_000_000_000_000n / YEAR)).toBeLessThan(0.1);
  });

  it('testRateAfterUtilizationZero: 5 days at 0% gives about 0.724% APR (10%)', () => {
    const irm = new AdaptiveCurveIrm();
    const now = 2 * 365 * DAY;
    irm.commit(market(0n, 0n), now);
    const rate = irm.borrowRateView(market(WAD, 0n, now - 5 * DAY), now);
    expect(rel(rate, 7_240_000_000_000_000n / YEAR)).toBeLessThan(0.1);
  });

  it('testRateAfter45DaysUtilizationAboveTargetNoPing: 4% x exp(50 x 45/365 x 50%) = 87.22% (0.5%)', () => {
    const irm = new AdaptiveCurveIrm();
    const t0 = 90 * DAY;
    irm.commit(market(WAD, TARGET_UTILIZATION), t0);
    expect(irm.rateAtTarget).toBe(INITIAL_RATE_AT_TARGET);
    irm.commit(market(WAD, (TARGET_UTILIZATION + WAD) / 2n, t0), t0 + 45 * DAY);
    expect(rel(irm.rateAtTarget, 872_200_000_000_000_000n / YEAR)).toBeLessThan(0.005);
  });

  it('testRateAfterUtilizationTargetNoPing: at target the rate at target never moves', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (elapsed) => {
        const irm = new AdaptiveCurveIrm();
        irm.commit(market(WAD, TARGET_UTILIZATION), 0);
        irm.commit(market(WAD, TARGET_UTILIZATION, 0), elapsed);
        expect(irm.rateAtTarget).toBe(INITIAL_RATE_AT_TARGET);
      }),
      { seed: 21, numRuns: 100 },
    );
  });

  it('invariantGe/LeMinMaxRateAtTarget: rates stay within [min/4, 4 max] over any history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ u: fc.bigInt({ min: 0n, max: WAD }), dt: fc.integer({ min: 0, max: 400 * DAY }) }), { maxLength: 30 }),
        (steps) => {
          const irm = new AdaptiveCurveIrm();
          let now = 0;
          let last = 0;
          for (const { u, dt } of steps) {
            now += dt;
            const m = market(WAD, u, last);
            const rate = irm.borrowRateView(m, now);
            expect(rate >= MIN_RATE_AT_TARGET / 4n && rate <= MAX_RATE_AT_TARGET * 4n).toBe(true);
            irm.commit(m, now);
            last = now;
          }
        },
      ),
      { seed: 22, numRuns: 200 },
    );
  });

  it('wExp tracks e^x within 1% (2nd-order Taylor on |r| <= ln2/2), with the contract clips', () => {
    expect(wExp(0n)).toBe(WAD);
    expect(wExp(-42n * WAD)).toBe(0n);
    fc.assert(
      fc.property(fc.bigInt({ min: -41n * WAD, max: 90n * WAD }), (x) => {
        const exact = Math.exp(Number(x) / 1e18) * 1e18;
        fc.pre(exact >= 1e6); // below a micro-unit the WAD result is all rounding
        expect(Math.abs(Number(wExp(x)) - exact) / exact).toBeLessThan(0.01);
      }),
      { seed: 23, numRuns: 300 },
    );
  });
});
