import { isAbsolute, resolve } from 'node:path';
import { isPlugin, type Plugin } from '../plugin';

/**
 * Loads a plugin named by npm package (`@lab/my-bots`) or by path (`./plugins/my-bots`,
 * relative to `baseDir`). The module's default export, or its export named `plugin`, must be
 * what `definePlugin` returned.
 */
export function loadPlugin(spec: string, baseDir = process.cwd()): Plugin {
  const isPath = spec.startsWith('.') || isAbsolute(spec);
  const target = isPath ? resolve(baseDir, spec) : spec;
  let mod: unknown;
  try {
    mod = require(require.resolve(target, { paths: [baseDir] }));
  } catch (error) {
    throw new Error(`cannot load plugin "${spec}": ${(error as Error).message.split('\n')[0]}`);
  }
  const exports = mod as { default?: unknown; plugin?: unknown };
  const candidate = isPlugin(exports.default) ? exports.default : isPlugin(exports.plugin) ? exports.plugin : mod;
  if (!isPlugin(candidate)) {
    throw new Error(`"${spec}" loaded, but exports no plugin: export default definePlugin({...})`);
  }
  return candidate;
}
