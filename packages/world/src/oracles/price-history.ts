import { RevertError } from '../errors';
import type { FeedHistory, PriceFeed } from './types';

/**
 * Append-only record of a feed's answers as two parallel arrays (times, prices): cheap to grow,
 * and already in the shape a plot or a DataFrame wants. Round `i + 1` is entry `i`.
 */
export class PriceHistory implements FeedHistory {
  readonly timesMs: number[] = [];
  readonly prices: bigint[] = [];

  get length(): number {
    return this.timesMs.length;
  }

  push(timeMs: number, price: bigint): void {
    this.timesMs.push(timeMs);
    this.prices.push(price);
  }

  /** Entries written at or before `untilMs` (all when omitted); no copy when nothing is cut. */
  until(untilMs?: number): FeedHistory {
    if (untilMs === undefined) return this;
    const end = this.indexAt(untilMs) + 1;
    if (end === this.length) return this;
    return { timesMs: this.timesMs.slice(0, end), prices: this.prices.slice(0, end) };
  }

  /** Index of the last entry written at or before `nowMs`, or -1. */
  indexAt(nowMs: number): number {
    const times = this.timesMs;
    let hi = times.length - 1;
    // Simulations read forward in time, so the newest entry is almost always the answer.
    if (hi < 0 || (times[hi] as number) <= nowMs) return hi;
    let lo = 0;
    if ((times[0] as number) > nowMs) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((times[mid] as number) <= nowMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Integer milliseconds since scenario start; anything else is a caller bug, not a revert. */
export function assertTimeMs(nowMs: number): void {
  if (!Number.isSafeInteger(nowMs) || nowMs < 0) {
    throw new RangeError(`time must be a non-negative integer number of ms, got ${nowMs}`);
  }
}

/**
 * History of a composite feed, rebuilt by evaluating it at every time one of its inputs changed
 * (plus any extra transition times, e.g. when an input goes stale). Times at which the composite
 * reverts are left out, and consecutive equal prices are merged, so the result is the step
 * function a plot needs.
 */
export function compositeHistory(
  feed: PriceFeed,
  inputs: readonly PriceFeed[],
  untilMs?: number,
  extraTimes: readonly number[] = [],
): FeedHistory {
  const times = new Set<number>();
  for (const t of extraTimes) if (untilMs === undefined || t <= untilMs) times.add(t);
  for (const input of inputs) for (const t of input.history(untilMs).timesMs) times.add(t);
  const sorted = [...times].sort((a, b) => a - b);
  const out = new PriceHistory();
  for (const t of sorted) {
    let price: bigint;
    try {
      price = feed.latest(t).price;
    } catch (err) {
      if (err instanceof RevertError) continue;
      throw err;
    }
    if (out.length === 0 || out.prices[out.length - 1] !== price) out.push(t, price);
  }
  return out;
}
