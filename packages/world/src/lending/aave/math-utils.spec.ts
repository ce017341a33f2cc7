import { calculateCompoundedInterest, calculateLinearInterest, SECONDS_PER_YEAR } from './math-utils';
import { RAY } from './wad-ray-math';

// Vectors from aave-dao/aave-v3-origin tests/core/MathUtils.t.sol (rate 1.0005e27 = 100.05% APR,
// half a year).
const RATE = 10005n * 10n ** 23n;
const HALF_YEAR = Number(SECONDS_PER_YEAR / 2n);

describe('MathUtils (MathUtils.t.sol)', () => {
  it('SECONDS_PER_YEAR is 365 days', () => {
    expect(SECONDS_PER_YEAR).toBe(365n * 24n * 3600n);
  });

  it('calculateLinearInterest: 1.50025e27 after half a year', () => {
    expect(calculateLinearInterest(RATE, 1_000, 1_000 + HALF_YEAR)).toBe(150025n * 10n ** 22n);
  });

  it('calculateCompoundedInterest: 1.646239361880034706419516000e27 after half a year', () => {
    expect(calculateCompoundedInterest(RATE, 1_000, 1_000 + HALF_YEAR)).toBe(1646239361880034706419516000n);
  });

  it('calculateCompoundedInterest: RAY when no time passed', () => {
    expect(calculateCompoundedInterest(RATE, 5_000, 5_000)).toBe(RAY);
  });

  it('compounded interest undercharges exact compounding slightly but exceeds linear', () => {
    // 5% APR over one year: linear 1.05, exact per-second compounding e^0.05 = 1.0512711.
    const rate = 5n * 10n ** 25n;
    const year = Number(SECONDS_PER_YEAR);
    const lin = calculateLinearInterest(rate, 0, year);
    const comp = calculateCompoundedInterest(rate, 0, year);
    expect(lin).toBe(105n * 10n ** 25n);
    expect(comp > lin).toBe(true);
    const compNum = Number(comp) / 1e27;
    expect(compNum).toBeLessThan(Math.exp(0.05));
    expect(compNum).toBeGreaterThan(Math.exp(0.05) - 1e-5);
  });

  it('refuses a clock running backwards', () => {
    expect(() => calculateLinearInterest(RATE, 10, 9)).toThrow(RangeError);
    expect(() => calculateCompoundedInterest(RATE, 10, 9.5)).toThrow(RangeError);
  });
});
