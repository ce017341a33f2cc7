import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandExperiment } from '../experiments/expand-experiment';
import { parseExperiment } from '../experiments/parse-experiment';
import { runExperiment } from '../experiments/run-experiment';

/** Prints one benchmark figure as a JSON line (the format of packages/engine/src/bench/report.ts). */
function report(bench: string, testCase: string, metric: string, value: number): void {
  const rounded = Number(value.toPrecision(4));
  process.stdout.write(JSON.stringify({ bench, case: testCase, metric, value: rounded }) + '\n');
}

// Runs per minute of a whole experiment (plan, store, results table; for N > 1 the pool's
// start-up included) with 1 and 2 workers, each into an empty store so nothing is skipped:
// cascade-bench at H = 10,000, as ../shared/BENCHMARKS.md asks (BENCH_SCENARIO=gossip-demo for
// the engine-only demo).
const scenario = process.env['BENCH_SCENARIO'] ?? 'cascade-bench';
const params = scenario === 'gossip-demo' ? { agents: 10_000 } : scenario === 'cascade-bench' ? { holders: 10_000 } : {};
// 64 runs: a pool's start-up (threads loading the lab, cold JIT) is then a few percent, as in a real tournament.
const runs = Number(process.env['BENCH_RUNS'] ?? 64);
const experiment = parseExperiment({ name: 'bench', scenario, seed: 1, params, replications: runs });
const plan = expandExperiment(experiment);
const label = `${scenario},${Object.entries(params).map(([k, v]) => `${k}=${v}`).join(',')},runs=${runs}`;

async function runsPerMinute(workers: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'paradox-bench-'));
  try {
    const start = process.hrtime.bigint();
    const outcome = await runExperiment(plan, { out, workers });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (outcome.ran !== runs) throw new Error(`expected ${runs} runs, ran ${outcome.ran}`);
    return (runs / seconds) * 60;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * The machine's own ceiling: the same runs in-process in 1 and in 2 separate processes at once
 * (no pool, no sharing). On a VM whose vCPUs share a physical core or memory bandwidth this is
 * well under 2, and no pool can beat it.
 */
async function processCeiling(): Promise<number> {
  const child = () =>
    new Promise<number>((resolve, reject) =>
      execFile(process.execPath, [__filename, '--solo'], (error, stdout) => (error ? reject(error) : resolve(Number(stdout.trim())))),
    );
  const one = await child();
  const both = await Promise.all([child(), child()]);
  return (2 * one) / Math.max(...both);
}

async function solo(): Promise<void> {
  await runsPerMinute(1); // warm-up, as in the main measurement
  const start = process.hrtime.bigint();
  await runsPerMinute(1);
  process.stdout.write(`${Number(process.hrtime.bigint() - start) / 1e9}\n`);
}

async function main(): Promise<void> {
  const bench = 'experiments';
  await runsPerMinute(1); // warm-up (JIT, file cache)
  const one = await runsPerMinute(1);
  report(bench, `${label},workers=1`, 'runs_per_min', one);
  const two = await runsPerMinute(2);
  report(bench, `${label},workers=2`, 'runs_per_min', two);
  report(bench, `${label},workers=2/workers=1`, 'ratio', two / one);
  report(bench, `${label},2 processes/1 process (machine ceiling)`, 'ratio', await processCeiling());
  report(bench, 'machine', 'cores', availableParallelism());
}

void (process.argv.includes('--solo') ? solo() : main());
