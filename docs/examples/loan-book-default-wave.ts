import assert from 'node:assert/strict';
import type { LoanInput } from '../../packages/world/src/offchain';
import { conditionalPd, LoanBook, MONTH, periodPd, YEAR } from '../../packages/world/src/offchain';
import type { UniformSource } from '../../packages/world/src/random';

/** Any { next(): number } in [0, 1) will do; the engine passes a named, seeded stream. */
function mulberry32(seed: number): UniformSource {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/**
 * A default wave: news at month 3 forces the systematic factor to -2.5 for one monthly step.
 * The same book without the news, run on the same random stream, is the counterfactual.
 */
export default function example(): void {
  const grades = ['A', 'B', 'C'] as const;
  const loans: LoanInput[] = Array.from({ length: 900 }, (_, i) => ({
    id: `loan-${i}`,
    principal: 100_000_000_000n, // $100k at 6 decimals
    annualRate: 0.09 + 0.02 * (i % 3),
    maturityMs: 3 * YEAR,
    grade: grades[i % 3]!,
  }));
  const calm = new LoanBook({
    id: 'direct-lending',
    pdByGrade: { A: 0.01, B: 0.03, C: 0.08 },
    recoveryRate: { A: 0.7, B: 0.55, C: 0.4 },
    rho: 0.15,
    writeDown: { dpd30: 0.1, dpd60: 0.3 },
    loans,
  });
  const stressed = calm.fork();
  stressed.applyShock({ atMs: 3 * MONTH, systematicZ: -2.5 });

  const calmRng = mulberry32(7);
  const stressedRng = mulberry32(7);
  const missed = { calm: [] as string[], stressed: [] as string[] };
  const wave = { calm: 0, stressed: 0 };
  for (let m = 1; m <= 6; m++) {
    const c = calm.step(m * MONTH, calmRng);
    const s = stressed.step(m * MONTH, stressedRng);
    missed.calm.push(...c.newDelinquencies);
    missed.stressed.push(...s.newDelinquencies);
    if (m === 3) {
      // (2M, 3M] is the first step ending at or after the news.
      assert.equal(s.z, -2.5);
      wave.calm = c.newDelinquencies.length;
      wave.stressed = s.newDelinquencies.length;
      // Z = -2.5 is a 1-in-161 month (Phi(-2.5) = 0.0062). Grade C's monthly PD of 0.69% becomes
      // Phi((Phi^-1(pd_month) + sqrt(rho) 2.5) / sqrt(1 - rho)) = 5.3%.
      const pdMonth = periodPd(0.08, MONTH);
      assert.equal(s.conditionalPd['C'], conditionalPd(pdMonth, 0.15, -2.5));
      assert.ok(Math.abs(s.conditionalPd['C']! - 0.053) < 0.001);
    }
  }

  // Same idiosyncratic draws: everything that missed in the calm run missed under stress too.
  const hit = new Set(missed.stressed);
  assert.ok(missed.calm.every((id) => hit.has(id)));
  assert.ok(wave.stressed > 2 * wave.calm);
  // The wave reaches NAV through the write-down buckets, months before any recovery cash.
  assert.ok(stressed.value(6 * MONTH) < calm.value(6 * MONTH));
  assert.ok(stressed.summary().count.defaulted > 0);
  assert.equal(stressed.summary().count.recovered, 0);
}
