import { createRunContainer, EngineTokens, type Kernel, type Recorder, type RunOutcome, type Sink } from '@paradox/engine';
import { AgentHost, EMPTY_WORLD, PluginRegistry, pluginModule, type AgentIdentity, type DecisionGuard, type RoleLimits, type WorldPort } from '@paradox/sdk';
import { heapPolicyPhase } from './heap-policy';
import { rolePlugin, runPlugins } from './roles';
import type { AgentPlacement, PopulationPlacement, RoleAssignment, RunContext, Scenario } from './scenario';

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
  /**
   * Who plays the scenario's roles instead of its own cast (a tournament's role entrants). The
   * agents placed with a role keep their ids (hence wallets and RNG streams) and get the
   * assigned plugin's policy, limited to what the role may see and do.
   */
  roles?: Readonly<Record<string, RoleAssignment>>;
  /** The guard of each agent that plays an assigned role (a tournament's decision budget). */
  guardFor?: (identity: AgentIdentity, role: string, kernel: Kernel) => DecisionGuard | undefined;
}

export interface RunResult {
  readonly scenario: string;
  readonly seed: number | string;
  readonly params: unknown;
  /** The role assignments the run was made with, if any. */
  readonly roles?: Readonly<Record<string, RoleAssignment>>;
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
  container.load(pluginModule(...runPlugins(scenario, options.roles)));
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
  /** The policy, limits and guard of an agent: the scenario's own, or its role's entrant's. */
  const cast = (placed: AgentPlacement | PopulationPlacement, path: string) => {
    const role = placed.role;
    if (role !== undefined && !scenario.roles?.[role]) throw new Error(`${path}.role: scenario "${scenario.name}" declares no role "${role}"`);
    const assignment = role === undefined ? undefined : options.roles?.[role];
    if (!assignment) {
      const plugin = plugins.get(placed.plugin, `${path}.plugin`);
      return { plugin, kind: placed.kind, config: plugin.parseConfig(placed.kind, placed.config, `${path}.config`) };
    }
    const plugin = rolePlugin(scenario, role!, assignment);
    const spec = scenario.roles![role!]!;
    const limits: RoleLimits = { role: role!, views: spec.views, topics: spec.topics, actions: spec.actions };
    return { plugin, kind: assignment.kind, config: plugin.parseConfig(assignment.kind, assignment.config, `roles.${role}.config`), role: role!, limits };
  };
  const placement = (identity: AgentIdentity, agent: ReturnType<typeof cast>) => {
    const guard = agent.role === undefined ? undefined : options.guardFor?.(identity, agent.role, kernel);
    return {
      identity,
      agent: agent.plugin.createAgent(agent.kind, agent.config, identity),
      ...(agent.limits ? { limits: agent.limits } : {}),
      ...(guard ? { guard } : {}),
    };
  };
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
      const played = cast(agent, agent.path ?? `agent "${agent.id}"`);
      const identity = { id: agent.id, pluginId: played.plugin.id, kind: played.kind, address: agent.id, index: 0 };
      return host.place({ ...placement(identity, played), ...(agent.latencyMs === undefined ? {} : { latencyMs: agent.latencyMs }) });
    },
    placePopulation(population: PopulationPlacement) {
      const played = cast(population, population.path ?? `population "${population.kind}"`);
      const latency = population.latencyMs === undefined ? {} : { latencyMs: population.latencyMs };
      if (played.role !== undefined) {
        // Entrants playing a role: each with its guard, a plain identity and its limits.
        population.ids.forEach((id, index) => {
          const identity = { id, pluginId: played.plugin.id, kind: played.kind, address: id, index };
          host.place({ ...placement(identity, played), ...latency });
        });
        return;
      }
      host.placePopulation({ pluginId: played.plugin.id, kind: played.kind, ...latency }, population.ids, (identity) =>
        played.plugin.createAgent(played.kind, played.config, identity),
      );
    },
  };

  heapPolicyPhase('build');
  let instance: ReturnType<Scenario<P>['build']>;
  try {
    instance = scenario.build(run, params);
  } finally {
    heapPolicyPhase('run');
  }
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
  return { scenario: scenario.name, seed: options.seed, params, ...(options.roles ? { roles: options.roles } : {}), outcome, summary };
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
