import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../run/run-scenario';
import type { RoleAssignment } from '../run/scenario';
import { canonicalJson } from './canonical-json';

export interface Manifest {
  readonly scenario: string;
  readonly seed: number | string;
  readonly params: unknown;
  readonly paramsHash: string;
  /** Who played the scenario's roles (tournament role entrants); absent when its own cast did. */
  readonly roles?: Readonly<Record<string, RoleAssignment>>;
  readonly versions: Record<string, string>;
  readonly outcome: { reason: string; timeMs: number; eventsProcessed: number; error?: string };
  /** sha256 of every output file except manifest.json and timing.json. */
  readonly files: Record<string, string>;
}

/** Files excluded from hashing because they hold wall-clock facts. */
export const UNHASHED_FILES = new Set(['manifest.json', 'timing.json']);

/**
 * Writes summary.json, manifest.json (seed, params hash, versions, output hashes) and
 * timing.json (wall-clock facts, kept apart so every other file is byte-identical across runs).
 */
export function writeRunFiles(dir: string, result: RunResult, versions: Record<string, string>, wallSeconds: number): Manifest {
  const error = result.outcome.error?.message;
  writeFileSync(join(dir, 'summary.json'), canonicalJson({ scenario: result.scenario, seed: result.seed, ...result.summary, ...(error ? { error } : {}) }));
  writeFileSync(join(dir, 'timing.json'), JSON.stringify({ wall_s: wallSeconds, events_per_s: result.outcome.eventsProcessed / Math.max(wallSeconds, 1e-9) }, null, 2) + '\n');
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    if (UNHASHED_FILES.has(name)) continue;
    files[name] = sha256(readFileSync(join(dir, name)));
  }
  const manifest: Manifest = {
    scenario: result.scenario,
    seed: result.seed,
    params: result.params,
    paramsHash: sha256(canonicalJson(result.params ?? {})),
    ...(result.roles ? { roles: result.roles } : {}),
    versions,
    outcome: {
      reason: result.outcome.reason,
      timeMs: result.outcome.timeMs,
      eventsProcessed: result.outcome.eventsProcessed,
      ...(error ? { error } : {}),
    },
    files,
  };
  writeFileSync(join(dir, 'manifest.json'), canonicalJson(manifest));
  return manifest;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
