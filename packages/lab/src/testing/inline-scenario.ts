import { MemorySink } from '@paradox/engine';
import type { Plugin } from '@paradox/sdk';
import { runScenario, type RunResult } from '../run/run-scenario';
import type { RunContext, Scenario, ScenarioInstance } from '../run/scenario';

/**
 * A scenario written inline, for tests and notebooks: the plugins, a horizon and a build
 * function. Returns the run's result and everything it recorded.
 */
export function runInline(options: {
  plugins: readonly Plugin[];
  horizonMs: number;
  seed?: number;
  build: (run: RunContext) => ScenarioInstance | void;
}): { result: RunResult; sink: MemorySink; events: (type: string) => Record<string, number | string>[] } {
  const scenario: Scenario<Record<string, never>> = {
    name: 'inline',
    description: 'a scenario written inline',
    plugins: options.plugins,
    parseParams: () => ({}),
    horizonMs: () => options.horizonMs,
    build: (run) => options.build(run) ?? { summary: () => ({}) },
  };
  const sink = new MemorySink();
  const result = runScenario(scenario, { seed: options.seed ?? 1, sink });
  if (result.outcome.error) throw result.outcome.error;
  return { result, sink, events: (type) => sink.rows('events').filter((e) => e['type'] === type) };
}
