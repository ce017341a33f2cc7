/**
 * An insert-only set of undirected links: open addressing with linear probing over two
 * Int32Arrays (8 bytes a slot), where a JS Set of pair keys would cost several times as much and
 * lose precision past 2^53. Doubles when more than half full.
 */
export class EdgeSet {
  private lo: Int32Array;
  private hi: Int32Array;
  private mask: number;
  private count = 0;

  /** `expected` sizes the table; it grows past that if needed. */
  constructor(expected: number) {
    let slots = 16;
    while (slots < expected * 2) slots *= 2;
    this.mask = slots - 1;
    this.lo = new Int32Array(slots).fill(EMPTY);
    this.hi = new Int32Array(slots);
  }

  get size(): number {
    return this.count;
  }

  has(u: number, v: number): boolean {
    const a = u < v ? u : v;
    const b = u < v ? v : u;
    for (let s = hash(a, b) & this.mask; ; s = (s + 1) & this.mask) {
      const x = this.lo[s]!;
      if (x === EMPTY) return false;
      if (x === a && this.hi[s] === b) return true;
    }
  }

  /** Adds the link; a no-op if present. */
  add(u: number, v: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.grow();
    const a = u < v ? u : v;
    const b = u < v ? v : u;
    let s = hash(a, b) & this.mask;
    for (; this.lo[s] !== EMPTY; s = (s + 1) & this.mask) {
      if (this.lo[s] === a && this.hi[s] === b) return;
    }
    this.lo[s] = a;
    this.hi[s] = b;
    this.count++;
  }

  private grow(): void {
    const oldLo = this.lo;
    const oldHi = this.hi;
    const slots = oldLo.length * 2;
    this.mask = slots - 1;
    this.lo = new Int32Array(slots).fill(EMPTY);
    this.hi = new Int32Array(slots);
    this.count = 0;
    for (let s = 0; s < oldLo.length; s++) {
      const a = oldLo[s]!;
      if (a !== EMPTY) this.add(a, oldHi[s]!);
    }
  }
}

const EMPTY = -1;

function hash(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}
