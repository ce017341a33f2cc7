import { DAY, type LoggedEvent, type Recorder } from '@paradox/engine';

/** What the stress metrics need to know about the world they watch. */
export interface StressMetricsOptions {
  /** The AMM pool, by id (trade and liquidity events name it). */
  readonly pool: string;
  /** The pool's spot price now. */
  readonly price: () => number;
  /** The fund's reported NAV per share now (what redemptions pay). */
  readonly nav: () => number;
  /** The pool's liquidity now: sqrt(base reserve x quote reserve), whole tokens (trades leave it, LPs move it). */
  readonly liquidity: () => number;
  readonly now: () => number;
  /** Agent ids of the arbitrageurs whose trades are counted around the gate. */
  readonly arbitrageurs: readonly string[];
  /** The depeg window, when the scenario has one: from its start until the peg is back. */
  readonly depeg?: { readonly startMs: number; readonly endMs: number };
  /** Length of the before/after windows around the gate (default 30 days). */
  readonly windowMs?: number;
  /** How long after the depeg the pool's recovery is measured (default 7 days). */
  readonly recoveryMs?: number;
}

/** A step function of time, recorded as it changes. */
class Steps {
  readonly t: number[] = [];
  readonly v: number[] = [];

  set(t: number, v: number): void {
    const n = this.t.length;
    if (n > 0 && this.t[n - 1] === t) this.v[n - 1] = v;
    else {
      this.t.push(t);
      this.v.push(v);
    }
  }

  at(t: number): number {
    let lo = 0;
    let hi = this.t.length - 1;
    if (hi < 0 || t < this.t[0]!) return Number.NaN;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.t[mid]! <= t) lo = mid;
      else hi = mid - 1;
    }
    return this.v[lo]!;
  }

  /** Time-weighted mean over [a, b). */
  mean(a: number, b: number): number {
    if (!(b > a)) return Number.NaN;
    let sum = 0;
    let t = a;
    let v = this.at(a);
    for (let i = 0; i < this.t.length; i++) {
      const ti = this.t[i]!;
      if (ti <= a) continue;
      if (ti >= b) break;
      sum += v * (ti - t);
      t = ti;
      v = this.v[i]!;
    }
    sum += v * (b - t);
    return sum / (b - a);
  }

  /** Lowest value over [a, b] and when. */
  min(a: number, b: number): { value: number; t: number } {
    let best = { value: this.at(a), t: a };
    for (let i = 0; i < this.t.length; i++) {
      const ti = this.t[i]!;
      if (ti <= a) continue;
      if (ti > b) break;
      if (this.v[i]! < best.value) best = { value: this.v[i]!, t: ti };
    }
    return best;
  }

  /** Highest value over [a, b]. */
  max(a: number, b: number): number {
    let best = this.at(a);
    for (let i = 0; i < this.t.length; i++) {
      const ti = this.t[i]!;
      if (ti <= a) continue;
      if (ti > b) break;
      if (this.v[i]! > best) best = this.v[i]!;
    }
    return best;
  }
}

/**
 * The emergence metrics of the slow-side crises (a fund that gates, LPs that leave, a stablecoin
 * off its peg), measured from the event log as it is written:
 *
 * - the gate: when the fund's first gate went up, the time-weighted mean discount of the AMM to
 *   NAV (1 - price / NAV) over the window before it, from the first news to it, and over the
 *   window after it, the deepest discount after it, and the arbitrageurs' trades before it and in
 *   the window after it (the redemption floor, and its disappearance);
 * - the pool's liquidity (sqrt of the reserves' product, which trades leave alone and LPs move):
 *   the first LP withdrawal, the lowest liquidity and when, the liquidity at the end, and the
 *   liquidity the pool had at each liquidation (did liquidators sell into a thin pool?);
 * - a depeg window: the lowest liquidity inside it, the liquidity `recoveryMs` after it, and the
 *   liquidations inside it (until a day after the peg is back) and outside.
 *
 * Liquidity figures are shares of the pool's liquidity at the start.
 */
export class StressMetrics {
  private readonly ratio = new Steps();
  private readonly liquidity = new Steps();
  private readonly initialLiquidity: number;
  private lastPrice: number;
  private gateMs = Number.NaN;
  private firstNewsMs = Number.NaN;
  private arbBefore = 0;
  private arbAfter = 0;
  private readonly arbitrageurs: ReadonlySet<string>;
  private maxQueue = 0;
  private firstExitMs = Number.NaN;
  private liquidationLiquidity = 0;
  private liquidations = 0;
  private inDepeg = 0;

