import { RevertError } from '../errors';
import { fromBase, minBig, PPB, toPpb } from './fixed-point';
import type { NavSource } from './nav-source';
import { MONTH, YEAR } from './time';
import { checkAmount, checkDecimals, checkFraction, checkId, checkMs, checkNumber, checkOneOf } from './validate';

/** Legal status of a property's title. */
export type TitleStatus = 'clear' | 'challenged' | 'frozen';

export interface PropertyConfig {
  id: string;
  /** Decimals of the cash asset rent is paid in (default 6). */
  cashDecimals?: number;
  /** Scenario time of the initial appraisal (default 0). */
  startMs?: number;
  /** Appraised (and true) value at startMs, whole cash units. */
  appraisedValue: number;
  /** Deterministic annual growth of the true value, > -1 (default 0). */
  annualGrowth?: number;
  /** Rent per rent period, cash base units. */
  monthlyRent: bigint;
  /** Time between rent payments (default MONTH); the first is at startMs + interval. */
  rentIntervalMs?: number;
  /** Time between scheduled appraisals, e.g. QUARTER or YEAR. */
  appraisalIntervalMs: number;
  /** First scheduled appraisal (default startMs + appraisalIntervalMs). */
  firstAppraisalMs?: number;
  /** Title status at start (default 'clear'). */
  titleStatus?: TitleStatus;
  /** Fraction knocked off the mark while the title is challenged / frozen (default 0 / 0). */
  titleMarkdown?: { challenged?: number; frozen?: number };
}

/** A regional shock, e.g. a hurricane: value and rent hit for a while, value partly restored. */
export interface PropertyShock {
  /** When it hits (default: the property's clock). */
  atMs?: number;
  /** Multiplier on true value while the shock lasts, > 0 (default 1). */
  valueFactor?: number;
  /** Multiplier on rent while the shock lasts, >= 0 (default 1; 0 = no rent). */
  rentFactor?: number;
  /** How long it lasts (default: forever). */
  durationMs?: number;
  /** Multiplier on true value after it ends, > 0 (default 1: fully repaired). */
  residualValueFactor?: number;
}

interface Shock {
  readonly atMs: number;
  readonly endMs: number;
  readonly valueFactor: number;
  readonly rentFactor: number;
  readonly residualValueFactor: number;
}

/**
 * A building held by an SPV. Its true value grows deterministically and moves with shocks; its
 * NAV mark only catches up on appraisal dates (scheduled every `appraisalIntervalMs`, or ad hoc
 * via `appraise`), which is the appraisal lag that lets a token trade away from NAV. Rent is paid
 * into the property's cash account each rent period (scaled by active shocks) and released with
 * drawCash. Title status gates what the world may do: transfers need a clear title; redemptions
 * stop while it is frozen.
 *
 * value(t) = trueValue(last appraisal <= t) * (1 - titleMarkdown[status(t)]) + rent cash(t).
 * Time: integer ms. Mutations (shocks, status changes, appraisals, draws) cannot be dated before
 * the latest one (RevertError), so past marks never change.
 */
export class Property implements NavSource {
  readonly id: string;
  readonly cashDecimals: number;
  readonly startMs: number;
  readonly appraisalIntervalMs: number;
  readonly firstAppraisalMs: number;
  readonly rentIntervalMs: number;
  private readonly v0: number;
  private readonly growth: number;
  private readonly rent: bigint;
  private readonly markdown: Readonly<Record<TitleStatus, number>>;
  private readonly shocks: Shock[] = [];
  private readonly statusHistory: Array<{ atMs: number; status: TitleStatus }>;
  private readonly adHocAppraisals: number[] = [];
  private drawn = 0n;
  private clockMs: number;

  constructor(config: PropertyConfig) {
    this.id = checkId('property.id', config.id);
    const p = `property[${this.id}]`;
    this.cashDecimals = checkDecimals(`${p}.cashDecimals`, config.cashDecimals ?? 6);
    this.startMs = checkMs(`${p}.startMs`, config.startMs ?? 0);
    this.v0 = checkNumber(`${p}.appraisedValue`, config.appraisedValue, { min: 0 });
    this.growth = checkNumber(`${p}.annualGrowth`, config.annualGrowth ?? 0, { min: -1, minExclusive: true });
    this.rent = checkAmount(`${p}.monthlyRent`, config.monthlyRent);
    this.rentIntervalMs = checkMs(`${p}.rentIntervalMs`, config.rentIntervalMs ?? MONTH, 1);
    this.appraisalIntervalMs = checkMs(`${p}.appraisalIntervalMs`, config.appraisalIntervalMs, 1);
    this.firstAppraisalMs = checkMs(`${p}.firstAppraisalMs`, config.firstAppraisalMs ?? this.startMs + this.appraisalIntervalMs, this.startMs);
    const status = checkOneOf(`${p}.titleStatus`, config.titleStatus ?? 'clear', ['clear', 'challenged', 'frozen'] as const);
    this.statusHistory = [{ atMs: this.startMs, status }];
    const md = config.titleMarkdown ?? {};
    this.markdown = {
      clear: 0,
      challenged: checkFraction(`${p}.titleMarkdown.challenged`, md.challenged ?? 0),
      frozen: checkFraction(`${p}.titleMarkdown.frozen`, md.frozen ?? 0),
    };
    this.clockMs = this.startMs;
  }

