import { ModelConfigError } from '../../errors';

/** What a breaker sees before a borrow. Time is the pool's clock, integer seconds. */
export interface BorrowContext {
  readonly now: number;
  readonly user: string;
  readonly asset: string;
  readonly amount: bigint;
  /** Oracle price of the borrowed asset, base currency (8 decimals). */
  readonly price: bigint;
  /** Assets the user has enabled as collateral. */
  readonly collateralAssets: readonly string[];
}

/** What a breaker sees before a liquidation, once its amounts are known. */
export interface LiquidationContext {
  readonly now: number;
  readonly liquidator: string;
  readonly user: string;
  readonly collateralAsset: string;
  readonly debtAsset: string;
  /** Health factor before the liquidation, wad. */
  readonly healthFactor: bigint;
  /** Debt to be repaid, debt-asset units. */
  readonly debtToCover: bigint;
  /** Same in base currency (8 decimals), floored. */
  readonly debtValueBase: bigint;
  /** Collateral leaving the user (liquidator share + protocol fee), collateral-asset units. */
  readonly collateralSeized: bigint;
  readonly collateralPrice: bigint;
  readonly debtPrice: bigint;
}

/**
 * A hook the pool consults before borrows and liquidations (like Aave's PriceOracleSentinel,
 * generalised). Refusal reverts the action with CIRCUIT_BREAKER_BORROW_REFUSED or
 * CIRCUIT_BREAKER_LIQUIDATION_REFUSED and changes nothing. The `on*` callbacks run only after
 * the action succeeded, so a reverted action never counts against a rate limit.
 */
export interface CircuitBreaker {
  allowBorrow(ctx: BorrowContext): boolean;
  allowLiquidation(ctx: LiquidationContext): boolean;
  onBorrow?(ctx: BorrowContext): void;
  onLiquidation?(ctx: LiquidationContext): void;
}

/** A switch the world (or a governance agent) flips: pauses borrows and/or liquidations. */
export class PauseGuard implements CircuitBreaker {
  borrowsPaused = false;
  liquidationsPaused = false;

  pause(what: 'borrows' | 'liquidations' | 'all' = 'all'): void {
    if (what !== 'liquidations') this.borrowsPaused = true;
    if (what !== 'borrows') this.liquidationsPaused = true;
  }

  resume(what: 'borrows' | 'liquidations' | 'all' = 'all'): void {
    if (what !== 'liquidations') this.borrowsPaused = false;
    if (what !== 'borrows') this.liquidationsPaused = false;
  }

  allowBorrow(): boolean {
    return !this.borrowsPaused;
  }

  allowLiquidation(): boolean {
    return !this.liquidationsPaused;
  }
}

export interface RateLimitOptions {
  /** Length of the sliding window, seconds (> 0). */
  readonly windowSeconds: number;
  /** At most this many liquidations per window (default unlimited). */
  readonly maxLiquidations?: number;
  /** At most this much repaid debt value per window, base currency units (default unlimited). */
  readonly maxVolumeBase?: bigint;
}

/**
 * Slows liquidations down: at most N liquidations and/or V of repaid debt value in any window of
 * `windowSeconds` ending now (events at `t` leave the window at `t + windowSeconds`). A single
 * liquidation larger than V is refused outright; the liquidator can retry with less.
 */
export class RateLimitGuard implements CircuitBreaker {
  private readonly windowSeconds: number;
  private readonly maxLiquidations: number;
  private readonly maxVolumeBase: bigint | undefined;
  private readonly times: number[] = [];
  private readonly volumes: bigint[] = [];
  private head = 0;
  private volumeInWindow = 0n;

  constructor(options: RateLimitOptions) {
    if (!(Number.isFinite(options.windowSeconds) && options.windowSeconds > 0)) {
      throw new ModelConfigError('rateLimit.windowSeconds', 'must be a positive number of seconds', options.windowSeconds);
    }
    const max = options.maxLiquidations;
    if (max !== undefined && !(Number.isInteger(max) && max >= 0)) {
      throw new ModelConfigError('rateLimit.maxLiquidations', 'must be a non-negative integer', max);
    }
    const vol = options.maxVolumeBase;
    if (vol !== undefined && !(typeof vol === 'bigint' && vol >= 0n)) {
      throw new ModelConfigError('rateLimit.maxVolumeBase', 'must be a non-negative bigint (base currency units)', vol);
    }
    this.windowSeconds = options.windowSeconds;
    this.maxLiquidations = max ?? Infinity;
    this.maxVolumeBase = vol;
  }

  allowBorrow(): boolean {
    return true;
  }

  allowLiquidation(ctx: LiquidationContext): boolean {
    this.expire(ctx.now);
    if (this.times.length - this.head + 1 > this.maxLiquidations) return false;
    if (this.maxVolumeBase !== undefined && this.volumeInWindow + ctx.debtValueBase > this.maxVolumeBase) return false;
    return true;
  }

  onLiquidation(ctx: LiquidationContext): void {
    this.expire(ctx.now);
    this.times.push(ctx.now);
    this.volumes.push(ctx.debtValueBase);
    this.volumeInWindow += ctx.debtValueBase;
  }

  /** Liquidations counted in the window ending at `now`. */
  countInWindow(now: number): number {
    this.expire(now);
    return this.times.length - this.head;
  }

  /** Repaid debt value counted in the window ending at `now`. */
  volumeInWindowAt(now: number): bigint {
    this.expire(now);
    return this.volumeInWindow;
  }

  private expire(now: number): void {
    const cutoff = now - this.windowSeconds;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) {
      this.volumeInWindow -= this.volumes[this.head]!;
      this.head++;
    }
    // Compact now and then so the queue does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.volumes.splice(0, this.head);
      this.head = 0;
    }
  }
}

