import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunPlan } from './expand-experiment';
import type { Leaderboard } from './leaderboard';
import { readPlanFiles, writePlanFiles } from './plan-files';
import type { ResultRow } from './results-table';
import type { RunSpec } from './run-spec';
import { RunStore } from './run-store';
import { writeResults } from './write-results';

export interface MergeOptions {
  /** Write the results of the runs that are there even if some are missing (no leaderboard then). */
  allowPartial?: boolean;
  /** Also write the results table as Parquet (default true). */
  parquet?: boolean;
}

export interface MergeOutcome {
  readonly plan: RunPlan;
  /** Runs copied into `out` from the other directories. */
  readonly copied: number;
  readonly missing: readonly RunSpec[];
  readonly rows: readonly ResultRow[];
  readonly files: readonly string[];
  readonly leaderboard?: Leaderboard;
  /** One leaderboard, or one per scenario (see {@link WrittenResults.leaderboards}). */
  readonly leaderboards?: readonly Leaderboard[];
  readonly warnings: readonly string[];
}

/**
 * Merges the outputs of shards of one experiment (each directory written by `runExperiment` with
 * a shard, or a copy of one) into `out`: checks that they hold the same plan, copies their
 * finished runs into `out/runs` (atomically, skipping runs already there), and writes the full
 * results table, cells and leaderboard: the same files an unsharded run writes. `out` may be one
 * of the directories. Missing runs are an error naming them, unless `allowPartial`.
 */
export async function mergeExperiments(out: string, dirs: readonly string[], options: MergeOptions = {}): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new Error('merge needs at least one directory to merge');
  const plans = dirs.map((dir) => ({ dir, plan: readPlanFiles(dir) }));
  const { dir: firstDir, plan } = plans[0]!;
  for (const { dir, plan: other } of plans.slice(1)) {
    if (other.hash !== plan.hash) {
      throw new Error(
        `"${dir}" holds a different experiment than "${firstDir}" (plan ${other.hash.slice(0, 12)} vs ${plan.hash.slice(0, 12)}: another experiment file, seed or code version)`,
      );
    }
  }
  if (existsSync(join(out, 'plan.json')) && !dirs.some((d) => resolve(d) === resolve(out))) {
    const existing = readPlanFiles(out);
    if (existing.hash !== plan.hash) throw new Error(`"${out}" already holds a different experiment (plan ${existing.hash.slice(0, 12)})`);
  }
  writePlanFiles(out, plan);
  const target = new RunStore(join(out, 'runs'));
  target.removeStale();
  const sources = dirs.filter((d) => resolve(d) !== resolve(out)).map((d) => new RunStore(join(d, 'runs')));
  let copied = 0;
  const ids = new Set(plan.runs.map((r) => r.id));
  for (const id of ids) {
    if (target.has(id)) continue;
    const source = sources.find((s) => s.has(id));
    if (!source) continue;
    const tmp = target.begin(id);
    cpSync(source.pathOf(id), tmp, { recursive: true });
    target.commit(id, tmp);
    copied++;
  }
  const missing = plan.runs.filter((r) => !target.has(r.id));
  if (missing.length > 0 && !options.allowPartial) {
    const examples = missing.slice(0, 5).map((r) => `run ${r.index} (${r.id.slice(0, 12)})`).join(', ');
    throw new Error(
      `${missing.length} of ${plan.runs.length} runs are in none of the directories (${examples}${missing.length > 5 ? ', ...' : ''}): ` +
        'run the missing shards (a shard reruns only what is missing), or pass --partial',
    );
  }
  const written = await writeResults(out, plan, options.parquet === undefined ? {} : { parquet: options.parquet });
  return { plan, copied, missing, rows: written.rows, files: written.files, warnings: written.warnings, ...(written.leaderboard ? { leaderboard: written.leaderboard } : {}), ...(written.leaderboards ? { leaderboards: written.leaderboards } : {}) };
}
