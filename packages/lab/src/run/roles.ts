import { isAbsolute } from 'node:path';
import { loadPlugin, type Plugin } from '@paradox/sdk';
import { BUILT_IN_PLUGINS } from '../plugins/catalog';
import { packageVersions } from './versions';
import type { RoleAssignment, Scenario } from './scenario';

/**
 * The plugin that plays an assigned role: one of the scenario's own plugins, or a built-in
 * one. Unknown roles and plugins are refused with the path of the assignment in the message.
 */
export function rolePlugin(scenario: Scenario<any>, role: string, assignment: RoleAssignment, path = `roles.${role}`): Plugin {
  const declared = scenario.roles ?? {};
  if (!(role in declared)) {
    const names = Object.keys(declared);
    throw new Error(`${path}.role: scenario "${scenario.name}" has no role "${role}" (${names.length ? `it has: ${names.join(', ')}` : 'it declares no roles'})`);
  }
  const spec = assignment.plugin;
  let plugin = scenario.plugins.find((p) => p.id === spec) ?? BUILT_IN_PLUGINS.find((p) => p.id === spec);
  if (!plugin && (spec.startsWith('.') || isAbsolute(spec))) {
    try {
      plugin = loadPlugin(spec);
    } catch (error) {
      throw new Error(`${path}.plugin: ${(error as Error).message}`);
    }
  }
  if (!plugin) {
    const known = [...new Set([...scenario.plugins, ...BUILT_IN_PLUGINS].map((p) => p.id))].sort();
    throw new Error(`${path}.plugin: unknown plugin "${spec}" (known: ${known.join(', ')}; or give a path to a compiled plugin, e.g. ./my-bots.js)`);
  }
  if (!(assignment.kind in plugin.agents)) {
    throw new Error(`${path}.kind: plugin "${plugin.id}" has no agent kind "${assignment.kind}" (it has: ${Object.keys(plugin.agents).join(', ')})`);
  }
  return plugin;
}

/** The scenario's plugins plus those its role assignments bring, each once. */
export function runPlugins(scenario: Scenario<any>, roles: Readonly<Record<string, RoleAssignment>> | undefined): Plugin[] {
  const plugins = [...scenario.plugins];
  for (const [role, assignment] of Object.entries(roles ?? {})) {
    const plugin = rolePlugin(scenario, role, assignment);
    if (!plugins.some((p) => p.id === plugin.id)) plugins.push(plugin);
  }
  return plugins;
}

/** The package and plugin versions a run with these role assignments depends on. */
export function runVersions(scenario: Scenario<any>, roles: Readonly<Record<string, RoleAssignment>> | undefined): Record<string, string> {
  return packageVersions(runPlugins(scenario, roles).map((p) => [p.id, p.version] as const));
}
