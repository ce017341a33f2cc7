import { ModelConfigError } from '../../errors';
import { bpsToRay, calculateInterestRates, InterestRateData, validateInterestRateData } from './interest-rate-strategy';
import { percentMul } from './percentage-math';
import { rayDiv, rayMul } from './wad-ray-math';

// Cases from aave-dao/aave-v3-origin tests/misc/rates/RateStrategy.calculateRates.t.sol:
// optimal 80%, base 1%, slope1 4%, slope2 60%.
const DATA: InterestRateData = { optimalUsageRatio: 8000, baseVariableBorrowRate: 100, variableRateSlope1: 400, variableRateSlope2: 6000 };
const RF = 1000n;

function rates(totalDebt: bigint, virtual: bigint, unbacked = 0n) {
  return calculateInterestRates(DATA, { unbacked, liquidityAdded: 0n, liquidityTaken: 0n, totalDebt, reserveFactor: RF, virtualUnderlyingBalance: virtual });
}

describe('DefaultReserveInterestRateStrategyV2.calculateInterestRates', () => {
  it('80% usage: variable = base + slope1, liquidity = variable * 80% * (1 - RF)', () => {
    const r = rates(800000000000000000n, 200000000000000000n);
    const expectedVariable = bpsToRay(100) + bpsToRay(400);
    expect(r.variableBorrowRate).toBe(expectedVariable);
    expect(r.liquidityRate).toBe(percentMul(percentMul(expectedVariable, 8000n), 10000n - RF));
  });

  it('100% usage: variable = base + slope1 + slope2', () => {
    const r = rates(1000000000000000000n, 0n);
    const expectedVariable = bpsToRay(100 + 400 + 6000);
    expect(r.variableBorrowRate).toBe(expectedVariable);
    expect(r.liquidityRate).toBe(percentMul(expectedVariable, 10000n - RF));
  });

  it('80% borrow usage, 50% supply usage because of unbacked/deficit', () => {
    const r = rates(800000000000000000n, 200000000000000000n, 600000000000000000n);
    const expectedVariable = bpsToRay(500);
    expect(r.variableBorrowRate).toBe(expectedVariable);
    expect(r.liquidityRate).toBe(percentMul(percentMul(expectedVariable, 5000n), 10000n - RF));
  });

  it('80 bps usage', () => {
    const r = rates(80000000000000000000n, 9920000000000000000000n);
    const usage = bpsToRay(80);
    const expectedVariable = bpsToRay(100) + rayMul(bpsToRay(400), rayDiv(usage, bpsToRay(8000)));
    expect(r.variableBorrowRate).toBe(expectedVariable);
    expect(r.liquidityRate).toBe(percentMul(percentMul(expectedVariable, 80n), 10000n - RF));
  });

  it('empty reserve: (0, base)', () => {
    expect(rates(0n, 0n)).toEqual({ liquidityRate: 0n, variableBorrowRate: bpsToRay(100) });
  });

  it('added liquidity counts like virtual balance', () => {
    const a = rates(800000000000000000n, 200000000000000000n);
    const b = calculateInterestRates(DATA, {
      unbacked: 0n,
      liquidityAdded: 150000000000000000n,
      liquidityTaken: 0n,
      totalDebt: 800000000000000000n,
      reserveFactor: RF,
      virtualUnderlyingBalance: 50000000000000000n,
    });
    expect(b).toEqual(a);
  });

  it('a rate-free reserve (base and slopes 0) charges and pays nothing at any usage, as the formula gives', () => {
    const free: InterestRateData = { optimalUsageRatio: 8000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };
    for (const [debt, virtual] of [[1n, 10n ** 24n], [8n * 10n ** 23n, 2n * 10n ** 23n], [10n ** 24n, 0n]] as const) {
      const r = calculateInterestRates(free, { unbacked: 0n, liquidityAdded: 0n, liquidityTaken: 0n, totalDebt: debt, reserveFactor: RF, virtualUnderlyingBalance: virtual });
      expect(r).toEqual({ liquidityRate: 0n, variableBorrowRate: 0n });
    }
    // With any slope at all, the same usage is charged.
    const r = calculateInterestRates({ ...free, variableRateSlope2: 1 }, { unbacked: 0n, liquidityAdded: 0n, liquidityTaken: 0n, totalDebt: 10n ** 24n, reserveFactor: RF, virtualUnderlyingBalance: 0n });
    expect(r.variableBorrowRate).toBeGreaterThan(0n);
  });

  it('validation mirrors _setInterestRateParams', () => {
    expect(() => validateInterestRateData({ ...DATA, optimalUsageRatio: 99 }, 'r')).toThrow(ModelConfigError);
    expect(() => validateInterestRateData({ ...DATA, optimalUsageRatio: 9901 }, 'r')).toThrow(/INVALID_OPTIMAL_USAGE_RATIO/);
    expect(() => validateInterestRateData({ ...DATA, variableRateSlope1: 7000 }, 'r')).toThrow(/SLOPE_2_MUST_BE_GTE_SLOPE_1/);
    expect(() => validateInterestRateData({ ...DATA, variableRateSlope2: 99_600 }, 'r')).toThrow(/INVALID_MAX_RATE/);
    expect(() => validateInterestRateData({ ...DATA, baseVariableBorrowRate: 0.5 }, 'r')).toThrow(/r\.baseVariableBorrowRate/);
    expect(() => validateInterestRateData(DATA, 'r')).not.toThrow();
  });
});
