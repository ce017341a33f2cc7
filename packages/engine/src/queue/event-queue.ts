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
    /** time * PHASE_COUNT + phase: one number orders time then phase. */
    readonly key: number,
    readonly seq: number,
    readonly time: number,
    readonly phase: number,
    readonly fn: (arg: any) => void,
    readonly arg: unknown,
    readonly owner: unknown,
    readonly label: string | undefined,
    readonly cause: number,
  ) {}
}

/**
 * A binary min-heap of entries ordered by (time, phase, sequence). Sequence numbers grow with
 * every schedule call, so two events at the same time and phase run in the order they were
 * scheduled: ties resolve identically on every run. Cancellation is lazy (O(1)); cancelled
 * entries are dropped when they reach the top.
 */
export class EventQueue {
  private heap: QueueEntry[] = [];
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
    const entry = new QueueEntry(time * PHASE_COUNT + phase, this.nextSeq++, time, phase, fn, arg, owner, label, cause);
    const heap = this.heap;
    let i = heap.length;
    heap.push(entry);
    // sift up
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (parent.key < entry.key || (parent.key === entry.key && parent.seq < entry.seq)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = entry;
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
    return this.heap[0];
  }

  /** Removes and returns the next live entry. */
  pop(): QueueEntry | undefined {
    this.dropCancelledTop();
    const top = this.removeTop();
    if (top) {
      this.live--;
      // A dispatched entry counts as finished: cancelling it later is a no-op.
      top.cancelled = true;
    }
    return top;
  }

  private dropCancelledTop(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.removeTop();
  }

  private removeTop(): QueueEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    const n = heap.length;
    let i = 0;
    // sift down
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      let c = heap[left]!;
      if (right < n) {
        const r = heap[right]!;
        if (r.key < c.key || (r.key === c.key && r.seq < c.seq)) {
          child = right;
          c = r;
        }
      }
      if (last.key < c.key || (last.key === c.key && last.seq < c.seq)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
