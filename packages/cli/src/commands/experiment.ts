import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import {
  expandExperiment,
  formatLeaderboard,
  EXPERIMENT_DIR,
  loadExperimentFile,
  parseShard,
  runExperiment,
  RunStore,
  shardFromEnvironment,
  type ExperimentProgress,
  type Shard,
} from '@paradox/lab';
import type { CliIo } from '../main';

export interface ExperimentRunCliOptions {
  workers?: number;
  out?: string;
  shard?: string;
  shards?: number;
  full: boolean;
  rerun: boolean;
  progress: boolean;
  dryRun: boolean;
}

/** `paradox experiment run FILE`: validates, plans, runs (resumably) and writes the results. */
export async function experimentRunCommand(file: string, options: ExperimentRunCliOptions, io: CliIo): Promise<number> {
  const experiment = loadExperimentFile(resolveExperimentFile(file));
  const shard = resolveShard(options, io.env ?? process.env);
  const out = options.out ?? join('out', experiment.name);
  const workers = options.workers ?? availableParallelism();
  const plan = expandExperiment(experiment);
  const where = shard ? ` (shard ${shard.index}/${shard.count})` : '';

  if (options.dryRun) {
    const store = new RunStore(join(out, 'runs'));
    const mine = plan.runs.filter((r) => !shard || r.index % shard.count === shard.index);
    const done = mine.filter((r) => store.has(r.id)).length;
    const toRun = options.rerun ? mine.length : mine.length - done;
    const on = experiment.scenarios ? ` on ${experiment.scenarios.length} scenarios (${experiment.scenarios.join(', ')})` : '';
    io.out(`${experiment.name}: ${plan.runs.length} runs in the plan${on}${where}: ${mine.length} selected, ${done} already finished in ${out}, ${toRun} to run\n`);
    return 0;
  }

  const progress = progressReporter(experiment.name, options.progress, io);
  const started = process.hrtime.bigint();
  const outcome = await runExperiment(plan, {
    out,
    workers,
    keepOutputs: options.full,
    rerun: options.rerun,
    ...(shard ? { shard } : {}),
    onProgress: progress.update,
  });
  progress.stop();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  io.out(
    `${experiment.name}${where}: ${outcome.selected} runs: ${outcome.ran} ran, ${outcome.skipped} already finished` +
      `${outcome.failed ? `, ${outcome.failed} failed` : ''} (${seconds.toFixed(1)} s, workers: ${workers})\n`,
  );
  for (const warning of outcome.warnings) io.err(`warning: ${warning}\n`);
  // One board, or one per scenario for an experiment over several (each headed by its scenario).
  for (const board of outcome.leaderboards ?? []) io.out(formatLeaderboard(board));
  for (const path of outcome.files) io.out(`wrote ${path}\n`);
  if (shard) io.out(`when every shard is done: paradox merge OUT ${out} ...\n`);
  const failures = outcome.rows.filter((r) => r.status === 'failed');
  if (failures.length > 0) {
    io.err(`${failures.length} runs failed (status "failed" in the results table), e.g. run ${failures[0]!.run}: ${failures[0]!.error}\n`);
    return 1;
  }
  return 0;
}

function resolveShard(options: ExperimentRunCliOptions, env: Readonly<Record<string, string | undefined>>): Shard | undefined {
  if (options.shard !== undefined) {
    const shard = parseShard(options.shard);
    if (options.shards !== undefined && options.shards !== shard.count) {
      throw new Error(`--shard ${options.shard} and --shards ${options.shards} disagree on the number of shards`);
    }
    return shard;
  }
  return shardFromEnvironment(env, options.shards);
}

/** A bar with ETA on a terminal; elsewhere (batch logs) a line every 10% of the runs. */
function progressReporter(name: string, enabled: boolean, io: CliIo): { update: (p: ExperimentProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => {}, stop: () => {} };
  if (io.interactive) {
    const bar = new SingleBar({
      format: `${name} [{bar}] {value}/{total} runs | {skipped} already done | {failed} failed | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 20,
    });
    let started = false;
    return {
      update: (p) => {
        if (!started) {
          bar.start(p.toRun, 0, { skipped: p.skipped, failed: 0 });
          started = true;
          return;
        }
        bar.update(p.done, { skipped: p.skipped, failed: p.failed });
      },
      stop: () => bar.stop(),
    };
  }
  const start = process.hrtime.bigint();
  let nextReport = 0;
  return {
    update: (p) => {
      if (p.done === 0) {
        io.err(`${name}: ${p.toRun} runs to do, ${p.skipped} already finished\n`);
        nextReport = Math.max(1, Math.ceil(p.toRun / 10));
        return;
      }
      if (p.done < nextReport && p.done < p.toRun) return;
      nextReport += Math.max(1, Math.ceil(p.toRun / 10));
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      const eta = (elapsed / p.done) * (p.toRun - p.done);
      io.err(`${name}: ${p.done}/${p.toRun} runs (${Math.round((100 * p.done) / p.toRun)}%), ETA ${formatDuration(eta)}\n`);
    },
    stop: () => {},
  };
}

function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A file path, or the name of a built-in experiment (`mitigations` -> packages/lab/experiments/mitigations.yaml). */
export function resolveExperimentFile(nameOrPath: string): string {
  if (/\.(ya?ml)$/.test(nameOrPath) || nameOrPath.includes('/')) return nameOrPath;
  const builtIn = join(EXPERIMENT_DIR, `${nameOrPath}.yaml`);
  return existsSync(builtIn) ? builtIn : nameOrPath;
}
