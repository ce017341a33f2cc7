/** Number of phases; events at the same millisecond run in phase order, then in schedule order. */
export const PHASE_COUNT = 16;

// The layout of entry i (see the doc comment of EventQueue). Const enums, so that the compiled
// code has literals: module constants would be context loads, which both cost time in the
// hottest loops and weigh on the JIT's inlining budget (the kernel's run loop inlines the queue).
// Offsets are written `(k << 2) | n` rather than `4 * k + n`: the same number, with no overflow
// check in the compiled code.
/**
 * Where entry i's fields are, with k = i mod 4096 on page i / 4096: at 4k + n of the page's
 * numbers (doubles), 8k + n of its integers (a second view of the same buffer), and 4k + n of
 * its references.
 */
const enum At {
  Time = 0,
  Seq = 1,
  Cause = 2,
  // (double 4k + 3 is integers 8k + 6 and 8k + 7.)
  Next = 6,
  Flags = 7,
  Fn = 0,
  Arg = 1,
  Owner = 2,
  Label = 3,
}

/** An entry's flags. */
const enum Flag {
  /** The phase's bits. */
  Phase = 15, // (PHASE_COUNT - 1)
  /** Cancelled, dispatched or free: skipped when it surfaces, and cannot be cancelled. */
  Cancelled = 16,
  /** A message: its four references are the message's, for the kernel's message handler. */
  Message = 32,
}

const enum Link {
  /** No entry: the end of a list, or an empty one. */
  None = -1,
}

/** Bytes of an entry's numbers: three doubles and two 32-bit integers, at 4k and 8k + 6 of its page. */
const ENTRY_BYTES = 32;

/** Pages of entries: 2^12 entries each (a const enum, so the code has literals). */
const enum Page {
  Bits = 12,
  Mask = 4095,
  Entries = 4096,
}

/** Width of a time bucket, ms (about a minute; a power of two keeps the division cheap and exact). */
const BUCKET_MS = 65_536;
/** Words of the occupancy bitmap of the wheel (one bit per millisecond of the active bucket). */
const BITMAP_WORDS = BUCKET_MS >>> 5;

/** Index of the lowest set bit of a nonzero 32-bit integer. */
function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * A handle to one scheduled callback, for {@link EventQueue.cancel}. The queue reuses an entry's
 * index once the entry has been dispatched, so the handle names both the index and the schedule
 * call: once the index holds another entry, the handle no longer matches, and cancelling it is a
 * harmless no-op.
 */
