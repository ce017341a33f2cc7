import { readFileSync } from 'node:fs';
import { basename, dirname, extname, resolve as resolvePath } from 'node:path';
import { ConfigError, parseWithPaths, type Plugin } from '@paradox/sdk';
import { SeedTree } from '@paradox/engine';
import { parseDocument } from 'yaml';
import { rolePlugin } from '../run/roles';
import type { Scenario } from '../run/scenario';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { experimentSchema, isRoleEntrant, toEntrant, type Entrant, type Experiment, type SweepSpec } from './experiment';
import { sweepCells } from './sweep-cells';

export interface ExperimentOptions {
  /** The experiment's name when the file gives none (the loader passes the file's base name). */
  name?: string;
  /** Scenarios by name; the built-in catalog by default. */
  scenarios?: ReadonlyMap<string, Scenario<any>>;
  /** Where a role entrant's plugin path (`./my-bots.js`) is relative to (the loader passes the file's directory). */
  baseDir?: string;
}

/** At most this many run-level problems are listed (a bad sweep can make thousands). */
const MAX_RUN_ISSUES = 5;

/**
 * Validates an experiment (already parsed from YAML or JSON) and everything it implies before
 * any run starts, on every scenario it names: the scenario exists, the base params, every swept value and every entrant's
 * overrides are accepted by the scenario's own `parseParams` (so an unknown parameter is named),
 * no sweep is empty, entrant names are unique, role entrants name a plugin the scenario uses.
 * Throws a {@link ConfigError} listing every problem with its path.
 */
export function parseExperiment(raw: unknown, options: ExperimentOptions = {}): Experiment {
  const parsed = parseWithPaths(experimentSchema, withDefaultSweepMethod(raw), '');
  const scenarios = options.scenarios ?? BUILT_IN_SCENARIOS;
  const names = parsed.scenarios ?? [parsed.scenario!];
  const unknown = names.flatMap((name, i) =>
    scenarios.has(name) ? [] : [`${parsed.scenarios ? `scenarios[${i}]` : 'scenario'}: unknown scenario "${name}" (built in: ${[...scenarios.keys()].join(', ')})`],
  );
  if (unknown.length > 0) throw new ConfigError(unknown);
  const entrants = parsed.tournament?.entrants.map((raw) => withAbsolutePluginPath(toEntrant(raw), options.baseDir ?? process.cwd()));
  const experiment: Experiment = {
    name: parsed.name ?? options.name ?? names[0]!,
    ...(parsed.description === undefined ? {} : { description: parsed.description }),
    scenario: names[0]!,
    ...(parsed.scenarios ? { scenarios: parsed.scenarios } : {}),
    seed: parsed.seed,
    params: parsed.params,
    ...(parsed.sweep ? { sweep: parsed.sweep } : {}),
    replications: parsed.replications,
    ...(parsed.tournament && entrants ? { tournament: { ...parsed.tournament, entrants } } : {}),
  };
  const issues = mergeScenarioIssues(names, names.map((name) => scenarioIssues(experiment, scenarios.get(name)!, entrants)));
  if (issues.length > 0) throw new ConfigError(issues);
  return experiment;
}

/**
 * Everything that could go wrong with `experiment` on one scenario: base params, sweep, entrants,
 * then (if those pass) every combination as the runs will see it.
 */
function scenarioIssues(experiment: Experiment, scenario: Scenario<any>, entrants: readonly Entrant[] | undefined): string[] {
  const issues: string[] = [];
  const tryParams = (params: Record<string, unknown>, path: string): boolean => {
    try {
      scenario.parseParams(params);
      return true;
    } catch (error) {
      issues.push(...issuesOf(error).map((issue) => repath(issue, path)));
      return false;
    }
  };

  if (!tryParams({ ...experiment.params }, 'params')) return issues;
  if (experiment.sweep) checkSweep(experiment.sweep, experiment.params, issues, tryParams);
  if (entrants) checkEntrants(scenario, entrants, experiment.params, issues, tryParams);
  if (issues.length > 0) return issues;

  // Every combination, as the runs will see it (catches constraints across parameters).
  const cells = sweepCells(experiment.sweep, new SeedTree(experiment.seed).child('experiment').stream('sweep'));
  const players: readonly (Entrant | undefined)[] = entrants ?? [undefined];
  outer: for (const [c, cell] of cells.entries()) {
    for (const entrant of players) {
      try {
        scenario.parseParams({ ...experiment.params, ...cell, ...(entrant?.params ?? {}) });
      } catch (error) {
        const where = [experiment.sweep ? `sweep cell ${c} (${describeCell(cell)})` : '', entrant ? `entrant "${entrant.name}"` : ''].filter(Boolean).join(', ');
        for (const issue of issuesOf(error)) issues.push(`${where}: ${issue}`);
        if (issues.length >= MAX_RUN_ISSUES) break outer;
      }
    }
  }
  return issues;
}

