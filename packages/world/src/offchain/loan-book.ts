import { ModelConfigError, RevertError } from '../errors';
import type { UniformSource } from '../random';
import { fromBase, minBig, PPB, toPpb } from './fixed-point';
import type {
  CreditShock,
  DpdBucket,
  LoanBookConfig,
  LoanBookStepReport,
  LoanBookSummary,
  LoanInput,
  LoanState,
  LoanView,
  WriteDownPolicy,
} from './loan-book-types';
import { conditionalPd, normalInv, openUniform, periodPd } from './stats';
import { DAY, MONTH, YEAR } from './time';
import { checkAmount, checkDecimals, checkFraction, checkId, checkMs, checkNumber } from './validate';

const YEAR_BIG = BigInt(YEAR);
// Module-level aliases: global lookups (Math.*) in per-loan loops are slow inside jest's vm
// context, and a captured const costs nothing elsewhere.
const floor = Math.floor;

// Loan status codes in the state arrays.
const PERFORMING = 0;
const DELINQUENT = 1;
const DEFAULTED = 2;
const RECOVERED = 3;
const REPAID = 4;
const STATES: readonly LoanState[] = ['performing', 'delinquent', 'defaulted', 'recovered', 'repaid'];

/** Validated parameters, shared by forks. */
interface Params {
  readonly id: string;
  readonly cashDecimals: number;
  readonly rho: number;
  readonly phi: number;
  readonly defaultAfterMs: number;
  readonly recoveryLagMs: number;
  readonly grades: readonly string[];
  readonly pd: readonly number[];
  readonly recovery: readonly number[];
  readonly recoveryPpb: readonly bigint[];
  readonly writeDown: Readonly<Record<DpdBucket, number>>;
}

/** The loans' fixed terms, column-wise, shared by forks. */
interface Tape {
  readonly ids: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly grade: Uint16Array;
  readonly principal: readonly bigint[];
  /** principal in whole cash units, for marks. */
  readonly par: Float64Array;
  readonly rate: Float64Array;
  /** principal * rate in ppb: the integer interest weight. */
  readonly weight: readonly bigint[];
  readonly maturity: Float64Array;
}

interface ActiveShock {
  readonly atMs: number;
  readonly endMs: number;
  readonly systematicZ: number | undefined;
  readonly pdMultiplier: number;
  used: boolean;
}

/** Everything a step changes. */
interface State {
  status: Uint8Array;
  /** Step time of the credit event, NaN if none. */
  missedAt: Float64Array;
  /** Step time the recovery was booked, NaN if none. */
  recoveredAt: Float64Array;
  recoveredCash: Map<number, bigint>;
  cash: bigint;
  /** Sum of interest weights of performing loans, kept so a step needs no per-loan bigint. */
  performingWeight: bigint;
  lastStepMs: number;
  lastZ: number;
  shocks: ActiveShock[];
  everMissed: number;
}

/**
 * A private-credit loan book with correlated defaults (one-factor Vasicek / Gaussian copula).
 *
 * Each `step(nowMs, rng)` covers (lastStep, nowMs]: performing loans pay simple interest and
 * principal at maturity (bullet loans); then one systematic factor Z ~ N(0,1) is drawn and each
 * performing loan i gets e_i ~ N(0,1), latent X_i = sqrt(rho) Z + sqrt(1 - rho) e_i, and has a
 * credit event (first missed payment) when X_i < Phi^-1(pd_step), where
 * pd_step = 1 - (1 - pd)^(dt / YEAR). The comparison is done in the equivalent form
 * u_i < Phi((Phi^-1(pd_step) - sqrt(rho) Z) / sqrt(1 - rho)) with e_i = Phi^-1(u_i): the same
 * event draw for draw, without a quantile per loan. A loan that misses never cures: it is
 * delinquent with days past due counted from the step that saw the miss, defaulted at
 * `defaultAfterDays`, and recovered `recoveryLagMs` later at `recoveryRate` of principal.
 *
 * The mark (`value`) follows a write-down policy: performing at par, delinquent at
 * (1 - writeDown[bucket]) of principal, defaulted at the expected recovery, plus collected cash
 * and interest accrued since the last step. Marks move only on steps (servicer reports).
 *
 * Draws per step: exactly 1 + (number of loans): one uniform for Z, then one per loan on the
 * tape in loan order, whether it is still performing or not. A shock that forces Z still
 * consumes Z's uniform. So two runs from the same seed (e.g. with and without a shock, or with
 * different mitigations upstream) see the same idiosyncratic draw for loan i at step s: common
 * random numbers. `fork()` copies the state for such counterfactual runs.
 */
