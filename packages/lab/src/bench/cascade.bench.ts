import { execFileSync } from 'node:child_process';
import type { ColumnChunk, Schema, Sink } from '@paradox/engine';
import { runScenario } from '../run/run-scenario';
import { cascadeBench } from '../scenarios/cascade-bench';

// B1 cascade-bench (../shared/BENCHMARKS.md) at H = 1,000 / 10,000 / 100,000 / 1,000,000, nav
// and spot. Each case runs in its own process so peak memory is that run's alone. The recorder
// writes to a sink that drops rows (file output is measured by `paradox run`, not here).
// Usage: node cascade.bench.js [H ...]   (child mode: --case H variant)

class DiscardSink implements Sink {
  rows = 0;
  writeChunk(_table: string, _schema: Schema, _chunk: ColumnChunk<Schema>, rows: number): void {
    this.rows += rows;
  }
}

function runCase(holders: number, variant: 'nav' | 'spot'): void {
  const started = process.hrtime.bigint();
  const result = runScenario(cascadeBench, { seed: 1, params: { holders, variant }, sink: new DiscardSink(), agentOutcomes: false });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.outcome.error) throw result.outcome.error;
  const events = result.outcome.eventsProcessed;
  const c = `H=${holders},variant=${variant}`;
  const line = (metric: string, value: number) =>
    process.stdout.write(JSON.stringify({ bench: 'cascade-bench', case: c, metric, value: Number(value.toPrecision(4)) }) + '\n');
  line('wall_s', wall);
  line('events_per_s', events / wall);
  line('peak_mib', process.resourceUsage().maxRSS / 1024);
  line('events', events);
  line('liquidations', result.summary['liquidations'] as number);
  line('bad_debt_usd', result.summary['bad_debt'] as number);
  line('amm_price_final', result.summary['amm_price_final'] as number);
}

const args = process.argv.slice(2);
if (args[0] === '--case') {
  runCase(Number(args[1]), args[2] as 'nav' | 'spot');
} else {
  const sizes = args.length > 0 ? args.map(Number) : [1_000, 10_000, 100_000, 1_000_000];
  for (const holders of sizes) {
    for (const variant of ['nav', 'spot']) {
      execFileSync(process.execPath, [__filename, '--case', String(holders), variant], { stdio: 'inherit' });
    }
  }
}
