import fc from 'fast-check';
import { Names } from './names';

describe('Names', () => {
  it('numbers names densely in order of first use, once each', () => {
    const names = new Names();
    expect(['a', 'b', 'a', 'c'].map((n) => names.intern(n))).toEqual([0, 1, 0, 2]);
    expect(names.count).toBe(3);
    expect(names.find('b')).toBe(1);
    expect(names.find('zz')).toBeUndefined();
    expect(names.count).toBe(3); // (find assigns nothing)
    expect(names.nameOf(2)).toBe('c');
    expect(names.nameOf(3)).toBeUndefined();
  });

  it('numbers a block of generated ids as interning them in order would, and finds them by parsing', () => {
    const names = new Names();
    names.intern('pool');
    const ids = names.numbered('holder-', 12);
    expect(ids).toEqual(Array.from({ length: 12 }, (_, i) => `holder-${i}`));
    expect(ids.map((id) => names.find(id))).toEqual(Array.from({ length: 12 }, (_, i) => 1 + i));
    expect(names.nameOf(11)).toBe('holder-10');
    expect(names.count).toBe(13);
    // Look-alikes outside the block are ordinary names.
    for (const other of ['holder-12', 'holder-07', 'holder-', 'holder-1x', 'holder-99999999999999999999', 'holder', 'Holder-1']) {
      expect(names.find(other)).toBeUndefined();
    }
    expect(names.intern('holder-12')).toBe(13);
    expect(names.intern('holder-3')).toBe(4);
  });

  it('falls back to interning when a block could be confused with names already there', () => {
    const names = new Names();
    names.intern('bot-1');
    const bots = names.numbered('bot-', 3); // 'bot-1' is taken: interned one by one instead
    expect(bots.map((id) => names.find(id))).toEqual([1, 0, 2]);
    names.numbered('a-', 2);
    const nested = names.numbered('a-1', 2); // a prefix of a block's ids: would be ambiguous
    expect(nested.map((id) => names.find(id))).toEqual([5, 6]);
    expect(names.find('a-1')).toBe(4);
  });

  it('agrees with plain interning over random blocks and names (property)', () => {
    const op = fc.oneof(
      fc.record({ block: fc.constantFrom('h-', 'b-', 'h-x', 'bb-'), count: fc.nat(30) }),
      fc.record({ name: fc.oneof(fc.constantFrom('h-', 'b-', 'bb-', 'h-x').chain((p) => fc.nat(40).map((i) => `${p}${i}`)), fc.string({ maxLength: 4 })) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const names = new Names();
        const plain = new Map<string, number>();
        const internPlain = (name: string) => {
          if (!plain.has(name)) plain.set(name, plain.size);
          return plain.get(name)!;
        };
        for (const o of ops) {
          if ('block' in o) {
            const ids = names.numbered(o.block, o.count);
            for (const id of ids) internPlain(id);
          } else {
            expect(names.intern(o.name)).toBe(internPlain(o.name));
          }
        }
        for (const [name, n] of plain) {
          expect(names.find(name)).toBe(n);
          expect(names.nameOf(n)).toBe(name);
        }
        expect(names.count).toBe(plain.size);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
