import { join } from 'node:path';
import type { Scenario } from '../run/scenario';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { DEFAULT_DECISION_BUDGET, HangBeacon, monotonicMs } from './decision-budget';
import { executeRun, storeStoppedRun, type RunRecord, type RunTask } from './execute-run';
import { watchForHang } from './hang-watch';
import { expandExperiment, type RunPlan } from './expand-experiment';
import type { Experiment } from './experiment';
import type { Leaderboard } from './leaderboard';
import { writePlanFiles } from './plan-files';
import type { ResultRow } from './results-table';
import { RunStore } from './run-store';
import { isInShard, type Shard } from './shard';
import { compiledWorkerFile } from './worker-file';
import { writeResults } from './write-results';

export interface ExperimentRunOptions {
  /** Output directory: `runs/<id>/`, `results.csv`, ... */
  out: string;
  /** 1 (the default) runs in this thread; N > 1 runs on a pool of N worker threads. */
  workers?: number;
  /** Run only this shard of the plan. */
  shard?: Shard;
  /** Keep every run's full outputs (series, events), not only summary and manifest. */
  keepOutputs?: boolean;
  /** Called once before the first run and after every run. */
  onProgress?: (progress: ExperimentProgress) => void;
  /** Scenarios by name (default: built in). Others than the built-in ones run in-process only. */
  scenarios?: ReadonlyMap<string, Scenario<any>>;
  /** The compiled worker module (default: `dist/experiments/worker.js`). */
  workerFile?: string;
  /** Also write the results table as Parquet (default true). */
  parquet?: boolean;
  /** Also write report.html with plots of the results (default true). */
  report?: boolean;
  /**
   * Recompute runs even if they are stored, replacing them. Run ids include package and plugin
   * versions, not the code itself: after changing code without bumping a version, rerun.
   */
  rerun?: boolean;
}

export interface ExperimentProgress {
  /** Runs in the plan, or in this shard. */
  readonly total: number;
  /** Already finished before this invocation (skipped). */
  readonly skipped: number;
  /** Runs this invocation has to do, and has done so far. */
  readonly toRun: number;
  readonly done: number;
  /** Of those done, how many failed (stored with their error). */
  readonly failed: number;
  readonly last?: RunRecord;
}

export interface ExperimentOutcome {
  readonly plan: RunPlan;
  /** Runs in the plan or shard. */
  readonly selected: number;
  readonly skipped: number;
  readonly ran: number;
  readonly failed: number;
  readonly rows: readonly ResultRow[];
  readonly files: readonly string[];
  /** The tournament's leaderboard, for an experiment on one scenario. */
  readonly leaderboard?: Leaderboard;
  /** The tournament's leaderboards: one, or one per scenario for an experiment over several (`scenarios:`). */
  readonly leaderboards?: readonly Leaderboard[];
  readonly warnings: readonly string[];
}

/**
 * Runs an experiment into `out`, resumably: finished runs (found in `out/runs` by content hash)
 * are skipped, every new run is stored atomically as it finishes, and the results table is
 * rebuilt from the store at the end. With `workers > 1` the runs go to a piscina pool of worker
 * threads that load the compiled lab; results are the same for any number of workers.
 *
 * @example
 * ```ts
 * const experiment = parseExperiment({ scenario: 'gossip-demo', replications: 4, sweep: { passProbability: [0.1, 0.3] } });
 * const { rows } = await runExperiment(experiment, { out: 'out/pp', workers: 2 });
 * ```
 */
