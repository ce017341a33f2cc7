import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../run/scenario';
import { loadScenarioFile } from '../scenario-files/build-scenario';
import { cascadeBench } from './cascade-bench';
import { gossipDemo } from './gossip-demo';
import { rwaSquared } from './rwa-squared';

/** The directory of the experiment files that ship with Paradox (packages/lab/experiments). */
export const EXPERIMENT_DIR = join(__dirname, '..', '..', 'experiments');

/** The directory of the scenario files that ship with Paradox (packages/lab/scenarios). */
export const SCENARIO_DIR = join(__dirname, '..', '..', 'scenarios');

function fileScenarios(): Scenario<any>[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => loadScenarioFile(join(SCENARIO_DIR, f)));
}

/** Built-in scenarios by name: the benchmark and demo in code, the research scenarios as files. */
export const BUILT_IN_SCENARIOS: ReadonlyMap<string, Scenario<any>> = new Map<string, Scenario<any>>(
  [cascadeBench, gossipDemo, rwaSquared, ...fileScenarios()].map((s) => [s.name, s] as const),
);

/** A built-in scenario by name, or a scenario file by path (`*.yaml`). */
export function findScenario(name: string): Scenario<any> {
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return loadScenarioFile(name);
  const scenario = BUILT_IN_SCENARIOS.get(name);
  if (!scenario) {
    throw new Error(`unknown scenario "${name}" (built in: ${[...BUILT_IN_SCENARIOS.keys()].join(', ')})`);
  }
  return scenario;
}
