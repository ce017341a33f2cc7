/** Number of phases; events at the same millisecond run in phase order, then in schedule order. */
export const PHASE_COUNT = 16;
/** The phase's bits in {@link QueueEntry.flags}. */
const PHASE_BITS = PHASE_COUNT - 1;
/** {@link QueueEntry.flags}: cancelled, or dispatched. */
const CANCELLED = 16;
/** {@link QueueEntry.flags}: from the pool of {@link EventQueue.pushRecycled}. */
const RECYCLED = 32;

/**
 * One scheduled callback. `fn(arg)` rather than a closure lets hot paths schedule without
 * allocating a function per event.
 */
export class QueueEntry {
  /** @internal The next entry in the same list of the queue (a time slot or a phase list). */
  next: QueueEntry | undefined = undefined;
  /**
   * @internal Bits 0-3: the phase; {@link CANCELLED}; {@link RECYCLED}. One small integer
   * rather than three fields: millions of entries can be pending at once (a rumour's messages),
   * and each field costs a word per entry.
   */
  flags: number;
  constructor(
    /** time * PHASE_COUNT + phase (kept for compatibility; the phase is stored on its own). */
    key: number,
    /** Schedule order: breaks ties between equal keys. */
    readonly seq: number,
    readonly time: number,
    readonly fn: (arg: any) => void,
    readonly arg: unknown,
    readonly owner: unknown,
    readonly label: string | undefined,
    readonly cause: number,
  ) {
    this.flags = key - time * PHASE_COUNT;
  }

  /** 0..15: orders entries that share a millisecond. */
  get phase(): number {
    return this.flags & PHASE_BITS;
  }

  /** Set by {@link EventQueue.cancel}; a cancelled entry is skipped when it surfaces. */
  get cancelled(): boolean {
    return (this.flags & CANCELLED) !== 0;
  }

  set cancelled(value: boolean) {
    this.flags = value ? this.flags | CANCELLED : this.flags & ~CANCELLED;
  }

  /** @internal Scheduled by {@link EventQueue.pushRecycled}: reused once dispatched. */
  get recycled(): boolean {
    return (this.flags & RECYCLED) !== 0;
  }

  set recycled(value: boolean) {
    this.flags = value ? this.flags | RECYCLED : this.flags & ~RECYCLED;
  }

  /**
   * time * PHASE_COUNT + phase: one number orders time, then phase. Computed, not stored: past
   * 2^26 ms (18 hours) it is no longer a small integer, and a stored one would cost a heap
   * number per event.
   */
  get key(): number {
    return this.time * PHASE_COUNT + this.phase;
  }
}

/** Width of a time bucket, ms (about a minute; a power of two keeps the division cheap and exact). */
const BUCKET_MS = 65_536;
/** Words of the occupancy bitmap of the wheel (one bit per millisecond of the active bucket). */
const BITMAP_WORDS = BUCKET_MS >>> 5;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function noop(): void {}

/** Most dispatched entries kept for reuse (see {@link EventQueue.pushRecycled}). */
const POOL_CAP = 4096;

/** Index of the lowest set bit of a nonzero 32-bit integer. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * The event queue: entries ordered by (time, phase, sequence). Sequence numbers grow with every
 * schedule call, so two events at the same time and phase run in the order they were scheduled:
 * ties resolve identically on every run. Cancellation is lazy (O(1)); cancelled entries are
 * dropped when they surface.
 *
 * The structure uses what the kernel guarantees: virtual time never goes back (nothing is
 * scheduled before the current instant), so this is a monotone priority queue and needs no
 * comparison heap at all. Every operation is O(1) (amortized over a minute of virtual time):
 *
 * - Far events (beyond the current minute) land in the bucket of their minute (65,536 ms) with
 *   an append; a small heap orders the minutes that have events.
 * - The current minute is a timing wheel: one FIFO list per millisecond, plus a two-level
 *   occupancy bitmap to find the next millisecond that has events. Activating a minute appends
 *   its bucket's entries, in schedule order, to their milliseconds' lists.
 * - The current instant (the millisecond being dispatched) is one FIFO list per phase plus a
 *   16-bit mask of the non-empty phases: the next entry is the head of the lowest phase.
 *
 * Why this preserves (time, phase, sequence) order: every list is appended to in schedule order
 * (a bucket only receives entries before its minute is activated, a millisecond's list only
 * before its instant starts), so within one millisecond and one phase FIFO order is sequence
 * order; an entry scheduled for the current instant with a lower phase than the one running is
 * simply the new head of a lower phase list.
 *
 * Peeking makes the next instant current. If something is then scheduled before it (the kernel
 * stopped at `until` below the next event, and the caller schedules in between), the queue
 * rolls back: the instant returns to its millisecond's list, and if need be the whole minute
 * returns to its bucket. That path is rare and merely O(size of the minute).
 *
 * History: a single binary heap spent its time on cache misses at 10^5-10^6 pending events;
 * then minute buckets with a 4-ary heap for the current minute spent over half the time of
 * the "hold" benchmark in sift-down (unpredictable branches): hence the wheel.
 */
