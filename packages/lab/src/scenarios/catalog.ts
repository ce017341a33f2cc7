import type { Scenario } from '../run/scenario';
import { cascadeBench } from './cascade-bench';
import { gossipDemo } from './gossip-demo';

/** Built-in scenarios by name. */
export const BUILT_IN_SCENARIOS: ReadonlyMap<string, Scenario<any>> = new Map<string, Scenario<any>>([
  [cascadeBench.name, cascadeBench],
  [gossipDemo.name, gossipDemo],
]);

export function findScenario(name: string): Scenario<any> {
  const scenario = BUILT_IN_SCENARIOS.get(name);
  if (!scenario) {
    throw new Error(`unknown scenario "${name}" (built in: ${[...BUILT_IN_SCENARIOS.keys()].join(', ')})`);
  }
  return scenario;
}