export class LoanBook {
  private params!: Params;
  private tape!: Tape;
  private s!: State;

  constructor(config: LoanBookConfig) {
    this.params = buildParams(config);
    this.tape = buildTape(`loanBook[${this.params.id}]`, config.loans, this.params);
    const n = this.tape.ids.length;
    this.s = {
      status: new Uint8Array(n),
      missedAt: new Float64Array(n).fill(NaN),
      recoveredAt: new Float64Array(n).fill(NaN),
      recoveredCash: new Map(),
      cash: checkAmount(`loanBook[${this.params.id}].initialCash`, config.initialCash ?? 0n),
      performingWeight: this.tape.weight.reduce((a, w) => a + w, 0n),
      lastStepMs: checkMs(`loanBook[${this.params.id}].startMs`, config.startMs ?? 0),
      lastZ: 0,
      shocks: [],
      everMissed: 0,
    };
  }

  get id(): string {
    return this.params.id;
  }

  get cashDecimals(): number {
    return this.params.cashDecimals;
  }

  get rho(): number {
    return this.params.rho;
  }

  get factorAutocorrelation(): number {
    return this.params.phi;
  }

  /** Number of loans on the tape (all states). */
  get size(): number {
    return this.tape.ids.length;
  }

  /** Time of the last step (the book's clock). */
  get lastStepAtMs(): number {
    return this.s.lastStepMs;
  }

  /** Systematic factor of the last step (0 before any step). */
  get lastFactor(): number {
    return this.s.lastZ;
  }

  /** The grades of the PD table, in table order. */
  grades(): readonly string[] {
    return this.params.grades.slice();
  }

  /** Annual PD of a grade. */
  pdOf(grade: string): number {
    const g = this.params.grades.indexOf(grade);
    if (g < 0) throw new RevertError(`unknown grade ${JSON.stringify(grade)}`);
    return this.params.pd[g] as number;
  }

  /** Collected cash not yet drawn, base units. */
  cashBalance(): bigint {
    return this.s.cash;
  }

  /**
   * NAV mark in whole cash units: cash + loan marks + interest accrued on performing loans since
   * the last step (simple interest, up to maturity).
   */
  value(nowMs: number): number {
    const { par, rate, maturity } = this.tape;
    const { status, lastStepMs } = this.s;
    let total = fromBase(this.s.cash, this.params.cashDecimals);
    let accrued = 0;
    for (let i = 0; i < status.length; i++) {
      if (status[i] === PERFORMING) {
        total += par[i] as number;
        const m = maturity[i] as number;
        const end = nowMs < m ? nowMs : m;
        if (end > lastStepMs) accrued += (par[i] as number) * (rate[i] as number) * (end - lastStepMs);
      } else if (status[i] === DELINQUENT || status[i] === DEFAULTED) {
        total += this.markOf(i);
      }
    }
    return total + accrued / YEAR;
  }

  /** Release up to `maxCash` of collected interest, principal and recoveries. */
  drawCash(_nowMs: number, maxCash: bigint): bigint {
    const out = minBig(this.s.cash, maxCash < 0n ? 0n : maxCash);
    this.s.cash -= out;
    return out;
  }

  /** Snapshot of every loan as of the last step. */
  loanViews(): LoanView[] {
    return this.tape.ids.map((_, i) => this.view(i));
  }

  loan(id: string): LoanView {
    const i = this.tape.index.get(id);
    if (i === undefined) throw new RevertError(`no loan ${JSON.stringify(id)} in book ${this.id}`);
    return this.view(i);
  }

