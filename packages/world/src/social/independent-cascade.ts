import { ModelConfigError } from '../errors';
import type { UniformSource } from '../random';
import type { SocialGraph } from './social-graph';
import { checkProbability } from './validate';

/** What an independent cascade reached. */
export interface CascadeResult {
  /** Number of distinct nodes informed, seeds included. */
  readonly count: number;
  /** `reached[i] === 1` iff node i was informed. */
  readonly reached: Uint8Array;
  /** The informed nodes in the order they were informed (seeds first, then generation by generation). */
  readonly order: Int32Array;
  /** Generations after the seeds that informed at least one new node (0 if the seeds told no one). */
  readonly generations: number;
}

/**
 * The independent cascade model (Kempe, Kleinberg & Tardos, KDD 2003): every newly informed node
 * passes the news to each neighbour once, independently with probability p. The reference for
 * what a rumour-spreading population reaches, without an event loop.
 *
 * Draw order is fixed: generation by generation, each informed node in the order it was
 * informed, its neighbours in ascending id, one uniform per (node, neighbour), including
 * neighbours that already know (the sender cannot tell; cascade-bench says such deliveries
 * happen and do nothing). Timing does not change who is reached, since each node passes at most
 * once and each attempt is independent, so a model with delays reaches the same set in law.
 * Only the first attempt across a link can matter, so the reached set has the law of the seeds'
 * cluster in bond percolation with occupation probability p (Newman 2002): what
 * `expectedFinalSize` predicts.
 *
 * Duplicate seeds count once.
 */
export function independentCascade(
  graph: SocialGraph,
  seeds: ArrayLike<number>,
  p: number,
  rng: UniformSource,
): CascadeResult {
  checkProbability('independentCascade.p', p);
  const n = graph.nodeCount;
  for (let s = 0; s < seeds.length; s++) {
    const x = seeds[s];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x >= n) {
      throw new ModelConfigError(`independentCascade.seeds[${s}]`, `must be a node id, an integer in [0, ${n - 1}]`, x);
    }
  }
  const { offsets, adjacency } = graph;
  const reached = new Uint8Array(n);
  const queue = new Int32Array(n);
  let tail = 0;
  for (let s = 0; s < seeds.length; s++) {
    const x = seeds[s]!;
    if (reached[x] === 0) {
      reached[x] = 1;
      queue[tail++] = x;
    }
  }
  let head = 0;
  let generations = 0;
  while (head < tail) {
    const end = tail;
    for (; head < end; head++) {
      const u = queue[head]!;
      for (let r = offsets[u]!, stop = offsets[u + 1]!; r < stop; r++) {
        if (rng.next() < p) {
          const v = adjacency[r]!;
          if (reached[v] === 0) {
            reached[v] = 1;
            queue[tail++] = v;
          }
        }
      }
    }
    if (tail > end) generations++;
  }
  return { count: tail, reached, order: queue.subarray(0, tail), generations };
}