export class EventQueue {
  // Far future: one array per minute bucket, and a heap of the bucket numbers that have one.
  private readonly buckets = new Map<number, QueueEntry[]>();
  private readonly bucketOrder = new MinHeap();

  // The wheel: the active bucket's milliseconds [base, end), each a FIFO list.
  private activeBucket = -Infinity;
  private base = Infinity;
  private end = -Infinity;
  /**
   * The last entry of each millisecond's list; the lists are circular (the last entry's `next`
   * is the first), so one array serves both ends and an append stores once into it.
   */
  private slotTail: (QueueEntry | undefined)[] = [];
  /** Bit i: millisecond base + i has a list. */
  private readonly bits = new Int32Array(BITMAP_WORDS);
  /** Bit w: word w of `bits` is not zero. */
  private readonly summary = new Int32Array(BITMAP_WORDS >>> 5);
  /** Entries in the wheel's lists (cancelled ones included). */
  private wheelCount = 0;
  /** No millisecond of the wheel below this offset has a list. */
  private cursor = 0;

  // The current instant: one FIFO list per phase.
  private instant = -Infinity;
  private readonly phaseHead: (QueueEntry | undefined)[] = new Array<QueueEntry | undefined>(PHASE_COUNT).fill(undefined);
  private readonly phaseTail: (QueueEntry | undefined)[] = new Array<QueueEntry | undefined>(PHASE_COUNT).fill(undefined);
  private phaseMask = 0;

  private nextSeq = 0;
  private live = 0;
  /** Dispatched entries of {@link pushRecycled}, linked by `next`. */
  private pool: QueueEntry | undefined = undefined;
  private pooled = 0;