export async function runExperiment(experiment: Experiment | RunPlan, options: ExperimentRunOptions): Promise<ExperimentOutcome> {
  const scenarios = options.scenarios ?? BUILT_IN_SCENARIOS;
  const plan = 'runs' in experiment ? experiment : expandExperiment(experiment, scenarios);
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const builtInOnly = !options.scenarios || [...options.scenarios].every(([name, s]) => BUILT_IN_SCENARIOS.get(name) === s);
  if (workers > 1 && !builtInOnly) {
    throw new Error('scenarios other than the built-in ones run in-process only: use workers: 1');
  }
  writePlanFiles(options.out, plan);
  const store = new RunStore(join(options.out, 'runs'));
  store.removeStale();
  const selected = plan.runs.filter((r) => isInShard(r.index, options.shard));
  const budget = plan.experiment.tournament?.budget ?? DEFAULT_DECISION_BUDGET;
  const seen = new Set<string>();
  const todo: RunTask[] = [];
  let skipped = 0;
  for (const spec of selected) {
    if (store.has(spec.id) && !options.rerun) skipped++;
    else if (!seen.has(spec.id)) {
      todo.push({
        spec: { id: spec.id, scenario: spec.scenario, params: spec.params, seed: spec.seed, ...(spec.roles ? { roles: spec.roles } : {}) },
        ...(spec.roles ? { budget } : {}),
        storeDir: store.dir,
        keepOutputs: options.keepOutputs ?? false,
        ...(options.rerun ? { replace: true } : {}),
      });
    }
    else skipped++; // the same run twice in one plan (e.g. two entrants with the same params): run once
    seen.add(spec.id);
  }
  let done = 0;
  let failed = 0;
  const progress = (last?: RunRecord) =>
    options.onProgress?.({ total: selected.length, skipped, toRun: todo.length, done, failed, ...(last ? { last } : {}) });
  const finished = (record: RunRecord) => {
    done++;
    if (record.status === 'failed') failed++;
    progress(record);
  };
  progress();
  if (todo.length > 0) {
    // Role entrants run on worker threads even with one worker: a thread stuck in an entrant's
    // loop can only be stopped from outside it. Scenarios not built in cannot go to workers.
    const watchHangs = todo.some((t) => t.budget) && builtInOnly;
    if (workers === 1 && !watchHangs) await runInProcess(todo, scenarios, finished);
    else await runInPool(todo, Math.min(workers, todo.length), options.workerFile ?? compiledWorkerFile(), finished);
  }
  const written = await writeResults(options.out, plan, {
    ...(options.shard ? { shard: options.shard } : {}),
    ...(options.parquet === undefined ? {} : { parquet: options.parquet }),
    ...(options.report === undefined ? {} : { report: options.report }),
  });
  if (written.missing.length > 0) throw new Error(`${written.missing.length} runs are missing from ${store.dir} after running them`);
  return {
    plan,
    selected: selected.length,
    skipped,
    ran: done,
    failed,
    rows: written.rows,
    files: written.files,
    warnings: written.warnings,
    ...(written.leaderboard ? { leaderboard: written.leaderboard } : {}),
    ...(written.leaderboards ? { leaderboards: written.leaderboards } : {}),
  };
}

async function runInProcess(tasks: readonly RunTask[], scenarios: ReadonlyMap<string, Scenario<any>>, finished: (r: RunRecord) => void): Promise<void> {
  for (const task of tasks) {
    finished(executeRun(task, scenarios));
    // Let the event loop breathe between runs (progress bars redraw, signals are handled).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function runInPool(tasks: readonly RunTask[], threads: number, filename: string, finished: (r: RunRecord) => void): Promise<void> {
  // Loaded on first use: in-process experiments and the rest of the lab never need it.
  const { Piscina } = require('piscina') as typeof import('piscina');
  const pool = new Piscina<RunTask, RunRecord>({ filename, minThreads: threads, maxThreads: threads, concurrentTasksPerWorker: 1 });
  const window = threads * 2;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let next = 0;
  try {
    while ((next < tasks.length || inFlight.size > 0) && failure === undefined) {
      while (inFlight.size < window && next < tasks.length) {
        const p: Promise<void> = runWatched(pool, tasks[next++]!).then(finished, (error: unknown) => {
          failure ??= error;
        }).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.race(inFlight);
    }
    if (failure === undefined) await Promise.all(inFlight);
  } finally {
    await pool.destroy();
  }
  if (failure !== undefined) throw failure;
}

/**
 * Runs a task on the pool. A task with a decision budget carries a beacon the main thread
 * watches; when an entrant's decision runs past the hang limit its worker is terminated (piscina
 * replaces it) and the run is stored as stopped, with the decision named: the entrant is
 * disqualified.
 */
async function runWatched(pool: import('piscina').Piscina<RunTask, RunRecord>, task: RunTask): Promise<RunRecord> {
  if (!task.budget) return pool.run(task);
  const beacon = new HangBeacon();
  const abort = new AbortController();
  const limitMs = task.budget.hangMs;
  const hang = watchForHang(beacon, limitMs).then((found) => {
    if (found) abort.abort();
    return found;
  });
  const started = monotonicMs();
  try {
    return await pool.run({ ...task, beacon: beacon.buffer }, { signal: abort.signal });
  } catch (error) {
    const found = abort.signal.aborted ? await hang : undefined;
    if (!found) throw error;
    const reason = `${found.description}: hung (no return after ${Math.round(found.elapsedMs)} ms; the tournament's hang limit is ${limitMs} ms)`;
    return storeStoppedRun(task, reason, (monotonicMs() - started) / 1000);
  } finally {
    beacon.close();
  }
}
