import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from '../output/file-sink';
import { writeRunFiles } from '../output/write-run';
import { runScenario, type RunResult } from '../run/run-scenario';
import type { Scenario } from '../run/scenario';
import { runVersions } from '../run/roles';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { BudgetGuard, type DecisionBudget, HangBeacon } from './decision-budget';
import { RunStore } from './run-store';
import { runId, type RunSpec } from './run-spec';

/** What a worker (or the main thread) gets to do one run. Plain data: it crosses threads. */
export interface RunTask {
  readonly spec: Pick<RunSpec, 'id' | 'scenario' | 'params' | 'seed' | 'roles'>;
  /** The store's directory (`<out>/runs`). */
  readonly storeDir: string;
  /** Keep the run's full outputs (series, events) and not only summary, manifest and timing. */
  readonly keepOutputs: boolean;
  /** Replace the stored run if there is one (see `rerun` in the experiment options). */
  readonly replace?: boolean;
  /** The decision budget of the agents playing assigned roles (tournament role entrants). */
  readonly budget?: DecisionBudget;
  /** Shared memory of a {@link HangBeacon}: the main thread watches it for hung decisions. */
  readonly beacon?: SharedArrayBuffer;
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
  const scenario = scenarioOf(spec, scenarios);
  const store = new RunStore(task.storeDir);
  const tmp = store.begin(spec.id);
  const sink = new FileSink(tmp);
  const started = process.hrtime.bigint();
  let result: RunResult;
  try {
    const budget = task.budget;
    const beacon = task.beacon ? new HangBeacon(task.beacon) : undefined;
    result = runScenario(scenario, {
      seed: spec.seed,
      params: { ...spec.params },
      sink,
      ...(spec.roles ? { roles: spec.roles } : {}),
      ...(budget ? { guardFor: (identity, _role, kernel) => new BudgetGuard(kernel, identity, budget, beacon) } : {}),
    });
  } catch (error) {
    sink.close();
    result = failedResult(scenario, spec, error);
  }
  return storeRun(task, scenario, tmp, result, Number(process.hrtime.bigint() - started) / 1e9);
}

/**
 * Stores a run that the main thread had to stop (an entrant's decision hung, so its worker was
 * terminated): finished, with the reason, and nothing else to keep. Rerunning it would hang again.
 */
export function storeStoppedRun(task: RunTask, reason: string, wallSeconds: number, scenarios: ReadonlyMap<string, Scenario<any>> = BUILT_IN_SCENARIOS): RunRecord {
  const scenario = scenarioOf(task.spec, scenarios);
  const tmp = new RunStore(task.storeDir).begin(task.spec.id);
  return storeRun(task, scenario, tmp, failedResult(scenario, task.spec, new Error(reason)), wallSeconds);
}

function scenarioOf(spec: RunTask['spec'], scenarios: ReadonlyMap<string, Scenario<any>>): Scenario<any> {
  const scenario = scenarios.get(spec.scenario);
  if (!scenario) throw new Error(`unknown scenario "${spec.scenario}"`);
  return scenario;
}

function failedResult(scenario: Scenario<any>, spec: RunTask['spec'], error: unknown): RunResult {
  const failure = error instanceof Error ? error : new Error(String(error));
  return {
    scenario: scenario.name,
    seed: spec.seed,
    params: spec.params,
    ...(spec.roles ? { roles: spec.roles } : {}),
    outcome: { reason: 'failed', timeMs: 0, eventsProcessed: 0, error: failure },
    summary: {},
  };
}

/** Writes summary, manifest and timing into `tmp`, checks the id, and commits it to the store. */
function storeRun(task: RunTask, scenario: Scenario<any>, tmp: string, result: RunResult, wallSeconds: number): RunRecord {
  const { spec } = task;
  const store = new RunStore(task.storeDir);
  try {
    const manifest = writeRunFiles(tmp, result, runVersions(scenario, spec.roles), wallSeconds);
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
