import { ModelConfigError } from '../errors';
import type { UniformSource } from '../random';
import { EdgeSet } from './edge-set';
import { buildFromPicks } from './csr-build';
import type { SocialGraph } from './social-graph';
import { MAX_NODES, checkEdgeBudget, checkInt, checkProbability } from './validate';

/**
 * Watts–Strogatz small world (Watts & Strogatz, "Collective dynamics of 'small-world'
 * networks", Nature 393, 440, 1998), rewired exactly as networkx `watts_strogatz_graph`
 * (networkx/generators/random_graphs.py): a ring where each node links to its k/2 nearest
 * neighbours on each side; then for each distance j = 1..k/2 and each node u in order, with
 * probability beta the link (u, u + j) is replaced by (u, w), w uniform among nodes that are not
 * u and not already linked to u (skipped if u is linked to everyone).
 *
 * Always n k / 2 links. beta = 0 gives the ring lattice and draws nothing; beta = 1 is close to
 * a random graph with minimum degree k/2.
 */
export function wattsStrogatz(n: number, k: number, beta: number, rng: UniformSource): SocialGraph {
  checkInt('wattsStrogatz.n', n, 0, MAX_NODES);
  checkInt('wattsStrogatz.k', k, 0, Math.max(0, n - 1));
  if (k % 2 !== 0) throw new ModelConfigError('wattsStrogatz.k', 'must be even (k/2 neighbours on each side)', k);
  checkProbability('wattsStrogatz.beta', beta);
  const half = k / 2;
  const edges = n * half;
  checkEdgeBudget('wattsStrogatz.n * k / 2', edges);
  // Link (u, j) for j = 1..k/2 lives at far[u * half + j - 1] and starts as (u, u + j mod n);
  // only its far end ever changes, so the near end is implicit.
  const far = new Int32Array(edges);
  for (let u = 0, e = 0; u < n; u++) {
    for (let j = 1; j <= half; j++, e++) far[e] = u + j < n ? u + j : u + j - n;
  }
  if (beta > 0 && edges > 0) rewire(n, half, beta, far, rng);
  return buildFromPicks(n, half, far);
}

/**
 * networkx's loop order: distance j outer, node u inner. Only the lattice link being visited is
 * ever removed, so lattice links are tested by arithmetic (present iff still pointing at its
 * lattice end) and only new links go in a hash set, which never needs deletions and holds about
 * beta n k / 2 entries instead of all of them.
 */
function rewire(n: number, half: number, beta: number, far: Int32Array, rng: UniformSource): void {
  const added = new EdgeSet(Math.ceil(beta * n * half * 1.1) + 16);
  const degree = new Int32Array(n).fill(2 * half);
  const linked = (u: number, w: number): boolean => {
    const delta = w >= u ? w - u : w - u + n;
    if (delta >= 1 && delta <= half) {
      if (far[u * half + delta - 1] === w) return true;
    } else if (delta >= n - half) {
      if (far[w * half + (n - delta) - 1] === u) return true;
    }
    return added.has(u, w);
  };
  for (let j = 1; j <= half; j++) {
    for (let u = 0; u < n; u++) {
      if (!(rng.next() < beta)) continue;
      let w = Math.floor(rng.next() * n);
      let skip = false;
      while (w === u || linked(u, w)) {
        w = Math.floor(rng.next() * n);
        if (degree[u]! >= n - 1) {
          skip = true;
          break;
        }
      }
      if (skip) continue;
      const e = u * half + j - 1;
      degree[far[e]!]!--;
      degree[w]!++;
      far[e] = w;
      added.add(u, w);
    }
  }
}
