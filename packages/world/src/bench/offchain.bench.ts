// Off-chain asset throughput: loan-book steps, fund dealing windows, normal functions.
// Run: pnpm exec tsx packages/world/src/bench/offchain.bench.ts [loans] [steps]
// Prints one JSON object per line: {"bench":"offchain","case":...,"metric":...,"value":...}.
import { DAY, Fund, LoanBook, MONTH, normalCdf, normalInv, StaticNavSource, YEAR } from '../offchain';
import type { LoanInput } from '../offchain';
import { seededUniform } from '../offchain/testkit';

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: 'offchain', case: kase, metric, value }));
}

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

/** Monthly steps of a 3-grade book; each step draws 1 + loans uniforms and marks the book. */
function benchLoanBook(loans: number, steps: number): void {
  const grades = ['A', 'B', 'C'];
  const tape: LoanInput[] = Array.from({ length: loans }, (_, i) => ({
    id: `L${i}`,
    principal: 100_000_000_000n,
    annualRate: 0.08 + 0.01 * (i % 5),
    maturityMs: 2 * YEAR + (i % 365) * DAY,
    grade: grades[i % 3] as string,
  }));
  let book!: LoanBook;
  const build = time(() => {
    book = new LoanBook({ id: 'bench', pdByGrade: { A: 0.01, B: 0.03, C: 0.08 }, recoveryRate: 0.5, rho: 0.15, loans: tape });
  });
  emit(`loan-book construct ${loans} loans`, 'wall_s', build);
  const rng = seededUniform(1);
  book.fork().step(MONTH, rng); // warm-up
  const wall = time(() => {
    for (let s = 1; s <= steps; s++) book.step(s * MONTH, rng);
  });
  emit(`loan-book monthly step ${loans} loans`, 'wall_s', wall / steps);
  emit(`loan-book monthly step ${loans} loans`, 'loan_steps_per_s', (loans * steps) / wall);
  const forks = time(() => {
    for (let k = 0; k < 100; k++) book.fork();
  });
  emit(`loan-book fork ${loans} loans`, 'ops_per_s', 100 / forks);
}

/** Daily dealing with a pro-rata gated queue of `requests` redemptions and as many subscriptions. */
function benchFund(requests: number, windows: number): void {
  const holders: Record<string, bigint> = {};
  for (let i = 0; i < requests; i++) holders[`h${i}`] = 1_000_000n * 10n ** 18n;
  const fund = new Fund({
    id: 'bench',
    initialCash: 1_000_000_000n * 1_000_000n,
    initialHoldings: holders,
    assets: [new StaticNavSource('loans', 1_000_000_000)],
    dealing: 'daily',
    gate: { maxShareOfNav: 0.002 },
    queuePolicy: 'pro-rata',
    managementFeeAnnual: 0.01,
  });
  for (let i = 0; i < requests; i++) fund.requestRedemption({ holder: `h${i}`, shares: 500_000n * 10n ** 18n, atMs: 0 });
  let fills = 0;
  const wall = time(() => {
    for (let d = 1; d <= windows; d++) {
      fund.requestSubscription({ investor: `h${d % requests}`, cash: 1_000n * 1_000_000n, atMs: (d - 1) * DAY });
      for (const w of fund.processWindows(d * DAY)) fills += w.redemptions.fills.length;
    }
  });
  if (fills === 0) throw new Error('fund bench sanity check failed');
  emit(`fund daily window, ${requests} queued redemptions pro-rata`, 'wall_s', wall / windows);
  emit(`fund daily window, ${requests} queued redemptions pro-rata`, 'fills_per_s', fills / wall);
}

function benchNormals(n: number): void {
  let sink = 0;
  const inv = time(() => {
    for (let i = 1; i <= n; i++) sink += normalInv(i / (n + 1));
  });
  const cdf = time(() => {
    for (let i = 0; i < n; i++) sink += normalCdf(-8 + (16 * i) / n);
  });
  if (!Number.isFinite(sink)) throw new Error('normal bench sanity check failed');
  emit('normalInv (AS 241)', 'ops_per_s', n / inv);
  emit('normalCdf (Cody)', 'ops_per_s', n / cdf);
}

const loans = Number(process.argv[2] ?? 100_000);
const steps = Number(process.argv[3] ?? 60);
benchLoanBook(loans, steps);
benchFund(1_000, 200);
benchNormals(2_000_000);
