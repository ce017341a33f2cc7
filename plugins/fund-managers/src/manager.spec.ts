import { DAY, redeemFromFund } from '@paradox/sdk';
import { FUND, FUND_MANAGER, type RwaFundOptions, buildRwaLendingWorld, runInline } from '@paradox/lab';
import { LoanBook, StaticNavSource } from '@paradox/world';
import managers from './index';

const YEAR = 365 * DAY;
/** The fund's month: a twelfth of a 365-day year (the world's offchain/time.ts). */
const MONTH = YEAR / 12;

type Row = Record<string, unknown> & { t: number };

/**
 * A $10m fund (10m shares at $1.00: $3m cash, $7m of loans that release no cash), dealing
 * monthly, run by a manager agent. Holders `a` and `b` hold 2m shares each as tokens; the
 * script makes their redemption requests at fixed times.
 */
function simulate(options: {
  redemption?: unknown;
  marking?: unknown;
  fund?: Partial<RwaFundOptions>;
  requests?: readonly (readonly [day: number, holder: string, shares: number])[];
  horizonMs?: number;
  seed?: number;
}) {
  const refused: Row[] = [];
  const out = runInline({
    plugins: [managers],
    horizonMs: options.horizonMs ?? 3 * MONTH,
    seed: options.seed ?? 1,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 100_000, usd: 100_000 },
        fund: { shares: 10_000_000, cash: 3_000_000, assets: [new StaticNavSource('loans', 7_000_000)], ...options.fund },
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      w.giveRwa('a', 2_000_000);
      w.giveRwa('b', 2_000_000);
      run.place({
        plugin: 'fund-managers',
        kind: 'manager',
        id: FUND_MANAGER,
        config: { fund: FUND, ...(options.redemption ? { redemption: options.redemption } : {}), ...(options.marking ? { marking: options.marking } : {}) },
      });
      for (const [day, holder, shares] of options.requests ?? []) {
        run.kernel.scheduleAt(
          day * DAY,
          () =>
            w.world.submit(holder, redeemFromFund(FUND, w.rwa(shares)), (r) => {
              if (!r.ok) refused.push({ t: r.atMs, holder, reason: r.reason });
            }),
          null,
          { owner: undefined, label: 'a scripted redemption request' },
        );
      }
      return {
        summary: () => {
          const audit = w.fundMarket!.audit() ?? w.world.ledger.audit();
          if (audit) throw new Error(audit);
          return { usd_a: w.world.ledger.toNumber('USD', w.world.ledger.balanceOf('USD', 'a')), usd_b: w.world.ledger.toNumber('USD', w.world.ledger.balanceOf('USD', 'b')) };
        },
      };
    },
  });
  const rows = (type: string): Row[] => out.events(type).map((e) => ({ t: e['t'] as number, ...(JSON.parse(e['data'] as string) as Record<string, unknown>) }));
  const series = (name: string) =>
    out.sink
      .rows('series')
      .filter((r) => r['series'] === name)
      .map((r) => [r['t'] as number, r['value'] as number] as const);
  return { ...out, rows, series, refused, summary: out.result.summary };
}

const windows = (s: ReturnType<typeof simulate>) => s.rows('fund.window').map((w) => ({ t: w.t, paid: w['paid'], gated: w['gated'], status: w['redemptionStatus'] }));

