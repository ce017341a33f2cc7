import { createRunContainer, EngineTokens, type Recorder, type RunOutcome, type Sink } from '@paradox/engine';
import { AgentHost, EMPTY_WORLD, PluginRegistry, pluginModule, type WorldPort } from '@paradox/sdk';
import type { AgentPlacement, PopulationPlacement, RunContext, Scenario } from './scenario';

export interface RunOptions {
  seed: number | string;
  params?: Record<string, unknown>;
  sink?: Sink;
  /** Recorder chunk size in rows (memory bound per table). */
  chunkRows?: number;
  /** Write the per-agent outcomes table `agents` (default true; benchmarks turn it off). */
  agentOutcomes?: boolean;
  /** Called every `progressEveryMs` of virtual time with the fraction of the horizon done. */
  onProgress?: (fraction: number) => void;
  progressEveryMs?: number;
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: number | string;
  readonly params: unknown;
  readonly outcome: RunOutcome;
  readonly summary: Record<string, number | string | boolean | null>;
}

/**
 * Runs one scenario: composes the run container (engine services + the scenario's plugins),
 * builds the world and agents, runs to the horizon, and returns the summary. A failing plugin
 * does not throw: the outcome carries the attributed error and the recorder keeps everything
 * recorded until then (flushed to the sink before returning).
 */
export function runScenario<P>(scenario: Scenario<P>, options: RunOptions): RunResult {
  const params = scenario.parseParams(options.params ?? {});
  const container = createRunContainer({
    seed: options.seed,
    ...(options.sink ? { sink: options.sink } : {}),
    ...(options.chunkRows ? { chunkRows: options.chunkRows } : {}),
  });
  container.load(pluginModule(...scenario.plugins));
  const kernel = container.get(EngineTokens.Kernel);
  const bus = container.get(EngineTokens.Bus);
  const seeds = container.get(EngineTokens.Seeds);
  const recorder = container.get(EngineTokens.Recorder);
  const plugins = PluginRegistry.fromContainer(container);

  let world: WorldPort = EMPTY_WORLD;
  const worldPort: WorldPort = {
    submit: (agentId, action, done) => world.submit(agentId, action, done),
    view: (agentId, name) => world.view(agentId, name),
    outcome: (agentId) => world.outcome?.(agentId) ?? {},
  };
  const host = new AgentHost({ kernel, bus, seeds, recorder, world: worldPort });
  const run: RunContext = {
    kernel,
    bus,
    seeds,
    recorder,
    plugins,
    host,
    attachWorld(w) {
      world = w;
    },
    place(agent: AgentPlacement) {
      const path = agent.path ?? `agent "${agent.id}"`;
      const plugin = plugins.get(agent.plugin, `${path}.plugin`);
      const config = plugin.parseConfig(agent.kind, agent.config, `${path}.config`);
      const identity = { id: agent.id, pluginId: plugin.id, kind: agent.kind, address: agent.id, index: 0 };
      return host.place({
        identity,
        agent: plugin.createAgent(agent.kind, config, identity),
        ...(agent.latencyMs === undefined ? {} : { latencyMs: agent.latencyMs }),
      });
    },
    placePopulation(population: PopulationPlacement) {
      const path = population.path ?? `population "${population.kind}"`;
      const plugin = plugins.get(population.plugin, `${path}.plugin`);
      const config = plugin.parseConfig(population.kind, population.config, `${path}.config`);
      const latency = population.latencyMs === undefined ? {} : { latencyMs: population.latencyMs };
      population.ids.forEach((id, index) => {
        const identity = { id, pluginId: plugin.id, kind: population.kind, address: id, index };
        host.place({ identity, agent: plugin.createAgent(population.kind, config, identity), ...latency });
      });
    },
  };

  const instance = scenario.build(run, params);
  const horizon = scenario.horizonMs(params);
  let outcome: RunOutcome;
  if (options.onProgress) {
    const step = options.progressEveryMs ?? Math.max(1, Math.floor(horizon / 100));
    do {
      outcome = kernel.run({ until: Math.min(horizon, kernel.now + step) });
      options.onProgress(Math.min(1, kernel.now / horizon));
    } while (outcome.reason === 'until' && kernel.now < horizon);
  } else {
    outcome = kernel.run({ until: horizon });
  }
  if (options.agentOutcomes ?? true) recordOutcomes(recorder, host, worldPort);
  host.stopAll();
  const summary = summarise(instance);
  recorder.metric('events_processed', kernel.eventsProcessed);
  recorder.close();
  return { scenario: scenario.name, seed: options.seed, params, outcome, summary };
}

/** A summary that fails (e.g. after a plugin failure left the world half-built) is reported, not thrown. */
function summarise(instance: { summary(): RunResult['summary'] }): RunResult['summary'] {
  try {
    return instance.summary();
  } catch (error) {
    return { summary_error: (error as Error).message };
  }
}

const OUTCOME_SCHEMA = { agent: 'str', plugin: 'str', kind: 'str', metric: 'str', value: 'f64' } as const;

/** The `agents` table: what every agent ends the run with, one row per agent and metric (long format). */
function recordOutcomes(recorder: Recorder, host: AgentHost, world: WorldPort): void {
  const table = recorder.table('agents', OUTCOME_SCHEMA);
  for (const identity of host.identities()) {
    const outcome = world.outcome?.(identity.id) ?? {};
    for (const metric of Object.keys(outcome).sort()) {
      table.append({ agent: identity.id, plugin: identity.pluginId, kind: identity.kind, metric, value: outcome[metric]! });
    }
  }
}
