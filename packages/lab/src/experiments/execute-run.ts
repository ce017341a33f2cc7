import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from '../output/file-sink';
import { writeRunFiles } from '../output/write-run';
import { runScenario, type RunResult } from '../run/run-scenario';
import type { Scenario } from '../run/scenario';
import { packageVersions } from '../run/versions';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { RunStore } from './run-store';
import { runId, type RunSpec } from './run-spec';

/** What a worker (or the main thread) gets to do one run. Plain data: it crosses threads. */
export interface RunTask {
  readonly spec: Pick<RunSpec, 'id' | 'scenario' | 'params' | 'seed'>;
  /** The store's directory (`<out>/runs`). */
  readonly storeDir: string;
  /** Keep the run's full outputs (series, events) and not only summary, manifest and timing. */
  readonly keepOutputs: boolean;
  /** Replace the stored run if there is one (see `rerun` in the experiment options). */
  readonly replace?: boolean;
}

/** What one run reports back. */
export interface RunRecord {
  readonly id: string;
  readonly status: 'ok' | 'failed';
  readonly error?: string;
  readonly eventsProcessed: number;
  readonly wallSeconds: number;
}

/** Files every stored run keeps; the rest (series, events) only with `keepOutputs`. */
export const STORED_RUN_FILES = new Set(['summary.json', 'manifest.json', 'timing.json']);

/**
 * Runs one spec and stores it atomically under its id. A run whose simulation fails (a plugin
 * throws: `outcome.error`; or the scenario refuses to build) is stored as finished with its error,
 * since rerunning it would fail the same way; only I/O errors propagate. The manifest lists the
 * hashes of all outputs even when only the summary is kept, so `paradox reproduce` checks them all.
 */
export function executeRun(task: RunTask, scenarios: ReadonlyMap<string, Scenario<any>> = BUILT_IN_SCENARIOS): RunRecord {
  const { spec } = task;
  const scenario = scenarios.get(spec.scenario);
  if (!scenario) throw new Error(`unknown scenario "${spec.scenario}"`);
  const store = new RunStore(task.storeDir);
  const tmp = store.begin(spec.id);
  try {
    const sink = new FileSink(tmp);
    const started = process.hrtime.bigint();
    let result: RunResult;
    try {
      result = runScenario(scenario, { seed: spec.seed, params: { ...spec.params }, sink });
    } catch (error) {
      sink.close();
      const failure = error instanceof Error ? error : new Error(String(error));
      result = { scenario: scenario.name, seed: spec.seed, params: spec.params, outcome: { reason: 'failed', timeMs: 0, eventsProcessed: 0, error: failure }, summary: {} };
    }
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const versions = packageVersions(scenario.plugins.map((p) => [p.id, p.version] as const));
    const manifest = writeRunFiles(tmp, result, versions, wallSeconds);
    const stored = runId(manifest);
    if (stored !== spec.id) {
      throw new Error(
        `run ${spec.id}: its manifest hashes to ${stored} (does scenario "${scenario.name}" parse its params the same way twice, and are the versions the same in every worker?)`,
      );
    }
    if (!task.keepOutputs) for (const name of readdirSync(tmp)) if (!STORED_RUN_FILES.has(name)) rmSync(join(tmp, name));
    store.commit(spec.id, tmp, task.replace ?? false);
    const error = result.outcome.error?.message;
    return { id: spec.id, status: error ? 'failed' : 'ok', ...(error ? { error } : {}), eventsProcessed: result.outcome.eventsProcessed, wallSeconds };
  } catch (error) {
    store.abandon(tmp);
    throw error;
  }
}
