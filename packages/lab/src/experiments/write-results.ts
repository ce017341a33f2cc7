import { join } from 'node:path';
import { canonicalJson } from '../output/canonical-json';
import { writeExperimentReport } from '../report/write-experiment-report';
import { writeFileAtomic } from './atomic-write';
import type { RunPlan } from './expand-experiment';
import { computeLeaderboards, leaderboardCsv, pairwiseCsv, type Leaderboard } from './leaderboard';
import { writeResultsParquet } from './results-parquet';
import { cellsCsv, collectResults, resultsTable, type ResultRow } from './results-table';
import type { RunSpec } from './run-spec';
import { RunStore } from './run-store';
import { isInShard, resultsFileName, type Shard } from './shard';

export interface WrittenResults {
  readonly rows: readonly ResultRow[];
  /** Runs of the plan (or shard) that are not in the store. */
  readonly missing: readonly RunSpec[];
  /** Paths of the files written. */
  readonly files: readonly string[];
  /** The tournament's leaderboard, for an experiment on one scenario. */
  readonly leaderboard?: Leaderboard;
  /** The tournament's leaderboards: one, or one per scenario for an experiment over several. */
  readonly leaderboards?: readonly Leaderboard[];
  /** Problems that did not stop the results from being written (e.g. no Parquet). */
  readonly warnings: readonly string[];
}

export interface WriteResultsOptions {
  shard?: Shard;
  /** Also write the results table as Parquet (default true). */
  parquet?: boolean;
  /** Also write report.html (plots of the results) once the whole plan is there (default true). */
  report?: boolean;
}

/**
 * Writes the results of `plan` (or of one shard) from the store in `<out>/runs`: the results
 * table (CSV, and Parquet unless `parquet: false`), and once the whole plan is there, `cells.csv` for a sweep and `leaderboard.csv`,
 * `pairwise.csv` and `leaderboard.json` for a tournament (per scenario, with a `scenario` column, for an experiment over several), and `report.html` (see writeExperimentReport) unless `report: false`. Everything is built from the store in
 * plan order, so it does not depend on which worker or shard ran what.
 */
export async function writeResults(out: string, plan: RunPlan, options: WriteResultsOptions = {}): Promise<WrittenResults> {
  const { shard } = options;
  const specs = plan.runs.filter((r) => isInShard(r.index, shard));
  const { rows, missing } = collectResults(specs, new RunStore(join(out, 'runs')));
  const files: string[] = [];
  const write = (name: string, text: string) => {
    const path = join(out, name);
    writeFileAtomic(path, text);
    files.push(path);
  };
  const table = resultsTable(rows);
  const csvName = resultsFileName(shard);
  write(csvName, table.csv);
  const warnings: string[] = [];
  if (options.parquet ?? true) {
    const parquet = join(out, csvName.replace(/\.csv$/, '.parquet'));
    try {
      await writeResultsParquet(join(out, csvName), parquet, table.columns);
      files.push(parquet);
    } catch (error) {
      warnings.push(`no Parquet results (${(error as Error).message}); the CSV has everything`);
    }
  }
  if (shard || missing.length > 0) return { rows, missing, files, warnings };
  const several = plan.experiment.scenarios !== undefined;
  if (plan.experiment.sweep) write('cells.csv', cellsCsv(rows, specs, { byScenario: several }));
  let leaderboards: Leaderboard[] | undefined;
  if (plan.experiment.tournament) {
    leaderboards = computeLeaderboards(plan.experiment, rows);
    write('leaderboard.csv', leaderboardCsv(leaderboards));
    write('pairwise.csv', pairwiseCsv(leaderboards));
    write('leaderboard.json', canonicalJson(several ? { leaderboards } : leaderboards[0]));
  }
  if (options.report ?? true) {
    try {
      files.push(writeExperimentReport(out, plan, rows, leaderboards).path);
    } catch (error) {
      warnings.push(`no report.html (${(error as Error).message}); the results files have everything`);
    }
  }
  const leaderboard = leaderboards && !several ? leaderboards[0] : undefined;
  return { rows, missing, files, warnings, ...(leaderboards ? { leaderboards } : {}), ...(leaderboard ? { leaderboard } : {}) };
}
