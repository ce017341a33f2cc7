import { ModelConfigError } from '../errors';
import { FixedFeed } from './fixed-feed';
import { parseUnits, priceNumber, priceToNumber, rescale } from './units';

describe('units', () => {
  it.each([
    [1.0005, 8, 100_050_000n],
    ['0.86', 18, 860_000_000_000_000_000n],
    [0.86, 18, 860_000_000_000_000_000n],
    [1e-7, 8, 10n],
    [1e-9, 8, 0n],
    [123.456789, 2, 12_345n],
    [-1.5, 1, -15n],
    ['2e3', 0, 2000n],
    [1e21, 0, 10n ** 21n],
  ] as const)('parseUnits(%p, %p) = %p', (value, decimals, expected) => {
    expect(parseUnits(value, decimals)).toBe(expected);
  });

  it('rejects non-numbers and bad decimals', () => {
    expect(() => parseUnits(Number.NaN, 8)).toThrow(ModelConfigError);
    expect(() => parseUnits('abc', 8)).toThrow(ModelConfigError);
    expect(() => parseUnits(1, -1)).toThrow(/^decimals: /);
  });

  it('priceToNumber and rescale', () => {
    expect(priceToNumber(123_456_789n, 8)).toBeCloseTo(1.23456789, 12);
    expect(priceToNumber(10n ** 30n + 5n * 10n ** 17n, 18)).toBe(1e12 + 0.5);
    expect(rescale(123_456_789n, 8, 6)).toBe(1_234_567n);
    expect(rescale(1n, 8, 18)).toBe(10n ** 10n);
    expect(priceNumber(new FixedFeed(99_500_000n, 8), 0)).toBe(0.995);
  });
});