  /** Latest time of a mutation. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** What the building is worth at t (known to the world only through appraisals). */
  trueValue(nowMs: number): number {
    let v = this.v0 * (1 + this.growth) ** ((nowMs - this.startMs) / YEAR);
    for (const s of this.shocks) {
      if (nowMs < s.atMs) continue;
      v *= nowMs < s.endMs ? s.valueFactor : s.residualValueFactor;
    }
    return v;
  }

  /** Time of the appraisal the mark at t is based on. */
  lastAppraisalMs(nowMs: number): number {
    let last = this.startMs;
    if (nowMs >= this.firstAppraisalMs) {
      last = this.firstAppraisalMs + Math.floor((nowMs - this.firstAppraisalMs) / this.appraisalIntervalMs) * this.appraisalIntervalMs;
    }
    for (const a of this.adHocAppraisals) if (a <= nowMs && a > last) last = a;
    return last;
  }

  /** Next scheduled appraisal strictly after t. */
  nextAppraisalMs(nowMs: number): number {
    if (nowMs < this.firstAppraisalMs) return this.firstAppraisalMs;
    return this.firstAppraisalMs + (Math.floor((nowMs - this.firstAppraisalMs) / this.appraisalIntervalMs) + 1) * this.appraisalIntervalMs;
  }

  /** Appraised value at t, before any title markdown. */
  appraisedValue(nowMs: number): number {
    return this.trueValue(this.lastAppraisalMs(nowMs));
  }

  titleStatus(nowMs: number): TitleStatus {
    let status = (this.statusHistory[0] as { status: TitleStatus }).status;
    for (const h of this.statusHistory) if (h.atMs <= nowMs) status = h.status;
    return status;
  }

  /** The asset may change hands (sale, title transfer) only with a clear title. */
  transferAllowed(nowMs: number): boolean {
    return this.titleStatus(nowMs) === 'clear';
  }

  /** A fund holding it may pay redemptions unless the title is frozen. */
  redemptionAllowed(nowMs: number): boolean {
    return this.titleStatus(nowMs) !== 'frozen';
  }

  /** Rent paid in up to t (all periods ending <= t), base units. */
  rentCollected(nowMs: number): bigint {
    let total = 0n;
    for (let t = this.startMs + this.rentIntervalMs; t <= nowMs; t += this.rentIntervalMs) {
      total += (this.rent * toPpb(this.rentFactor(t))) / PPB;
    }
    return total;
  }

  /** Rent collected and not yet drawn, base units. */
  cashBalance(nowMs: number): bigint {
    return this.rentCollected(nowMs) - this.drawn;
  }

  /** NAV mark, whole cash units. */
  value(nowMs: number): number {
    const mark = this.appraisedValue(nowMs) * (1 - this.markdown[this.titleStatus(nowMs)]);
    return mark + fromBase(this.cashBalance(nowMs), this.cashDecimals);
  }

  /**
   * Release up to maxCash of rent collected by nowMs. Never throws (a fund calls it mid-window):
   * a draw dated before the property's clock simply sees the rent collected by then.
   */
  drawCash(nowMs: number, maxCash: bigint): bigint {
    if (nowMs > this.clockMs && Number.isInteger(nowMs)) this.clockMs = nowMs;
    const available = this.cashBalance(nowMs);
    const out = minBig(available > 0n ? available : 0n, maxCash < 0n ? 0n : maxCash);
    this.drawn += out;
    return out;
  }

  /** A regional shock (hurricane, flood, market crash) hitting value and rent. */
  applyShock(shock: PropertyShock): void {
    const atMs = shock.atMs ?? this.clockMs;
    this.checkTime(atMs);
    const vf = shock.valueFactor ?? 1;
    const rf = shock.rentFactor ?? 1;
    const residual = shock.residualValueFactor ?? 1;
    const d = shock.durationMs ?? Infinity;
    if (!(Number.isFinite(vf) && vf > 0)) throw new RevertError(`shock.valueFactor must be > 0, got ${vf}`);
    if (!(Number.isFinite(rf) && rf >= 0)) throw new RevertError(`shock.rentFactor must be >= 0, got ${rf}`);
    if (!(Number.isFinite(residual) && residual > 0)) throw new RevertError(`shock.residualValueFactor must be > 0, got ${residual}`);
    if (!(d === Infinity || (Number.isInteger(d) && d >= 0))) throw new RevertError(`shock.durationMs must be an integer >= 0, got ${d}`);
    this.clockMs = atMs;
    this.shocks.push({ atMs, endMs: atMs + d, valueFactor: vf, rentFactor: rf, residualValueFactor: residual });
  }

  /** Change the title's legal status from atMs on (a lawsuit, a court freeze, a settlement). */
  setTitleStatus(status: TitleStatus, atMs: number): void {
    this.checkTime(atMs);
    if (status !== 'clear' && status !== 'challenged' && status !== 'frozen') throw new RevertError(`unknown title status ${String(status)}`);
    this.clockMs = atMs;
    this.statusHistory.push({ atMs, status });
  }

  /** An unscheduled appraisal at atMs: the mark catches up with the true value. */
  appraise(atMs: number): number {
    this.checkTime(atMs);
    this.clockMs = atMs;
    this.adHocAppraisals.push(atMs);
    return this.appraisedValue(atMs);
  }

  private rentFactor(t: number): number {
    let f = 1;
    for (const s of this.shocks) if (t >= s.atMs && t < s.endMs) f *= s.rentFactor;
    return f;
  }

  private checkTime(atMs: number): void {
    if (!Number.isInteger(atMs) || atMs < this.clockMs) {
      throw new RevertError(`time must be an integer >= property ${this.id} clock ${this.clockMs}, got ${atMs}`);
    }
  }
}
