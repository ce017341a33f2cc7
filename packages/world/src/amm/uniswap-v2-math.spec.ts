import fc from 'fast-check';
import { RevertError } from '../errors';
import {
  Q112,
  accumulatePrice,
  getAmountIn,
  getAmountOut,
  quote,
  sqrt,
  twapFromCumulatives,
} from './uniswap-v2-math';

const E18 = 10n ** 18n;
const e18 = (n: number): bigint => BigInt(n) * E18;

// Uniswap/v2-core test/UniswapV2Pair.spec.ts `swapTestCases`: [swapAmount, reserve0, reserve1,
// expectedOutputAmount], the output of selling swapAmount of token0.
const swapTestCases: Array<[bigint, bigint, bigint, bigint]> = [
  [e18(1), e18(5), e18(10), 1662497915624478906n],
  [e18(1), e18(10), e18(5), 453305446940074565n],
  [e18(2), e18(5), e18(10), 2851015155847869602n],
  [e18(2), e18(10), e18(5), 831248957812239453n],
  [e18(1), e18(10), e18(10), 906610893880149131n],
  [e18(1), e18(100), e18(100), 987158034397061298n],
  [e18(1), e18(1000), e18(1000), 996006981039903216n],
];

// Literal transcriptions of the contracts, used as oracles below.
function libraryGetAmountOut(amountIn: bigint, rIn: bigint, rOut: bigint): bigint {
  const inWithFee = amountIn * 997n;
  return (inWithFee * rOut) / (rIn * 1000n + inWithFee);
}
function libraryGetAmountIn(amountOut: bigint, rIn: bigint, rOut: bigint): bigint {
  return (rIn * amountOut * 1000n) / ((rOut - amountOut) * 997n) + 1n;
}
function mathSolSqrt(y: bigint): bigint {
  let z = 0n;
  if (y > 3n) {
    z = y;
    let x = y / 2n + 1n;
    while (x < z) {
      z = x;
      x = (y / x + x) / 2n;
    }
  } else if (y !== 0n) {
    z = 1n;
  }
  return z;
}

describe('getAmountOut (UniswapV2Library)', () => {
  it.each(swapTestCases)('v2-core swapTestCases: %s in, reserves %s/%s -> %s', (amountIn, r0, r1, expected) => {
    expect(getAmountOut(amountIn, r0, r1)).toBe(expected);
  });

  it('reverts like the library on zero input or empty reserves', () => {
    expect(() => getAmountOut(0n, 1n, 1n)).toThrow(new RevertError('UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT'));
    expect(() => getAmountOut(1n, 0n, 1n)).toThrow(new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY'));
    expect(() => getAmountOut(1n, 1n, 0n)).toThrow(new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY'));
  });

  it('with feeBps = 30 equals the 997/1000 formula for any inputs', () => {
    const uint112 = fc.bigInt({ min: 1n, max: (1n << 112n) - 1n });
    fc.assert(
      fc.property(uint112, uint112, uint112, (a, rIn, rOut) => {
        expect(getAmountOut(a, rIn, rOut)).toBe(libraryGetAmountOut(a, rIn, rOut));
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('charges a configurable fee: 0 bps is the bare constant-product quote', () => {
    expect(getAmountOut(e18(1), e18(5), e18(10), 0)).toBe((e18(1) * e18(10)) / (e18(5) + e18(1)));
    expect(getAmountOut(e18(1), e18(5), e18(10), 100)).toBeLessThan(getAmountOut(e18(1), e18(5), e18(10), 30));
    expect(() => getAmountOut(1n, 1n, 1n, 10_000)).toThrow(RangeError);
  });
});

describe('getAmountIn (UniswapV2Library)', () => {
  it('with feeBps = 30 equals the 997/1000 formula and buys at least the requested output', () => {
    const big = fc.bigInt({ min: 2n, max: 10n ** 30n });
    fc.assert(
      fc.property(big, big, fc.double({ min: 1e-9, max: 0.99, noNaN: true }), (rIn, rOut, frac) => {
        const out = BigInt(Math.max(1, Math.floor(Number(rOut) * frac)));
        fc.pre(out < rOut);
        const amountIn = getAmountIn(out, rIn, rOut);
        expect(amountIn).toBe(libraryGetAmountIn(out, rIn, rOut));
        expect(getAmountOut(amountIn, rIn, rOut)).toBeGreaterThanOrEqual(out);
        // One unit less buys less, or exactly `out` when the exact threshold is an integer (the
        // library's floor()+1 then overshoots by one unit, in the pair's favour).
        if (amountIn > 1n) expect(getAmountOut(amountIn - 1n, rIn, rOut)).toBeLessThanOrEqual(out);
      }),
      { seed: 20240602, numRuns: 300 },
    );
  });

  it('reverts when the output is not below the reserve', () => {
    expect(() => getAmountIn(10n, 100n, 10n)).toThrow(new RevertError('division by zero'));
    expect(() => getAmountIn(11n, 100n, 10n)).toThrow(new RevertError('ds-math-sub-underflow'));
    expect(() => getAmountIn(0n, 100n, 10n)).toThrow(new RevertError('UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT'));
  });
});

describe('quote', () => {
  it('floors amountA * reserveB / reserveA', () => {
    expect(quote(10n, 3n, 7n)).toBe(23n);
    expect(() => quote(0n, 3n, 7n)).toThrow(new RevertError('UniswapV2Library: INSUFFICIENT_AMOUNT'));
  });
});

describe('sqrt (v2-core Math.sol)', () => {
  it('matches the Babylonian loop of Math.sol on small values', () => {
    const ys = Array.from({ length: 2000 }, (_, k) => BigInt(k));
    expect(ys.map(sqrt)).toEqual(ys.map(mathSolSqrt));
  });

  it('matches Math.sol and is the floor square root on random uint256 values', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }), (y) => {
        const r = sqrt(y);
        expect(r).toBe(mathSolSqrt(y));
        expect(r * r <= y && (r + 1n) * (r + 1n) > y).toBe(true);
      }),
      { seed: 20240603, numRuns: 200 },
    );
  });
});

describe('TWAP accumulator helpers', () => {
  it('accumulatePrice adds encode(num).uqdiv(den) * elapsed, wrapping at 2**256', () => {
    expect(accumulatePrice(0n, 3n, 3n, 1n)).toBe(Q112);
    expect(accumulatePrice(0n, e18(2), e18(6), 10n)).toBe(((e18(2) * Q112) / e18(6)) * 10n);
    expect(accumulatePrice((1n << 256n) - 1n, 1n, 1n, 1n)).toBe(Q112 - 1n);
  });

  it('twapFromCumulatives recovers the time-weighted mean price, across the wrap too', () => {
    // price 2 for 30 s, then 0.5 for 10 s: mean 1.625
    const c1 = accumulatePrice(0n, 2n, 1n, 30n);
    const c2 = accumulatePrice(c1, 1n, 2n, 10n);
    expect(twapFromCumulatives(0n, c2, 40)).toBeCloseTo(1.625, 12);
    const start = (1n << 256n) - Q112; // one unit of price-seconds before wrapping
    const end = accumulatePrice(start, 3n, 1n, 4n);
    expect(end).toBeLessThan(start);
    expect(twapFromCumulatives(start, end, 4)).toBeCloseTo(3, 12);
  });
});
