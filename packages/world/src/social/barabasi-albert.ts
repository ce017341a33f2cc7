import type { UniformSource } from '../random';
import { buildFromPairs } from './csr-build';
import type { SocialGraph } from './social-graph';
import { MAX_NODES, checkEdgeBudget, checkInt } from './validate';

/**
 * Barabási–Albert preferential attachment (Barabási & Albert, "Emergence of scaling in random
 * networks", Science 286, 509, 1999), grown as networkx `barabasi_albert_graph` does
 * (networkx/generators/random_graphs.py): start from a star on m + 1 nodes (node 0 the centre),
 * then each new node links to m distinct existing nodes drawn with probability proportional to
 * degree, by drawing uniformly from a list holding every node once per link end ("repeated
 * nodes") and redrawing repeats. Memory: one Int32Array of 2m(n - m) entries, then the CSR.
 *
 * Exactly m(n - m) links; every node after the star has degree >= m (the star's leaves start
 * at 1); degree tail P(K >= k) -> m(m+1) / (k(k+1)) as n grows
 * (Bollobás, Riordan, Spencer & Tusnády, "The degree sequence of a scale-free random graph
 * process", Random Struct. Alg. 18, 279, 2001).
 */
export function barabasiAlbert(n: number, m: number, rng: UniformSource): SocialGraph {
  checkInt('barabasiAlbert.n', n, 2, MAX_NODES);
  checkInt('barabasiAlbert.m', m, 1, n - 1);
  const edges = m * (n - m);
  checkEdgeBudget('barabasiAlbert.m * (n - m)', edges);
  // The repeated-nodes list holds every link end once, so it is kept as the interleaved edge
  // list itself (link e = ends[2e], ends[2e + 1]): a uniform draw from it is a draw proportional
  // to degree, and no second copy of the edges is needed. Its order differs from networkx's,
  // which changes which node a given draw lands on but not the distribution.
  const ends = new Int32Array(2 * edges);
  let len = 0;
  for (let i = 1; i <= m; i++) {
    ends[len++] = 0;
    ends[len++] = i;
  }
  const stamp = new Int32Array(n);
  for (let source = m + 1; source < n; source++) {
    const pool = len;
    let chosen = 0;
    while (chosen < m) {
      const t = ends[Math.floor(rng.next() * pool)]!;
      if (stamp[t] === source) continue; // networkx redraws repeats (_random_subset)
      stamp[t] = source;
      ends[len++] = source;
      ends[len++] = t;
      chosen++;
    }
  }
  return buildFromPairs(n, edges, ends);
}
