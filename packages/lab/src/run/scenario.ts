import type { EventBus, Kernel, Recorder, SeedTree } from '@paradox/engine';
import type { AgentContext, AgentHost, Plugin, PluginRegistry, WorldPort } from '@paradox/sdk';

/** One agent to place: plugin + kind + raw config (validated against the plugin's schema). */
export interface AgentPlacement {
  readonly plugin: string;
  readonly kind: string;
  readonly id: string;
  readonly config?: unknown;
  readonly latencyMs?: number;
  /** Where this agent was declared, for error messages (e.g. `agents[3]`). */
  readonly path?: string;
}

/** Many agents of one plugin kind and config. */
export interface PopulationPlacement {
  readonly plugin: string;
  readonly kind: string;
  readonly ids: readonly string[];
  readonly config?: unknown;
  readonly latencyMs?: number;
  readonly path?: string;
}

/** What a scenario's build step gets: the run's engine services and a way to place agents. */
export interface RunContext {
  readonly kernel: Kernel;
  readonly bus: EventBus;
  readonly seeds: SeedTree;
  readonly recorder: Recorder;
  readonly plugins: PluginRegistry;
  /** Connects the world; must be called before agents are placed. */
  attachWorld(world: WorldPort): void;
  /** Validates the config against the plugin's schema and starts the agent. */
  place(agent: AgentPlacement): AgentContext;
  /**
   * Places a population sharing one config: validated once (a million holders do not pay for a
   * million parses), one agent per id, each with its own identity, RNG stream and state.
   */
  placePopulation(population: PopulationPlacement): void;
  readonly host: AgentHost;
}

/** A built scenario: what the run reports when it ends. */
export interface ScenarioInstance {
  /** Scalar results for summary.json (computed at the end of the run). */
  summary(): Record<string, number | string | boolean | null>;
}

/**
 * A scenario sets up the world, the agents and the exogenous news; it never scripts what the
 * agents do. `params` are validated and defaulted by the scenario itself.
 */
export interface Scenario<P = Record<string, unknown>> {
  readonly name: string;
  readonly description: string;
  /** Plugins the scenario needs registered. */
  readonly plugins: readonly Plugin[];
  /** Validates raw params (from the CLI or a file), filling defaults. */
  parseParams(raw: Record<string, unknown>): P;
  horizonMs(params: P): number;
  build(run: RunContext, params: P): ScenarioInstance;
}
