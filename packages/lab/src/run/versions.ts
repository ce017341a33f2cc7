import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Versions that determine a run's results: Paradox's packages and the plugins used. */
export function packageVersions(plugins: readonly (readonly [string, string])[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const pkg of ['engine', 'sdk', 'world', 'lab']) {
    try {
      const json = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', pkg, 'package.json'), 'utf8')) as { version: string };
      versions[`@paradox/${pkg}`] = json.version;
    } catch {
      // Not in a monorepo checkout (e.g. bundled): versions of plugins still pin the run.
    }
  }
  for (const [id, version] of plugins) versions[`plugin:${id}`] = version;
  return versions;
}
