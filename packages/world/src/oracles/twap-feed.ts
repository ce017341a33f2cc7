import { ModelConfigError, RevertError } from '../errors';
import { PriceHistory, assertTimeMs } from './price-history';
import { FeedErrors, type FeedHistory, type PriceFeed, type PriceReading } from './types';
import { checkDecimals, parseUnits } from './units';

const UINT256_MOD = 1n << 256n;

/** A cumulative-price accumulator reading: Σ price·dt up to `timestampSec`. */
export interface CumulativePriceObservation {
  readonly cumulative: bigint | number;
  readonly timestampSec: number;
}

/**
 * Reads the accumulator as of `nowMs`, like `UniswapV2OracleLibrary.currentCumulativePrices`
 * (which extends the pair's last accumulator to the current block counterfactually).
 */
export type CumulativePriceSource = (nowMs: number) => CumulativePriceObservation;

/** Configuration of a {@link TwapFeed}. */
export interface TwapFeedConfig {
  readonly source: CumulativePriceSource;
  /** Minimum averaging window, seconds (ExampleOracleSimple: `PERIOD = 24 hours`). */
  readonly periodSec: number;
  /** Time of the constructor's first snapshot, ms. */
  readonly startMs: number;
  readonly decimals?: number;
  /**
   * Accumulator units per unit of price: `2n ** 112n` for Uniswap V2's UQ112x112 accumulators, 1
   * when the accumulator already sums plain prices. Must be a bigint when the accumulator is.
   */
  readonly cumulativeScale?: bigint | number;
  readonly description?: string;
}

/**
 * Fixed-window TWAP oracle after Uniswap's `ExampleOracleSimple` (Uniswap/v2-periphery
 * contracts/examples/ExampleOracleSimple.sol): the constructor snapshots the accumulator;
 * `update()` requires at least one full period since the last snapshot (`PERIOD_NOT_ELAPSED`
 * otherwise), sets the average to `(cumulative - cumulativeLast) / timeElapsed`, and moves the
 * snapshot. Reads return the last computed average, so the answer is at least one period old by
 * design, and an average over at least (not exactly) one period.
 *
 * Bigint accumulators subtract modulo 2^256 ("overflow is desired" in the source). The average
 * is floored once, at the feed's decimals: `floor(Δcumulative · 10^decimals / (Δt · scale))`, a
 * finer rounding than the contract's UQ112x112 truncation followed by `decode144`.
 */
export class TwapFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly periodSec: number;
  private readonly source: CumulativePriceSource;
  private readonly scale: bigint | number;
  private cumulativeLast: bigint | number;
  private timestampLast: number;
  private readonly averages = new PriceHistory();

  constructor(config: TwapFeedConfig) {
    const decimals = config.decimals ?? 8;
    checkDecimals(decimals, 'decimals');
    if (!Number.isSafeInteger(config.periodSec) || config.periodSec <= 0) {
      throw new ModelConfigError('periodSec', 'must be a positive integer number of seconds', config.periodSec);
    }
    if (!Number.isSafeInteger(config.startMs) || config.startMs < 0) {
      throw new ModelConfigError('startMs', 'must be a non-negative integer number of ms', config.startMs);
    }
    const first = config.source(config.startMs);
    const scale = config.cumulativeScale ?? (typeof first.cumulative === 'bigint' ? 1n : 1);
    if (typeof scale !== typeof first.cumulative) {
      throw new ModelConfigError('cumulativeScale', `must be a ${typeof first.cumulative} like the accumulator`, scale);
    }
    if (scale <= 0) throw new ModelConfigError('cumulativeScale', 'must be > 0', scale);
    this.decimals = decimals;
    this.description = config.description ?? 'TWAP feed';
    this.periodSec = config.periodSec;
    this.source = config.source;
    this.scale = scale;
    this.cumulativeLast = first.cumulative;
    this.timestampLast = first.timestampSec;
  }

  /** Seconds since the last snapshot, according to the source's clock at `nowMs`. */
  elapsedSec(nowMs: number): number {
    return this.source(nowMs).timestampSec - this.timestampLast;
  }

  /** Would `update(nowMs)` succeed? */
  canUpdate(nowMs: number): boolean {
    assertTimeMs(nowMs);
    return this.elapsedSec(nowMs) >= this.periodSec;
  }

  /** `ExampleOracleSimple.update`: average over the elapsed window, then move the snapshot. */
  update(nowMs: number): PriceReading {
    assertTimeMs(nowMs);
    const obs = this.source(nowMs);
    const timeElapsed = obs.timestampSec - this.timestampLast;
    if (timeElapsed < this.periodSec) throw new RevertError('ExampleOracleSimple: PERIOD_NOT_ELAPSED');
    const price = this.average(obs.cumulative, timeElapsed);
    this.cumulativeLast = obs.cumulative;
    this.timestampLast = obs.timestampSec;
    this.averages.push(nowMs, price);
    return this.latest(nowMs);
  }

  private average(cumulative: bigint | number, timeElapsed: number): bigint {
    const last = this.cumulativeLast;
    if (typeof cumulative === 'bigint' && typeof last === 'bigint' && typeof this.scale === 'bigint') {
      const delta = (((cumulative - last) % UINT256_MOD) + UINT256_MOD) % UINT256_MOD;
      return (delta * 10n ** BigInt(this.decimals)) / (BigInt(timeElapsed) * this.scale);
    }
    if (typeof cumulative === 'number' && typeof last === 'number' && typeof this.scale === 'number') {
      return parseUnits((cumulative - last) / timeElapsed / this.scale, this.decimals);
    }
    throw new RevertError('TwapFeed: accumulator changed type');
  }

  latest(nowMs: number): PriceReading {
    const i = this.averages.indexAt(nowMs);
    if (i < 0) throw new RevertError(FeedErrors.NO_DATA);
    return { price: this.averages.prices[i] as bigint, updatedAtMs: this.averages.timesMs[i] as number, roundId: i + 1 };
  }

  history(untilMs?: number): FeedHistory {
    return this.averages.until(untilMs);
  }
}
