/** Number of phases; events at the same millisecond run in phase order, then in schedule order. */
export const PHASE_COUNT = 16;

/**
 * One scheduled callback. `fn(arg)` rather than a closure lets hot paths schedule without
 * allocating a function per event. Its ordering key lives in the queue's typed arrays, not
 * here: a million pending messages are a million of these.
 */
export class QueueEntry {
  /** Set by {@link EventQueue.cancel}; a cancelled entry is skipped when it surfaces. */
  cancelled = false;
  constructor(
    readonly time: number,
    readonly fn: (arg: any) => void,
    readonly arg: unknown,
    readonly owner: unknown,
    readonly label: string | undefined,
    readonly cause: number,
  ) {}
}

/**
 * A 4-ary min-heap of entries ordered by (time, phase, sequence). Sequence numbers grow with
 * every schedule call, so two events at the same time and phase run in the order they were
 * scheduled: ties resolve identically on every run. Cancellation is lazy (O(1)); cancelled
 * entries are dropped when they reach the top.
 *
 * Why 4-ary with keys in typed arrays: a simulation's queue is large (every rumour in flight is
 * an event: 10^5-10^6 pending), and a binary heap of objects then spends its time on cache
 * misses chasing entries to read their keys. Here the comparisons read two Float64Arrays laid
 * out in heap order, and a 4-ary tree halves the depth. Profiled on cascade-bench before the
 * change: the heap was the largest single cost.
 */
export class EventQueue {
  private keys = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private items: QueueEntry[] = [];
  private length = 0;
  private nextSeq = 0;
  private live = 0;

  /** Number of scheduled, not cancelled, not yet dispatched entries. */
  get size(): number {
    return this.live;
  }

  push(
    time: number,
    phase: number,
    fn: (arg: any) => void,
    arg: unknown,
    owner: unknown,
    label: string | undefined,
    cause: number,
  ): QueueEntry {
    const key = time * PHASE_COUNT + phase;
    const seq = this.nextSeq++;
    const entry = new QueueEntry(time, fn, arg, owner, label, cause);
    if (this.length === this.keys.length) this.grow();
    const keys = this.keys;
    const seqs = this.seqs;
    const items = this.items;
    let i = this.length++;
    // sift up
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && seqs[parent]! < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent]!;
      items[i] = items[parent]!;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    items[i] = entry;
    this.live++;
    return entry;
  }

  cancel(entry: QueueEntry): boolean {
    if (entry.cancelled) return false;
    entry.cancelled = true;
    this.live--;
    return true;
  }

  /** The next live entry without removing it. */
  peek(): QueueEntry | undefined {
    this.dropCancelledTop();
    return this.length > 0 ? this.items[0] : undefined;
  }

  /** Removes and returns the next live entry. */
  pop(): QueueEntry | undefined {
    this.dropCancelledTop();
    if (this.length === 0) return undefined;
    const top = this.items[0]!;
    this.removeTop();
    this.live--;
    // A dispatched entry counts as finished: cancelling it later is a no-op.
    top.cancelled = true;
    return top;
  }

  private dropCancelledTop(): void {
    while (this.length > 0 && this.items[0]!.cancelled) this.removeTop();
  }

  private removeTop(): void {
    const n = --this.length;
    const keys = this.keys;
    const seqs = this.seqs;
    const items = this.items;
    const lastKey = keys[n]!;
    const lastSeq = seqs[n]!;
    const last = items[n]!;
    items[n] = undefined as unknown as QueueEntry; // let the entry be collected
    if (n === 0) return;
    let i = 0;
    // sift down through the smallest of up to four children
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let best = first;
      let bestKey = keys[first]!;
      let bestSeq = seqs[first]!;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const k = keys[c]!;
        if (k < bestKey || (k === bestKey && seqs[c]! < bestSeq)) {
          best = c;
          bestKey = k;
          bestSeq = seqs[c]!;
        }
      }
      if (lastKey < bestKey || (lastKey === bestKey && lastSeq < bestSeq)) break;
      keys[i] = bestKey;
      seqs[i] = bestSeq;
      items[i] = items[best]!;
      i = best;
    }
    keys[i] = lastKey;
    seqs[i] = lastSeq;
    items[i] = last;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const seqs = new Float64Array(this.seqs.length * 2);
    seqs.set(this.seqs);
    this.keys = keys;
    this.seqs = seqs;
  }
}
