import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { finishRunDirectory, findScenario, runToDirectory } from '@paradox/lab';
import type { CliIo, RunCliOptions } from '../main';

/**
 * Runs a scenario into a directory, then derives Parquet copies and the HTML report from its
 * CSVs. The manifest hashes the primary outputs; the derived files follow from them.
 */
export async function runCommand(name: string, options: RunCliOptions, io: CliIo): Promise<number> {
  const scenario = findScenario(name);
  const out = options.out ?? join('out', `${name}-seed${options.seed}`);
  const bar = options.progress && io.interactive
    ? new SingleBar({ format: `${name} [{bar}] {percentage}% | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true })
    : undefined;
  bar?.start(100, 0);
  const { result, wallSeconds } = runToDirectory(scenario, {
    seed: options.seed,
    params: options.param,
    out,
    ...(bar ? { onProgress: (f: number) => bar.update(Math.round(f * 100)) } : {}),
  });
  bar?.stop();
  const { outcome } = result;
  io.out(`${name} seed=${options.seed}: ${outcome.eventsProcessed} events in ${wallSeconds.toFixed(2)} s\n`);
  for (const [key, value] of Object.entries(result.summary)) io.out(`  ${key}: ${value}\n`);
  const { report } = await finishRunDirectory(out, { updateManifest: false });
  io.out(`outputs in ${out} (report: ${report.path})\n`);
  if (outcome.error) {
    io.err(`run failed: ${outcome.error.message}\n(results recorded until the failure are in ${out})\n`);
    return 1;
  }
  return 0;
}
