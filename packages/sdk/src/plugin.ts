import { z } from 'zod';
import type { Agent, AgentIdentity } from './context';
import { parseWithPaths } from './config-error';

/** Builds one agent's policy from its validated config and its identity. */
export type AgentFactory<C> = (config: C, identity: AgentIdentity) => Agent;

export interface AgentKind<S extends z.ZodType = z.ZodType> {
  /** What this kind of agent does, one line (shown by `paradox plugins list`). */
  readonly description: string;
  /** Schema of one agent's config; defaults in the schema are the documented defaults. */
  readonly config: S;
  readonly create: AgentFactory<z.output<S>>;
}

export interface PluginDefinition<K extends Record<string, AgentKind>> {
  /** Stable id used in scenario files, e.g. `rumor-sellers`. */
  readonly id: string;
  /** Semantic version; recorded in every run's manifest. */
  readonly version: string;
  readonly description: string;
  readonly agents: K;
}

/** A loaded plugin: its definition plus config validation with path-precise errors. */
export interface Plugin<K extends Record<string, AgentKind> = Record<string, AgentKind>> extends PluginDefinition<K> {
  /** Validates `raw` for agent kind `kind`; errors name `path` (e.g. `agents[3].config`). */
  parseConfig(kind: string, raw: unknown, path?: string): unknown;
  /** Validates and builds one agent. */
  createAgent(kind: string, config: unknown, identity: AgentIdentity): Agent;
}

const ID_PATTERN = /^[a-z][a-z0-9-]*$/;
const VERSION_PATTERN = /^\d+\.\d+\.\d+(?:[-+].*)?$/;

/**
 * Declares a plugin: an id, a version, and agent kinds, each with a config schema (zod) and a
 * factory.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   id: 'hodlers',
 *   version: '1.0.0',
 *   description: 'Holders that never sell',
 *   agents: {
 *     hodler: agentKind({
 *       description: 'Holds forever',
 *       config: z.object({ patience: z.number().default(1) }),
 *       create: () => ({ start() {} }),
 *     }),
 *   },
 * });
 * ```
 */
export function definePlugin<K extends Record<string, AgentKind>>(definition: PluginDefinition<K>): Plugin<K> {
  if (!ID_PATTERN.test(definition.id)) {
    throw new Error(`plugin id must be lowercase letters, digits and dashes, got ${JSON.stringify(definition.id)}`);
  }
  if (!VERSION_PATTERN.test(definition.version)) {
    throw new Error(`plugin "${definition.id}": version must be semver like 1.2.3, got ${JSON.stringify(definition.version)}`);
  }
  if (Object.keys(definition.agents).length === 0) throw new Error(`plugin "${definition.id}" declares no agent kinds`);
  const kindOf = (kind: string): AgentKind => {
    const found = definition.agents[kind];
    if (!found) {
      throw new Error(`plugin "${definition.id}" has no agent kind "${kind}" (it has: ${Object.keys(definition.agents).join(', ')})`);
    }
    return found;
  };
  return {
    ...definition,
    parseConfig(kind, raw, path = 'config') {
      return parseWithPaths(kindOf(kind).config, raw ?? {}, path);
    },
    createAgent(kind, config, identity) {
      return kindOf(kind).create(config as never, identity);
    },
  };
}

/** Declares one agent kind with its schema; the factory's config type follows the schema. */
export function agentKind<S extends z.ZodType>(kind: AgentKind<S>): AgentKind<S> {
  return kind;
}

/** Is `value` something {@link definePlugin} returned (e.g. a module's default export)? */
export function isPlugin(value: unknown): value is Plugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Plugin).id === 'string' &&
    typeof (value as Plugin).createAgent === 'function' &&
    typeof (value as Plugin).parseConfig === 'function'
  );
}

export { z };