export class ScheduledEvent {
  /** @internal */
  constructor(
    /** @internal The entry's index in the queue. */
    readonly index: number,
    /**
     * @internal The schedule call's sequence number, which serves as the index's generation:
     * every schedule call takes a new one, so no later entry at the index has the same.
     */
    readonly seq: number,
  ) {}
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
 *   an append to its list; a small heap orders the minutes that have events.
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
 * An entry is not an object but an index into arrays, in pages of 4,096 entries. The numbers of
 * entry i fill 32 bytes of its page's buffer: time, sequence and cause as doubles, the next entry
 * of its list and its flags (phase, cancelled, message) as 32-bit integers of a second view of
 * the buffer. Its references (fn, arg, owner, label; or a message's fields) are four
 * consecutive elements of its page's references. Lists link indices (-1 ends them; bucket and
 * millisecond lists are circular, so that one number, the tail, holds both ends). Once an entry
 * has been dispatched, or dropped as cancelled, its references are cleared and its index goes
 * on a stack of free ones, reused first (last freed, likely still cached). Scheduling therefore
 * allocates nothing ({@link push} only the caller's small {@link ScheduledEvent}), and the
 * garbage collector traces a few arrays however many events are pending. Whoever takes an entry
 * ({@link pop}, {@link popAtMost}, {@link takePeeked}) reads its fields ({@link timeOf}, ...)
 * and then hands the index back with {@link release}.
 *
 * History: a single binary heap spent its time on cache misses at 10^5-10^6 pending events;
 * then minute buckets with a 4-ary heap for the current minute spent over half the time of
 * the "hold" benchmark in sift-down (unpredictable branches): hence the wheel. Entries were
 * then objects (about 100 bytes each, plus a boxed number for a time past 2^31 ms), with a pool
 * of 4,096 for the bus's deliveries: with a million agents gossiping, 2.2 million messages were
 * in flight at once, each a fresh object promoted to old space before dying there, and garbage
 * collection took about 15% of the run: hence the indices. Measured then (best of a few runs,
 * alternating, on a shared two-core machine): a pending entry holds about 70 bytes when the
 * arrays are full (up to twice that just after they double) instead of about 107; the hold
 * benchmark ran 1.65 times as fast at 100,000 pending and 1.2 times at 1,000; bus deliveries
 * 3-6% slower at 1 and 10 subscribers (typed arrays cost a few more instructions per event
 * than object fields when everything is in cache) and 3% faster at 1,000; the million-agent
 * cascade spent 6.0 s instead of 7.5 s collecting garbage and ran about 10% faster, but its
 * peak memory (1.8 GB) did not move: the rest of its heap dominates it, and doubling leaves
 * the arrays up to half empty. Paging the numbers too (they doubled like the references once
 * did) took 70-75 MB off the peak of the million-holder cascade (spot 860 -> 785 MB, nav 964 ->
 * 893) at no cost to its time; the bare-queue benchmark, where nothing but the queue runs, lost
 * about a fifth (17 -> 13 M events/s at 1,000 pending: some 15 ns per event more).
 */
export class EventQueue {
  // Entries (see the layout above): entries 4096p .. 4096p + 4095 are on page p of each.
  /** Their numbers: two views of one buffer per page. */
  private readonly numPages: Float64Array[] = [];
  private readonly intPages: Int32Array[] = [];
  /** Their references (see {@link addPage}). */
  private readonly refPages: unknown[][] = [];
  /** Free indices below {@link used}, the last one freed on top. */
  private free = new Int32Array(0);
  private freeCount = 0;
  /** Indices below this one have been handed out. */
  private used = 0;

  // Far future: per minute bucket, the tail of its circular list; and a heap of the bucket
  // numbers that have one.
  private readonly buckets = new BucketTails();
  private readonly bucketOrder = new MinHeap();

  // The wheel: the active bucket's milliseconds [base, end), each a FIFO list.
  private activeBucket = -Infinity;
  private base = Infinity;
  private end = -Infinity;
  /**
   * The last entry of each millisecond's list, or -1; the lists are circular (the last entry's
   * next is the first), so one array serves both ends and an append stores once into it.
   */
  private slotTail = new Int32Array(0);
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
  private readonly phaseHead = new Int32Array(PHASE_COUNT).fill(Link.None);
  private readonly phaseTail = new Int32Array(PHASE_COUNT).fill(Link.None);
  private phaseMask = 0;

  private nextSeq = 0;
  private live = 0;

  /** Number of scheduled, not cancelled, not yet dispatched entries. */
  get size(): number {
    return this.live;
  }

  /**
   * Schedules `fn(arg)` at `time`, an integer millisecond no earlier than the last entry popped
   * (the kernel checks both), in `phase` 0..15. The handle serves only to {@link cancel} it.
   */
  push(
    time: number,
    phase: number,
    fn: (arg: any) => void,
    arg: unknown,
    owner: unknown,
    label: string | undefined,
    cause: number,
  ): ScheduledEvent {
    const seq = this.nextSeq;
    return new ScheduledEvent(this.add(time, phase, fn, arg, owner, label, cause), seq);
  }

  /**
   * @internal As {@link push}, for a caller that keeps no handle (the bus's deliveries): the
   * entry cannot be cancelled, and scheduling it allocates nothing.
   */
  pushUncancellable(
    time: number,
    phase: number,
    fn: (arg: any) => void,
    arg: unknown,
    owner: unknown,
    label: string | undefined,
    cause: number,
  ): void {
    this.add(time, phase, fn, arg, owner, label, cause);
  }

  /**
   * @internal Schedules a message: an entry whose four references (`a` to `d`) are not a
   * callback with its argument, owner and label but the fields of a direct message, handed to
   * the kernel's message handler when it surfaces ({@link isMessage}, {@link refOf}). A message
   * in flight is then nothing but its queue entry: no slot elsewhere to fill, to free and, at
   * delivery, long after the send, to miss in the cache. It cannot be cancelled.
   */
  pushMessage(time: number, phase: number, a: unknown, b: unknown, c: unknown, d: unknown, cause: number): void {
    this.add(time, phase | Flag.Message, a, b, c, d, cause);
  }

  /** Whether entry `i` is a message ({@link pushMessage}). */
  isMessage(i: number): boolean {
    return (this.flagsOf(i) & Flag.Message) !== 0;
  }

  /** Reference `k` (0..3) of entry `i`: of a message, its fields in the order they were pushed. */
  refOf(i: number, k: number): unknown {
    return this.refPages[i >>> Page.Bits]![((i & Page.Mask) << 2) | k];
  }

  /**
   * Cancels the entry of `event`; false if it has already been dispatched or cancelled (its
   * index may hold another entry by now: the sequence number tells them apart).
   */
  cancel(event: ScheduledEvent): boolean {
    const i = event.index;
    if (this.numOf(i, At.Seq) !== event.seq) return false;
    const flags = this.flagsOf(i);
    if ((flags & Flag.Cancelled) !== 0) return false;
    this.setFlags(i, flags | Flag.Cancelled);
    // What it refers to need not stay alive until it surfaces.
    this.clearRefs(i);
    this.live--;
    return true;
  }

  /**
   * The next live entry without removing it, or -1. With a `limit`, an entry later than it may
   * be reported as -1 (while {@link size} stays positive), and the queue does not advance past
   * `limit` to look: a run that stops at a time limit leaves nothing to roll back.
   */
  peek(limit = Infinity): number {
    return this.surface(limit) ? this.phaseHead[lowestBit(this.phaseMask)]! : Link.None;
  }

  /**
   * @internal Removes `peeked`, the live entry {@link peek} returned, without searching again
   * (the kernel's run loop peeks, checks its limits, then takes). Should the queue have changed
   * in between so that `peeked` is no longer first, this is {@link pop}.
   */
  takePeeked(peeked: number): number {
    if (this.phaseMask === 0 || this.isCancelled(peeked)) return this.pop();
    const phase = lowestBit(this.phaseMask);
    if (this.phaseHead[phase] !== peeked) return this.pop();
    return this.take(phase);
  }

  /**
   * @internal Removes and returns the next live entry if it is not later than `limit`
   * (otherwise -1, and {@link size} says whether anything is left): {@link pop} and a time
   * limit in one step, for the kernel's run loop.
   */
  popAtMost(limit: number): number {
    const mask = this.phaseMask;
    if (mask !== 0) {
      // The current instant goes on: the common case, first and short.
      const phase = lowestBit(mask);
      if (!this.isCancelled(this.phaseHead[phase]!) && this.instant <= limit) return this.take(phase);
    } else if (this.wheelCount > 0) {
      // Fast lane: the instant is over and the next millisecond of the wheel holds exactly one
      // live entry. It is dispatched straight from its list, without passing through the
      // phase lists (which stay empty, ready for what it schedules at its instant).
      const offset = this.nextSlot();
      const i = this.slotTail[offset]!;
      const flags = this.flagsOf(i);
      if (this.nextOf(i) === i && (flags & Flag.Cancelled) === 0) {
        if (this.base + offset > limit) return Link.None;
        this.clearSlot(offset);
        this.instant = this.base + offset;
        this.wheelCount--;
        this.live--;
        this.setFlags(i, flags | Flag.Cancelled);
        return i;
      }
    }
    // (The phase lists hold the current instant's entries only.)
    if (!this.surface(limit) || this.instant > limit) return Link.None;
    return this.take(lowestBit(this.phaseMask));
  }

  /** Removes and returns the next live entry, or -1. */
  pop(): number {
    return this.surface() ? this.take(lowestBit(this.phaseMask)) : Link.None;
  }

  /** Time of entry `i` (one peeked or taken, not yet released). */
  timeOf(i: number): number {
    return this.numOf(i, At.Time);
  }

  /** Id of the event that caused entry `i`. */
  causeOf(i: number): number {
    return this.numOf(i, At.Cause);
  }

  fnOf(i: number): (arg: unknown) => void {
    return this.refOf(i, At.Fn) as (arg: unknown) => void;
  }

  argOf(i: number): unknown {
    return this.refOf(i, At.Arg);
  }

  ownerOf(i: number): unknown {
    return this.refOf(i, At.Owner);
  }

  labelOf(i: number): string | undefined {
    return this.refOf(i, At.Label) as string | undefined;
  }

  /** Whether entry `i` has been cancelled (a taken entry counts as cancelled). */
  isCancelled(i: number): boolean {
    return (this.flagsOf(i) & Flag.Cancelled) !== 0;
  }

  /**
   * Hands back the index of an entry taken from the queue, once its fields have been read (once
   * only): its references are cleared, so that nothing stays alive through the queue, and the
   * index is reused.
   */
  release(i: number): void {
    this.clearRefs(i);
    this.free[this.freeCount++] = i;
  }

  /** Stores an entry at a free index and places it; returns the index. */
  private add(
    time: number,
    phase: number,
    fn: unknown,
    arg: unknown,
    owner: unknown,
    label: unknown,
    cause: number,
  ): number {
    const i = this.freeCount > 0 ? this.free[--this.freeCount]! : this.fresh();
    this.setNum(i, At.Time, time);
    this.setNum(i, At.Seq, this.nextSeq++);
    this.setNum(i, At.Cause, cause);
    this.setFlags(i, phase); // (and the message bit; not cancelled; the link is set by `place`)
    this.setRefs(i, fn, arg, owner, label);
    this.place(i, time);
    this.live++;
    return i;
  }

  /** An index never used yet (on a new page whenever the last one is full). */
  private fresh(): number {
    const i = this.used++;
    if ((i & Page.Mask) === 0) this.addPage();
    return i;
  }

  /**
   * Room for 4,096 more entries (apart, so that the JIT does not inline it into `add`). Pages
   * rather than arrays that double: a doubled array is allocated, copied and touched at once and
   * its old copy left behind, while a run with millions of messages in flight grows by pages it
   * fills (at a million gossiping agents, 2.2 million in flight: a doubled array of numbers held
   * 64 MB more than it needed, and one of references 64 MB of holes and 134 MB of garbage).
   * Pages cost a load per access, from a short array that stays in the cache.
   */
  private addPage(): void {
    const buffer = new ArrayBuffer(Page.Entries * ENTRY_BYTES);
    this.numPages.push(new Float64Array(buffer));
    this.intPages.push(new Int32Array(buffer));
    this.refPages.push(new Array<unknown>(Page.Entries << 2).fill(undefined));
    if (this.free.length < this.used + Page.Entries) {
      const free = new Int32Array(2 * this.free.length + Page.Entries);
      free.set(this.free);
      this.free = free;
    }
  }

  /** Number `field` (At.Time, At.Seq, At.Cause) of entry `i`. */
  private numOf(i: number, field: At): number {
    return this.numPages[i >>> Page.Bits]![((i & Page.Mask) << 2) | field]!;
  }

  private setNum(i: number, field: At, value: number): void {
    this.numPages[i >>> Page.Bits]![((i & Page.Mask) << 2) | field] = value;
  }

  /** The entry after `i` in its list. */
  private nextOf(i: number): number {
    return this.intPages[i >>> Page.Bits]![((i & Page.Mask) << 3) | At.Next]!;
  }

  private setNext(i: number, next: number): void {
    this.intPages[i >>> Page.Bits]![((i & Page.Mask) << 3) | At.Next] = next;
  }

  private flagsOf(i: number): number {
    return this.intPages[i >>> Page.Bits]![((i & Page.Mask) << 3) | At.Flags]!;
  }

  private setFlags(i: number, flags: number): void {
    this.intPages[i >>> Page.Bits]![((i & Page.Mask) << 3) | At.Flags] = flags;
  }

  private clearRefs(i: number): void {
    this.setRefs(i, undefined, undefined, undefined, undefined);
  }

  /** Entry `i`'s four references (fn, arg, owner, label; or a message's fields). */
  private setRefs(i: number, a: unknown, b: unknown, c: unknown, d: unknown): void {
    const refs = this.refPages[i >>> Page.Bits]!;
    const at = (i & Page.Mask) << 2;
    refs[at | At.Fn] = a;
    refs[at | At.Arg] = b;
    refs[at | At.Owner] = c;
    refs[at | At.Label] = d;
  }

  /** Removes the (live) head of a phase list and marks it taken. */
  private take(phase: number): number {
    const top = this.removeHead(phase);
    this.live--;
    // A dispatched entry counts as finished: cancelling it later is a no-op.
    this.setFlags(top, this.flagsOf(top) | Flag.Cancelled);
    return top;
  }

  private place(i: number, time: number): void {
    if (time === this.instant) {
      this.appendPhase(i);
    } else if (time > this.instant && time >= this.base && time < this.end) {
      this.appendSlot((time - this.base) | 0, i); // (| 0: a small integer index, not a double)
    } else if (time >= this.end) {
      this.appendBucket(Math.floor(time / BUCKET_MS), i);
    } else {
      this.rollBack(time);
      this.place(i, time);
    }
  }

  private appendBucket(bucket: number, i: number): void {
    const tail = this.buckets.get(bucket);
    if (tail === undefined) this.bucketOrder.push(bucket);
    this.appendCircular(tail ?? Link.None, i);
    this.buckets.set(bucket, i);
  }

  /** Puts `i` after `tail` (-1: none, the list is empty) in a circular list: `i` is its new tail. */
  private appendCircular(tail: number, i: number): void {
    if (tail === Link.None) {
      this.setNext(i, i);
    } else {
      this.setNext(i, this.nextOf(tail));
      this.setNext(tail, i);
    }
  }

  private appendPhase(i: number): void {
    const phase = this.flagsOf(i) & Flag.Phase;
    this.setNext(i, Link.None);
    const tail = this.phaseTail[phase]!;
    if (tail === Link.None) {
      this.phaseHead[phase] = i;
      this.phaseMask |= 1 << phase;
    } else {
      this.setNext(tail, i);
    }
    this.phaseTail[phase] = i;
  }

  private removeHead(phase: number): number {
    const head = this.phaseHead[phase]!;
    const next = this.nextOf(head);
    this.phaseHead[phase] = next;
    if (next === Link.None) {
      this.phaseTail[phase] = Link.None;
      this.phaseMask &= ~(1 << phase);
    }
    return head;
  }

  private appendSlot(offset: number, i: number): void {
    const tail = this.slotTail[offset]!;
    if (tail === Link.None) {
      const word = offset >>> 5;
      const bits = this.bits[word]!;
      if (bits === 0) this.summary[word >>> 5]! |= 1 << (word & 31);
      this.bits[word] = bits | (1 << (offset & 31));
    }
    this.appendCircular(tail, i);
    this.slotTail[offset] = i;
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
        const head = this.phaseHead[phase]!;
        if (!this.isCancelled(head)) return true;
        this.removeHead(phase);
        this.release(head);
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
    let i = this.takeSlot(offset);
    this.instant = this.base + offset;
    let count = 0;
    while (i !== Link.None) {
      const next = this.nextOf(i);
      if (this.isCancelled(i)) this.release(i);
      else this.appendPhase(i);
      i = next;
      count++;
    }
    this.wheelCount -= count;
  }

  /** Moves a bucket into the (empty) wheel. */
  private activate(bucket: number): void {
    if (this.slotTail.length === 0) this.slotTail = new Int32Array(BUCKET_MS).fill(Link.None);
    const tail = this.buckets.get(bucket)!;
    this.buckets.delete(bucket);
    this.activeBucket = bucket;
    this.base = bucket * BUCKET_MS;
    this.end = this.base + BUCKET_MS;
    this.cursor = 0;
    this.instant = -Infinity; // (its lists are empty: a bucket is activated only then)
    let i = this.nextOf(tail);
    this.setNext(tail, Link.None);
    while (i !== Link.None) {
      const next = this.nextOf(i);
      if (this.isCancelled(i)) this.release(i);
      else this.appendSlot((this.numOf(i, At.Time) - this.base) | 0, i);
      i = next;
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
      const entries: number[] = [];
      for (let phase = 0; phase < PHASE_COUNT; phase++) {
        for (let i = this.phaseHead[phase]!; i !== Link.None; i = this.nextOf(i)) entries.push(i);
        this.phaseHead[phase] = Link.None;
        this.phaseTail[phase] = Link.None;
      }
      this.phaseMask = 0;
      entries.sort((a, b) => this.numOf(a, At.Seq) - this.numOf(b, At.Seq));
      const offset = (this.instant - this.base) | 0;
      for (const i of entries) this.appendSlot(offset, i);
    }
    this.instant = -Infinity;
    this.cursor = 0;
    if (time < this.base) {
      // The whole minute returns to its bucket, its milliseconds in order.
      let tail: number = Link.None;
      while (this.wheelCount > 0) {
        let i = this.takeSlot(this.nextSlot());
        while (i !== Link.None) {
          const next = this.nextOf(i);
          this.appendCircular(tail, i);
          tail = i;
          this.wheelCount--;
          i = next;
        }
      }
      if (tail !== Link.None) {
        this.buckets.set(this.activeBucket, tail);
        this.bucketOrder.push(this.activeBucket);
      }
      this.activeBucket = -Infinity;
      this.base = Infinity;
      this.end = -Infinity;
      this.cursor = 0;
    }
  }

  /** Empties the list of the millisecond at `offset`; returns its first entry (a plain list). */
  private takeSlot(offset: number): number {
    const tail = this.slotTail[offset]!;
    const head = this.nextOf(tail);
    this.setNext(tail, Link.None);
    this.clearSlot(offset);
    return head;
  }

  /** Clears the slot of the millisecond at `offset` and its bit. */
  private clearSlot(offset: number): void {
    this.slotTail[offset] = Link.None;
    const word = offset >>> 5;
    const bits = this.bits[word]! & ~(1 << (offset & 31));
    this.bits[word] = bits;
    if (bits === 0) this.summary[word >>> 5]! &= ~(1 << (word & 31));
    this.cursor = offset + 1;
  }
}

/** Minutes in the direct-mapped part of {@link BucketTails} (about three days of virtual time). */
const BUCKET_RING = 4096;

/**
 * The tail entry of each pending minute's list, by minute number. Every schedule beyond the
 * current minute reads and writes it, so the common case is a direct-mapped table: minutes less
 * than {@link BUCKET_RING} apart never share a slot, and a minute whose slot another holds (one
 * a multiple of about three days away) goes to a map. A hash map alone cost two hash lookups
 * per message in flight.
 */
class BucketTails {
  /** The minute whose tail slot s holds, or -1. */
  private readonly minutes = new Float64Array(BUCKET_RING).fill(-1);
  private readonly tails = new Int32Array(BUCKET_RING);
  private readonly far = new Map<number, number>();

  get(minute: number): number | undefined {
    const s = minute & (BUCKET_RING - 1);
    if (this.minutes[s] === minute) return this.tails[s];
    return this.far.size === 0 ? undefined : this.far.get(minute);
  }

  set(minute: number, tail: number): void {
    const s = minute & (BUCKET_RING - 1);
    const held = this.minutes[s];
    if (held === minute || (held === -1 && !(this.far.size > 0 && this.far.has(minute)))) {
      this.minutes[s] = minute;
      this.tails[s] = tail;
    } else {
      this.far.set(minute, tail);
    }
  }

  delete(minute: number): void {
    const s = minute & (BUCKET_RING - 1);
    if (this.minutes[s] === minute) this.minutes[s] = -1;
    else this.far.delete(minute);
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
