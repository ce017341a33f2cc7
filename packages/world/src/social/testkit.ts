import type { UniformSource } from '../random';
import type { SocialGraph } from './social-graph';

/**
 * Test helper: throws unless `graph` is canonical CSR (offsets consistent, rows strictly
 * ascending, ids in range, no self-loop, every link mirrored) and returns the edge count seen.
 */
export function assertCanonical(graph: SocialGraph): number {
  const { offsets, adjacency, nodeCount: n } = graph;
  if (offsets.length !== n + 1 || offsets[0] !== 0 || offsets[n] !== adjacency.length) {
    throw new Error('offsets inconsistent with adjacency');
  }
  let half = 0;
  for (let u = 0; u < n; u++) {
    let prev = -1;
    for (let r = offsets[u]!; r < offsets[u + 1]!; r++) {
      const v = adjacency[r]!;
      if (v <= prev) throw new Error(`row ${u} not strictly ascending at ${r}`);
      if (v === u) throw new Error(`self-loop at ${u}`);
      if (v < 0 || v >= n) throw new Error(`id ${v} out of range in row ${u}`);
      if (!graph.hasEdge(v, u)) throw new Error(`link ${u}-${v} not mirrored`);
      if (v > u) half++;
      prev = v;
    }
  }
  if (half !== graph.edgeCount) throw new Error(`edgeCount ${graph.edgeCount} but ${half} links`);
  return half;
}

/** Wraps a source and counts the uniforms drawn from it. */
export function countingUniform(inner: UniformSource): UniformSource & { readonly draws: number } {
  let draws = 0;
  return {
    next(): number {
      draws++;
      return inner.next();
    },
    get draws(): number {
      return draws;
    },
  };
}

/** True iff the two graphs have the same nodes and links. */
export function sameGraph(a: SocialGraph, b: SocialGraph): boolean {
  if (a.nodeCount !== b.nodeCount || a.adjacency.length !== b.adjacency.length) return false;
  for (let i = 0; i < a.offsets.length; i++) if (a.offsets[i] !== b.offsets[i]) return false;
  for (let i = 0; i < a.adjacency.length; i++) if (a.adjacency[i] !== b.adjacency[i]) return false;
  return true;
}
