/** A loan as given to the book. Bullet repayment: interest each step, principal at maturity. */
export interface LoanInput {
  id: string;
  /** Cash base units. */
  principal: bigint;
  /** Simple annual interest rate, e.g. 0.11. */
  annualRate: number;
  /** Scenario time principal is due, integer ms. */
  maturityMs: number;
  /** A key of LoanBookConfig.pdByGrade. */
  grade: string;
}

/** Fraction of principal written off by days past due (DPD) bucket while delinquent. */
export interface WriteDownPolicy {
  /** 0-29 DPD (default 0). */
  dpd0?: number;
  /** 30-59 DPD (default 0.1). */
  dpd30?: number;
  /** 60-89 DPD (default 0.25). */
  dpd60?: number;
  /** 90+ DPD, only reached when defaultAfterDays > 90 (default 0.5). */
  dpd90?: number;
}

export interface LoanBookConfig {
  id: string;
  /** Decimals of the cash asset (default 6). */
  cashDecimals?: number;
  /** Scenario time the book starts at; the first step accrues from here (default 0). */
  startMs?: number;
  /** Cash already collected, base units (default 0). */
  initialCash?: bigint;
  /** Annual probability of a credit event (first missed payment, never cured) by grade, in [0, 1]. */
  pdByGrade: Readonly<Record<string, number>>;
  /** Share of principal recovered after default: one rate, or one per grade (all grades required). */
  recoveryRate: number | Readonly<Record<string, number>>;
  /** Asset correlation rho of the one-factor Gaussian copula, in [0, 1]. */
  rho: number;
  /**
   * AR(1) persistence phi of the systematic factor between steps, in [0, 1) (default 0:
   * independent each step). Z_t = phi Z_{t-1} + sqrt(1 - phi^2) eps_t keeps Z ~ N(0, 1).
   */
  factorAutocorrelation?: number;
  /** Days past due at which a delinquent loan is declared defaulted (default 90). */
  defaultAfterDays?: number;
  /** Time from default to the recovery cash arriving, ms (default 12 months). */
  recoveryLagMs?: number;
  writeDown?: WriteDownPolicy;
  loans: readonly LoanInput[];
}

export type LoanState = 'performing' | 'delinquent' | 'defaulted' | 'recovered' | 'repaid';

/** Delinquency bucket by days past due. */
export type DpdBucket = 'dpd0' | 'dpd30' | 'dpd60' | 'dpd90';

/** A read-only snapshot of one loan, as of the last step. */
export interface LoanView {
  readonly id: string;
  readonly grade: string;
  readonly principal: bigint;
  readonly annualRate: number;
  readonly maturityMs: number;
  readonly state: LoanState;
  /** Step time at which the credit event (first missed payment) was observed. */
  readonly missedAtMs: number | null;
  /** missedAtMs + defaultAfterDays. */
  readonly defaultedAtMs: number | null;
  readonly recoveredAtMs: number | null;
  /** Recovery cash received, base units. */
  readonly recoveredCash: bigint;
  /** Days past due at the last step (delinquent loans only, else 0). */
  readonly daysPastDue: number;
  /** NAV mark in whole cash units (excluding interest accrued since the last step). */
  readonly mark: number;
}

/** An exogenous credit shock, e.g. a scenario's default wave. */
export interface CreditShock {
  /** When the news lands; the first step ending at or after it is affected. Default: book clock. */
  atMs?: number;
  /** Force the systematic factor (e.g. -2.5 for a 1-in-160 bad period) for affected steps. */
  systematicZ?: number;
  /** Multiply annual PDs (capped at 1) for affected steps. */
  pdMultiplier?: number;
  /**
   * Steps (from, to] overlapping [atMs, atMs + durationMs] are affected, and always the first
   * step ending at or after atMs (default 0: that one step only).
   */
  durationMs?: number;
}

/** What one step did, for events and time series. */
export interface LoanBookStepReport {
  readonly bookId: string;
  readonly fromMs: number;
  readonly atMs: number;
  /** Systematic factor used for this step. */
  readonly z: number;
  /** Whether a shock set z or scaled PDs. */
  readonly shocked: boolean;
  /** Default probability for this step given z, by grade. */
  readonly conditionalPd: Readonly<Record<string, number>>;
  /** Loans that missed a payment in this step (credit events). */
  readonly newDelinquencies: readonly string[];
  /** Loans declared defaulted in this step. */
  readonly newDefaults: readonly string[];
  readonly recoveries: ReadonlyArray<{ readonly loanId: string; readonly cash: bigint }>;
  readonly repayments: ReadonlyArray<{ readonly loanId: string; readonly principal: bigint }>;
  /** Interest collected in this step, base units. */
  readonly interest: bigint;
  /** Book value after the step, whole cash units. */
  readonly value: number;
}

/** Aggregates for dashboards and agents' views. */
export interface LoanBookSummary {
  readonly count: Readonly<Record<LoanState, number>>;
  /** Outstanding principal by state, base units (recovered/repaid are 0). */
  readonly principal: Readonly<Record<LoanState, bigint>>;
  readonly cash: bigint;
  /** Loans that ever had a credit event / total loans. */
  readonly cumulativeDefaultRate: number;
}
