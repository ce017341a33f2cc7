import { ModelConfigError } from '../errors';

/**
 * Passed by this directory's builders, which produce canonical CSR by construction, so the graph
 * skips the O(m log d) check it runs on arrays from elsewhere. Not exported from the barrel.
 */
export const TRUSTED_CSR: unique symbol = Symbol('paradox.social.trustedCsr');

/**
 * A simple undirected graph on nodes 0..n-1 in compressed sparse row form: the neighbours of
 * node i are `adjacency[offsets[i] .. offsets[i + 1])`, sorted ascending, with no self-loop and
 * no repeat, and every link appears in both endpoints' rows. Two Int32Arrays and nothing else,
 * so a million nodes with sixteen links each take about 68 MB and a lookup allocates only the
 * subarray view.
 *
 * Build one with a generator (`kOut`, `erdosRenyi`, ...) or `fromEdgeList`; the constructor
 * accepts ready CSR arrays and checks every invariant above.
 */
export class SocialGraph {
  /** Number of nodes n; ids are 0..n-1. */
  readonly nodeCount: number;
  /** Number of undirected links m (each counted once). */
  readonly edgeCount: number;
  /** Row starts, length n + 1. Shared, not copied: do not mutate. */
  readonly offsets: Int32Array;
  /** Concatenated sorted neighbour rows, length 2m. Shared, not copied: do not mutate. */
  readonly adjacency: Int32Array;

  constructor(offsets: Int32Array, adjacency: Int32Array, trust?: typeof TRUSTED_CSR) {
    if (trust !== TRUSTED_CSR) validateCsr(offsets, adjacency);
    this.offsets = offsets;
    this.adjacency = adjacency;
    this.nodeCount = offsets.length - 1;
    this.edgeCount = adjacency.length / 2;
  }

  /** The sorted neighbours of `i`, as a view into the shared adjacency array (do not mutate). */
  neighbours(i: number): Int32Array {
    this.checkNode(i);
    return this.adjacency.subarray(this.offsets[i]!, this.offsets[i + 1]!);
  }

  degree(i: number): number {
    this.checkNode(i);
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  /** Whether `u` and `v` are linked; binary search in u's row, O(log degree). */
  hasEdge(u: number, v: number): boolean {
    this.checkNode(u);
    this.checkNode(v);
    return searchRow(this.adjacency, this.offsets[u]!, this.offsets[u + 1]!, v);
  }

  /** A fresh array of all degrees. */
  degrees(): Int32Array {
    const n = this.nodeCount;
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = this.offsets[i + 1]! - this.offsets[i]!;
    return out;
  }

  maxDegree(): number {
    let max = 0;
    for (let i = 0; i < this.nodeCount; i++) {
      const d = this.offsets[i + 1]! - this.offsets[i]!;
      if (d > max) max = d;
    }
    return max;
  }

  /** 2m / n (0 for the empty graph). */
  meanDegree(): number {
    return this.nodeCount === 0 ? 0 : (2 * this.edgeCount) / this.nodeCount;
  }

  /** Calls `fn(u, v)` once per link, with u < v, in (u, v) order. */
  forEachEdge(fn: (u: number, v: number) => void): void {
    for (let u = 0; u < this.nodeCount; u++) {
      const end = this.offsets[u + 1]!;
      for (let r = this.offsets[u]!; r < end; r++) {
        const v = this.adjacency[r]!;
        if (v > u) fn(u, v);
      }
    }
  }

  /** Bytes held by the two arrays (including any unused tail of the adjacency buffer). */
  get byteLength(): number {
    return this.offsets.buffer.byteLength + this.adjacency.buffer.byteLength;
  }

  private checkNode(i: number): void {
    if (!(i >= 0 && i < this.nodeCount) || (i | 0) !== i) {
      throw new RangeError(`node id must be an integer in [0, ${this.nodeCount - 1}], got ${i}`);
    }
  }
}

function searchRow(adj: Int32Array, lo: number, hi: number, v: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = adj[mid]!;
    if (x === v) return true;
    if (x < v) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

function validateCsr(offsets: Int32Array, adjacency: Int32Array): void {
  const n = offsets.length - 1;
  if (n < 0) throw new ModelConfigError('offsets', 'must have length n + 1 >= 1', offsets.length);
  if (offsets[0] !== 0) throw new ModelConfigError('offsets[0]', 'must be 0', offsets[0]);
  if (offsets[n] !== adjacency.length) {
    throw new ModelConfigError(`offsets[${n}]`, `must equal adjacency.length (${adjacency.length})`, offsets[n]);
  }
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (end < start) throw new ModelConfigError(`offsets[${i + 1}]`, `must be >= offsets[${i}] (${start})`, end);
    let prev = -1;
    for (let r = start; r < end; r++) {
      const v = adjacency[r]!;
      if (v <= prev || v >= n || v === i) {
        throw new ModelConfigError(
          `adjacency[${r}]`,
          `must be a node id in [0, ${n - 1}], not ${i} itself, greater than the previous entry of row ${i}`,
          v,
        );
      }
      prev = v;
    }
  }
  for (let u = 0; u < n; u++) {
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      const v = adjacency[r]!;
      if (!searchRow(adjacency, offsets[v]!, offsets[v + 1]!, u)) {
        throw new ModelConfigError(`adjacency[${r}]`, `must be mirrored: row ${v} lacks ${u}`, v);
      }
    }
  }
}
