import { rmSync } from 'node:fs';
import { FileSink } from '../output/file-sink';
import { writeRunFiles, type Manifest } from '../output/write-run';
import { runVersions } from './roles';
import { runScenario, type RunOptions, type RunResult } from './run-scenario';
import type { RoleAssignment, Scenario } from './scenario';

export interface DirectoryRunOptions {
  seed: number | string;
  params?: Record<string, unknown>;
  out: string;
  onProgress?: (fraction: number) => void;
  /** Who plays the scenario's roles (see {@link RunOptions.roles}). */
  roles?: Readonly<Record<string, RoleAssignment>>;
}

/** Runs a scenario and writes all its outputs to `out` (replacing what was there). */
export function runToDirectory(scenario: Scenario<any>, options: DirectoryRunOptions): { result: RunResult; manifest: Manifest; wallSeconds: number } {
  rmSync(options.out, { recursive: true, force: true });
  const sink = new FileSink(options.out);
  const started = process.hrtime.bigint();
  const result = runScenario(scenario, {
    seed: options.seed,
    sink,
    ...(options.params ? { params: options.params } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.roles ? { roles: options.roles } : {}),
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const versions = runVersions(scenario, options.roles);
  const manifest = writeRunFiles(options.out, result, versions, wallSeconds);
  return { result, manifest, wallSeconds };
}
