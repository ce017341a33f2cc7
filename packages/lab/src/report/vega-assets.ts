import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { InlineScript } from './html';

/** The browser builds inlined into reports, in load order (vega-lite needs vega; vega-embed needs both). */
const BUILDS = [
  { name: 'vega', file: 'build/vega.min.js' },
  { name: 'vega-lite', file: 'build/vega-lite.min.js' },
  { name: 'vega-embed', file: 'build/vega-embed.min.js' },
] as const;

let cached: InlineScript[] | undefined;

/** Reads the minified Vega, Vega-Lite and Vega-Embed builds from node_modules (once per process). */
export function vegaScripts(): InlineScript[] {
  cached ??= BUILDS.map(({ name, file }) => {
    const root = packageRoot(name);
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    return { name, version, source: readFileSync(join(root, file), 'utf8') };
  });
  return cached;
}

/** The folder of an installed package, found from its entry point (these packages export no package.json). */
function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of the installed package ${name}`);
    dir = up;
  }
}
