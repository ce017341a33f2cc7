import { RAY, rayMul } from './wad-ray-math';

// Interest accumulation. Source (formulas carried over, code our own): Aave V3.3
//   aave/aave-v3-origin src/contracts/protocol/libraries/math/MathUtils.sol
// (identical in aave/aave-v3-core). Later versions (v3.5) replaced the compounded formula by
// `RAY + x + x*(x/2 + x*x/6)` with x = rate*dt/year; we keep the v3.3 formula, which is what
// aave-v3-origin tests/core/MathUtils.t.sol pins (1.646239361880034706419516000e27).

/** Aave ignores leap years: 365 days. */
export const SECONDS_PER_YEAR = 31_536_000n;

function elapsed(lastUpdateTimestamp: number, currentTimestamp: number): bigint {
  if (!Number.isInteger(lastUpdateTimestamp) || !Number.isInteger(currentTimestamp)) {
    throw new RangeError(`timestamps must be integer seconds, got ${lastUpdateTimestamp} and ${currentTimestamp}`);
  }
  // Solidity's checked subtraction would panic on a clock running backwards.
  if (currentTimestamp < lastUpdateTimestamp) {
    throw new RangeError(`time runs backwards: ${currentTimestamp} < ${lastUpdateTimestamp}`);
  }
  return BigInt(currentTimestamp - lastUpdateTimestamp);
}

/**
 * `MathUtils.calculateLinearInterest`: `RAY + rate*dt/SECONDS_PER_YEAR` (floor), in ray.
 * Times are integer seconds.
 */
export function calculateLinearInterest(rate: bigint, lastUpdateTimestamp: number, currentTimestamp: number): bigint {
  return RAY + (rate * elapsed(lastUpdateTimestamp, currentTimestamp)) / SECONDS_PER_YEAR;
}

/**
 * `MathUtils.calculateCompoundedInterest` (v3.3): the 3-term binomial approximation of
 * (1 + rate/year)^dt with the contract's exact integer steps:
 *
 *     basePowerTwo   = rayMul(rate, rate) / year^2
 *     basePowerThree = rayMul(basePowerTwo, rate) / year
 *     RAY + rate*dt/year + dt*(dt-1)*basePowerTwo/2 + dt*(dt-1)*(dt-2)*basePowerThree/6
 *
 * Times are integer seconds; returns ray.
 */
export function calculateCompoundedInterest(rate: bigint, lastUpdateTimestamp: number, currentTimestamp: number): bigint {
  const exp = elapsed(lastUpdateTimestamp, currentTimestamp);
  if (exp === 0n) return RAY;
  const expMinusOne = exp - 1n;
  const expMinusTwo = exp > 2n ? exp - 2n : 0n;
  const basePowerTwo = rayMul(rate, rate) / (SECONDS_PER_YEAR * SECONDS_PER_YEAR);
  const basePowerThree = rayMul(basePowerTwo, rate) / SECONDS_PER_YEAR;
  const secondTerm = (exp * expMinusOne * basePowerTwo) / 2n;
  const thirdTerm = (exp * expMinusOne * expMinusTwo * basePowerThree) / 6n;
  return RAY + (rate * exp) / SECONDS_PER_YEAR + secondTerm + thirdTerm;
}
