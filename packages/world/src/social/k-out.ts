import type { UniformSource } from '../random';
import { buildFromPicks } from './csr-build';
import type { SocialGraph } from './social-graph';
import { MAX_NODES, checkEdgeBudget, checkInt } from './validate';

/**
 * Each node picks `k` distinct other nodes uniformly at random and links to them; a pair picked
 * from both ends is one link. This is the cascade-bench rule (shared/BENCHMARKS.md, B1: "each
 * holder picks 8 distinct others uniformly").
 *
 * Every node has degree >= k; the expected mean degree is 2k - k^2 / (n - 1), because a pair
 * {i, j} is linked unless neither picks the other: P = 1 - (1 - q)^2 with q = k / (n - 1).
 *
 * Draws exactly n x k uniforms, node by node in id order (Floyd's sampling without replacement,
 * so no rejection loop), and builds in O(n + nk) time and about 4 (3n + 3nk) bytes at peak (picks, then CSR).
 */
export function kOut(n: number, k: number, rng: UniformSource): SocialGraph {
  checkInt('kOut.n', n, 0, MAX_NODES);
  checkInt('kOut.k', k, 0, Math.max(0, n - 1));
  checkEdgeBudget('kOut.n * kOut.k', n * k);
  const picks = new Int32Array(n * k);
  // stamp[v] === u + 1 marks v as already picked by u, so no per-node set is allocated.
  const stamp = new Int32Array(n);
  const others = n - 1;
  for (let u = 0, e = 0; u < n; u++) {
    const tag = u + 1;
    // Floyd: a uniform k-subset of the n - 1 others, indexed 0..n-2 and mapped past u.
    for (let j = others - k; j < others; j++) {
      const t = Math.floor(rng.next() * (j + 1));
      let v = t < u ? t : t + 1;
      if (stamp[v] === tag) v = j < u ? j : j + 1;
      stamp[v] = tag;
      picks[e++] = v;
    }
  }
  return buildFromPicks(n, k, picks);
}
