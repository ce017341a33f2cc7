/** Number of phases; events at the same millisecond run in phase order, then in schedule order. */
export const PHASE_COUNT = 16;

/**
 * One scheduled callback. `fn(arg)` rather than a closure lets hot paths schedule without
 * allocating a function per event.
 */
export class QueueEntry {
  /** Set by {@link EventQueue.cancel}; a cancelled entry is skipped when it surfaces. */
  cancelled = false;
  constructor(
    /** time * PHASE_COUNT + phase: one number orders time, then phase. */
    readonly key: number,
    /** Schedule order: breaks ties between equal keys. */
    readonly seq: number,
    readonly time: number,
    readonly fn: (arg: any) => void,
    readonly arg: unknown,
    readonly owner: unknown,
    readonly label: string | undefined,
    readonly cause: number,
  ) {}
}

/** Width of a time bucket, ms (about a minute; a power of two keeps the division cheap and exact). */
const BUCKET_MS = 65_536;

/**
 * The event queue: entries ordered by (time, phase, sequence). Sequence numbers grow with every
 * schedule call, so two events at the same time and phase run in the order they were scheduled:
 * ties resolve identically on every run. Cancellation is lazy (O(1)); cancelled entries are
 * dropped when they surface.
 *
 * Why buckets: a simulation's queue is large and far-reaching (every rumour in flight is a
 * pending event: 10^5-10^6 of them, hours apart), and one heap of that size spends its time on
 * cache misses. Here an event lands in the bucket of its minute with an O(1) append; only the
 * current minute is a heap (4-ary, keys in typed arrays), built when that minute comes up; a
 * small heap orders the minutes that have events. Profiled on cascade-bench at 300,000 holders,
 * where a single heap was the largest cost after garbage collection.
 */
export class EventQueue {
  private readonly near = new NearHeap();
  private readonly buckets = new Map<number, QueueEntry[]>();
  private readonly bucketOrder = new MinHeap();
  private activeBucket = -1;
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
    const entry = new QueueEntry(time * PHASE_COUNT + phase, this.nextSeq++, time, fn, arg, owner, label, cause);
    const bucket = Math.floor(time / BUCKET_MS);
    if (bucket <= this.activeBucket) {
      this.near.push(entry);
    } else {
      let list = this.buckets.get(bucket);
      if (list === undefined) {
        list = [];
        this.buckets.set(bucket, list);
        this.bucketOrder.push(bucket);
      }
      list.push(entry);
    }
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
    return this.surface() ? this.near.top() : undefined;
  }

  /** Removes and returns the next live entry. */
  pop(): QueueEntry | undefined {
    if (!this.surface()) return undefined;
    const top = this.near.removeTop();
    this.live--;
    // A dispatched entry counts as finished: cancelling it later is a no-op.
    top.cancelled = true;
    return top;
  }

  /** Brings a live entry to the top of the near heap, activating later buckets as needed. */
  private surface(): boolean {
    for (;;) {
      while (this.near.length > 0) {
        if (!this.near.top().cancelled) return true;
        this.near.removeTop();
      }
      if (this.bucketOrder.length === 0) return false;
      const bucket = this.bucketOrder.pop();
      this.activeBucket = bucket;
      const list = this.buckets.get(bucket)!;
      this.buckets.delete(bucket);
      this.near.fill(list);
    }
  }
}

/**
 * A 4-ary min-heap of entries by (key, seq). Keys, sequence numbers and slot numbers live in
 * typed arrays laid out in heap order, and entries stay put in a slot table: sifting moves
 * numbers only (no pointer chasing to compare, no GC write barrier per move).
 */
class NearHeap {
  private keys = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private slotOf = new Int32Array(1024);
  private slots: (QueueEntry | undefined)[] = [];
  private freeSlots: number[] = [];
  length = 0;

  top(): QueueEntry {
    return this.slots[this.slotOf[0]!]!;
  }

  push(entry: QueueEntry): void {
    if (this.length === this.keys.length) this.grow(this.length + 1);
    this.siftUp(this.length++, entry.key, entry.seq, this.store(entry));
  }

  /** Adds a whole bucket at once: append, then heapify bottom-up in O(n). */
  fill(entries: readonly QueueEntry[]): void {
    if (this.length + entries.length > this.keys.length) this.grow(this.length + entries.length);
    for (const entry of entries) {
      this.keys[this.length] = entry.key;
      this.seqs[this.length] = entry.seq;
      this.slotOf[this.length] = this.store(entry);
      this.length++;
    }
    for (let i = (this.length - 2) >> 2; i >= 0; i--) this.siftDown(i, this.keys[i]!, this.seqs[i]!, this.slotOf[i]!);
  }

  removeTop(): QueueEntry {
    const slot = this.slotOf[0]!;
    const top = this.slots[slot]!;
    this.slots[slot] = undefined; // let the entry be collected
    this.freeSlots.push(slot);
    const n = --this.length;
    if (n > 0) this.siftDown(0, this.keys[n]!, this.seqs[n]!, this.slotOf[n]!);
    return top;
  }

  private store(entry: QueueEntry): number {
    const slot = this.freeSlots.length > 0 ? this.freeSlots.pop()! : this.slots.length;
    this.slots[slot] = entry;
    return slot;
  }

  private siftUp(start: number, key: number, seq: number, slot: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const slotOf = this.slotOf;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pk = keys[parent]!;
      if (pk < key || (pk === key && seqs[parent]! < seq)) break;
      keys[i] = pk;
      seqs[i] = seqs[parent]!;
      slotOf[i] = slotOf[parent]!;
      i = parent;
    }
    keys[i] = key;
    seqs[i] = seq;
    slotOf[i] = slot;
  }

  private siftDown(start: number, key: number, seq: number, slot: number): void {
    const keys = this.keys;
    const seqs = this.seqs;
    const slotOf = this.slotOf;
    const n = this.length;
    let i = start;
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
      if (key < bestKey || (key === bestKey && seq < bestSeq)) break;
      keys[i] = bestKey;
      seqs[i] = bestSeq;
      slotOf[i] = slotOf[best]!;
      i = best;
    }
    keys[i] = key;
    seqs[i] = seq;
    slotOf[i] = slot;
  }

  private grow(needed: number): void {
    let size = this.keys.length;
    while (size < needed) size *= 2;
    const keys = new Float64Array(size);
    keys.set(this.keys.subarray(0, this.length));
    const seqs = new Float64Array(size);
    seqs.set(this.seqs.subarray(0, this.length));
    const slotOf = new Int32Array(size);
    slotOf.set(this.slotOf.subarray(0, this.length));
    this.keys = keys;
    this.seqs = seqs;
    this.slotOf = slotOf;
  }
}

/** A binary min-heap of numbers (the bucket indices that have events). */
class MinHeap {
  private readonly values: number[] = [];

  get length(): number {
    return this.values.length;
  }

  push(value: number): void {
    const v = this.values;
    let i = v.length;
    v.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (v[parent]! <= value) break;
      v[i] = v[parent]!;
      i = parent;
    }
    v[i] = value;
  }

  pop(): number {
    const v = this.values;
    const top = v[0]!;
    const last = v.pop()!;
    const n = v.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && v[child + 1]! < v[child]!) child++;
      if (last <= v[child]!) break;
      v[i] = v[child]!;
      i = child;
    }
    v[i] = last;
    return top;
  }
}
