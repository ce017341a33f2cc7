/**
 * A growable list of (u, v) pairs, interleaved in one Int32Array (link e is `pairs[2e]`,
 * `pairs[2e + 1]`), for generators whose edge count is random.
 */
export class EdgeBuffer {
  pairs: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.pairs = new Int32Array(2 * Math.max(16, Math.ceil(capacity)));
  }

  push(u: number, v: number): void {
    const at = 2 * this.length;
    if (at === this.pairs.length) this.grow();
    this.pairs[at] = u;
    this.pairs[at + 1] = v;
    this.length++;
  }

  private grow(): void {
    const next = new Int32Array(2 * Math.ceil(this.pairs.length * 0.75));
    next.set(this.pairs);
    this.pairs = next;
  }
}
