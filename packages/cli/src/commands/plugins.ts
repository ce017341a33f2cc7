import { BUILT_IN_SCENARIOS } from '@paradox/lab';
import { PluginRegistry } from '@paradox/sdk';
import type { CliIo } from '../main';

export function pluginsListCommand(io: CliIo): number {
  const registry = new PluginRegistry([...BUILT_IN_SCENARIOS.values()].flatMap((s) => s.plugins));
  for (const plugin of registry.list()) {
    io.out(`${plugin.id}@${plugin.version}  ${plugin.description}\n`);
    for (const [kind, def] of Object.entries(plugin.agents)) io.out(`  ${kind}: ${def.description}\n`);
  }
  return 0;
}
