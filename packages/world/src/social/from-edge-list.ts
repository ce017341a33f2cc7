import { ModelConfigError } from '../errors';
import { buildFromPairs } from './csr-build';
import type { SocialGraph } from './social-graph';
import { MAX_NODES, checkEdgeBudget, checkInt } from './validate';

/**
 * A graph on nodes 0..n-1 from a list of pairs. Self-loops are dropped and a pair given more
 * than once, in either order, is one link, so `[[0, 1], [1, 0], [2, 2]]` is a single link.
 *
 * @throws ModelConfigError naming the parameter or the first bad endpoint, e.g. `fromEdgeList.edges[3][1]`.
 */
export function fromEdgeList(n: number, edges: ReadonlyArray<readonly [number, number]>): SocialGraph {
  checkInt('fromEdgeList.n', n, 0, MAX_NODES);
  checkEdgeBudget('fromEdgeList.edges.length', edges.length);
  const m = edges.length;
  const pairs = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    const pair = edges[e];
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new ModelConfigError(`fromEdgeList.edges[${e}]`, 'must be a pair [u, v]', pair);
    }
    pairs[2 * e] = checkNodeId(`fromEdgeList.edges[${e}][0]`, pair[0], n);
    pairs[2 * e + 1] = checkNodeId(`fromEdgeList.edges[${e}][1]`, pair[1], n);
  }
  return buildFromPairs(n, m, pairs);
}

/**
 * Like `fromEdgeList` for edge lists already in columns (`src[e]`—`dst[e]`), which avoids one
 * small JS array per pair when the list is large. The arrays are read, not kept.
 */
export function fromEdgeArrays(n: number, src: ArrayLike<number>, dst: ArrayLike<number>): SocialGraph {
  checkInt('fromEdgeArrays.n', n, 0, MAX_NODES);
  if (src.length !== dst.length) {
    throw new ModelConfigError('fromEdgeArrays.dst.length', `must equal src.length (${src.length})`, dst.length);
  }
  const m = src.length;
  checkEdgeBudget('fromEdgeArrays.src.length', m);
  const pairs = new Int32Array(2 * m);
  for (let e = 0; e < m; e++) {
    pairs[2 * e] = checkNodeId(`fromEdgeArrays.src[${e}]`, src[e], n);
    pairs[2 * e + 1] = checkNodeId(`fromEdgeArrays.dst[${e}]`, dst[e], n);
  }
  return buildFromPairs(n, m, pairs);
}

function checkNodeId(path: string, value: unknown, n: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= n) {
    throw new ModelConfigError(path, `must be a node id, an integer in [0, ${n - 1}]`, value);
  }
  return value;
}
