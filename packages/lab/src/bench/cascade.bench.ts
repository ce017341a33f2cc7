import { execFileSync } from 'node:child_process';
import type { ColumnChunk, Schema, Sink } from '@paradox/engine';
import { applyHeapPolicy, missingStartupFlags } from '../run/heap-policy';
import { runReference } from './reference-cascade';

// B1 cascade-bench (../shared/BENCHMARKS.md) at H = 1,000 / 10,000 / 100,000 / 1,000,000, nav
// and spot. Each case runs in its own process so peak memory is that run's alone. The recorder
// writes to a sink that drops rows (file output is measured by `paradox run`, not here).
// Each case is also run by a hand-written plain-JS loop (./reference-cascade.ts), in its own
// process right after, and the wall-time ratio paradox/reference is printed: the machine's
// speed drifts between hours, a ratio measured in the same run does not.
// Usage: node cascade.bench.js [H ...]   (child modes: --case H variant, --reference H variant)

class DiscardSink implements Sink {
  rows = 0;
  writeChunk(_table: string, _schema: Schema, _chunk: ColumnChunk<Schema>, rows: number): void {
    this.rows += rows;
  }
}

type Variant = 'nav' | 'spot';

const caseName = (holders: number, variant: Variant) => `H=${holders},variant=${variant}`;

function report(c: string, metric: string, value: number): void {
  process.stdout.write(JSON.stringify({ bench: 'cascade-bench', case: c, metric, value: Number(value.toPrecision(4)) }) + '\n');
}

/**
 * CPU time of the process so far, every thread (user + system: page faults count). Taken
 * around a run, it is what the run would take on one core: the collector marks and scavenges
 * on helper threads, so wall time with a second core idle is less.
 */
function cpuSeconds(): number {
  const usage = process.resourceUsage();
  return (usage.userCPUTime + usage.systemCPUTime) / 1e6;
}

function runCase(holders: number, variant: Variant): void {
  // Loaded here rather than at the top so that the reference's child, which shares this file,
  // does not count Paradox's modules (~30 MiB) in its peak memory.
  const { runScenario } = require('../run/run-scenario') as typeof import('../run/run-scenario');
  const { cascadeBench } = require('../scenarios/cascade-bench') as typeof import('../scenarios/cascade-bench');
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSeconds();
  const result = runScenario(cascadeBench, { seed: 1, params: { holders, variant }, sink: new DiscardSink(), agentOutcomes: false });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.outcome.error) throw result.outcome.error;
  const events = result.outcome.eventsProcessed;
  const c = caseName(holders, variant);
  const line = (metric: string, value: number) => report(c, metric, value);
  line('wall_s', wall);
  line('cpu_s', cpuSeconds() - cpuBefore);
  line('events_per_s', events / wall);
  line('peak_mib', process.resourceUsage().maxRSS / 1024);
  line('events', events);
  line('liquidations', result.summary['liquidations'] as number);
  line('bad_debt_usd', result.summary['bad_debt'] as number);
  line('amm_price_final', result.summary['amm_price_final'] as number);
}

function runReferenceCase(holders: number, variant: Variant): void {
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSeconds();
  const outcome = runReference(holders, variant, 1);
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  const c = caseName(holders, variant);
  report(c, 'reference_wall_s', wall);
  report(c, 'reference_cpu_s', cpuSeconds() - cpuBefore);
  report(c, 'reference_peak_mib', process.resourceUsage().maxRSS / 1024);
  report(c, 'reference_events', outcome.events);
  report(c, 'reference_liquidations', outcome.liquidations);
}

type ChildMode = '--case' | '--reference';

/**
 * Runs one child mode in a process started with this one's flags and those `paradox` starts
 * with when it runs scenarios (the reference too, so that the ratio compares code), passes its
 * lines on as they are, and returns the value of `metric`.
 */
function child(mode: ChildMode, holders: number, variant: Variant, metric: string): number {
  const flags = [...process.execArgv, ...missingStartupFlags()];
  const out = execFileSync(process.execPath, [...flags, __filename, mode, String(holders), variant], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(out);
  const lines = out.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as { metric: string; value: number });
  const found = lines.find((l) => l.metric === metric);
  if (found === undefined) throw new Error(`${mode} ${holders} ${variant} printed no ${metric}`);
  return found.value;
}

const args = process.argv.slice(2);
const mode = args[0] === '--case' || args[0] === '--reference' ? (args[0] as ChildMode) : undefined;
if (mode !== undefined && missingStartupFlags().length > 0) {
  // A case started by hand without the start-up flags of `paradox`: run it as a child that has them.
  child(mode, Number(args[1]), args[2] as Variant, mode === '--case' ? 'wall_s' : 'reference_wall_s');
} else if (mode !== undefined) {
  applyHeapPolicy();
  if (mode === '--case') runCase(Number(args[1]), args[2] as Variant);
  else runReferenceCase(Number(args[1]), args[2] as Variant);
} else {
  const sizes = args.length > 0 ? args.map(Number) : [1_000, 10_000, 100_000, 1_000_000];
  for (const holders of sizes) {
    for (const variant of ['nav', 'spot'] as const) {
      const paradox = child('--case', holders, variant, 'wall_s');
      const reference = child('--reference', holders, variant, 'reference_wall_s');
      report(`${caseName(holders, variant)},paradox/reference`, 'ratio', paradox / reference);
    }
  }
}
