import { canonicalJson } from '../output/canonical-json';
import { sha256 } from '../output/write-run';
import type { RoleAssignment } from '../run/scenario';
import type { Cell } from './sweep-cells';

/** One run of an experiment: where it sits in the design, and everything that determines it. */
export interface RunSpec {
  /** Position in the experiment's plan (sharding takes `index % n == i`). */
  readonly index: number;
  /** Content hash of what determines the run's results: see {@link runId}. */
  readonly id: string;
  readonly scenario: string;
  /** Sweep cell number (0 without a sweep) and the swept values. */
  readonly cell: number;
  readonly cellParams: Cell;
  /** Tournament entrant, or null outside tournaments. */
  readonly entrant: string | null;
  readonly replication: number;
  readonly seed: number;
  /** The full scenario parameters as the scenario parsed them (defaults filled). */
  readonly params: Readonly<Record<string, unknown>>;
  /** A role entrant's part: who plays which scenario role in this run. */
  readonly roles?: Readonly<Record<string, RoleAssignment>>;
}

/** What determines a run's results, and so its id. The fields match a run manifest's. */
export interface RunIdentity {
  readonly scenario: string;
  readonly params: unknown;
  readonly roles?: Readonly<Record<string, RoleAssignment>> | undefined;
  readonly seed: number | string;
  /** Package and plugin versions (the code version). */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * The run's content hash: sha256 of the canonical JSON of scenario, params, seed and versions.
 * Two experiments that need the same run share it; a run manifest gives back its id.
 */
export function runId(identity: RunIdentity): string {
  return sha256(
    canonicalJson({
      scenario: identity.scenario,
      params: identity.params ?? {},
      // Only runs with role entrants name roles, so every other run keeps the id it always had.
      ...(identity.roles ? { roles: identity.roles } : {}),
      seed: identity.seed,
      versions: identity.versions,
    }),
  );
}
