import { ModelConfigError, RevertError } from '../errors';
import { PriceHistory, assertTimeMs } from './price-history';
import { FeedErrors, type FeedHistory, type PriceFeed, type PriceReading } from './types';
import { checkDecimals } from './units';

const BPS_DENOMINATOR = 10_000n;

/** Revert reasons of Ondo's `RWAOracleRateCheck` (custom errors, by name). */
export const NavFeedErrors = {
  INVALID_PRICE: 'InvalidPrice',
  WINDOW_VIOLATION: 'PriceUpdateWindowViolation',
  DELTA_VIOLATION: 'DeltaDifferenceConstraintViolation',
  MISSING_ROLE: 'AccessControl: account is missing role SETTER_ROLE',
} as const;

/** Configuration of a {@link NavFeed}. */
export interface NavFeedConfig {
  readonly description?: string;
  /** Decimals of the NAV per token; Ondo's oracle uses 18. */
  readonly decimals?: number;
  /** NAV at construction, in feed units; must be > 0. */
  readonly initialPrice: bigint;
  /** Construction time (ms): the initial price's timestamp. */
  readonly startMs: number;
  /** Accounts holding SETTER_ROLE. */
  readonly setters: readonly string[];
  /** Largest accepted change per update, in basis points (Ondo: 100 = 1%). */
  readonly maxChangeBps?: number;
  /** Minimum time between updates, ms (Ondo: 23 hours). */
  readonly minUpdateWindowMs?: number;
}

/**
 * A NAV oracle with a rate-of-change guard, following Ondo's `RWAOracleRateCheck`
 * (ondoprotocol/usdy contracts/rwaOracles/RWAOracleRateCheck.sol, `setPrice`,
 * `_getPriceChangeBps`): only SETTER_ROLE may set the price; it must be positive; at least
 * `minUpdateWindowMs` must have passed since the last price; and the change, in basis points of
 * the previous price rounded up (`mulDivUp(|new - old|, 10_000, old)`), must not exceed
 * `maxChangeBps`. A rejected update reverts with the contract's error name and changes nothing.
 *
 * The guard is what makes a NAV feed slow by construction: a 10% write-down takes at least ten
 * updates (ten days with Ondo's constants) to reach chain, which is one of the "stale oracle"
 * channels the simulator studies.
 */
export class NavFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly maxChangeBps: number;
  readonly minUpdateWindowMs: number;
  private readonly setters: ReadonlySet<string>;
  private readonly updates = new PriceHistory();

  constructor(config: NavFeedConfig) {
    const decimals = config.decimals ?? 18;
    checkDecimals(decimals, 'decimals');
    const maxChangeBps = config.maxChangeBps ?? 100;
    const minUpdateWindowMs = config.minUpdateWindowMs ?? 23 * 3_600_000;
    if (config.initialPrice <= 0n) throw new ModelConfigError('initialPrice', 'must be > 0 (InvalidPrice)', config.initialPrice);
    if (!Number.isSafeInteger(config.startMs) || config.startMs < 0) {
      throw new ModelConfigError('startMs', 'must be a non-negative integer number of ms', config.startMs);
    }
    if (!Number.isSafeInteger(maxChangeBps) || maxChangeBps < 0) {
      throw new ModelConfigError('maxChangeBps', 'must be a non-negative integer', maxChangeBps);
    }
    if (!Number.isSafeInteger(minUpdateWindowMs) || minUpdateWindowMs < 0) {
      throw new ModelConfigError('minUpdateWindowMs', 'must be a non-negative integer number of ms', minUpdateWindowMs);
    }
    this.decimals = decimals;
    this.description = config.description ?? 'NAV feed';
    this.maxChangeBps = maxChangeBps;
    this.minUpdateWindowMs = minUpdateWindowMs;
    this.setters = new Set(config.setters);
    this.updates.push(config.startMs, config.initialPrice);
  }

  /** Current NAV and its timestamp (Ondo `getPriceData`). */
  get price(): bigint {
    return this.updates.prices[this.updates.length - 1] as bigint;
  }

  get priceTimestampMs(): number {
    return this.updates.timesMs[this.updates.length - 1] as number;
  }

  /** Change from the current price in bps, rounded up, as `_getPriceChangeBps` computes it. */
  changeBps(newPrice: bigint): bigint {
    const old = this.price;
    const change = newPrice > old ? newPrice - old : old - newPrice;
    return (change * BPS_DENOMINATOR + old - 1n) / old;
  }

  /**
   * Why `setPrice(newPrice)` would revert at `nowMs` (ignoring the role check), or null if it
   * would succeed. Lets a NAV-pushing agent plan a staircase of updates.
   */
  rejection(newPrice: bigint, nowMs: number): string | null {
    assertTimeMs(nowMs);
    if (newPrice <= 0n) return NavFeedErrors.INVALID_PRICE;
    if (nowMs - this.priceTimestampMs < this.minUpdateWindowMs) return NavFeedErrors.WINDOW_VIOLATION;
    if (this.changeBps(newPrice) > BigInt(this.maxChangeBps)) return NavFeedErrors.DELTA_VIOLATION;
    return null;
  }

  /** Largest and smallest prices the guard accepts on the next update (same rounding as the contract). */
  acceptedRange(): { min: bigint; max: bigint } {
    const old = this.price;
    // changeBps(p) = ceil(|p - old| * 1e4 / old) <= m  <=>  |p - old| * 1e4 <= m * old
    const maxDelta = (BigInt(this.maxChangeBps) * old) / BPS_DENOMINATOR;
    return { min: old - maxDelta > 0n ? old - maxDelta : 1n, max: old + maxDelta };
  }

  /** Ondo `setPrice`: checks in the contract's order, then writes. */
  setPrice(caller: string, newPrice: bigint, nowMs: number): PriceReading {
    assertTimeMs(nowMs);
    if (!this.setters.has(caller)) throw new RevertError(NavFeedErrors.MISSING_ROLE);
    const reason = this.rejection(newPrice, nowMs);
    if (reason !== null) throw new RevertError(reason);
    this.updates.push(nowMs, newPrice);
    return this.latest(nowMs);
  }

  latest(nowMs: number): PriceReading {
    const i = this.updates.indexAt(nowMs);
    if (i < 0) throw new RevertError(FeedErrors.NO_DATA);
    return { price: this.updates.prices[i] as bigint, updatedAtMs: this.updates.timesMs[i] as number, roundId: i + 1 };
  }

  history(untilMs?: number): FeedHistory {
    return this.updates.until(untilMs);
  }
}
