import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWithPaths, z } from '@paradox/sdk';
import type { Manifest } from '../output/write-run';
import { runToDirectory } from '../run/run-to-directory';
import type { Scenario } from '../run/scenario';
import { runVersions } from '../run/roles';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';

const manifestSchema = z.object({
  scenario: z.string(),
  seed: z.union([z.number(), z.string()]),
  params: z.record(z.string(), z.unknown()).default({}),
  roles: z.record(z.string(), z.object({ plugin: z.string(), kind: z.string(), config: z.unknown().optional() })).optional(),
  versions: z.record(z.string(), z.string()).default({}),
  files: z.record(z.string(), z.string()),
});

export interface FileDifference {
  readonly file: string;
  /** The hash the manifest lists (null: the rerun made a file the manifest does not list). */
  readonly expected: string | null;
  /** The rerun's hash (null: the rerun did not make this file). */
  readonly actual: string | null;
}

export interface ReproduceOutcome {
  readonly identical: boolean;
  readonly differences: readonly FileDifference[];
  /** Files checked (those the manifest lists). */
  readonly checked: number;
  /** Versions that differ between the manifest and this code: `name: then -> now`. */
  readonly versionChanges: readonly string[];
  /** Where the rerun wrote (removed when identical unless `keep`). */
  readonly dir: string;
}

export interface ReproduceOptions {
  /** Rerun into this directory (default: a new temporary one). */
  out?: string;
  /** Keep the rerun's directory even when everything matched. */
  keep?: boolean;
  scenarios?: ReadonlyMap<string, Scenario<any>>;
}

/**
 * Reruns the run a manifest describes (scenario, seed, params) and compares the sha256 of every
 * output file with the manifest's. Works on the manifest of `paradox run` and on those in an
 * experiment's `runs/<id>/` (which list the hashes of all outputs even when only the summary was kept).
 */
export function reproduceRun(manifestPath: string, options: ReproduceOptions = {}): ReproduceOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read manifest "${manifestPath}": ${(error as Error).message}`);
  }
  const manifest = parseWithPaths(manifestSchema, raw, 'manifest') as Pick<Manifest, 'scenario' | 'seed' | 'params' | 'roles' | 'versions' | 'files'>;
  const scenarios = options.scenarios ?? BUILT_IN_SCENARIOS;
  const scenario = scenarios.get(manifest.scenario);
  if (!scenario) throw new Error(`manifest.scenario: unknown scenario "${manifest.scenario}" (built in: ${[...scenarios.keys()].join(', ')})`);
  const now = runVersions(scenario, manifest.roles);
  const versionChanges = Object.keys({ ...manifest.versions, ...now })
    .sort()
    .filter((k) => manifest.versions[k] !== now[k])
    .map((k) => `${k}: ${manifest.versions[k] ?? 'none'} -> ${now[k] ?? 'none'}`);
  const dir = options.out ?? join(mkdtempSync(join(tmpdir(), 'paradox-reproduce-')), 'run');
  const rerun = runToDirectory(scenario, {
    seed: manifest.seed,
    params: manifest.params as Record<string, unknown>,
    out: dir,
    ...(manifest.roles ? { roles: manifest.roles } : {}),
  }).manifest;
  const differences: FileDifference[] = [];
  for (const file of Object.keys({ ...manifest.files, ...rerun.files }).sort()) {
    const expected = manifest.files[file] ?? null;
    const actual = rerun.files[file] ?? null;
    if (expected !== actual) differences.push({ file, expected, actual });
  }
  const identical = differences.length === 0;
  if (identical && !options.keep && options.out === undefined) rmSync(join(dir, '..'), { recursive: true, force: true });
  return { identical, differences, checked: Object.keys(manifest.files).length, versionChanges, dir };
}
