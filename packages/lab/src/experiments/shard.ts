/** Shard `index` of `count` runs the plan's runs with `run index % count == index`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (0 <= i < n), as `--shard` takes it. */
export function parseShard(text: string, what = '--shard'): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1) || !(index < count)) throw new Error(`${what}: expected i/n with 0 <= i < n, got "${text}"`);
  return { index, count };
}

export function isInShard(runIndex: number, shard: Shard | undefined): boolean {
  return !shard || runIndex % shard.count === shard.index;
}

/**
 * The shard a batch system assigned, from its environment, or undefined outside one:
 *
 * - `PARADOX_SHARD=i/n`;
 * - a Slurm job array: `SLURM_ARRAY_TASK_ID` (counted from `SLURM_ARRAY_TASK_MIN` in steps of
 *   `SLURM_ARRAY_TASK_STEP`) of `SLURM_ARRAY_TASK_COUNT`;
 * - a Kubernetes indexed Job: `JOB_COMPLETION_INDEX`, with the count from `count` (`--shards`)
 *   or `PARADOX_SHARDS` (Kubernetes does not tell a pod the number of completions).
 *
 * `count` (from `--shards`) overrides the count any of them gives.
 */
export function shardFromEnvironment(env: Readonly<Record<string, string | undefined>>, count?: number): Shard | undefined {
  const countFrom = (fallback: string | undefined, source: string): number => {
    const text = count !== undefined ? String(count) : env['PARADOX_SHARDS'] ?? fallback;
    if (text === undefined) throw new Error(`${source} is set but the number of shards is not: pass --shards N or set PARADOX_SHARDS`);
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`number of shards: expected a positive integer, got "${text}"`);
    return n;
  };
  const make = (index: number, n: number, source: string): Shard => {
    if (!Number.isInteger(index) || index < 0 || index >= n) throw new Error(`${source}: shard ${index} is not in 0..${n - 1}`);
    return { index, count: n };
  };
  if (env['PARADOX_SHARD']) {
    const shard = parseShard(env['PARADOX_SHARD'], 'PARADOX_SHARD');
    return count === undefined ? shard : make(shard.index, count, 'PARADOX_SHARD');
  }
  const slurmId = env['SLURM_ARRAY_TASK_ID'];
  if (slurmId !== undefined && slurmId !== '') {
    const min = Number(env['SLURM_ARRAY_TASK_MIN'] ?? 0);
    const step = Number(env['SLURM_ARRAY_TASK_STEP'] ?? 1) || 1;
    return make((Number(slurmId) - min) / step, countFrom(env['SLURM_ARRAY_TASK_COUNT'], 'SLURM_ARRAY_TASK_ID'), 'SLURM_ARRAY_TASK_ID');
  }
  const k8s = env['JOB_COMPLETION_INDEX'];
  if (k8s !== undefined && k8s !== '') return make(Number(k8s), countFrom(undefined, 'JOB_COMPLETION_INDEX'), 'JOB_COMPLETION_INDEX');
  if (count !== undefined) throw new Error('--shards needs a shard index: pass --shard i/n, or run in a Slurm array or a Kubernetes indexed Job');
  return undefined;
}

/** `results.csv`, or `results.shard-<i>-of-<n>.csv` for a shard (so shards may share a directory). */
export function resultsFileName(shard: Shard | undefined): string {
  return shard ? `results.shard-${shard.index}-of-${shard.count}.csv` : 'results.csv';
}
