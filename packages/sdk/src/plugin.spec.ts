import { join } from 'node:path';
import gossip from '@paradox-plugins/gossip';
import { ConfigError } from './config-error';
import { agentKind, definePlugin, z } from './plugin';
import { loadPlugin } from './runtime/plugin-loader';
import { PluginRegistry } from './runtime/plugin-registry';

const identity = { id: 'a-1', pluginId: 'x', kind: 'k', address: 'a-1', index: 0 };

describe('definePlugin', () => {
  const plugin = definePlugin({
    id: 'thresholds',
    version: '1.2.3',
    description: 'test',
    agents: {
      seller: agentKind({
        description: 'sells below a threshold',
        config: z.object({ threshold: z.number().min(0).max(1), tags: z.array(z.string()).default([]) }).strict(),
        create: (cfg) => ({ start: () => void cfg.threshold }),
      }),
    },
  });

  it('validates config with path-precise messages', () => {
    expect(() => plugin.parseConfig('seller', { threshold: 'high' }, 'agents[3].config')).toThrow(
      'agents[3].config.threshold: invalid input: expected number, received string, got "high"',
    );
    expect(() => plugin.parseConfig('seller', { threshold: 2 }, 'agents[0].config')).toThrow(/agents\[0\]\.config\.threshold: too big.*got 2/);
    expect(() => plugin.parseConfig('seller', { threshold: 0.5, tags: [1] }, 'c')).toThrow(/c\.tags\[0\]: .*got 1/);
    expect(() => plugin.parseConfig('seller', { threshold: 0.5, treshold: 1 }, 'c')).toThrow('c: unknown key "treshold"');
  });

  it('reports every problem at once', () => {
    try {
      plugin.parseConfig('seller', { threshold: 'x', tags: 'y' }, 'c');
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toHaveLength(2);
    }
  });

  it('fills defaults and refuses unknown kinds', () => {
    expect(plugin.parseConfig('seller', { threshold: 0.1 })).toEqual({ threshold: 0.1, tags: [] });
    expect(() => plugin.createAgent('buyer', {}, identity)).toThrow('plugin "thresholds" has no agent kind "buyer" (it has: seller)');
  });

  it('refuses bad ids and versions', () => {
    const agents = { k: agentKind({ description: '', config: z.object({}), create: () => ({ start() {} }) }) };
    expect(() => definePlugin({ id: 'Bad Id', version: '1.0.0', description: '', agents })).toThrow(/plugin id/);
    expect(() => definePlugin({ id: 'ok', version: 'v1', description: '', agents })).toThrow(/semver/);
  });
});

describe('loading plugins', () => {
  it('loads a plugin from a workspace package', () => {
    expect(loadPlugin('@paradox-plugins/gossip', __dirname)).toBe(gossip);
  });

  it('loads a plugin from a path', () => {
    const plugin = loadPlugin('./__fixtures__/path-plugin', __dirname);
    expect(plugin.id).toBe('path-plugin');
    expect(plugin.parseConfig('idler', {})).toEqual({});
  });

  it('explains what is wrong with a bad spec', () => {
    expect(() => loadPlugin('./no-such-plugin', __dirname)).toThrow(/cannot load plugin "\.\/no-such-plugin"/);
    expect(() => loadPlugin(join(__dirname, 'keys.ts'))).toThrow(/exports no plugin/);
  });

  it('the registry names unknown plugins and refuses duplicate ids', () => {
    const registry = new PluginRegistry([gossip]);
    expect(() => registry.get('gosip', 'agents[2].plugin')).toThrow('agents[2].plugin: unknown plugin "gosip" (registered: gossip)');
    const clone = definePlugin({ ...gossip, version: '9.9.9' });
    expect(() => new PluginRegistry([gossip, clone])).toThrow(/two plugins share the id "gossip"/);
  });
});
