import { LoanBook } from './loan-book';
import type { LoanInput } from './loan-book-types';
import { normalCdf, normalInv, vasicekPdf, vasicekQuantile } from './stats';
import { seededUniform } from './testkit';
import { MONTH, YEAR } from './time';

// Statistical checks of the one-factor model. Every test uses fixed seeds (deterministic in CI)
// and a tolerance of 4 standard errors of the statistic, computed from sampling error as stated
// in each test: a correct model fails with probability < 1e-4 for a fresh seed.

function pool(n: number, grade: string, prefix = grade): LoanInput[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    principal: 1_000_000_000n,
    annualRate: 0.1,
    maturityMs: 10 * YEAR,
    grade,
  }));
}

function meanVar(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

describe('LoanBook default statistics', () => {
  it('a graded book defaults at its PD table over one year of monthly steps (rho = 0.15)', () => {
    // 3 grades x 500 loans, 300 independent one-year runs of 12 monthly steps. Each run's default
    // frequency per grade is one draw of a correlated (Vasicek-like) variable; its mean over runs
    // has SE = sample sd / sqrt(300). With a fresh Z each step a loan's chance of a credit event
    // in a month is exactly pd_month given survival, so the one-year frequency has mean exactly
    // 1 - (1 - pd_month)^12 = pd.
    const table = { A: 0.005, B: 0.02, C: 0.08 };
    const base = new LoanBook({
      id: 'graded',
      pdByGrade: table,
      recoveryRate: 0.4,
      rho: 0.15,
      loans: [...pool(500, 'A'), ...pool(500, 'B'), ...pool(500, 'C')],
    });
    const runs = 300;
    const freq: Record<string, number[]> = { A: [], B: [], C: [] };
    for (let r = 0; r < runs; r++) {
      const b = base.fork();
      const rng = seededUniform(1000 + r);
      const events: Record<string, number> = { A: 0, B: 0, C: 0 };
      for (let m = 1; m <= 12; m++) {
        for (const id of b.step(m * MONTH, rng).newDelinquencies) events[id[0] as string]!++;
      }
      for (const g of ['A', 'B', 'C']) freq[g]!.push(events[g]! / 500);
    }
    for (const [g, pd] of Object.entries(table)) {
      const { mean, variance } = meanVar(freq[g]!);
      const se = Math.sqrt(variance / runs);
      expect({ grade: g, withinTolerance: Math.abs(mean - pd) <= 4 * se }).toEqual({ grade: g, withinTolerance: true });
      // Guard against a degenerate SE: correlation must make the spread wider than binomial.
      expect(variance).toBeGreaterThan((pd * (1 - pd)) / 500);
    }
  });

  it('with rho = 0 the default count is binomial: mean Np, variance Np(1-p)', () => {
    // 2000 independent books of N = 1000 loans, PD 5%, one annual step. Sample mean SE =
    // sqrt(Npq / M); sample variance SE = Npq * sqrt(2/(M-1) + kappa/M) with the binomial excess
    // kurtosis kappa = (1 - 6pq) / (Npq).
    const N = 1000;
    const M = 2000;
    const p = 0.05;
    const base = new LoanBook({ id: 'iid', pdByGrade: { B: p }, recoveryRate: 0.4, rho: 0, loans: pool(N, 'B') });
    const rng = seededUniform(424242);
    const counts = Array.from({ length: M }, () => base.fork().step(YEAR, rng).newDelinquencies.length);
    const { mean, variance } = meanVar(counts);
    const npq = N * p * (1 - p);
    expect(Math.abs(mean - N * p)).toBeLessThanOrEqual(4 * Math.sqrt(npq / M));
    const kappa = (1 - 6 * p * (1 - p)) / npq;
    expect(Math.abs(variance - npq)).toBeLessThanOrEqual(4 * npq * Math.sqrt(2 / (M - 1) + kappa / M));
  });

  it('the 99% quantile of the simulated default rate matches the Vasicek closed form (N = 5000, M = 4000, rho = 0.2)', () => {
    // 4000 independent books of 5000 loans, PD 2%, rho 0.2, one annual step (so the step is
    // exactly the one-period Vasicek model). Closed form x99 = Phi((Phi^-1(0.02) + sqrt(0.2)
    // Phi^-1(0.99)) / sqrt(0.8)) = 0.12861.
    // (a) Distribution-free: the number of runs with DR <= x99 is Binomial(M, F(x99)); allow
    //     4 binomial SE = 4 sqrt(M 0.99 0.01) = 25.2 runs around 0.99 M.
    // (b) The empirical 0.99 quantile is within 4 SE of x99, SE = sqrt(q(1-q)/M) / f(x99) with f
    //     the Vasicek density (SE = 0.0062 here).
    // Finite N: the exact P(D/N <= x99) at N = 5000 is 0.98996 (scipy: binomial CDF integrated
    // over Z), i.e. 0.16 runs off 0.99 M, far inside the tolerance.
    const N = 5000;
    const M = 4000;
    const pd = 0.02;
    const rho = 0.2;
    const q = 0.99;
    const base = new LoanBook({ id: 'vasicek', pdByGrade: { B: pd }, recoveryRate: 0.4, rho, loans: pool(N, 'B') });
    const rng = seededUniform(99);
    const rates = Array.from({ length: M }, () => base.fork().step(YEAR, rng).newDelinquencies.length / N).sort((a, b) => a - b);
    const x99 = vasicekQuantile(pd, rho, q);
    expect(x99).toBeCloseTo(0.12861, 5);
    // Closed form written out, as in the brief.
    expect(x99).toBeCloseTo(normalCdf((normalInv(pd) + Math.sqrt(rho) * normalInv(q)) / Math.sqrt(1 - rho)), 15);

    const below = rates.filter((r) => r <= x99).length;
    expect(Math.abs(below - q * M)).toBeLessThanOrEqual(4 * Math.sqrt(M * q * (1 - q)));

    const empirical = rates[Math.ceil(q * M) - 1] as number;
    const seQ = Math.sqrt((q * (1 - q)) / M) / vasicekPdf(x99, pd, rho);
    expect(Math.abs(empirical - x99)).toBeLessThanOrEqual(4 * seQ);
    // The mean default rate is the PD: SE = sd / sqrt(M).
    const { mean, variance } = meanVar(rates);
    expect(Math.abs(mean - pd)).toBeLessThanOrEqual(4 * Math.sqrt(variance / M));
  });
});