  summary(): LoanBookSummary {
    const count = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<LoanState, number>;
    const principal = Object.fromEntries(STATES.map((s) => [s, 0n])) as Record<LoanState, bigint>;
    const { status } = this.s;
    for (let i = 0; i < status.length; i++) {
      const st = STATES[status[i] as number] as LoanState;
      count[st]++;
      if (status[i] !== RECOVERED && status[i] !== REPAID) principal[st] += this.tape.principal[i] as bigint;
    }
    return {
      count,
      principal,
      cash: this.s.cash,
      cumulativeDefaultRate: status.length === 0 ? 0 : this.s.everMissed / status.length,
    };
  }

  /** An independent copy of this book (same loans, parameters and state) for what-if runs. */
  fork(): LoanBook {
    const b = Object.create(LoanBook.prototype) as LoanBook;
    const s = this.s;
    b.params = this.params;
    b.tape = this.tape;
    b.s = {
      status: s.status.slice(),
      missedAt: s.missedAt.slice(),
      recoveredAt: s.recoveredAt.slice(),
      recoveredCash: new Map(s.recoveredCash),
      cash: s.cash,
      performingWeight: s.performingWeight,
      lastStepMs: s.lastStepMs,
      lastZ: s.lastZ,
      shocks: s.shocks.map((x) => ({ ...x })),
      everMissed: s.everMissed,
    };
    return b;
  }

  /**
   * Register a credit shock (a default wave): force the systematic factor and/or scale PDs for
   * the steps it covers. Several active shocks multiply their PD multipliers; the most recently
   * applied forced Z wins.
   */
  applyShock(shock: CreditShock): void {
    const atMs = shock.atMs ?? this.s.lastStepMs;
    if (!Number.isInteger(atMs) || atMs < this.s.lastStepMs) {
      throw new RevertError(`shock.atMs must be an integer >= the book clock ${this.s.lastStepMs}, got ${atMs}`);
    }
    const z = shock.systematicZ;
    if (z !== undefined && !Number.isFinite(z)) throw new RevertError(`shock.systematicZ must be finite, got ${z}`);
    const m = shock.pdMultiplier ?? 1;
    if (!Number.isFinite(m) || m < 0) throw new RevertError(`shock.pdMultiplier must be a finite number >= 0, got ${m}`);
    const d = shock.durationMs ?? 0;
    if (!Number.isInteger(d) || d < 0) throw new RevertError(`shock.durationMs must be an integer >= 0, got ${d}`);
    this.s.shocks.push({ atMs, endMs: atMs + d, systematicZ: z, pdMultiplier: m, used: false });
  }

