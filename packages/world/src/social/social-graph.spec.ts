import fc from 'fast-check';
import { ModelConfigError } from '../errors';
import { SocialGraph } from './social-graph';
import { fromEdgeArrays, fromEdgeList } from './from-edge-list';
import { assertCanonical, sameGraph } from './testkit';

describe('SocialGraph (CSR)', () => {
  it('drops self-loops and repeats in either order, and keeps isolated nodes', () => {
    const g = fromEdgeList(5, [
      [0, 1],
      [1, 0],
      [2, 2],
      [1, 2],
      [0, 1],
      [3, 1],
    ]);
    expect(g.nodeCount).toBe(5);
    expect(g.edgeCount).toBe(3);
    expect([...g.neighbours(1)]).toEqual([0, 2, 3]);
    expect([...g.neighbours(2)]).toEqual([1]);
    expect(g.degree(4)).toBe(0);
    expect(g.neighbours(4)).toHaveLength(0);
    expect(g.hasEdge(3, 1)).toBe(true);
    expect(g.hasEdge(2, 2)).toBe(false);
    expect(g.hasEdge(0, 3)).toBe(false);
    expect([...g.degrees()]).toEqual([1, 3, 1, 1, 0]);
    expect(g.maxDegree()).toBe(3);
    expect(g.meanDegree()).toBeCloseTo(6 / 5, 12);
    assertCanonical(g);
  });

  it('returns neighbours as a view into the shared adjacency, not a copy', () => {
    const g = fromEdgeList(3, [
      [0, 1],
      [0, 2],
    ]);
    const row = g.neighbours(0);
    expect(row.buffer).toBe(g.adjacency.buffer);
    expect(row.byteOffset).toBe(g.offsets[0]! * 4);
  });

  it('lists each link once, u < v', () => {
    const g = fromEdgeList(4, [
      [3, 0],
      [2, 1],
      [1, 3],
    ]);
    const seen: Array<[number, number]> = [];
    g.forEachEdge((u, v) => seen.push([u, v]));
    expect(seen).toEqual([
      [0, 3],
      [1, 2],
      [1, 3],
    ]);
  });

  it('handles the empty graph', () => {
    const g = fromEdgeList(0, []);
    expect(g.nodeCount).toBe(0);
    expect(g.edgeCount).toBe(0);
    expect(g.meanDegree()).toBe(0);
    expect(g.maxDegree()).toBe(0);
  });

  it('refuses bad node ids with the path of the offending endpoint', () => {
    expect(() => fromEdgeList(3, [[0, 1], [1, 3]])).toThrow(ModelConfigError);
    expect(() => fromEdgeList(3, [[0, 1], [1, 3]])).toThrow(/^fromEdgeList\.edges\[1\]\[1\]: .*got 3$/);
    expect(() => fromEdgeList(3, [[0.5, 1]])).toThrow(/fromEdgeList\.edges\[0\]\[0\]/);
    expect(() => fromEdgeList(-1, [])).toThrow(/^fromEdgeList\.n: /);
    expect(() => fromEdgeList(3, [[0, 1, 2] as unknown as [number, number]])).toThrow(/fromEdgeList\.edges\[0\]: must be a pair/);
    expect(() => fromEdgeArrays(3, [0, 1], [1])).toThrow(/fromEdgeArrays\.dst\.length/);
    expect(() => fromEdgeArrays(3, [0, 1], [1, -1])).toThrow(/fromEdgeArrays\.dst\[1\]/);
  });

  it('refuses out-of-range lookups with a RangeError', () => {
    const g = fromEdgeList(3, [[0, 1]]);
    expect(() => g.neighbours(3)).toThrow(RangeError);
    expect(() => g.neighbours(-1)).toThrow(RangeError);
    expect(() => g.degree(1.5)).toThrow(RangeError);
    expect(() => g.hasEdge(0, 7)).toThrow(RangeError);
  });

  it('checks hand-made CSR arrays for every invariant', () => {
    const ok = new SocialGraph(Int32Array.of(0, 1, 3, 4), Int32Array.of(1, 0, 2, 1));
    expect(ok.edgeCount).toBe(2);
    // Not mirrored: 0 lists 1 but 1 lists only 2.
    expect(() => new SocialGraph(Int32Array.of(0, 1, 2, 3), Int32Array.of(1, 2, 1))).toThrow(/mirrored/);
    // Unsorted row.
    expect(() => new SocialGraph(Int32Array.of(0, 2, 3, 4), Int32Array.of(2, 1, 0, 0))).toThrow(/adjacency\[1\]/);
    // Self-loop.
    expect(() => new SocialGraph(Int32Array.of(0, 1, 1), Int32Array.of(0))).toThrow(/adjacency\[0\]/);
    // Offsets that do not end at the adjacency length.
    expect(() => new SocialGraph(Int32Array.of(0, 1, 1), Int32Array.of(1, 0))).toThrow(/offsets\[2\]/);
  });

  it('property: any edge list gives canonical CSR holding exactly its distinct non-loop pairs', () => {
    const input = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 200 }),
        ),
      );
    fc.assert(
      fc.property(input, ([n, edges]) => {
        const g = fromEdgeList(n, edges);
        assertCanonical(g);
        const expected = new Set(edges.filter(([u, v]) => u !== v).map(([u, v]) => `${Math.min(u, v)}-${Math.max(u, v)}`));
        const got = new Set<string>();
        g.forEachEdge((u, v) => got.add(`${u}-${v}`));
        expect(got).toEqual(expected);
        expect(g.edgeCount).toBe(expected.size);
        // The CSR is canonical: order and orientation of the input do not matter.
        const flipped = edges.map(([u, v]) => [v, u] as [number, number]).reverse();
        expect(sameGraph(fromEdgeList(n, flipped), g)).toBe(true);
        expect(
          sameGraph(
            fromEdgeArrays(
              n,
              edges.map((e) => e[0]),
              edges.map((e) => e[1]),
            ),
            g,
          ),
        ).toBe(true);
      }),
      { seed: 20240611, numRuns: 200 },
    );
  });

  it('sorts long rows (the native-sort path) as well as short ones', () => {
    const n = 200;
    const edges: Array<[number, number]> = [];
    for (let v = n - 1; v >= 1; v--) edges.push([v, 0], [0, v]);
    const g = fromEdgeList(n, edges);
    assertCanonical(g);
    expect(g.degree(0)).toBe(n - 1);
  });
});
