import { checkSameDecimals } from './composite-inputs';
import { compositeHistory } from './price-history';
import type { FeedHistory, PriceFeed, PriceReading } from './types';

/**
 * The median of several answers as Chainlink OCR takes it: sort and pick element `⌊n/2⌋`
 * (`r.observations[r.observations.length/2]` in smartcontractkit/libocr contract/OffchainAggregator.sol
 * `transmit`), i.e. the upper median for an even count, always an actual input's answer. The
 * reading carries that input's `updatedAtMs` and `roundId`. Any input without data reverts.
 */
export class MedianFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  private readonly inputs: readonly PriceFeed[];

  constructor(inputs: readonly PriceFeed[], description?: string) {
    this.decimals = checkSameDecimals(inputs, 'inputs');
    this.inputs = [...inputs];
    this.description = description ?? `median(${inputs.map((f) => f.description).join(', ')})`;
  }

  latest(nowMs: number): PriceReading {
    const readings = this.inputs.map((f) => f.latest(nowMs));
    // Stable sort keeps input order among equal prices, so the pick is deterministic.
    readings.sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0));
    return readings[readings.length >> 1] as PriceReading;
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, this.inputs, untilMs);
  }
}