  /** Advance the book to `nowMs` (> last step), drawing credit events from `rng`. */
  step(nowMs: number, rng: UniformSource): LoanBookStepReport {
    const s = this.s;
    const { grade, principal, weight, maturity, ids } = this.tape;
    const { rho, phi, grades, pd, recoveryPpb, defaultAfterMs, recoveryLagMs } = this.params;
    const t0 = s.lastStepMs;
    if (!Number.isInteger(nowMs) || nowMs <= t0) throw new RevertError(`step time must be an integer after ${t0}, got ${nowMs}`);
    const dt = nowMs - t0;
    const status = s.status;
    const n = status.length;

    // Cash flows of the period: interest on performing loans (each up to its maturity), principal
    // at maturity. Interest = floor(sum_i principal_i * rate_i * accrualMs_i / YEAR): one rounding
    // per step for the whole book.
    let matured = 0n;
    let partial = 0n;
    const repayments: Array<{ loanId: string; principal: bigint }> = [];
    for (let i = 0; i < n; i++) {
      if (status[i] !== PERFORMING || (maturity[i] as number) > nowMs) continue;
      const m = maturity[i] as number;
      if (m > t0) partial += (weight[i] as bigint) * BigInt(m - t0);
      matured += weight[i] as bigint;
      status[i] = REPAID;
      s.cash += principal[i] as bigint;
      repayments.push({ loanId: ids[i] as string, principal: principal[i] as bigint });
    }
    s.performingWeight -= matured;
    const interest = (s.performingWeight * BigInt(dt) + partial) / (PPB * YEAR_BIG);
    s.cash += interest;

    // Delinquency clock: defaults and recoveries fall due on schedule.
    const newDefaults: string[] = [];
    const recoveries: Array<{ loanId: string; cash: bigint }> = [];
    for (let i = 0; i < n; i++) {
      const st = status[i];
      if (st !== DELINQUENT && st !== DEFAULTED) continue;
      const defaultAt = (s.missedAt[i] as number) + defaultAfterMs;
      if (st === DELINQUENT && nowMs >= defaultAt) {
        status[i] = DEFAULTED;
        newDefaults.push(ids[i] as string);
      }
      if (status[i] === DEFAULTED && nowMs >= defaultAt + recoveryLagMs) {
        const cash = ((principal[i] as bigint) * (recoveryPpb[grade[i] as number] as bigint)) / PPB;
        status[i] = RECOVERED;
        s.recoveredAt[i] = nowMs;
        s.recoveredCash.set(i, cash);
        s.cash += cash;
        recoveries.push({ loanId: ids[i] as string, cash });
      }
    }

    // The systematic factor, then new credit events correlated through it.
    const eps = normalInv(openUniform(rng));
    let z = phi * s.lastZ + Math.sqrt(1 - phi * phi) * eps;
    let multiplier = 1;
    let shocked = false;
    for (const sh of s.shocks) {
      // A step (t0, nowMs] is hit if it overlaps [atMs, endMs], and the first step ending at or
      // after atMs is always hit so an instantaneous shock is not lost between steps.
      if (sh.atMs > nowMs || (sh.used && sh.endMs <= t0)) continue;
      shocked = true;
      sh.used = true;
      if (sh.systematicZ !== undefined) z = sh.systematicZ;
      multiplier *= sh.pdMultiplier;
    }
    s.shocks = s.shocks.filter((sh) => !(sh.used && sh.endMs <= nowMs));
    s.lastZ = z;

    const condByIndex = grades.map((_, g) => conditionalPd(periodPd(Math.min(1, (pd[g] as number) * multiplier), dt), rho, z));
    const hit = drawCreditEvents(status, grade, condByIndex, rng);
    const newDelinquencies: string[] = new Array<string>(hit.length);
    for (let k = 0; k < hit.length; k++) {
      const i = hit[k] as number;
      status[i] = DELINQUENT;
      s.missedAt[i] = nowMs;
      s.performingWeight -= weight[i] as bigint;
      newDelinquencies[k] = ids[i] as string;
    }
    s.everMissed += hit.length;

    s.lastStepMs = nowMs;
    return {
      bookId: this.id,
      fromMs: t0,
      atMs: nowMs,
      z,
      shocked,
      conditionalPd: Object.fromEntries(grades.map((g, k) => [g, condByIndex[k] as number])),
      newDelinquencies,
      newDefaults,
      recoveries,
      repayments,
      interest,
      value: this.value(nowMs),
    };
  }

  /** Days-past-due bucket for a number of days past due. */
  static bucketOf(daysPastDue: number): DpdBucket {
    if (daysPastDue >= 90) return 'dpd90';
    if (daysPastDue >= 60) return 'dpd60';
    if (daysPastDue >= 30) return 'dpd30';
    return 'dpd0';
  }

  private daysPastDue(i: number): number {
    return this.s.status[i] === DELINQUENT ? floor((this.s.lastStepMs - (this.s.missedAt[i] as number)) / DAY) : 0;
  }

  private markOf(i: number): number {
    const par = this.tape.par[i] as number;
    switch (this.s.status[i]) {
      case PERFORMING:
        return par;
      case DELINQUENT:
        return par * (1 - this.params.writeDown[LoanBook.bucketOf(this.daysPastDue(i))]);
      case DEFAULTED:
        return par * (this.params.recovery[this.tape.grade[i] as number] as number);
      default:
        return 0;
    }
  }