/**
 * With several scenarios, a problem every scenario has (a duplicate entrant name, a key none of
 * them knows) is listed once; one that only some have says which: `scenario "x": <issue>`.
 */
function mergeScenarioIssues(names: readonly string[], perScenario: readonly string[][]): string[] {
  if (perScenario.length === 1) return perScenario[0]!;
  const everywhere = (issue: string) => perScenario.every((list) => list.includes(issue));
  const merged: string[] = [];
  perScenario.forEach((list, i) => {
    for (const issue of list) {
      if (!everywhere(issue)) merged.push(`scenario "${names[i]}": ${issue}`);
      else if (!merged.includes(issue)) merged.push(issue);
    }
  });
  return merged;
}

/**
 * Reads and validates an experiment file (YAML, or JSON which is YAML too). YAML syntax errors
 * name the line and column; the experiment's name defaults to the file's base name.
 */
export function loadExperimentFile(path: string, options: ExperimentOptions = {}): Experiment {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError([`cannot read experiment file "${path}"${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(doc.errors.map((e) => `${path}:${e.linePos?.[0] ? `${e.linePos[0].line}:${e.linePos[0].col}: ` : ' '}${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`));
  }
  return parseExperiment(doc.toJS(), { name: basename(path, extname(path)), baseDir: dirname(resolvePath(path)), ...options });
}

/** A role entrant's plugin given by relative path is made absolute: worker threads load it too. */
function withAbsolutePluginPath(entrant: Entrant, baseDir: string): Entrant {
  if (!isRoleEntrant(entrant) || !entrant.plugin.startsWith('.')) return entrant;
  return { ...entrant, plugin: resolvePath(baseDir, entrant.plugin) };
}

function checkSweep(
  sweep: SweepSpec,
  base: Readonly<Record<string, unknown>>,
  issues: string[],
  tryParams: (params: Record<string, unknown>, path: string) => boolean,
): void {
  const keys = Object.keys(sweep.params);
  if (keys.length === 0) {
    issues.push('sweep.params: empty sweep: no parameters to vary');
    return;
  }
  for (const key of keys) {
    const spec = sweep.params[key]!;
    const path = `sweep.params.${key}`;
    let values: unknown[];
    if (Array.isArray(spec)) {
      if (spec.length === 0) {
        issues.push(`${path}: empty sweep: the list has no values`);
        continue;
      }
      values = spec;
    } else {
      const r = spec as { min: number; max: number; integer: boolean };
      if (r.integer && Math.ceil(r.min) > Math.floor(r.max)) {
        issues.push(`${path}: empty sweep: no whole number between ${r.min} and ${r.max}`);
        continue;
      }
      values = r.integer ? [Math.ceil(r.min), Math.floor(r.max)] : [r.min, r.max];
    }
    for (const value of values) if (!tryParams({ ...base, [key]: value }, 'sweep.params')) break;
  }
}

function checkEntrants(
  scenario: Scenario<any>,
  entrants: readonly Entrant[],
  base: Readonly<Record<string, unknown>>,
  issues: string[],
  tryParams: (params: Record<string, unknown>, path: string) => boolean,
): void {
  const seen = new Set<string>();
  entrants.forEach((entrant, i) => {
    const path = `tournament.entrants[${i}]`;
    if (seen.has(entrant.name)) issues.push(`${path}.name: duplicate entrant name "${entrant.name}"`);
    seen.add(entrant.name);
    tryParams({ ...base, ...entrant.params }, `${path}.params`);
    if (!isRoleEntrant(entrant)) return;
    let plugin: Plugin;
    try {
      plugin = rolePlugin(scenario, entrant.role, entrant, path);
    } catch (error) {
      issues.push((error as Error).message);
      return;
    }
    try {
      plugin.parseConfig(entrant.kind, entrant.config, `${path}.config`);
    } catch (error) {
      issues.push(...issuesOf(error));
    }
  });
}

function issuesOf(error: unknown): readonly string[] {
  return error instanceof ConfigError ? error.issues : [(error as Error).message];
}

/** `params.agents: ...` from a scenario becomes `<path>.agents: ...`; other messages get `<path>: ` in front. */
function repath(issue: string, path: string): string {
  const m = /^params(?=[:.[])/.exec(issue);
  if (m) return path + issue.slice(m[0].length);
  return `${path}: ${issue}`;
}

function describeCell(cell: Readonly<Record<string, unknown>>): string {
  return Object.entries(cell).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
}

/**
 * `sweep:` without `method:` is a grid, and a grid may list its parameters directly:
 * `sweep: { friends: [3, 6] }` is `sweep: { method: grid, params: { friends: [3, 6] } }`.
 */
function withDefaultSweepMethod(raw: unknown): unknown {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const sweep = (raw as Record<string, unknown>)['sweep'];
  if (sweep === null || typeof sweep !== 'object' || Array.isArray(sweep) || 'method' in sweep) return raw;
  return { ...raw, sweep: 'params' in sweep ? { method: 'grid', ...sweep } : { method: 'grid', params: sweep } };
}
