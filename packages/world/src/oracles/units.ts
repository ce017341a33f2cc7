import { ModelConfigError } from '../errors';
import { unit } from '../offchain/fixed-point';
import type { PriceFeed } from './types';

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * A decimal number as an integer with `decimals` decimals, truncated toward zero:
 * `parseUnits(1.0005, 8) === 100_050_000n`, `parseUnits('0.86', 18) === 860_000_000_000_000_000n`.
 *
 * Numbers go through their shortest round-trip string (`String(0.86) === '0.86'`), so the result
 * is the decimal you wrote, not the binary double's long expansion.
 */
export function parseUnits(value: number | string, decimals: number): bigint {
  checkDecimals(decimals, 'decimals');
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new ModelConfigError('value', 'must be a finite number', value);
  }
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new ModelConfigError('value', 'must be a decimal number', value);
  }
  const [, sign, intPart = '', fracPart = '', expPart] = match;
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  const shift = decimals - fracPart.length + (expPart === undefined ? 0 : Number(expPart));
  const magnitude = shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
  return sign === '-' ? -magnitude : magnitude;
}

/** An integer amount with `decimals` decimals as a plain number (for agents and plots). */
export function priceToNumber(price: bigint, decimals: number): number {
  checkDecimals(decimals, 'decimals');
  const one = unit(decimals);
  const whole = price / one;
  const frac = price % one;
  return Number(whole) + Number(frac) / Number(one);
}

/** A feed's answer at `nowMs` as a plain number, the form agents decide with. Reverts like `latest`. */
export function priceNumber(feed: PriceFeed, nowMs: number): number {
  return priceToNumber(feed.latest(nowMs).price, feed.decimals);
}

/** Change the number of decimals of an integer amount, truncating toward zero when dropping digits. */
export function rescale(value: bigint, fromDecimals: number, toDecimals: number): bigint {
  checkDecimals(fromDecimals, 'fromDecimals');
  checkDecimals(toDecimals, 'toDecimals');
  if (toDecimals >= fromDecimals) return value * unit(toDecimals - fromDecimals);
  return value / unit(fromDecimals - toDecimals);
}

/** Feed and token decimals are small non-negative integers (Chainlink uses uint8). */
export function checkDecimals(decimals: number, path: string): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) {
    throw new ModelConfigError(path, 'must be an integer in [0, 77]', decimals);
  }
}
