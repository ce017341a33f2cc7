import fc from 'fast-check';
import { RevertError } from '../../errors';
import {
  HALF_RAY,
  HALF_WAD,
  MAX_UINT256,
  RAY,
  rayDiv,
  rayDivCeil,
  rayDivFloor,
  rayMul,
  rayMulCeil,
  rayMulFloor,
  rayToWad,
  WAD,
  WAD_RAY_RATIO,
  wadDiv,
  wadMul,
  wadToRay,
} from './wad-ray-math';
import { percentDiv, percentDivCeil, percentMul, percentMulCeil, PERCENTAGE_FACTOR } from './percentage-math';

// Vectors from aave-dao/aave-v3-origin tests/core/WadRayMath.t.sol and tests/core/PercentageMath.t.sol.
const e = (s: string): bigint => {
  // Solidity literal like "13.052238805970149254e18" → exact bigint.
  const [mant, exp] = s.split('e') as [string, string];
  const [int, frac = ''] = mant.split('.') as [string, string?];
  return BigInt(int + frac) * 10n ** BigInt(Number(exp) - frac.length);
};

describe('WadRayMath (WadRayMath.t.sol)', () => {
  it('constants', () => {
    expect(WAD).toBe(10n ** 18n);
    expect(HALF_WAD).toBe(10n ** 18n / 2n);
    expect(RAY).toBe(10n ** 27n);
    expect(HALF_RAY).toBe(10n ** 27n / 2n);
    expect(WAD_RAY_RATIO).toBe(10n ** 9n);
  });

  it('wadMul', () => {
    expect(wadMul(e('2.5e18'), e('0.5e18'))).toBe(e('1.25e18'));
    expect(wadMul(e('412.2e18'), e('1e18'))).toBe(e('412.2e18'));
    expect(wadMul(e('6e18'), e('2e18'))).toBe(e('12e18'));
    // test_wadMul_edge
    expect(wadMul(0n, WAD)).toBe(0n);
    expect(wadMul(WAD, 0n)).toBe(0n);
    expect(wadMul(0n, 0n)).toBe(0n);
  });

  it('rayMul', () => {
    expect(rayMul(e('2.5e27'), e('0.5e27'))).toBe(e('1.25e27'));
    expect(rayMul(e('412.2e27'), e('1e27'))).toBe(e('412.2e27'));
    expect(rayMul(e('6e27'), e('2e27'))).toBe(e('12e27'));
  });

  it('wadDiv', () => {
    expect(wadDiv(e('2.5e18'), e('0.5e18'))).toBe(e('5e18'));
    expect(wadDiv(e('412.2e18'), e('1e18'))).toBe(e('412.2e18'));
    expect(wadDiv(e('8.745e18'), e('0.67e18'))).toBe(e('13.052238805970149254e18'));
    expect(wadDiv(e('6e18'), e('2e18'))).toBe(e('3e18'));
  });

  it('rayDiv', () => {
    expect(rayDiv(e('2.5e27'), e('0.5e27'))).toBe(e('5e27'));
    expect(rayDiv(e('412.2e27'), e('1e27'))).toBe(e('412.2e27'));
    expect(rayDiv(e('8.745e27'), e('0.67e27'))).toBe(e('13.052238805970149253731343284e27'));
    expect(rayDiv(e('6e27'), e('2e27'))).toBe(e('3e27'));
  });

  it('wadToRay / rayToWad', () => {
    expect(wadToRay(e('1e18'))).toBe(e('1e27'));
    expect(wadToRay(e('412.2e18'))).toBe(e('412.2e27'));
    expect(wadToRay(0n)).toBe(0n);
    expect(rayToWad(e('1e27'))).toBe(e('1e18'));
    expect(rayToWad(e('412.2e27'))).toBe(e('412.2e18'));
    expect(rayToWad(0n)).toBe(0n);
  });

  // The fuzz tests of WadRayMath.t.sol restated: revert exactly where the contract's
  // uint256 overflow check fires, else the half-up formula.
  const uint = fc.bigInt({ min: 0n, max: MAX_UINT256 });
  const small = fc.bigInt({ min: 0n, max: 1n << 140n });
  it('wadMul/rayMul/wadDiv/rayDiv fuzz: formula or revert like the contract', () => {
    fc.assert(
      fc.property(fc.oneof(uint, small), fc.oneof(uint, small), (a, b) => {
        const mulCase = (f: (x: bigint, y: bigint) => bigint, half: bigint, unit: bigint) => {
          if (!(b === 0n || !(a > (MAX_UINT256 - half) / b))) expect(() => f(a, b)).toThrow(RevertError);
          else expect(f(a, b)).toBe((a * b + half) / unit);
        };
        mulCase(wadMul, HALF_WAD, WAD);
        mulCase(rayMul, HALF_RAY, RAY);
        const divCase = (f: (x: bigint, y: bigint) => bigint, unit: bigint) => {
          if (b === 0n || a > (MAX_UINT256 - b / 2n) / unit) expect(() => f(a, b)).toThrow(RevertError);
          else expect(f(a, b)).toBe((a * unit + b / 2n) / b);
        };
        divCase(wadDiv, WAD);
        divCase(rayDiv, RAY);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('rayToWad fuzz: rounds half up', () => {
    fc.assert(
      fc.property(uint, (a) => {
        const r = a % WAD_RAY_RATIO;
        expect(rayToWad(a)).toBe(a / WAD_RAY_RATIO + (r < WAD_RAY_RATIO / 2n ? 0n : 1n));
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('floor/ceil variants bracket the half-up result and differ by at most one', () => {
    fc.assert(
      fc.property(small, fc.bigInt({ min: 1n, max: 1n << 100n }), (a, b) => {
        const f = rayMulFloor(a, b);
        const c = rayMulCeil(a, b);
        expect(c - f).toBe((a * b) % RAY === 0n ? 0n : 1n);
        expect(rayMul(a, b) >= f && rayMul(a, b) <= c).toBe(true);
        const df = rayDivFloor(a, b);
        const dc = rayDivCeil(a, b);
        expect(dc - df).toBe((a * RAY) % b === 0n ? 0n : 1n);
        expect(rayDiv(a, b) >= df && rayDiv(a, b) <= dc).toBe(true);
      }),
      { seed: 11, numRuns: 200 },
    );
  });
});

describe('PercentageMath (PercentageMath.t.sol)', () => {
  it('percentMul', () => {
    expect(percentMul(e('1e18'), 50_00n)).toBe(e('0.5e18'));
    expect(percentMul(e('14.2515e18'), 74_42n)).toBe(e('10.605966300000000000e18'));
    expect(percentMul(e('9087312e27'), 13_33n)).toBe(1211338689600000000000000000000000n);
  });

  it('percentDiv', () => {
    expect(percentDiv(e('1e18'), 50_00n)).toBe(e('2e18'));
    expect(percentDiv(e('14.2515e18'), 74_42n)).toBe(e('19.150094060736361193e18'));
    expect(percentDiv(e('9087312e27'), 13_33n)).toBe(68171882970742685671417854463615904n);
  });

  it('fuzz: half-up formula or revert like the contract', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.bigInt({ min: 0n, max: 1n << 20n }), (v, p) => {
        if (!(p === 0n || !(v > (MAX_UINT256 - 5000n) / p))) expect(() => percentMul(v, p)).toThrow(RevertError);
        else expect(percentMul(v, p)).toBe((v * p + 5000n) / PERCENTAGE_FACTOR);
        if (p === 0n || v > (MAX_UINT256 - p / 2n) / PERCENTAGE_FACTOR) expect(() => percentDiv(v, p)).toThrow(RevertError);
        else expect(percentDiv(v, p)).toBe((v * PERCENTAGE_FACTOR + p / 2n) / p);
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('ceil variants round up', () => {
    expect(percentMulCeil(1n, 1n)).toBe(1n);
    expect(percentMulCeil(10_000n, 1n)).toBe(1n);
    expect(percentDivCeil(1n, 3n)).toBe(3334n);
    expect(percentDiv(1n, 3n)).toBe(3333n);
  });
});

describe('WadRayMath fast path at one ray', () => {
  it('rayMul/rayDiv by RAY return the operand, and still revert where the contract would', () => {
    const limit = (MAX_UINT256 - HALF_RAY) / RAY;
    expect(rayMul(12345n, RAY)).toBe(12345n);
    expect(rayDiv(12345n, RAY)).toBe(12345n);
    expect(rayMul(limit, RAY)).toBe(limit);
    expect(rayDiv(limit, RAY)).toBe(limit);
    expect(() => rayMul(limit + 1n, RAY)).toThrow(RevertError);
    expect(() => rayDiv(limit + 1n, RAY)).toThrow(RevertError);
  });
});