describe('fund-managers: gate', () => {
  const gate = { policy: 'gate', maxShareOfNav: 0.05, whenQueueAbove: 0.1 };

  it('does not gate while the queue stays below its trigger: the window pays in full', () => {
    const s = simulate({ redemption: gate, requests: [[1, 'a', 600_000]] });
    expect(s.rows('fund.policy')).toEqual([]);
    expect(s.rows('gate-engaged')).toEqual([]);
    expect(windows(s)[0]).toEqual({ t: MONTH, paid: 600_000, gated: false, status: 'processed' });
  });

  it('gates when, and only when, the queue crosses its trigger, and lifts the gate when it falls back', () => {
    // Day 1: 6% of NAV queued (below 10%). Day 5: 14%. The first window pays the 5% gate; the
    // 9% left is below the trigger, so the gate is lifted and the second window pays it all.
    const s = simulate({ redemption: gate, requests: [[1, 'a', 600_000], [5, 'b', 800_000]] });
    expect(s.rows('gate-engaged').map((e) => e.t)).toEqual([5 * DAY]);
    expect(s.rows('gate-lifted').map((e) => e.t)).toEqual([MONTH]);
    expect(s.rows('fund.policy').map((e) => [e.t, e['gate']])).toEqual([
      [5 * DAY, { maxShareOfNav: 0.05 }],
      [MONTH, null],
    ]);
    expect(windows(s)).toEqual([
      { t: MONTH, paid: 500_000, gated: true, status: 'processed' },
      { t: 2 * MONTH, paid: 900_000, gated: false, status: 'processed' },
      { t: 3 * MONTH, paid: 0, gated: false, status: 'processed' },
    ]);
  });

  it('a cash trigger engages once a window takes cash below it, not before', () => {
    const cash = { policy: 'gate', maxShareOfNav: 0.02, whenQueueAbove: null, whenCashBelow: 0.25 };
    // Cash 30% of NAV: no gate. Paying $1m leaves $2m of $9m (22%): gate from then on.
    const s = simulate({ redemption: cash, requests: [[1, 'a', 1_000_000], [40, 'b', 1_000_000]] });
    expect(s.rows('gate-engaged').map((e) => e.t)).toEqual([MONTH]);
    expect(windows(s).map((w) => [w.paid, w.gated])).toEqual([
      [1_000_000, false],
      [180_000, true], // 2% of 9m shares
      [176_400, true], // 2% of 8.82m
    ]);
    // A fund that starts short of cash is gated from the start.
    const short = simulate({ redemption: cash, fund: { cash: 2_000_000, assets: [new StaticNavSource('loans', 8_000_000)] } });
    expect(short.rows('gate-engaged').map((e) => e.t)).toEqual([0]);
  });
});

describe('fund-managers: suspend', () => {
  it('suspends when requests take the queue above its threshold: payouts stop, new requests are refused, until it resumes', () => {
    const suspend = { policy: 'suspend', whenQueueAbove: 0.2, resumeAfterDays: 60 };
    const s = simulate({ redemption: suspend, requests: [[1, 'a', 1_000_000], [3, 'b', 1_500_000], [10, 'a', 100_000]] });
    expect(s.rows('suspended').map((e) => e.t)).toEqual([3 * DAY]);
    expect(s.refused).toEqual([expect.objectContaining({ t: 10 * DAY, holder: 'a', reason: expect.stringMatching(/suspended/) })]);
    expect(s.rows('resumed').map((e) => e.t)).toEqual([63 * DAY]);
    expect(windows(s)).toEqual([
      { t: MONTH, paid: 0, gated: false, status: 'suspended' },
      { t: 2 * MONTH, paid: 0, gated: false, status: 'suspended' },
      { t: 3 * MONTH, paid: 2_500_000, gated: false, status: 'processed' },
    ]);
    expect(s.rows('fund.redemption').map((e) => e.t)).toEqual([3 * MONTH, 3 * MONTH]);
  });

  it('without resumeAfterDays a suspended fund never pays; an honouring manager pays at the first window', () => {
    const requests = [[1, 'a', 1_000_000], [3, 'b', 1_500_000]] as const;
    const never = simulate({ redemption: { policy: 'suspend', whenQueueAbove: 0.2 }, requests });
    expect(never.summary).toEqual({ usd_a: 0, usd_b: 0 });
    const honour = simulate({ redemption: { policy: 'honour' }, requests });
    expect(honour.summary).toEqual({ usd_a: 1_000_000, usd_b: 1_500_000 });
  });
});

