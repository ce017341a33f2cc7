import { DAY, HOUR, type LoggedEvent, type Recorder } from '@paradox/engine';

/** What the metrics need to know about the world they watch. */
export interface CascadeMetricsOptions {
  /** The AMM pool whose price is "the market", by id (trade events name it). */
  readonly pool: string;
  /** The token whose price it is (sales of it count as selling). */
  readonly asset: string;
  /** The oracle feed the lending market reads, by id. */
  readonly oracle: string;
  /** The fundamental NAV per share now. */
  readonly nav: () => number;
  /** Agent-id prefix of the holders whose selling and reach are measured (e.g. `holder-`). */
  readonly holderPrefix: string;
  readonly holders: number;
  /** How far below the oracle the market must fall for the oracle to count as lagging (default 5%). */
  readonly lagThreshold?: number;
}

const LIQUIDATION = 'lending.liquidation';

/**
 * The emergence metrics of a liquidity-paradox run, measured from the event log as it is
 * written (no second pass, memory linear in the number of events only through two typed
 * arrays): how far the market fell below NAV and when, how long the oracle lagged the market,
 * how much selling happened before the oracle moved, the liquidations, the cascade depth (the
 * longest chain liquidation -> sale -> price move -> liquidation through the cause links), the
 * time from the first news to the first liquidation, rumour reach, and which news each
 * liquidation goes back to.
 */
export class CascadeMetrics {
  private depth = new Uint16Array(1 << 16);
  private root = new Int32Array(1 << 16);
  private readonly rootTypes = new Map<number, string>();
  private readonly liquidationsByRoot = new Map<number, number>();

  private minRatio = Infinity;
  private minOracleRatio = Infinity;
  private minRatioAtMs = Number.NaN;
  private oraclePrice = Number.NaN;
  private belowSinceMs = Number.NaN;
  private oracleLagMs = Number.NaN;
  private firstNewsMs = Number.NaN;
  private oracleMovedMs = Number.NaN;
  private soldBeforeOracle = 0;
  private soldTotal = 0;
  private liquidations = 0;
  private liquidationVolume = 0;
  private liquidationBadDebt = 0;
  private firstLiquidationMs = Number.NaN;
  private maxDepth = 0;
  private informed = 0;

  constructor(
    recorder: Recorder,
    private readonly options: CascadeMetricsOptions,
  ) {
    recorder.onEvent((event) => this.observe(event));
  }

  private observe(event: LoggedEvent): void {
    this.link(event);
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'news':
        if (Number.isNaN(this.firstNewsMs)) this.firstNewsMs = event.t;
        break;
      case 'informed':
        if (event.actor.startsWith(this.options.holderPrefix)) this.informed++;
        break;
      case 'amm.trade':
        if (data['pool'] === this.options.pool) this.onTrade(event, data);
        break;
      case 'oracle.update':
        if (data['feed'] === this.options.oracle) this.onOracle(event.t, data['price'] as number, data['previous'] as number);
        break;
      case LIQUIDATION:
        this.liquidations++;
        this.liquidationVolume += data['repaid'] as number;
        this.liquidationBadDebt += data['badDebt'] as number;
        if (Number.isNaN(this.firstLiquidationMs)) this.firstLiquidationMs = event.t;
        break;
      default:
    }
  }

  /** Depth and root of every event, from its cause's. */
  private link(event: LoggedEvent): void {
    if (event.id >= this.depth.length) this.grow(event.id);
    const causeDepth = event.cause > 0 ? this.depth[event.cause]! : 0;
    const depth = causeDepth + (event.type === LIQUIDATION ? 1 : 0);
    this.depth[event.id] = Math.min(depth, 65_535);
    if (depth > this.maxDepth) this.maxDepth = depth;
    const root = event.cause > 0 ? this.root[event.cause]! : event.id;
    this.root[event.id] = root;
    if (event.cause === 0) this.rootTypes.set(event.id, event.type);
    if (event.type === LIQUIDATION) this.liquidationsByRoot.set(root, (this.liquidationsByRoot.get(root) ?? 0) + 1);
  }

  private onTrade(event: LoggedEvent, data: Record<string, unknown>): void {
    const price = data['priceAfter'] as number;
    const ratio = price / this.options.nav();
    if (ratio < this.minRatio) {
      this.minRatio = ratio;
      this.minRatioAtMs = event.t;
    }
    if (price / this.oraclePrice < this.minOracleRatio) this.minOracleRatio = price / this.oraclePrice;
    const threshold = 1 - (this.options.lagThreshold ?? 0.05);
    if (Number.isNaN(this.belowSinceMs) && Number.isNaN(this.oracleLagMs) && price < threshold * this.oraclePrice) this.belowSinceMs = event.t;
    if (data['tokenIn'] === this.options.asset && event.actor.startsWith(this.options.holderPrefix)) {
      const amount = data['amountIn'] as number;
      this.soldTotal += amount;
      if (Number.isNaN(this.oracleMovedMs)) this.soldBeforeOracle += amount;
    }
  }

  private onOracle(t: number, price: number, previous: number): void {
    if (!Number.isNaN(this.belowSinceMs) && Number.isNaN(this.oracleLagMs)) this.oracleLagMs = t - this.belowSinceMs;
    if (Number.isNaN(this.oracleMovedMs) && !Number.isNaN(this.firstNewsMs) && price < previous) this.oracleMovedMs = t;
    this.oraclePrice = price;
  }

  /** Seeds the oracle price the market is compared with (its answer at the start). */
  setInitialOraclePrice(price: number): void {
    this.oraclePrice = price;
  }

  summary(): Record<string, number | string | null> {
    const days = (ms: number) => (Number.isNaN(ms) ? null : ms / DAY);
    const hours = (ms: number) => (Number.isNaN(ms) ? null : ms / HOUR);
    const byRoot = [...this.liquidationsByRoot.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([root, n]) => `${this.rootTypes.get(root) ?? 'event'}#${root}:${n}`)
      .join(' ');
    return {
      min_market_nav_ratio: Number.isFinite(this.minRatio) ? this.minRatio : null,
      min_market_nav_ratio_day: days(this.minRatioAtMs),
      max_discount_to_oracle: Number.isFinite(this.minOracleRatio) ? 1 - this.minOracleRatio : null,
      oracle_lag_hours: hours(this.oracleLagMs),
      selling_before_oracle_share: this.soldTotal > 0 ? this.soldBeforeOracle / this.soldTotal : null,
      liquidation_count: this.liquidations,
      liquidation_volume: this.liquidationVolume,
      liquidation_bad_debt: this.liquidationBadDebt,
      cascade_depth: this.maxDepth,
      first_news_day: days(this.firstNewsMs),
      first_liquidation_day: days(this.firstLiquidationMs),
      news_to_first_liquidation_hours: hours(this.firstLiquidationMs - this.firstNewsMs),
      rumor_reach: this.options.holders > 0 ? this.informed / this.options.holders : null,
      liquidations_by_root: byRoot,
    };
  }

  private grow(id: number): void {
    let size = this.depth.length;
    while (size <= id) size *= 2;
    const depth = new Uint16Array(size);
    depth.set(this.depth);
    const root = new Int32Array(size);
    root.set(this.root);
    this.depth = depth;
    this.root = root;
  }
}