  constructor(
    recorder: Recorder,
    private readonly options: StressMetricsOptions,
  ) {
    this.arbitrageurs = new Set(options.arbitrageurs);
    this.initialLiquidity = options.liquidity();
    this.lastPrice = options.price();
    const now = options.now();
    this.liquidity.set(now, 1);
    this.ratio.set(now, this.lastPrice / options.nav());
    recorder.onEvent((event) => this.observe(event));
  }

  private observe(event: LoggedEvent): void {
    const data = event.data as Record<string, unknown>;
    switch (event.type) {
      case 'news':
        if (Number.isNaN(this.firstNewsMs)) this.firstNewsMs = event.t;
        return;
      case 'amm.trade':
        if (data['pool'] !== this.options.pool) return;
        this.lastPrice = data['priceAfter'] as number;
        this.ratio.set(event.t, this.lastPrice / this.options.nav());
        if (this.arbitrageurs.has(event.actor)) {
          if (Number.isNaN(this.gateMs)) this.arbBefore++;
          else if (event.t < this.gateMs + (this.options.windowMs ?? 30 * DAY)) this.arbAfter++;
        }
        return;
      case 'fund.nav':
      case 'fund.window':
        this.ratio.set(event.t, this.lastPrice / this.options.nav());
        return;
      case 'fund.policy':
        if (Number.isNaN(this.gateMs) && data['change'] === 'set-gate' && data['gate'] !== null && data['gate'] !== undefined) this.gateMs = event.t;
        return;
      case 'fund.request':
        if ((data['queueShareOfNav'] as number) > this.maxQueue) this.maxQueue = data['queueShareOfNav'] as number;
        return;
      case 'amm.liquidity':
        if (data['pool'] !== this.options.pool) return;
        if (data['change'] === 'removed' && Number.isNaN(this.firstExitMs)) this.firstExitMs = event.t;
        this.liquidity.set(event.t, this.share());
        return;
      case 'lending.liquidation': {
        this.liquidations++;
        this.liquidationLiquidity += this.share();
        const d = this.options.depeg;
        if (d && event.t >= d.startMs && event.t <= d.endMs + DAY) this.inDepeg++;
        return;
      }
      default:
    }
  }

  private share(): number {
    return this.initialLiquidity > 0 ? this.options.liquidity() / this.initialLiquidity : Number.NaN;
  }

  summary(): Record<string, number | null> {
    const end = this.options.now();
    const window = this.options.windowMs ?? 30 * DAY;
    const num = (x: number) => (Number.isFinite(x) ? x : null);
    const days = (ms: number) => (Number.isFinite(ms) ? ms / DAY : null);
    const gate = this.gateMs;
    const gated = !Number.isNaN(gate);
    const lowest = this.liquidity.min(0, end);
    const out: Record<string, number | null> = {
      gate_day: days(gate),
      discount_before_gate: gated ? num(1 - this.ratio.mean(Math.max(0, gate - window), gate)) : null,
      // From the first news to the gate: the run on the fund while redemptions were still open.
      discount_news_to_gate: gated && this.firstNewsMs < gate ? num(1 - this.ratio.mean(this.firstNewsMs, gate)) : null,
      discount_after_gate: gated ? num(1 - this.ratio.mean(gate, Math.min(end, gate + window))) : null,
      max_discount_after_gate: gated ? num(1 - this.ratio.min(gate, end).value) : null,
      arb_trades_before_gate: this.arbBefore,
      arb_trades_after_gate: gated ? this.arbAfter : null,
      redemption_queue_max: this.maxQueue,
      lp_exit_day: days(this.firstExitMs),
      liquidity_min_share: num(lowest.value),
      liquidity_min_day: days(lowest.t),
      liquidity_final_share: num(this.liquidity.at(end)),
      liquidation_liquidity_share: this.liquidations > 0 ? this.liquidationLiquidity / this.liquidations : null,
    };
    const d = this.options.depeg;
    if (d) {
      const recovered = Math.min(end, d.endMs + (this.options.recoveryMs ?? 7 * DAY));
      Object.assign(out, {
        depeg_start_day: d.startMs / DAY,
        depeg_end_day: d.endMs / DAY,
        depeg_liquidity_min_share: end >= d.startMs ? num(this.liquidity.min(d.startMs, Math.min(end, d.endMs)).value) : null,
        liquidity_after_depeg_share: end >= d.endMs ? num(this.liquidity.at(recovered)) : null,
        liquidations_in_depeg: this.inDepeg,
        liquidations_outside_depeg: this.liquidations - this.inDepeg,
      });
    }
    // Peak of the premium above NAV, for depegs that push the token's stablecoin price up.
    const premium = this.ratio.max(0, end) - 1;
    out['max_premium'] = num(Math.abs(premium) < 1e-12 ? 0 : premium);
    return out;
  }
}
