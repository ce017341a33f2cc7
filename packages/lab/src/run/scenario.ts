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
  /** The scenario role this agent plays, if any: a tournament's role entrant may play it instead. */
  readonly role?: string;
}

/** Many agents of one plugin kind and config. */
export interface PopulationPlacement {
  readonly plugin: string;
  readonly kind: string;
  readonly ids: readonly string[];
  readonly config?: unknown;
  readonly latencyMs?: number;
  readonly path?: string;
  /** The scenario role these agents play, if any (see {@link AgentPlacement.role}). */
  readonly role?: string;
}

/**
 * A part in the scenario that another agent may play: a tournament entrant (plugin, kind,
 * config) takes the place of the agents placed with this role, keeping their identities and
 * wallets, and may see and do only what is listed here.
 */
export interface RoleSpec {
  readonly description: string;
  /** View names the role may read; absent: all. */
  readonly views?: readonly string[] | undefined;
  /** Topic names the role may observe; absent: all. */
  readonly topics?: readonly string[] | undefined;
  /** Action kinds the role may submit; absent: all. */
  readonly actions?: readonly string[] | undefined;
}

/** Who plays a role in a run instead of the scenario's own cast. */
export interface RoleAssignment {
  /** A plugin id: one of the scenario's plugins, or a built-in one. */
  readonly plugin: string;
  readonly kind: string;
  readonly config?: unknown;
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
  /** The roles tournament entrants may play, by name (e.g. `liquidator`). */
  readonly roles?: Readonly<Record<string, RoleSpec>>;
  /** Validates raw params (from the CLI or a file), filling defaults. */
  parseParams(raw: Record<string, unknown>): P;
  horizonMs(params: P): number;
  build(run: RunContext, params: P): ScenarioInstance;
}
