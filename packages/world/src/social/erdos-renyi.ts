import { ModelConfigError } from '../errors';
import type { UniformSource } from '../random';
import { EdgeBuffer } from './edge-buffer';
import { buildFromPairs } from './csr-build';
import type { SocialGraph } from './social-graph';
import { MAX_ADJACENCY, MAX_NODES, checkInt, checkProbability } from './validate';

/**
 * G(n, p): each of the n(n-1)/2 pairs is linked independently with probability p.
 *
 * Geometric skipping (Batagelj & Brandes, "Efficient generation of large random networks",
 * Phys. Rev. E 71, 036113, 2005; as networkx `fast_gnp_random_graph`,
 * networkx/generators/random_graphs.py): the gap to the next linked pair in lexicographic order
 * is Geometric(p), so the work is O(n + m) and one uniform is drawn per link (plus one at the end).
 *
 * @throws ModelConfigError if the expected edge count would not fit Int32 CSR offsets.
 */
export function erdosRenyi(n: number, p: number, rng: UniformSource): SocialGraph {
  checkInt('erdosRenyi.n', n, 0, MAX_NODES);
  checkProbability('erdosRenyi.p', p);
  const pairs = (n * (n - 1)) / 2;
  const expected = p * pairs;
  // Ten standard deviations of headroom: a larger draw is not a practical event.
  if (expected + 10 * Math.sqrt(expected) + 10 > MAX_ADJACENCY / 2) {
    throw new ModelConfigError(
      'erdosRenyi.p',
      `must give an expected edge count p n(n-1)/2 well below ${Math.floor(MAX_ADJACENCY / 2)}`,
      p,
    );
  }
  if (p === 0 || n < 2) return buildFromPairs(n, 0, new Int32Array(0));
  const buf = new EdgeBuffer(expected + 4 * Math.sqrt(expected) + 16);
  if (p === 1) {
    for (let v = 1; v < n; v++) for (let w = 0; w < v; w++) buf.push(v, w);
  } else {
    const lp = Math.log1p(-p);
    let v = 1;
    let w = -1;
    while (v < n) {
      w += 1 + Math.floor(Math.log1p(-rng.next()) / lp);
      while (w >= v && v < n) {
        w -= v;
        v++;
      }
      if (v < n) buf.push(v, w);
    }
  }
  return buildFromPairs(n, buf.length, buf.pairs);
}