describe('fund-managers: honour and queue', () => {
  it('honour lifts a gate the fund was set up with', () => {
    const s = simulate({ redemption: { policy: 'honour' }, fund: { gate: { maxShareOfNav: 0.05 } }, requests: [[1, 'a', 2_000_000]] });
    expect(s.rows('fund.policy')).toEqual([expect.objectContaining({ t: 0, change: 'set-gate', gate: null })]);
    expect(windows(s)[0]).toMatchObject({ paid: 2_000_000, gated: false });
  });

  it('queue pays only out of cash above its buffer, never drawing on the assets', () => {
    const s = simulate({ redemption: { policy: 'queue', cashBuffer: 0.1 }, requests: [[1, 'a', 2_000_000], [1, 'b', 2_000_000]] });
    // Window 1: ($3m - 10% x $10m) / $10m = 20% -> 2m shares. Window 2: ($1m - $0.8m) / $8m
    // = 2.5% of 8m shares. Window 3: ($0.8m - $0.78m) / $7.8m of 7.8m shares: $20k.
    const paid = s.rows('fund.window').map((w) => [w['paid'], w['limitedBy'], w['drawn']]);
    expect(paid.slice(0, 2)).toEqual([
      [2_000_000, 'gate', 0],
      [200_000, 'gate', 0],
    ]);
    expect(paid[2]![0]).toBeCloseTo(20_000, 1);
    expect(paid[2]!.slice(1)).toEqual(['gate', 0]);
    const caps = s.rows('payout-cap').map((e) => e['cap'] as number);
    expect(caps.slice(0, 2)).toEqual([0.2, 0.025]);
    expect(caps[2]).toBeCloseTo(20_000 / 7_800_000, 12);
    // The loans never released a cent: what is not paid waits in the queue.
    expect(s.rows('fund.window').at(-1)!['queued']).toBeCloseTo(4_000_000 - 2_220_000, 1);
  });
});

describe('fund-managers: marking', () => {
  // A loan book: 200 loans of $40k (B grade, 5% PD), a credit event in month 2.
  const shockedBook = () => {
    const book = new LoanBook({
      id: 'book',
      pdByGrade: { B: 0.05 },
      recoveryRate: 0.4,
      rho: 0.2,
      writeDown: { dpd30: 0.5, dpd60: 0.5 },
      loans: Array.from({ length: 200 }, (_, i) => ({ id: `L${i}`, principal: 40_000n * 10n ** 6n, annualRate: 0, maturityMs: 5 * YEAR, grade: 'B' })),
    });
    book.applyShock({ atMs: 2 * MONTH, systematicZ: -3, pdMultiplier: 10 });
    return book;
  };
  const run = (marking: unknown, seed: number) =>
    simulate({ marking, fund: { cash: 2_000_000, assets: [], loanBook: shockedBook() }, horizonMs: 8 * MONTH, seed });
  const at = (series: readonly (readonly [number, number])[], t: number) => series.filter(([s]) => s <= t).at(-1)![1];

  it.each([1, 2, 3])('extend and pretend (seed %i): the reported NAV hides write-downs for the delay, then falls to the model', (seed) => {
    const model = run({ policy: 'model' }, seed);
    const pretend = run({ policy: 'extend-and-pretend', delayDays: 60 }, seed);
    const modelNav = model.series('fund.nav.fund');
    const pretendNav = pretend.series('fund.nav.fund');
    // The same loans default in both (the book's stream does not depend on the manager).
    expect(at(pretend.series('fund.model-nav.fund'), 8 * MONTH)).toBeCloseTo(at(modelNav, 8 * MONTH), 9);
    const hit = 3 * MONTH; // month 2's missed payments are 30 days past due: 50% write-downs
    expect(at(modelNav, hit)).toBeLessThan(at(modelNav, hit - 1) - 0.02);
    expect(at(pretendNav, hit + 59 * DAY)).toBeGreaterThan(at(modelNav, hit) + 0.02);
    expect(at(pretendNav, hit + 60 * DAY)).toBeLessThan(at(modelNav, hit) + 0.005);
    // Never below the model: only write-downs are delayed.
    for (const [t, v] of pretendNav) expect(v).toBeGreaterThanOrEqual(at(modelNav, t) - 1e-9);
  });
});
