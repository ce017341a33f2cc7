/**
 * One reading of a price feed. `price` is an integer in the feed's `decimals` (8 for a
 * Chainlink-style USD feed: 1.00 USD is `100_000_000n`); `updatedAtMs` is when that answer was
 * written, in integer milliseconds since scenario start; `roundId` counts accepted answers from 1.
 */
export interface PriceReading {
  readonly price: bigint;
  readonly updatedAtMs: number;
  readonly roundId: number;
}

/**
 * A plot-ready step function of a feed's answer: `prices[i]` holds from `timesMs[i]` until
 * `timesMs[i+1]`. Times ascend. Base feeds hand out their own arrays (no copy), so treat them as
 * read-only.
 */
export interface FeedHistory {
  readonly timesMs: readonly number[];
  readonly prices: readonly bigint[];
}

/**
 * The read side every on-chain price feed shares, so protocols and composites can take any of them.
 *
 * `latest(nowMs)` is the answer a contract would read at `nowMs`: the last answer written at or
 * before `nowMs`. Reading at an earlier time than the last write therefore gives the answer that
 * held then, which is what lets composites rebuild their history. A feed with no answer yet throws
 * `RevertError('No data present')` (Chainlink's message); composites may throw their own reasons
 * (e.g. `stale price`).
 */
export interface PriceFeed {
  readonly decimals: number;
  readonly description: string;
  latest(nowMs: number): PriceReading;
  /** The answer's step function, up to `untilMs` when given (composites may otherwise include
   *  transitions that lie ahead, e.g. when the current answer will go stale). */
  history(untilMs?: number): FeedHistory;
}

/** Chainlink `latestRoundData()` / `getRoundData()` shape, with times in ms. */
export interface RoundData {
  readonly roundId: number;
  readonly answer: bigint;
  readonly startedAtMs: number;
  readonly updatedAtMs: number;
  readonly answeredInRound: number;
}

/** Revert reasons shared by the feeds. */
export const FeedErrors = {
  NO_DATA: 'No data present',
  STALE_PRICE: 'stale price',
} as const;
