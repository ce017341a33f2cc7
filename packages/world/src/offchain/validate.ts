import { ModelConfigError } from '../errors';

/** Constraints for a numeric configuration value. */
export interface NumberRule {
  min?: number;
  max?: number;
  /** Exclude the bound itself. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  integer?: boolean;
}

function describe(rule: NumberRule): string {
  const kind = rule.integer ? 'an integer' : 'a finite number';
  const { min, max } = rule;
  if (min !== undefined && max !== undefined) {
    return `must be ${kind} in ${rule.minExclusive ? '(' : '['}${min}, ${max}${rule.maxExclusive ? ')' : ']'}`;
  }
  if (min !== undefined) return `must be ${kind} ${rule.minExclusive ? '>' : '>='} ${min}`;
  if (max !== undefined) return `must be ${kind} ${rule.maxExclusive ? '<' : '<='} ${max}`;
  return `must be ${kind}`;
}

/** Throws ModelConfigError naming `path` unless `value` is a number within `rule`. */
export function checkNumber(path: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.minExclusive ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || (rule.maxExclusive ? value < rule.max : value <= rule.max));
  if (!ok) throw new ModelConfigError(path, describe(rule), value);
  return value;
}

/** A fraction in [0, 1] (or [0, 1) with `maxExclusive`). */
export function checkFraction(path: string, value: unknown, maxExclusive = false): number {
  return checkNumber(path, value, { min: 0, max: 1, maxExclusive });
}

/** An integer millisecond time or duration >= min. */
export function checkMs(path: string, value: unknown, min = 0): number {
  return checkNumber(path, value, { integer: true, min });
}

/** A bigint amount >= min (default 0). */
export function checkAmount(path: string, value: unknown, min = 0n): bigint {
  if (typeof value !== 'bigint' || value < min) {
    throw new ModelConfigError(path, `must be a bigint >= ${min}`, value);
  }
  return value;
}

/** A token or cash decimals count: integer in [0, 36]. */
export function checkDecimals(path: string, value: unknown): number {
  return checkNumber(path, value, { integer: true, min: 0, max: 36 });
}

/** One of a fixed set of string options. */
export function checkOneOf<T extends string>(path: string, value: unknown, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new ModelConfigError(path, `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`, value);
  }
  return value as T;
}

/** A non-empty string identifier. */
export function checkId(path: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ModelConfigError(path, 'must be a non-empty string', value);
  }
  return value;
}