export interface DivergenceBreakerOptions {
  /** Market (e.g. AMM spot) price of an asset; any consistent unit. */
  readonly marketPrice: (asset: string) => bigint;
  /** Reference (e.g. NAV) price of an asset, same unit. */
  readonly navPrice: (asset: string) => bigint;
  /** Trip when |market/nav - 1| > threshold (e.g. 0.05). */
  readonly threshold: number;
  /** Assets to watch (default: every collateral asset an action touches). */
  readonly assets?: Iterable<string>;
  /** Whether a divergence also pauses borrows against the asset (default true). */
  readonly pauseBorrows?: boolean;
}

/**
 * Pauses liquidations (and by default borrows) against a collateral whose market price has
 * moved more than `threshold` away from its NAV, the mitigation "pause liquidations when market
 * and NAV diverge". A NAV of zero or below counts as diverged.
 */
export class DivergenceBreaker implements CircuitBreaker {
  private readonly marketPrice: (asset: string) => bigint;
  private readonly navPrice: (asset: string) => bigint;
  private readonly threshold: number;
  private readonly watched: ReadonlySet<string> | undefined;
  private readonly pauseBorrows: boolean;

  constructor(options: DivergenceBreakerOptions) {
    if (typeof options.marketPrice !== 'function') throw new ModelConfigError('divergence.marketPrice', 'must be a function', options.marketPrice);
    if (typeof options.navPrice !== 'function') throw new ModelConfigError('divergence.navPrice', 'must be a function', options.navPrice);
    if (!(Number.isFinite(options.threshold) && options.threshold >= 0)) {
      throw new ModelConfigError('divergence.threshold', 'must be a non-negative finite number (e.g. 0.05)', options.threshold);
    }
    this.marketPrice = options.marketPrice;
    this.navPrice = options.navPrice;
    this.threshold = options.threshold;
    this.watched = options.assets === undefined ? undefined : new Set(options.assets);
    this.pauseBorrows = options.pauseBorrows ?? true;
  }

  /** |market/nav - 1| for `asset` (Infinity when NAV <= 0). */
  divergence(asset: string): number {
    const nav = this.navPrice(asset);
    if (nav <= 0n) return Infinity;
    return Math.abs(Number(this.marketPrice(asset)) / Number(nav) - 1);
  }

  /** Whether `asset` is watched and currently diverged. */
  tripped(asset: string): boolean {
    if (this.watched !== undefined && !this.watched.has(asset)) return false;
    return this.divergence(asset) > this.threshold;
  }

  allowBorrow(ctx: BorrowContext): boolean {
    if (!this.pauseBorrows) return true;
    return !ctx.collateralAssets.some((a) => this.tripped(a));
  }

  allowLiquidation(ctx: LiquidationContext): boolean {
    return !this.tripped(ctx.collateralAsset);
  }
}

export interface StalenessBreakerOptions {
  /** When the collateral's oracle answer was last written, in the pool's seconds (NaN if never). */
  readonly updatedAt: (asset: string) => number;
  /** Trip when the answer is older than this many seconds. */
  readonly maxAgeSeconds: number;
  /** Assets to watch (default: every collateral asset an action touches). */
  readonly assets?: Iterable<string>;
  /** Whether a stale price also pauses borrows against the asset (default true). */
  readonly pauseBorrows?: boolean;
}

/**
 * Pauses liquidations (and by default borrows) against a collateral whose oracle answer is older
 * than `maxAgeSeconds`: the mitigation "do not act on a stale oracle". A price never written
 * counts as stale.
 */
export class StalenessBreaker implements CircuitBreaker {
  private readonly assets: ReadonlySet<string> | undefined;
  private readonly pauseBorrows: boolean;

  constructor(private readonly options: StalenessBreakerOptions) {
    if (typeof options.updatedAt !== 'function') throw new ModelConfigError('staleness.updatedAt', 'must be a function', options.updatedAt);
    if (!(Number.isFinite(options.maxAgeSeconds) && options.maxAgeSeconds > 0)) {
      throw new ModelConfigError('staleness.maxAgeSeconds', 'must be a positive number of seconds', options.maxAgeSeconds);
    }
    this.assets = options.assets === undefined ? undefined : new Set(options.assets);
    this.pauseBorrows = options.pauseBorrows ?? true;
  }

  /** Whether `asset`'s price is older than the limit at pool time `now`. */
  stale(asset: string, now: number): boolean {
    if (this.assets !== undefined && !this.assets.has(asset)) return false;
    const updated = this.options.updatedAt(asset);
    return !Number.isFinite(updated) || now - updated > this.options.maxAgeSeconds;
  }

  allowBorrow(ctx: BorrowContext): boolean {
    if (!this.pauseBorrows) return true;
    return !ctx.collateralAssets.some((a) => this.stale(a, ctx.now));
  }

  allowLiquidation(ctx: LiquidationContext): boolean {
    return !this.stale(ctx.collateralAsset, ctx.now);
  }
}

/** Several breakers at once: an action passes only if all allow it; all record it. */
export class BreakerSet implements CircuitBreaker {
  private readonly breakers: readonly CircuitBreaker[];

  constructor(breakers: Iterable<CircuitBreaker>) {
    this.breakers = [...breakers];
  }

  allowBorrow(ctx: BorrowContext): boolean {
    return this.breakers.every((b) => b.allowBorrow(ctx));
  }

  allowLiquidation(ctx: LiquidationContext): boolean {
    return this.breakers.every((b) => b.allowLiquidation(ctx));
  }

  onBorrow(ctx: BorrowContext): void {
    for (const b of this.breakers) b.onBorrow?.(ctx);
  }

  onLiquidation(ctx: LiquidationContext): void {
    for (const b of this.breakers) b.onLiquidation?.(ctx);
  }
}
