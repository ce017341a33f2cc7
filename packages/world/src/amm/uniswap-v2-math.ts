import { RevertError } from '../errors';

// Pure Uniswap V2 integer math. Sources (formulas carried over, code our own):
//   Uniswap/v2-periphery contracts/libraries/UniswapV2Library.sol  quote, getAmountOut, getAmountIn
//   Uniswap/v2-core      contracts/libraries/Math.sol              sqrt (Babylonian), min
//   Uniswap/v2-core      contracts/libraries/UQ112x112.sol          encode, uqdiv

/** Denominator of fees expressed in basis points. */
export const BPS = 10_000n;

/** Largest value a `uint112` reserve can hold; `_update` reverts `UniswapV2: OVERFLOW` above it. */
export const MAX_UINT112 = (1n << 112n) - 1n;

/** 2**112, the UQ112x112 scaling of the TWAP accumulators. */
export const Q112 = 1n << 112n;

const MOD_UINT256 = 1n << 256n;

/**
 * Output amount for an exact input, `UniswapV2Library.getAmountOut`:
 *
 *     amountOut = floor(amountIn*(10000-fee)*reserveOut / (reserveIn*10000 + amountIn*(10000-fee)))
 *
 * With the default `feeBps = 30` this is the library's `997/1000` formula exactly: numerator and
 * denominator are both the library's times 10, so the floor is the same.
 */
export function getAmountOut(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30): bigint {
  if (amountIn <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
  if (reserveIn <= 0n || reserveOut <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  return amountOutUnchecked(amountIn, reserveIn, reserveOut, feeComplement(feeBps));
}

/**
 * Input amount needed for an exact output, `UniswapV2Library.getAmountIn`:
 *
 *     amountIn = floor(reserveIn*amountOut*10000 / ((reserveOut-amountOut)*(10000-fee))) + 1
 *
 * Reverts `ds-math-sub-underflow` when `amountOut > reserveOut` (the library's SafeMath `sub`) and
 * `division by zero` when `amountOut == reserveOut` (the EVM's division panic, which has no reason).
 */
export function getAmountIn(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, feeBps = 30): bigint {
  if (amountOut <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
  if (reserveIn <= 0n || reserveOut <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  if (amountOut > reserveOut) throw new RevertError('ds-math-sub-underflow');
  if (amountOut === reserveOut) throw new RevertError('division by zero');
  return amountInUnchecked(amountOut, reserveIn, reserveOut, feeComplement(feeBps));
}

/** `10000 - feeBps` as a bigint, after checking the fee is an integer in [0, 10000). */
export function feeComplement(feeBps: number): bigint {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps >= 10_000) {
    throw new RangeError(`feeBps must be an integer in [0, 10000), got ${feeBps}`);
  }
  return BPS - BigInt(feeBps);
}

/** `UniswapV2Library.quote`: the equivalent amount of the other asset at the reserve ratio, floored. */
export function quote(amountA: bigint, reserveA: bigint, reserveB: bigint): bigint {
  if (amountA <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_AMOUNT');
  if (reserveA <= 0n || reserveB <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
  return (amountA * reserveB) / reserveA;
}

/** getAmountOut without argument checks; `gamma = 10000 - feeBps`. Hot path of the pair. */
export function amountOutUnchecked(amountIn: bigint, reserveIn: bigint, reserveOut: bigint, gamma: bigint): bigint {
  const inWithFee = amountIn * gamma;
  return (inWithFee * reserveOut) / (reserveIn * BPS + inWithFee);
}

/** getAmountIn without argument checks; requires `amountOut < reserveOut`. */
export function amountInUnchecked(amountOut: bigint, reserveIn: bigint, reserveOut: bigint, gamma: bigint): bigint {
  return (reserveIn * amountOut * BPS) / ((reserveOut - amountOut) * gamma) + 1n;
}

/**
 * Integer square root, floor(sqrt(y)): the value `Math.sqrt` in v2-core returns. The contract
 * starts Babylonian iteration at y/2+1; we start at a power of two above sqrt(y), which reaches
 * the same fixed point (the floor) in far fewer steps. `math.spec.ts` checks both agree.
 */
export function sqrt(y: bigint): bigint {
  if (y < 0n) throw new RangeError(`sqrt of negative ${y}`);
  if (y < 4n) return y === 0n ? 0n : 1n;
  let z = 1n << BigInt((bitLength(y) + 1) >> 1); // >= sqrt(y)
  let x = (y / z + z) >> 1n;
  while (x < z) {
    z = x;
    x = (y / x + x) >> 1n;
  }
  return z;
}

function bitLength(y: bigint): number {
  return y.toString(2).length;
}

/**
 * One step of a TWAP accumulator as in `UniswapV2Pair._update`:
 * `cumulative + UQ112x112.encode(num).uqdiv(den) * elapsed`, wrapping mod 2**256 ("+ overflow is
 * desired"). Returns `cumulative` unchanged when `den` is zero, which the pair never passes.
 */
export function accumulatePrice(cumulative: bigint, num: bigint, den: bigint, elapsed: bigint): bigint {
  if (den === 0n) return cumulative;
  return (cumulative + ((num << 112n) / den) * elapsed) % MOD_UINT256;
}

/**
 * Average price between two accumulator readings, as a float for agents:
 * `(cumulativeNow - cumulativeThen) / elapsed / 2**112` with the uint256 wrap handled. The result
 * is in raw base units (token1 base units per token0 base unit for `price0Cumulative`).
 */
export function twapFromCumulatives(cumulativeThen: bigint, cumulativeNow: bigint, elapsedSec: number): number {
  if (!Number.isSafeInteger(elapsedSec) || elapsedSec <= 0) {
    throw new RangeError(`elapsedSec must be a positive integer, got ${elapsedSec}`);
  }
  const diff = (cumulativeNow - cumulativeThen + MOD_UINT256) % MOD_UINT256;
  const avgQ112 = diff / BigInt(elapsedSec);
  // Split so the float conversion keeps 53 significant bits for small and large prices alike.
  return Number(avgQ112 >> 112n) + Number(avgQ112 & (Q112 - 1n)) / 2 ** 112;
}
