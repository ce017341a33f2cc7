import { ModelConfigError, RevertError } from '../errors';
import { compositeHistory } from './price-history';
import { FeedErrors, type FeedHistory, type PriceFeed, type PriceReading } from './types';

/** Configuration of a {@link StalenessGuardFeed}. */
export interface StalenessGuardConfig {
  readonly primary: PriceFeed;
  /** An answer older than this (strictly) is stale, ms. */
  readonly maxAgeMs: number;
  /** Used when the primary is stale or has no data. Omitted: revert `stale price`. */
  readonly fallback?: PriceFeed;
  readonly description?: string;
}

/**
 * The consumer-side freshness check Chainlink's docs ask for ("use the `updatedAt` value from
 * `latestRoundData()` to make sure that the latest answer is recent enough", smartcontractkit/
 * documentation src/content/data-feeds/index.mdx): if `nowMs - updatedAtMs > maxAgeMs` (or the
 * primary has no data), read the fallback instead, or revert `stale price` without one. The
 * fallback is returned as is; wrap it in its own guard to bound its age too.
 */
export class StalenessGuardFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly maxAgeMs: number;
  private readonly primary: PriceFeed;
  private readonly fallback: PriceFeed | undefined;

  constructor(config: StalenessGuardConfig) {
    if (!Number.isSafeInteger(config.maxAgeMs) || config.maxAgeMs < 0) {
      throw new ModelConfigError('maxAgeMs', 'must be a non-negative integer number of ms', config.maxAgeMs);
    }
    if (config.fallback !== undefined && config.fallback.decimals !== config.primary.decimals) {
      throw new ModelConfigError('fallback.decimals', `must equal primary.decimals (${config.primary.decimals})`, config.fallback.decimals);
    }
    this.primary = config.primary;
    this.fallback = config.fallback;
    this.maxAgeMs = config.maxAgeMs;
    this.decimals = config.primary.decimals;
    this.description = config.description ?? `fresh(${config.primary.description}, ${config.maxAgeMs} ms)`;
  }

  /** Is the primary's answer at `nowMs` missing or older than `maxAgeMs`? */
  isPrimaryStale(nowMs: number): boolean {
    try {
      return nowMs - this.primary.latest(nowMs).updatedAtMs > this.maxAgeMs;
    } catch (err) {
      if (err instanceof RevertError) return true;
      throw err;
    }
  }

  latest(nowMs: number): PriceReading {
    if (!this.isPrimaryStale(nowMs)) return this.primary.latest(nowMs);
    if (this.fallback === undefined) throw new RevertError(FeedErrors.STALE_PRICE);
    return this.fallback.latest(nowMs);
  }

  history(untilMs?: number): FeedHistory {
    // The guard also switches when an unchanged primary answer ages past maxAge.
    const staleAt = this.primary.history(untilMs).timesMs.map((t) => t + this.maxAgeMs + 1);
    const inputs = this.fallback === undefined ? [this.primary] : [this.primary, this.fallback];
    return compositeHistory(this, inputs, untilMs, staleAt);
  }
}
