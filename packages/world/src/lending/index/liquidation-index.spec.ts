import fc from 'fast-check';
import { LiquidationIndex, type SlotStore } from './liquidation-index';

type Op = { kind: 'upsert'; id: number; key: number } | { kind: 'remove'; id: number } | { kind: 'query'; price: number; limit: number };

const key = fc.oneof(
  fc.double({ min: -10, max: 10, noNaN: true }),
  fc.integer({ min: 0, max: 5 }), // many ties
  fc.constant(Infinity),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('upsert' as const), id: fc.integer({ min: 0, max: 40 }), key }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 40 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      price: fc.oneof(fc.double({ min: -11, max: 11, noNaN: true }), fc.integer({ min: 0, max: 5 })),
      limit: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 10 })),
    }),
  },
);

/** Brute force: every entry above the price, highest first. */
function scan(ref: Map<number, number>, price: number): Array<{ id: number; key: number }> {
  return [...ref].filter(([, k]) => k > price).map(([id, k]) => ({ id, key: k })).sort((a, b) => b.key - a.key);
}

/** A slot store outside any Map, as a pool keeps slots in its per-user records. */
function arraySlots(): SlotStore<number> {
  const slots: Array<number | undefined> = [];
  return {
    get: (id) => slots[id],
    set: (id, slot) => (slots[id] = slot),
    delete: (id) => (slots[id] = undefined),
  };
}

describe('LiquidationIndex', () => {
  it.each([
    ['the default slot map', () => new LiquidationIndex<number>()],
    ['a caller-held slot store', () => new LiquidationIndex<number>(arraySlots())],
  ])('agrees with a brute-force scan on random operations, with %s', (_, make) => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const index = make();
        const ref = new Map<number, number>();
        for (const o of ops) {
          if (o.kind === 'upsert') {
            index.upsert(o.id, o.key);
            ref.set(o.id, o.key);
          } else if (o.kind === 'remove') {
            expect(index.remove(o.id)).toBe(ref.delete(o.id));
          } else {
            const got = index.crossed(o.price, o.limit);
            const want = scan(ref, o.price);
            // Ties may come out in any order: compare the keys in order and the id sets per key.
            expect(got.map((e) => e.key)).toEqual(want.slice(0, Math.min(want.length, o.limit)).map((e) => e.key));
            for (const e of got) expect(ref.get(e.id)).toBe(e.key);
            expect(new Set(got.map((e) => e.id)).size).toBe(got.length);
            expect(index.countCrossed(o.price)).toBe(want.length);
          }
          expect(index.size).toBe(ref.size);
        }
        for (const [id, k] of ref) expect(index.key(id)).toBe(k);
        const best = scan(ref, -Infinity)[0];
        expect(index.max()?.key).toBe(best?.key);
      }),
      { seed: 20240601, numRuns: 300 },
    );
  });

  it('works with string ids and re-keys in place', () => {
    const index = new LiquidationIndex();
    index.upsert('alice', 1.0);
    index.upsert('bob', 2.0);
    index.upsert('carol', 0.5);
    expect(index.crossed(0.9).map((e) => e.id)).toEqual(['bob', 'alice']);
    index.upsert('carol', 3.0);
    expect(index.crossed(0.9).map((e) => e.id)).toEqual(['carol', 'bob', 'alice']);
    expect(index.crossed(0.9, 1)).toEqual([{ id: 'carol', key: 3.0 }]);
    expect(index.remove('bob')).toBe(true);
    expect(index.remove('bob')).toBe(false);
    expect(index.has('bob')).toBe(false);
    expect([...index.entries()].map((e) => e.id).sort()).toEqual(['alice', 'carol']);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.crossed(-Infinity)).toEqual([]);
  });

  it('refuses NaN keys', () => {
    expect(() => new LiquidationIndex().upsert('x', NaN)).toThrow(RangeError);
  });

  it('finds exactly the crossed entries among many, highest first', () => {
    const index = new LiquidationIndex<number>();
    for (let i = 0; i < 10_000; i++) index.upsert(i, i / 10_000);
    expect(index.crossed(1)).toEqual([]);
    expect(index.countCrossed(0.999)).toBe(9);
    expect(index.crossed(0.999).map((e) => e.id)).toEqual([9999, 9998, 9997, 9996, 9995, 9994, 9993, 9992, 9991]);
    expect(index.crossed(0.5, 3).map((e) => e.id)).toEqual([9999, 9998, 9997]);
  });
});
