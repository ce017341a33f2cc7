import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../output/canonical-json';
import { writeFileAtomic } from './atomic-write';
import type { Experiment } from './experiment';
import type { RunPlan } from './expand-experiment';
import type { RunSpec } from './run-spec';

/**
 * Writes `experiment.json` (the validated experiment, the code version and the plan's hash) and
 * `plan.json` (every run: index, id, cell, entrant, replication, seed, params) into `out`.
 */
export function writePlanFiles(out: string, plan: RunPlan): void {
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, 'experiment.json'), canonicalJson({ experiment: plan.experiment, versions: plan.versions, plan: plan.hash, runs: plan.runs.length }));
  writeFileAtomic(join(out, 'plan.json'), canonicalJson({ plan: plan.hash, runs: plan.runs }));
}

/** Reads back what {@link writePlanFiles} wrote; a clear error if `dir` holds no experiment. */
export function readPlanFiles(dir: string): RunPlan {
  const experimentFile = join(dir, 'experiment.json');
  const planFile = join(dir, 'plan.json');
  if (!existsSync(experimentFile) || !existsSync(planFile)) {
    throw new Error(`"${dir}" holds no experiment output (no experiment.json and plan.json)`);
  }
  const head = JSON.parse(readFileSync(experimentFile, 'utf8')) as { experiment: Experiment; versions: Record<string, string>; plan: string };
  const body = JSON.parse(readFileSync(planFile, 'utf8')) as { plan: string; runs: RunSpec[] };
  if (head.plan !== body.plan) throw new Error(`"${dir}": experiment.json and plan.json describe different plans`);
  return { experiment: head.experiment, versions: head.versions, runs: body.runs, hash: body.plan };
}