  /** Number of scheduled, not cancelled, not yet dispatched entries. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules `fn(arg)` at `time`, an integer millisecond no earlier than the last entry popped
   * (the kernel checks both), in `phase` 0..15.
   */
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
    this.place(entry);
    this.live++;
    return entry;
  }

  /**
   * @internal As {@link push}, for a caller that keeps no handle (the bus's deliveries): the
   * entry comes from a pool of dispatched ones, so a busy topic allocates nothing per event.
   * Whoever dispatches it hands it back with {@link recycle} once its callback has returned.
   */
  pushRecycled(
    time: number,
    phase: number,
    fn: (arg: any) => void,
    arg: unknown,
    owner: unknown,
    label: string | undefined,
    cause: number,
  ): void {
    const entry = this.pool as Writable<QueueEntry> | undefined;
    if (entry === undefined) {
      const fresh = new QueueEntry(time * PHASE_COUNT + phase, this.nextSeq++, time, fn, arg, owner, label, cause);
      fresh.recycled = true;
      this.place(fresh);
    } else {
      this.pool = entry.next;
      this.pooled--;
      entry.next = undefined;
      entry.flags = phase | RECYCLED; // (not cancelled)
      entry.seq = this.nextSeq++;
      entry.time = time;
      entry.fn = fn;
      entry.arg = arg;
      entry.owner = owner;
      entry.label = label;
      entry.cause = cause;
      this.place(entry);
    }
    this.live++;
  }

  /** @internal Returns a dispatched entry of {@link pushRecycled} to the pool. */
  recycle(entry: QueueEntry): void {
    // Capped, so that a burst (a million deliveries pending at once) does not stay allocated
    // after it has passed.
    if (this.pooled >= POOL_CAP) return;
    this.pooled++;
    const e = entry as Writable<QueueEntry>;
    e.fn = noop;
    e.arg = undefined;
    e.owner = undefined;
    e.label = undefined;
    e.next = this.pool;
    this.pool = entry;
  }

  cancel(entry: QueueEntry): boolean {
    if (entry.cancelled) return false;
    entry.cancelled = true;
    this.live--;
    return true;
  }

  /**
   * The next live entry without removing it. With a `limit`, an entry later than it may be
   * reported as undefined (while {@link size} stays positive), and the queue does not advance
   * past `limit` to look: a run that stops at a time limit leaves nothing to roll back.
   */
  peek(limit = Infinity): QueueEntry | undefined {
    return this.surface(limit) ? this.phaseHead[lowestBit(this.phaseMask)] : undefined;
  }

  /**
   * @internal Removes `peeked`, the live entry {@link peek} returned, without searching again
   * (the kernel's run loop peeks, checks its limits, then takes). Should the queue have changed
   * in between so that `peeked` is no longer first, this is {@link pop}.
   */
  takePeeked(peeked: QueueEntry): QueueEntry | undefined {
    if (this.phaseMask === 0 || peeked.cancelled) return this.pop();
    const phase = lowestBit(this.phaseMask);
    if (this.phaseHead[phase] !== peeked) return this.pop();
    this.removeHead(phase);
    this.live--;
    peeked.cancelled = true;
    return peeked;
  }

  /**
   * @internal Removes and returns the next live entry if it is not later than `limit`
   * (otherwise undefined, and {@link size} says whether anything is left): {@link pop} and a
   * time limit in one step, for the kernel's run loop.
   */
  popAtMost(limit: number): QueueEntry | undefined {
    if (this.phaseMask === 0 && this.wheelCount > 0) {
      // Fast lane: the instant is over and the next millisecond of the wheel holds exactly one
      // live entry. It is dispatched straight from its list, without passing through the
      // phase lists (which stay empty, ready for what it schedules at its instant).
      const offset = this.nextSlot();
      const entry = this.slotTail[offset]!;
      if (entry.next === entry && !entry.cancelled) {
        if (this.base + offset > limit) return undefined;
        entry.next = undefined;
        this.clearSlot(offset);
        this.instant = this.base + offset;
        this.wheelCount--;
        this.live--;
        entry.cancelled = true;
        return entry;
      }
    }
    if (!this.surface(limit)) return undefined;
    const phase = lowestBit(this.phaseMask);
    if (this.phaseHead[phase]!.time > limit) return undefined;
    const top = this.removeHead(phase);
    this.live--;
    top.cancelled = true;
    return top;
  }

  /** Removes and returns the next live entry. */
  pop(): QueueEntry | undefined {
    if (!this.surface()) return undefined;
    const top = this.removeHead(lowestBit(this.phaseMask));
    this.live--;
    // A dispatched entry counts as finished: cancelling it later is a no-op.
    top.cancelled = true;
    return top;
  }

  private place(entry: QueueEntry): void {
    const time = entry.time;
    if (time === this.instant) {
      this.appendPhase(entry);
    } else if (time > this.instant && time >= this.base && time < this.end) {
      this.appendSlot((time - this.base) | 0, entry); // (| 0: a small integer index, not a double)
    } else if (time >= this.end) {
      const bucket = Math.floor(time / BUCKET_MS);
      let list = this.buckets.get(bucket);
      if (list === undefined) {
        list = [];
        this.buckets.set(bucket, list);
        this.bucketOrder.push(bucket);
      }
      list.push(entry);
    } else {
      this.rollBack(time);
      this.place(entry);
    }
  }

  private appendPhase(entry: QueueEntry): void {
    const phase = entry.phase;
    const tail = this.phaseTail[phase];
    if (tail === undefined) {
      this.phaseHead[phase] = entry;
      this.phaseMask |= 1 << phase;
    } else {
      tail.next = entry;
    }
    this.phaseTail[phase] = entry;
  }

  private removeHead(phase: number): QueueEntry {
    const head = this.phaseHead[phase]!;
    const next = head.next;
    this.phaseHead[phase] = next;
    if (next === undefined) {
      this.phaseTail[phase] = undefined;
      this.phaseMask &= ~(1 << phase);
    } else {
      head.next = undefined; // a handle kept by the caller must not keep later entries alive
    }
    return head;
  }

  private appendSlot(offset: number, entry: QueueEntry): void {
    const tail = this.slotTail[offset];
    if (tail === undefined) {
      entry.next = entry;
      const word = offset >>> 5;
      const bits = this.bits[word]!;
      if (bits === 0) this.summary[word >>> 5]! |= 1 << (word & 31);
      this.bits[word] = bits | (1 << (offset & 31));
    } else {
      entry.next = tail.next;
      tail.next = entry;
    }
    this.slotTail[offset] = entry;
    this.wheelCount++;
  }

  /**
   * Brings a live entry to the head of the lowest non-empty phase list; false when empty, or
   * when the next instant would be later than `limit`.
   */
  private surface(limit = Infinity): boolean {
    for (;;) {
      while (this.phaseMask !== 0) {
        const phase = lowestBit(this.phaseMask);
        if (!this.phaseHead[phase]!.cancelled) return true;
        this.removeHead(phase);
      }
      if (this.wheelCount > 0) {
        const offset = this.nextSlot();
        if (this.base + offset > limit) return false;
        this.loadInstant(offset);
        continue;
      }
      if (this.bucketOrder.length === 0 || this.bucketOrder.min() * BUCKET_MS > limit) return false;
      this.activate(this.bucketOrder.pop());
    }
  }

  /** The lowest offset >= cursor whose millisecond has a list (the wheel is not empty). */
  private nextSlot(): number {
    const bits = this.bits;
    let word = this.cursor >>> 5;
    let found = bits[word]! & (-1 << (this.cursor & 31));
    if (found === 0) {
      word++;
      let group = word >>> 5;
      let groupBits = group < this.summary.length ? this.summary[group]! & (-1 << (word & 31)) : 0;
      while (groupBits === 0) groupBits = this.summary[++group]!;
      word = (group << 5) + lowestBit(groupBits);
      found = bits[word]!;
    }
    return (word << 5) + lowestBit(found);
  }

  /** Makes the millisecond at `offset` of the wheel the current instant. */
  private loadInstant(offset: number): void {
    let entry = this.takeSlot(offset);
    this.instant = this.base + offset;
    let count = 0;
    while (entry !== undefined) {
      const next = entry.next;
      entry.next = undefined;
      if (!entry.cancelled) this.appendPhase(entry);
      entry = next;
      count++;
    }
    this.wheelCount -= count;
  }

  /** Moves a bucket into the (empty) wheel. */
  private activate(bucket: number): void {
    if (this.slotTail.length === 0) this.slotTail = new Array<QueueEntry | undefined>(BUCKET_MS).fill(undefined);
    const list = this.buckets.get(bucket)!;
    this.buckets.delete(bucket);
    this.activeBucket = bucket;
    this.base = bucket * BUCKET_MS;
    this.end = this.base + BUCKET_MS;
    this.cursor = 0;
    this.instant = -Infinity; // (its lists are empty: a bucket is activated only then)
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      if (!entry.cancelled) this.appendSlot((entry.time - this.base) | 0, entry);
    }
  }

  /**
   * Something is being scheduled before the current instant or the active minute (possible
   * only after a peek that was not followed by a pop): undo as much of the surfacing as needed.
   * Invariant used: the instant, when set, lies in the active minute.
   */
  private rollBack(time: number): void {
    if (time < this.instant) {
      // The instant's entries, merged back into schedule order, return to their millisecond.
      const entries: QueueEntry[] = [];
      for (let phase = 0; phase < PHASE_COUNT; phase++) {
        for (let e = this.phaseHead[phase]; e !== undefined; e = e.next) entries.push(e);
        this.phaseHead[phase] = undefined;
        this.phaseTail[phase] = undefined;
      }
      this.phaseMask = 0;
      entries.sort((a, b) => a.seq - b.seq);
      const offset = (this.instant - this.base) | 0;
      for (const e of entries) {
        e.next = undefined;
        this.appendSlot(offset, e);
      }
    }
    this.instant = -Infinity;
    this.cursor = 0;
    if (time < this.base) {
      // The whole minute returns to its bucket, its milliseconds in order.
      const list: QueueEntry[] = [];
      while (this.wheelCount > 0) {
        const offset = this.nextSlot();
        let e = this.takeSlot(offset);
        while (e !== undefined) {
          const next: QueueEntry | undefined = e.next;
          e.next = undefined;
          list.push(e);
          this.wheelCount--;
          e = next;
        }
      }
      if (list.length > 0) {
        this.buckets.set(this.activeBucket, list);
        this.bucketOrder.push(this.activeBucket);
      }
      this.activeBucket = -Infinity;
      this.base = Infinity;
      this.end = -Infinity;
      this.cursor = 0;
    }
  }

  /** Empties the list of the millisecond at `offset`; returns its first entry (a plain list). */
  private takeSlot(offset: number): QueueEntry | undefined {
    const tail = this.slotTail[offset]!;
    const head = tail.next;
    tail.next = undefined;
    this.clearSlot(offset);
    return head;
  }

  /** Clears the slot of the millisecond at `offset` and its bit. */
  private clearSlot(offset: number): void {
    this.slotTail[offset] = undefined;
    const word = offset >>> 5;
    const bits = this.bits[word]! & ~(1 << (offset & 31));
    this.bits[word] = bits;
    if (bits === 0) this.summary[word >>> 5]! &= ~(1 << (word & 31));
    this.cursor = offset + 1;
  }
}

/** A binary min-heap of numbers (the bucket indices that have events). */
class MinHeap {
  private readonly values: number[] = [];

  get length(): number {
    return this.values.length;
  }

  min(): number {
    return this.values[0]!;
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
