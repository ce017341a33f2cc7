import { formatLeaderboard, mergeExperiments } from '@paradox/lab';
import type { CliIo } from '../main';

/** `paradox merge OUT DIR...`: shard outputs into one results table (and leaderboard). */
export async function mergeCommand(out: string, dirs: string[], options: { partial: boolean }, io: CliIo): Promise<number> {
  const outcome = await mergeExperiments(out, dirs, { allowPartial: options.partial });
  const name = outcome.plan.experiment.name;
  io.out(`${name}: merged ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} into ${out}: ${outcome.rows.length} of ${outcome.plan.runs.length} runs (${outcome.copied} copied)\n`);
  if (outcome.missing.length > 0) io.err(`${outcome.missing.length} runs are missing: the results are partial and no leaderboard was written\n`);
  for (const warning of outcome.warnings) io.err(`warning: ${warning}\n`);
  // One board, or one per scenario for an experiment over several (each headed by its scenario).
  for (const board of outcome.leaderboards ?? []) io.out(formatLeaderboard(board));
  for (const path of outcome.files) io.out(`wrote ${path}\n`);
  return 0;
}
