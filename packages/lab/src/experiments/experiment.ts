import { z } from 'zod';
import type { RoleAssignment } from '../run/scenario';
import type { DecisionBudget } from './decision-budget';

/** A value a swept parameter can take from a list. */
const listValue = z.union([z.number(), z.string(), z.boolean()]);

/** A continuous range to sample from (random and Latin-hypercube sweeps). */
const range = z
  .object({
    min: z.number(),
    max: z.number(),
    /** Round draws to whole numbers (both ends inclusive). */
    integer: z.boolean().default(false),
    /** Sample uniformly in log space (min must be > 0). */
    log: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must be >= min', path: ['max'] })
  .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0', path: ['min'] });

const gridSweep = z
  .object({
    method: z.literal('grid'),
    /** Every combination of these lists is one cell. */
    params: z.record(z.string(), z.array(listValue)),
  })
  .strict();

const sampledSweep = (method: 'random' | 'latin-hypercube') =>
  z
    .object({
      method: z.literal(method),
      /** Number of cells to sample. */
      n: z.number().int().min(1).max(1_000_000),
      /** Each parameter: a range, or a list to choose from. */
      params: z.record(z.string(), z.union([range, z.array(listValue)])),
    })
    .strict();

export const sweepSchema = z.discriminatedUnion('method', [gridSweep, sampledSweep('random'), sampledSweep('latin-hypercube')]);

const entrantName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" and "-"');

export const entrantSchema = z
  .object({
    name: entrantName,
    description: z.string().optional(),
    /** Scenario parameter overrides for this entrant (applied over the base params and the sweep cell). */
    params: z.record(z.string(), z.unknown()).default({}),
    /** Role entrants: the agent this entrant plays (`role`), by plugin, kind and config. */
    role: z.string().optional(),
    plugin: z.string().optional(),
    kind: z.string().optional(),
    config: z.unknown().optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.role === undefined) {
      for (const key of ['plugin', 'kind', 'config'] as const) {
        if (e[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `only a role entrant (one with "role") names a ${key}` });
      }
    } else {
      for (const key of ['plugin', 'kind'] as const) {
        if (e[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a role entrant needs a ${key}` });
      }
    }
  });

export const metricSchema = z
  .object({
    /** A key of the scenario's summary. */
    name: z.string().min(1),
    direction: z.enum(['maximize', 'minimize']),
  })
  .strict();

export const tournamentSchema = z
  .object({
    entrants: z.array(entrantSchema).min(1, 'a tournament needs at least one entrant'),
    /** Metrics to rank by, the first one first; each with the direction that is better. */
    metrics: z.array(metricSchema).min(1, 'a tournament needs at least one metric to rank by'),
    bootstrap: z
      .object({ resamples: z.number().int().min(100).max(1_000_000).default(2000), confidence: z.number().gt(0).lt(1).default(0.95) })
      .strict()
      .default({ resamples: 2000, confidence: 0.95 }),
    /**
     * Limits on each decision of a role entrant's agents: over `decisionMs` disqualifies the
     * entrant for the run; still running after `hangMs`, its worker is stopped (disqualified too).
     */
    budget: z
      .object({ decisionMs: z.number().positive().default(500), hangMs: z.number().int().min(100).default(10_000) })
      .strict()
      .refine((b) => b.hangMs >= b.decisionMs, { message: 'hangMs must be >= decisionMs', path: ['hangMs'] })
      .default({ decisionMs: 500, hangMs: 10_000 }),
  })
  .strict();

export const experimentSchema = z
  .object({
    /** Names the output directory (`out/<name>`); defaults to the file's name. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a name of letters, digits, ".", "_" and "-"').optional(),
    description: z.string().optional(),
    /** A built-in scenario (see `paradox scenarios list`). */
    scenario: z.string().min(1).optional(),
    /** Several built-in scenarios: every cell, entrant and replication runs on each (instead of `scenario`). */
    scenarios: z.array(z.string().min(1)).min(1, 'name at least one scenario').optional(),
    /** The experiment's master seed: replication seeds and sweep samples derive from it. */
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    /** Base scenario parameters, shared by every run. */
    params: z.record(z.string(), z.unknown()).default({}),
    sweep: sweepSchema.optional(),
    /** Seeded runs per cell (and entrant); replication r has the same seed everywhere. */
    replications: z.number().int().min(1).max(1_000_000).default(1),
    tournament: tournamentSchema.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.scenario === undefined && e.scenarios === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scenario'], message: 'name a scenario (scenario: NAME) or several (scenarios: [A, B])' });
    }
    if (e.scenario !== undefined && e.scenarios !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: 'give either scenario or scenarios, not both' });
    }
    e.scenarios?.forEach((name, i) => {
      if (e.scenarios!.indexOf(name) !== i) ctx.addIssue({ code: 'custom', path: ['scenarios', i], message: `duplicate scenario "${name}"` });
    });
  });

export type SweepSpec = z.output<typeof sweepSchema>;
export type RangeSpec = z.output<typeof range>;
export type MetricSpec = z.output<typeof metricSchema>;
export type TournamentSpec = z.output<typeof tournamentSchema>;
type RawEntrant = z.output<typeof entrantSchema>;

/** An entrant that plays by changing scenario parameters (a mitigation, a protocol setting). */
export interface ParamsEntrant {
  readonly name: string;
  readonly description?: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * An entrant that plays a role with its own agent: `{ role: liquidator, plugin: my-bots, kind:
 * bot, config: {...} }`. Its agent takes the place of every agent the scenario places in that
 * role (keeping their ids and wallets), sees and does only what the role allows, and runs under
 * the tournament's decision budget.
 */
export interface RoleEntrant extends ParamsEntrant {
  readonly role: string;
  readonly plugin: string;
  readonly kind: string;
  readonly config: unknown;
}

export type Entrant = ParamsEntrant | RoleEntrant;

export function isRoleEntrant(entrant: Entrant): entrant is RoleEntrant {
  return 'role' in entrant && typeof (entrant as RoleEntrant).role === 'string';
}

/** Who an entrant makes play which role in its runs; undefined for a params entrant. */
export function entrantRoles(entrant: Entrant | undefined): Readonly<Record<string, RoleAssignment>> | undefined {
  if (!entrant || !isRoleEntrant(entrant)) return undefined;
  return { [entrant.role]: { plugin: entrant.plugin, kind: entrant.kind, ...(entrant.config === undefined ? {} : { config: entrant.config }) } };
}

/** A validated experiment: what an experiment file says, with defaults filled. */
export interface Experiment {
  readonly name: string;
  readonly description?: string;
  /** The scenario; with several (`scenarios`), the first of them. */
  readonly scenario: string;
  /**
   * Present when the file names its scenarios as a list (`scenarios: [A, B]`): every run of the
   * design runs on each, and results, cells and leaderboards are kept apart per scenario. Absent
   * for `scenario: A` (see {@link experimentScenarios}).
   */
  readonly scenarios?: readonly string[];
  readonly seed: number | string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly sweep?: SweepSpec;
  readonly replications: number;
  readonly tournament?: {
    readonly entrants: readonly Entrant[];
    readonly metrics: readonly MetricSpec[];
    readonly bootstrap: { readonly resamples: number; readonly confidence: number };
    /** Per-decision limits of role entrants (defaults: 500 ms per decision, 10 s to a hang). */
    readonly budget?: DecisionBudget;
  };
}

/** The scenarios an experiment runs on: `scenarios`, or the one `scenario`. */
export function experimentScenarios(experiment: Pick<Experiment, 'scenario' | 'scenarios'>): readonly string[] {
  return experiment.scenarios ?? [experiment.scenario];
}

/** Turns a parsed entrant into the {@link Entrant} union. */
export function toEntrant(raw: RawEntrant): Entrant {
  const base: ParamsEntrant = { name: raw.name, params: raw.params, ...(raw.description === undefined ? {} : { description: raw.description }) };
  if (raw.role === undefined) return base;
  return { ...base, role: raw.role, plugin: raw.plugin ?? '', kind: raw.kind ?? '', config: raw.config ?? {} };
}
