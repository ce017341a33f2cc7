import { ContainerModule, type Container, type ServiceIdentifier } from 'inversify';
import type { Plugin } from '../plugin';

/** Multi-binding under which every plugin registers itself in the run container. */
export const PLUGIN_TOKEN = Symbol.for('paradox.sdk.Plugin') as ServiceIdentifier<Plugin>;

/** A container module that registers `plugins`; load it into a run container. */
export function pluginModule(...plugins: Plugin[]): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const plugin of plugins) bind(PLUGIN_TOKEN).toConstantValue(plugin);
  });
}

/** The plugins registered in a container, by id. Two plugins with one id is an error. */
export class PluginRegistry {
  private readonly byId = new Map<string, Plugin>();

  constructor(plugins: Iterable<Plugin>) {
    for (const plugin of plugins) {
      const existing = this.byId.get(plugin.id);
      if (existing && existing !== plugin) {
        throw new Error(`two plugins share the id "${plugin.id}" (versions ${existing.version} and ${plugin.version})`);
      }
      this.byId.set(plugin.id, plugin);
    }
  }

  static fromContainer(container: Container): PluginRegistry {
    return new PluginRegistry(container.isBound(PLUGIN_TOKEN) ? container.getAll(PLUGIN_TOKEN) : []);
  }

  get(id: string, path = 'plugin'): Plugin {
    const plugin = this.byId.get(id);
    if (!plugin) {
      const known = [...this.byId.keys()].sort().join(', ') || 'none';
      throw new Error(`${path}: unknown plugin "${id}" (registered: ${known})`);
    }
    return plugin;
  }

  list(): Plugin[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
