import fc from 'fast-check';
import { RevertError } from '../../errors';
import { MAX_UINT256, MorphoErrors, WAD } from './constants';
import {
  liquidationIncentiveFactor,
  mulDivDown,
  mulDivUp,
  toAssetsDown,
  toAssetsUp,
  toSharesDown,
  toSharesUp,
  wTaylorCompounded,
} from './math';

const YEAR = 31_536_000n;
const u128 = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n });

describe('MathLib (morpho-org/morpho-blue src/libraries/MathLib.sol)', () => {
  it('mulDivDown / mulDivUp round as the contract does', () => {
    expect(mulDivDown(7n, 3n, 2n)).toBe(10n);
    expect(mulDivUp(7n, 3n, 2n)).toBe(11n);
    expect(mulDivUp(6n, 3n, 2n)).toBe(9n);
    expect(mulDivUp(0n, 5n, 3n)).toBe(0n);
  });

  // test/forge/MathLib.t.sol testMulDivUp: mulDivUp(x, y, d) == (x*y == 0 ? 0 : (x*y - 1)/d + 1).
  it('mulDivUp matches the closed form of MathLib.t.sol testMulDivUp', () => {
    fc.assert(
      fc.property(u128, u128, fc.bigInt({ min: 1n, max: MAX_UINT256 - 1n }), (x, y, d) => {
        fc.pre(y > 0n && x <= (MAX_UINT256 - d - 1n) / y);
        const p = x * y;
        expect(mulDivUp(x, y, d)).toBe(p === 0n ? 0n : (p - 1n) / d + 1n);
      }),
      { seed: 11, numRuns: 300 },
    );
  });

  // testMulDivDownOverflow / testMulDivDownZeroDenominator: the EVM panics.
  it('reverts on uint256 overflow and on a zero denominator', () => {
    expect(() => mulDivDown(MAX_UINT256, 2n, 1n)).toThrow(new RevertError(MorphoErrors.PANIC_ARITHMETIC));
    expect(() => mulDivDown(1n, 1n, 0n)).toThrow(new RevertError(MorphoErrors.PANIC_DIVISION_BY_ZERO));
    expect(() => mulDivUp(1n, 1n, 0n)).toThrow(RevertError);
  });

  it('wTaylorCompounded: hand-computed 10% over one period', () => {
    // x n = 0.1: 0.1 + 0.1^2/2 + 0.1^3/6, each term floored at 18 decimals.
    expect(wTaylorCompounded(WAD / 10n, 1n)).toBe(100_000_000_000_000_000n + 5_000_000_000_000_000n + 166_666_666_666_666n);
  });

  // test/forge/MathLib.t.sol testWTaylorCompounded: for rate <= WAD/20_000_000 and t <= 365 days,
  // WAD + rate t <= WAD + taylor <= e^(rate t) and the relative error is at most 8%.
  it('wTaylorCompounded lies between simple and continuous compounding (MathLib.t.sol bounds)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: WAD / 20_000_000n }), fc.bigInt({ min: 0n, max: YEAR }), (rate, t) => {
        const result = wTaylorCompounded(rate, t) + WAD;
        const exact = Math.exp(Number(rate * t) / 1e18) * 1e18;
        expect(result >= WAD + rate * t).toBe(true);
        // exp in doubles is within 1e-15 relative; allow that much above the true value.
        expect(Number(result)).toBeLessThanOrEqual(exact * (1 + 1e-12));
        expect((exact - Number(result)) / exact).toBeLessThanOrEqual(0.08);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('SharesMathLib (virtual shares 1e6, virtual assets 1)', () => {
  it('an empty market converts 1 asset to 1e6 shares', () => {
    expect(toSharesDown(1n, 0n, 0n)).toBe(1_000_000n);
    expect(toSharesUp(1n, 0n, 0n)).toBe(1_000_000n);
    expect(toAssetsUp(1_000_000n, 0n, 0n)).toBe(1n);
  });

  it('virtual shares dilute a small market (hand-computed)', () => {
    // 100 assets, 100e6 shares, then 10 interest: 100e6 shares are worth 100e6 * 111 / 101e6 = 109.9.
    expect(toAssetsDown(100_000_000n, 110n, 100_000_000n)).toBe(109n);
    expect(toAssetsUp(100_000_000n, 110n, 100_000_000n)).toBe(110n);
  });

  const totals = fc.record({ assets: fc.bigInt({ min: 0n, max: 10n ** 30n }), shares: fc.bigInt({ min: 0n, max: 10n ** 36n }) });

  it('round trips never create value for the user', () => {
    fc.assert(
      fc.property(totals, fc.bigInt({ min: 0n, max: 10n ** 30n }), ({ assets: A, shares: S }, a) => {
        // Deposit-like: shares down, then back to assets down, cannot exceed what was paid.
        expect(toAssetsDown(toSharesDown(a, A, S), A, S)).toBeLessThanOrEqual(a);
        // Borrow-like: shares up, repaying those shares costs at least what was received.
        expect(toAssetsUp(toSharesUp(a, A, S), A, S)).toBeGreaterThanOrEqual(a);
        expect(toSharesUp(a, A, S) - toSharesDown(a, A, S)).toBeLessThanOrEqual(1n);
      }),
      { seed: 13, numRuns: 300 },
    );
  });
});

describe('liquidation incentive factor', () => {
  // LIF = min(1.15, 1/(1 - 0.3 (1 - LLTV))); the values are 1/x floored at 18 decimals.
  it.each([
    [980_000_000_000_000_000n, 1_006_036_217_303_822_937n], // 1/0.994
    [945_000_000_000_000_000n, 1_016_776_817_488_561_260n], // 1/0.9835
    [915_000_000_000_000_000n, 1_026_167_265_264_238_070n], // 1/0.9745
    [860_000_000_000_000_000n, 1_043_841_336_116_910_229n], // 1/0.958
    [800_000_000_000_000_000n, 1_063_829_787_234_042_553n], // 1/0.94, "approximately 1.06" in docs.morpho.org
    [770_000_000_000_000_000n, 1_074_113_856_068_743_286n], // 1/0.931
    [625_000_000_000_000_000n, 1_126_760_563_380_281_690n], // 1/0.8875
    [500_000_000_000_000_000n, 1_150_000_000_000_000_000n], // 1/0.85 = 1.176 > cap
    [0n, 1_150_000_000_000_000_000n],
  ])('LLTV %p -> LIF %p', (lltv, lif) => {
    expect(liquidationIncentiveFactor(lltv)).toBe(lif);
  });

  it('is at least 1, at most 1.15, non-increasing in LLTV, and close to the real formula', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: WAD - 2n }), (lltv) => {
        const a = liquidationIncentiveFactor(lltv);
        const b = liquidationIncentiveFactor(lltv + 1n);
        expect(a >= b && b >= WAD && a <= 1_150_000_000_000_000_000n).toBe(true);
        const real = Math.min(1.15, 1 / (0.7 + 0.3 * (Number(lltv) / 1e18)));
        expect(Math.abs(Number(a) / 1e18 - real)).toBeLessThan(1e-12);
      }),
      { seed: 14, numRuns: 300 },
    );
  });
});