  private view(i: number): LoanView {
    const s = this.s;
    const missed = s.missedAt[i] as number;
    const recovered = s.recoveredAt[i] as number;
    const st = s.status[i] as number;
    return {
      id: this.tape.ids[i] as string,
      grade: this.params.grades[this.tape.grade[i] as number] as string,
      principal: this.tape.principal[i] as bigint,
      annualRate: this.tape.rate[i] as number,
      maturityMs: this.tape.maturity[i] as number,
      state: STATES[st] as LoanState,
      missedAtMs: Number.isNaN(missed) ? null : missed,
      defaultedAtMs: st === DEFAULTED || st === RECOVERED ? missed + this.params.defaultAfterMs : null,
      recoveredAtMs: Number.isNaN(recovered) ? null : recovered,
      recoveredCash: s.recoveredCash.get(i) ?? 0n,
      daysPastDue: this.daysPastDue(i),
      mark: this.markOf(i),
    };
  }
}

/**
 * One uniform per loan on the tape, in loan order, performing or not, so the i-th loan's draw in
 * a step is the same whatever happened before (runs that diverge keep common random numbers).
 * Returns the performing loans with u < the conditional PD of their grade. Kept apart from
 * step's bigint bookkeeping so this hot loop stays monomorphic.
 */
function drawCreditEvents(status: Uint8Array, grade: Uint16Array, cond: readonly number[], rng: UniformSource): number[] {
  const hit: number[] = [];
  const n = status.length;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    if (!(u >= 0 && u < 1)) throw new RangeError(`UniformSource.next() must return a number in [0, 1), got ${u}`);
    if (status[i] === PERFORMING && u < (cond[grade[i] as number] as number)) hit.push(i);
  }
  return hit;
}

function buildParams(config: LoanBookConfig): Params {
  const id = checkId('loanBook.id', config.id);
  const p = `loanBook[${id}]`;
  const cashDecimals = checkDecimals(`${p}.cashDecimals`, config.cashDecimals ?? 6);
  const rho = checkFraction(`${p}.rho`, config.rho);
  const phi = checkFraction(`${p}.factorAutocorrelation`, config.factorAutocorrelation ?? 0, true);
  const defaultAfterDays = checkNumber(`${p}.defaultAfterDays`, config.defaultAfterDays ?? 90, { integer: true, min: 0 });
  const recoveryLagMs = checkMs(`${p}.recoveryLagMs`, config.recoveryLagMs ?? 12 * MONTH);

  const table = config.pdByGrade;
  if (table === null || typeof table !== 'object' || Object.keys(table).length === 0) {
    throw new ModelConfigError(`${p}.pdByGrade`, 'must be a non-empty record grade -> annual PD', table);
  }
  const grades = Object.keys(table);
  if (grades.length > 65535) throw new ModelConfigError(`${p}.pdByGrade`, 'must have at most 65535 grades', grades.length);
  const pd = grades.map((g) => checkFraction(`${p}.pdByGrade[${g}]`, table[g]));

  const r = config.recoveryRate;
  let recovery: number[];
  if (typeof r === 'number') {
    const v = checkFraction(`${p}.recoveryRate`, r);
    recovery = grades.map(() => v);
  } else if (r !== null && typeof r === 'object') {
    for (const g of Object.keys(r)) {
      if (!grades.includes(g)) throw new ModelConfigError(`${p}.recoveryRate[${g}]`, `must name a grade of pdByGrade (${grades.join(', ')})`, g);
    }
    recovery = grades.map((g) => checkFraction(`${p}.recoveryRate[${g}]`, r[g]));
  } else {
    throw new ModelConfigError(`${p}.recoveryRate`, 'must be a fraction in [0, 1] or a record grade -> fraction', r);
  }

  return {
    id,
    cashDecimals,
    rho,
    phi,
    defaultAfterMs: defaultAfterDays * DAY,
    recoveryLagMs,
    grades,
    pd,
    recovery,
    recoveryPpb: recovery.map(toPpb),
    writeDown: buildWriteDown(p, config.writeDown ?? {}),
  };
}

