import { checkSameDecimals } from './composite-inputs';
import { compositeHistory } from './price-history';
import type { FeedHistory, PriceFeed, PriceReading } from './types';

/**
 * One answer times or divided by another, in the first one's decimals (rounded down): a price
 * converted from one unit to another. `spot x peg` turns an AMM price quoted in a stablecoin into
 * dollars; `nav / peg` turns a dollar NAV into stablecoins (what a token worth NAV dollars should
 * cost in a stablecoin trading at `peg` dollars). The reading carries the later input's
 * `updatedAtMs` and the sum of the round ids (it changes whenever either input does). Either
 * input without data makes it revert; a zero divisor reads as zero.
 */
export class RatioFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  private readonly one: bigint;

  constructor(
    private readonly numerator: PriceFeed,
    private readonly other: PriceFeed,
    readonly operation: 'multiply' | 'divide',
    description?: string,
  ) {
    this.decimals = checkSameDecimals([numerator, other], 'inputs');
    this.one = 10n ** BigInt(this.decimals);
    this.description = description ?? `${numerator.description} ${operation === 'multiply' ? 'x' : '/'} ${other.description}`;
  }

  latest(nowMs: number): PriceReading {
    const a = this.numerator.latest(nowMs);
    const b = this.other.latest(nowMs);
    const price = this.operation === 'multiply' ? (a.price * b.price) / this.one : b.price === 0n ? 0n : (a.price * this.one) / b.price;
    return { price, updatedAtMs: Math.max(a.updatedAtMs, b.updatedAtMs), roundId: a.roundId + b.roundId };
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, [this.numerator, this.other], untilMs);
  }
}
