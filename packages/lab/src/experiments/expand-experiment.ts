import { SeedTree } from '@paradox/engine';
import { canonicalJson } from '../output/canonical-json';
import { sha256 } from '../output/write-run';
import type { Scenario } from '../run/scenario';
import { packageVersions } from '../run/versions';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { runVersions } from '../run/roles';
import { entrantRoles, experimentScenarios, type Entrant, type Experiment } from './experiment';
import { replicationSeed } from './replication-seed';
import { runId, type RunSpec } from './run-spec';
import { sweepCells } from './sweep-cells';

/** Every run of an experiment, in order, with the code version their ids include. */
export interface RunPlan {
  readonly experiment: Experiment;
  /** Package and plugin versions that determine results (part of every run id). */
  readonly versions: Readonly<Record<string, string>>;
  readonly runs: readonly RunSpec[];
  /** sha256 of the experiment, the versions and the run ids: equal plans have equal hashes. */
  readonly hash: string;
}

/**
 * Expands a validated experiment into its runs: scenarios (outer), cells, replications, entrants
 * (inner). Replication r has the same seed in every scenario, cell and entrant (common random
 * numbers). Deterministic: the same experiment and code version give the same list, ids and order.
 */
export function expandExperiment(experiment: Experiment, scenarios: ReadonlyMap<string, Scenario<any>> = BUILT_IN_SCENARIOS): RunPlan {
  const used = experimentScenarios(experiment).map((name) => {
    const scenario = scenarios.get(name);
    if (!scenario) throw new Error(`unknown scenario "${name}"`);
    return { scenario, versions: packageVersions(scenario.plugins.map((p) => [p.id, p.version] as const)) };
  });
  // The plan's code version: every scenario's (they differ only in the plugins they use).
  const versions =
    used.length === 1 ? used[0]!.versions : Object.fromEntries(used.flatMap((u) => Object.entries(u.versions)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const cells = sweepCells(experiment.sweep, new SeedTree(experiment.seed).child('experiment').stream('sweep'));
  const entrants: readonly (Entrant | undefined)[] = experiment.tournament?.entrants ?? [undefined];
  const seeds = Array.from({ length: experiment.replications }, (_, r) => replicationSeed(experiment.seed, r));
  const runs: RunSpec[] = [];
  for (const { scenario, versions: scenarioVersions } of used) {
    // What an entrant brings is the same in every replication: parse and version it once.
    const players = entrants.map((entrant) => {
      const roles = entrantRoles(entrant);
      return { entrant, roles, versions: roles ? runVersions(scenario, roles) : scenarioVersions };
    });
    cells.forEach((cell, c) => {
      const cellPlayers = players.map((player) => ({
        ...player,
        params: scenario.parseParams({ ...experiment.params, ...cell, ...(player.entrant?.params ?? {}) }) as Record<string, unknown>,
      }));
      for (let r = 0; r < experiment.replications; r++) {
        const seed = seeds[r]!;
        for (const { entrant, roles, versions: codeVersions, params } of cellPlayers) {
          runs.push({
            index: runs.length,
            id: runId({ scenario: scenario.name, params, roles, seed, versions: codeVersions }),
            scenario: scenario.name,
            cell: c,
            cellParams: cell,
            entrant: entrant?.name ?? null,
            replication: r,
            seed,
            params,
            ...(roles ? { roles } : {}),
          });
        }
      }
    });
  }
  const hash = sha256(canonicalJson({ experiment, versions, runs: runs.map((r) => r.id) }));
  return { experiment, versions, runs, hash };
}