function buildWriteDown(p: string, wd: WriteDownPolicy): Record<DpdBucket, number> {
  const writeDown: Record<DpdBucket, number> = {
    dpd0: checkFraction(`${p}.writeDown.dpd0`, wd.dpd0 ?? 0),
    dpd30: checkFraction(`${p}.writeDown.dpd30`, wd.dpd30 ?? 0.1),
    dpd60: checkFraction(`${p}.writeDown.dpd60`, wd.dpd60 ?? 0.25),
    dpd90: checkFraction(`${p}.writeDown.dpd90`, wd.dpd90 ?? 0.5),
  };
  const order: DpdBucket[] = ['dpd0', 'dpd30', 'dpd60', 'dpd90'];
  for (let i = 1; i < order.length; i++) {
    const k = order[i] as DpdBucket;
    const prev = order[i - 1] as DpdBucket;
    if (writeDown[k] < writeDown[prev]) {
      throw new ModelConfigError(`${p}.writeDown.${k}`, `must be >= writeDown.${prev} (${writeDown[prev]})`, writeDown[k]);
    }
  }
  return writeDown;
}

function buildTape(p: string, loans: readonly LoanInput[], params: Params): Tape {
  if (!Array.isArray(loans)) throw new ModelConfigError(`${p}.loans`, 'must be an array of loans', loans);
  const n = loans.length;
  const gradeIndex = new Map(params.grades.map((g, i) => [g, i]));
  const scale = 10 ** params.cashDecimals;
  const ratePpb = new Map<number, bigint>();
  const ids: string[] = new Array<string>(n);
  const index = new Map<string, number>();
  const grade = new Uint16Array(n);
  const principal: bigint[] = new Array<bigint>(n);
  const par = new Float64Array(n);
  const rate = new Float64Array(n);
  const weight: bigint[] = new Array<bigint>(n);
  const maturity = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const l = loans[i] as LoanInput;
    const g = gradeIndex.get(l?.grade);
    // Cheap checks first; the error path is only built when something is wrong.
    const ok =
      l !== null &&
      typeof l === 'object' &&
      typeof l.id === 'string' &&
      l.id.length > 0 &&
      g !== undefined &&
      typeof l.principal === 'bigint' &&
      l.principal >= 0n &&
      typeof l.annualRate === 'number' &&
      l.annualRate >= 0 &&
      l.annualRate <= 10 &&
      Number.isInteger(l.maturityMs) &&
      l.maturityMs >= 0;
    if (!ok) rejectLoan(`${p}.loans[${i}]`, l, params.grades);
    index.set(l.id, i);
    if (index.size !== i + 1) throw new ModelConfigError(`${p}.loans[${i}].id`, 'must be unique', l.id);
    let ppb = ratePpb.get(l.annualRate);
    if (ppb === undefined) ratePpb.set(l.annualRate, (ppb = toPpb(l.annualRate)));
    ids[i] = l.id;
    grade[i] = g as number;
    principal[i] = l.principal;
    par[i] = Number(l.principal) / scale;
    rate[i] = l.annualRate;
    weight[i] = l.principal * ppb;
    maturity[i] = l.maturityMs;
  }
  return { ids, index, grade, principal, par, rate, weight, maturity };
}

function rejectLoan(lp: string, l: LoanInput, grades: readonly string[]): never {
  if (l === null || typeof l !== 'object') throw new ModelConfigError(lp, 'must be a loan object', l);
  checkId(`${lp}.id`, l.id);
  if (!grades.includes(l.grade)) {
    throw new ModelConfigError(`${lp}.grade`, `must be one of ${grades.map((g) => JSON.stringify(g)).join(', ')}`, l.grade);
  }
  checkAmount(`${lp}.principal`, l.principal);
  checkNumber(`${lp}.annualRate`, l.annualRate, { min: 0, max: 10 });
  checkMs(`${lp}.maturityMs`, l.maturityMs);
  throw new ModelConfigError(lp, 'must be a valid loan', l);
}
