import { RevertError } from '../errors';
import { PriceHistory } from './price-history';
import { FeedErrors, type FeedHistory, type PriceFeed, type PriceReading } from './types';
import { checkDecimals } from './units';

/**
 * A constant answer, e.g. a stablecoin priced at 1 or a fallback floor. Valid from `sinceMs`
 * (default 0) onward and never stale (its `updatedAtMs` is the current time).
 */
export class FixedFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly price: bigint;
  private readonly record = new PriceHistory();

  constructor(price: bigint, decimals = 8, description?: string, readonly sinceMs = 0) {
    checkDecimals(decimals, 'decimals');
    this.price = price;
    this.decimals = decimals;
    this.description = description ?? `fixed ${price}`;
    this.record.push(sinceMs, price);
  }

  latest(nowMs: number): PriceReading {
    if (nowMs < this.sinceMs) throw new RevertError(FeedErrors.NO_DATA);
    return { price: this.price, updatedAtMs: nowMs, roundId: 1 };
  }

  history(untilMs?: number): FeedHistory {
    return this.record.until(untilMs);
  }
}
