import type { FeedHistory, PriceFeed, PriceReading } from '../oracles';
import { PriceHistory } from '../oracles';
import type { AmmMarket } from './amm-market';

/**
 * The AMM's marginal price as a feed: what a protocol that "prices off the market" reads. Exact
 * from the reserves (quote per base, `decimals` decimals, rounded down); its history records one
 * point per trade, so it is as manipulable and as fast as the pool itself.
 */
export class SpotFeed implements PriceFeed {
  readonly description: string;
  private readonly points = new PriceHistory();
  private round = 0;
  private updatedAtMs = 0;
  /** The spot price changes only on trades: cached, recomputed after each (and so the reading). */
  private cached: bigint | undefined;
  private reading: PriceReading | undefined;
  private readonly scale: bigint;
  private readonly quoteScale: bigint;

  constructor(
    private readonly pool: AmmMarket,
    readonly decimals: number,
    baseDecimals: number,
    quoteDecimals: number,
  ) {
    this.description = `spot ${pool.id}`;
    this.scale = 10n ** BigInt(baseDecimals + decimals);
    this.quoteScale = 10n ** BigInt(quoteDecimals);
    pool.onTrade(() => {
      this.round++;
      this.updatedAtMs = pool.lastTradeMs;
      this.cached = undefined;
      this.reading = undefined;
      this.points.push(this.updatedAtMs, this.current());
    });
    // Adding or removing liquidity keeps the ratio up to rounding: re-read, no new round.
    pool.onLiquidity(() => {
      this.cached = undefined;
      this.reading = undefined;
    });
  }

  latest(_nowMs: number): PriceReading {
    return (this.reading ??= { price: this.current(), updatedAtMs: this.updatedAtMs, roundId: this.round });
  }

  history(untilMs?: number): FeedHistory {
    return this.points.until(untilMs);
  }

  private current(): bigint {
    if (this.cached === undefined) {
      const { reserve0, reserve1 } = this.pool.pair;
      this.cached = reserve0 === 0n ? 0n : (reserve1 * this.scale) / (reserve0 * this.quoteScale);
    }
    return this.cached;
  }
}
