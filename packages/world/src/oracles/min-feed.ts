import { checkSameDecimals } from './composite-inputs';
import { compositeHistory } from './price-history';
import type { FeedHistory, PriceFeed, PriceReading } from './types';

/**
 * The lowest of several answers, e.g. `min(NAV, market TWAP)`: a conservative collateral price
 * that follows the market down without letting a pumped market price lend more than NAV. The
 * reading carries the `updatedAtMs` and `roundId` of the input that set the price (the first on
 * ties), so a staleness guard on top judges the answer actually used. Any input without data makes
 * the whole feed revert.
 */
export class MinFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  private readonly inputs: readonly PriceFeed[];

  constructor(inputs: readonly PriceFeed[], description?: string) {
    this.decimals = checkSameDecimals(inputs, 'inputs');
    this.inputs = [...inputs];
    this.description = description ?? `min(${inputs.map((f) => f.description).join(', ')})`;
  }

  latest(nowMs: number): PriceReading {
    let best: PriceReading | undefined;
    for (const input of this.inputs) {
      const r = input.latest(nowMs);
      if (best === undefined || r.price < best.price) best = r;
    }
    return best as PriceReading;
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, this.inputs, untilMs);
  }
}
