import { SocialGraph, TRUSTED_CSR } from './social-graph';

// Builders shared by the generators: edge lists in, canonical CSR out, in O(n + m) time and
// without holding more than the input plus the result.

/**
 * Builds the canonical CSR from an interleaved edge list (link e joins `pairs[2e]` and
 * `pairs[2e + 1]`) that may hold repeats in either order and self-loops, in O(n + m) time and
 * 4 (2n + 2m) bytes beyond the input: count degrees, fill rows, then sort and deduplicate each
 * row in place.
 */
export function buildFromPairs(n: number, m: number, pairs: Int32Array): SocialGraph {
  const offsets = new Int32Array(n + 1);
  for (let e = 0, end = 2 * m; e < end; e += 2) {
    const u = pairs[e]!;
    const v = pairs[e + 1]!;
    if (u !== v) {
      offsets[u + 1]!++;
      offsets[v + 1]!++;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const adj = new Int32Array(offsets[n]!);
  const cursor = offsets.slice(0, n);
  const bounds = rowBands(n, offsets);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = bounds[b]!;
    const hi = bounds[b + 1]!;
    for (let e = 0, end = 2 * m; e < end; e += 2) {
      const u = pairs[e]!;
      const v = pairs[e + 1]!;
      if (u === v) continue;
      if (u >= lo && u < hi) adj[cursor[u]!++] = v;
      if (v >= lo && v < hi) adj[cursor[v]!++] = u;
    }
  }
  return compactRows(n, offsets, adj);
}

/**
 * Like {@link buildFromPairs} for "picks": node u's links go to `picks[u perNode .. (u + 1) perNode)`,
 * so the source end is implicit and costs no memory.
 */
export function buildFromPicks(n: number, perNode: number, picks: Int32Array): SocialGraph {
  const offsets = new Int32Array(n + 1);
  for (let u = 0, e = 0; u < n; u++) {
    for (const end = e + perNode; e < end; e++) {
      const v = picks[e]!;
      if (u !== v) {
        offsets[u + 1]!++;
        offsets[v + 1]!++;
      }
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const adj = new Int32Array(offsets[n]!);
  const cursor = offsets.slice(0, n);
  const bounds = rowBands(n, offsets);
  for (let b = 0; b + 1 < bounds.length; b++) {
    const lo = bounds[b]!;
    const hi = bounds[b + 1]!;
    for (let u = 0, e = 0; u < n; u++) {
      const own = u >= lo && u < hi;
      for (const end = e + perNode; e < end; e++) {
        const v = picks[e]!;
        if (u === v) continue;
        if (own) adj[cursor[u]!++] = v;
        if (v >= lo && v < hi) adj[cursor[v]!++] = u;
      }
    }
  }
  return compactRows(n, offsets, adj);
}

/**
 * Node ranges whose rows span at most BAND_ENTRIES adjacency entries. Filling rows is a scatter
 * into an array of 2m ints; at a million nodes that is 64 MB, and writes landing anywhere in it
 * miss cache and TLB on almost every access. Filling band by band (one more sequential pass over
 * the edge list per band) keeps the writes inside 16 MB and measured about twice as fast at
 * n = 1e6, m = 8e6, with no extra memory.
 */
function rowBands(n: number, offsets: Int32Array): number[] {
  const bounds = [0];
  let bandStart = 0;
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1]! - offsets[bandStart]! > BAND_ENTRIES && i > bandStart) {
      bounds.push(i);
      bandStart = i;
    }
  }
  bounds.push(n);
  return bounds;
}

const BAND_ENTRIES = 4 * 1024 * 1024;

/** Sorts each filled row, drops repeats, and closes the gaps; rows only shrink, so in place. */
function compactRows(n: number, offsets: Int32Array, adj: Int32Array): SocialGraph {
  const total = adj.length;
  let write = 0;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const end = offsets[i + 1]!;
    sortRange(adj, start, end);
    offsets[i] = write;
    let last = -1;
    for (let r = start; r < end; r++) {
      const x = adj[r]!;
      if (x !== last) {
        adj[write++] = x;
        last = x;
      }
    }
    start = end;
  }
  offsets[n] = write;
  // Keep the tail when little was removed: copying would briefly double the largest array.
  const neighbours = write === total ? adj : write >= total * 0.875 ? adj.subarray(0, write) : adj.slice(0, write);
  return new SocialGraph(offsets, neighbours, TRUSTED_CSR);
}

/** Sorts rows that were filled without repeats (e.g. by a pairing generator) into canonical CSR. */
export function graphFromRows(offsets: Int32Array, adjacency: Int32Array): SocialGraph {
  const n = offsets.length - 1;
  for (let i = 0; i < n; i++) sortRange(adjacency, offsets[i]!, offsets[i + 1]!);
  return new SocialGraph(offsets, adjacency, TRUSTED_CSR);
}

/** Ascending sort of a[start, end): insertion sort for the short rows that dominate, else native. */
export function sortRange(a: Int32Array, start: number, end: number): void {
  if (end - start > 24) {
    a.subarray(start, end).sort();
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= start && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}
