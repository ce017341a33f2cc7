import fc from 'fast-check';
import { EventQueue } from './event-queue';

// The queue against a reference (a list sorted by (time, phase, schedule order)) over random
// interleavings of schedule, cancel, peek and pop, with times spread across many buckets. A peek
// makes the next instant current, and the schedules that follow it may land before it (as when
// the kernel stops at a time limit below its next event): that exercises the queue's roll-back.
describe('EventQueue ordering (property)', () => {
  it('pops exactly what a stable sort would, whatever the interleaving', () => {
    const op = fc.oneof(
      {
        weight: 5,
        arbitrary: fc.record({
          // 'uncancellable': scheduled without a handle (as the bus does); identified by its
          // argument.
          kind: fc.constantFrom('push' as const, 'push' as const, 'uncancellable' as const),
          // Same instant, near (the wheel), far (minute buckets, up to ~76 of them), and days
          // away by whole multiples of the buckets' direct-mapped table (4,096 minutes), so that
          // minutes compete for its slots.
          delay: fc.oneof(
            fc.constant(0),
            fc.integer({ min: 0, max: 10 }),
            fc.integer({ min: 0, max: 200_000 }),
            fc.integer({ min: 0, max: 5_000_000 }),
            fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 200_000 })).map(([k, d]) => k * 4096 * 65_536 + d),
          ),
          // Mostly a few phases, so that equal (time, phase) pairs are common.
          phase: fc.oneof(fc.constantFrom(0, 8, 10), fc.integer({ min: 0, max: 15 })),
        }),
      },
      // With a limit (now + limit), as the kernel's run loop pops: nothing later than it.
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const), limit: fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 300_000 }))) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
      // Cancelling a handle whose entry has run or been cancelled: its storage may hold another
      // entry by now, which must not be touched.
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('stale' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('peek' as const), limit: fc.option(fc.integer({ min: 0, max: 300_000 })) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        type Ref = { time: number; phase: number; seq: number; cancelled: boolean; entry: ReturnType<EventQueue['push']> | undefined };
        const reference: Ref[] = [];
        let now = 0;
        let seq = 0;
        const order = (a: Ref, b: Ref) => a.time - b.time || a.phase - b.phase || a.seq - b.seq;
        for (const o of ops) {
          if (o.kind === 'push') {
            const time = now + o.delay;
            const entry = queue.push(time, o.phase, () => {}, seq, `owner ${seq}`, `label ${seq}`, seq);
            reference.push({ time, phase: o.phase, seq: seq++, cancelled: false, entry });
          } else if (o.kind === 'uncancellable') {
            const time = now + o.delay;
            queue.pushUncancellable(time, o.phase, () => {}, seq, `owner ${seq}`, `label ${seq}`, seq);
            reference.push({ time, phase: o.phase, seq: seq++, cancelled: false, entry: undefined });
          } else if (o.kind === 'cancel') {
            const live = reference.filter((r) => !r.cancelled && r.entry !== undefined);
            if (live.length === 0) continue;
            const victim = live[o.pick % live.length]!;
            victim.cancelled = true;
            expect(queue.cancel(victim.entry!)).toBe(true);
          } else if (o.kind === 'stale') {
            const done = reference.filter((r) => r.cancelled && r.entry !== undefined);
            if (done.length === 0) continue;
            expect(queue.cancel(done[o.pick % done.length]!.entry!)).toBe(false);
          } else if (o.kind === 'peek') {
            const live = reference.filter((r) => !r.cancelled).sort(order);
            // With a limit (now + limit), an entry past it may be withheld, never a wrong one.
            const got = o.limit === null ? queue.peek() : queue.peek(now + o.limit);
            if (got !== -1 || o.limit === null || (live[0] !== undefined && live[0].time <= now + o.limit)) {
              expect(got === -1 ? undefined : queue.argOf(got)).toBe(live[0]?.seq);
              if (live[0]?.entry) expect(got).toBe(live[0].entry.index);
            }
          } else if (o.kind === 'pop') {
            const live = reference.filter((r) => !r.cancelled).sort(order);
            const got = o.limit === null ? queue.pop() : queue.popAtMost(now + o.limit);
            if (live.length === 0 || (o.limit !== null && live[0]!.time > now + o.limit)) {
              expect(got).toBe(-1);
              continue;
            }
            const want = live[0]!;
            expect(queue.argOf(got)).toBe(want.seq);
            expect(queue.causeOf(got)).toBe(want.seq);
            expect(queue.timeOf(got)).toBe(want.time);
            expect([queue.ownerOf(got), queue.labelOf(got)]).toEqual([`owner ${want.seq}`, `label ${want.seq}`]);
            if (want.entry) expect(got).toBe(want.entry.index);
            queue.release(got);
            want.cancelled = true;
            now = want.time;
          }
          expect(queue.size).toBe(reference.filter((r) => !r.cancelled).length);
        }
      }),
      { seed: 20261122, numRuns: 1000 },
    );
  });
});

describe('EventQueue handles', () => {
  it('ignores a stale handle whose storage now holds another entry', () => {
    const queue = new EventQueue();
    const ran: string[] = [];
    const first = queue.push(5, 8, (s: string) => ran.push(s), 'first', undefined, undefined, 0);
    const taken = queue.pop();
    expect(taken).toBe(first.index);
    queue.release(taken);
    // The freed storage is reused at once, by the next entry.
    const second = queue.push(7, 8, (s: string) => ran.push(s), 'second', undefined, undefined, 0);
    expect(second.index).toBe(first.index);
    expect(queue.cancel(first)).toBe(false);
    expect(queue.size).toBe(1);
    const next = queue.pop();
    expect(next).toBe(second.index);
    expect(queue.argOf(next)).toBe('second');
    queue.release(next);
    expect(queue.cancel(second)).toBe(false);
    expect(queue.size).toBe(0);
  });

  it('puts a whole minute back in order when something is scheduled before it after a peek', () => {
    // A peek makes the next instant current, and with it the minute it is in; scheduling at an
    // earlier minute then returns that minute to its bucket, every entry in schedule order.
    const queue = new EventQueue();
    const minute = 65_536;
    const order: [number, string][] = [
      [5 * minute + 300, 'c'],
      [5 * minute + 100, 'a'],
      [5 * minute + 300, 'd'],
      [5 * minute + 200, 'b'],
      [5 * minute + 100, 'a2'],
      [9 * minute, 'later'],
    ];
    for (const [time, name] of order) queue.push(time, 8, () => {}, name, undefined, undefined, 0);
    expect(queue.argOf(queue.peek())).toBe('a');
    queue.push(2 * minute, 8, () => {}, 'earlier', undefined, undefined, 0);
    queue.push(5 * minute + 100, 8, () => {}, 'a3', undefined, undefined, 0);
    const seen: unknown[] = [];
    for (let i = queue.pop(); i !== -1; i = queue.pop()) {
      seen.push(queue.argOf(i));
      queue.release(i);
    }
    expect(seen).toEqual(['earlier', 'a', 'a2', 'a3', 'b', 'c', 'd', 'later']);
  });

  it('keeps entries and handles across growth', () => {
    const queue = new EventQueue();
    const n = 5000; // (several pages of entries)
    const handles = [];
    for (let k = 0; k < n; k++) handles.push(queue.push(n - k, k % 16, () => {}, k, undefined, undefined, k));
    for (let k = 0; k < n; k += 3) expect(queue.cancel(handles[k]!)).toBe(true);
    const seen: unknown[] = [];
    for (let i = queue.pop(); i !== -1; i = queue.pop()) {
      seen.push(queue.argOf(i));
      queue.release(i);
    }
    const expected = [];
    for (let k = n - 1; k >= 0; k--) if (k % 3 !== 0) expected.push(k);
    expect(seen).toEqual(expected);
  });

  it('keeps nothing alive through a dispatched or cancelled entry', () => {
    const queue = new EventQueue();
    const arg = { big: 'payload' };
    const kept = queue.push(1, 0, () => {}, arg, { owner: 1 }, 'label', 0);
    queue.push(2, 0, () => {}, arg, undefined, undefined, 0);
    expect(queue.cancel(kept)).toBe(true);
    expect([queue.fnOf(kept.index), queue.argOf(kept.index), queue.ownerOf(kept.index), queue.labelOf(kept.index)]).toEqual([undefined, undefined, undefined, undefined]);
    const taken = queue.pop();
    queue.release(taken);
    expect(queue.argOf(taken)).toBeUndefined();
    expect(queue.fnOf(taken)).toBeUndefined();
  });

  it('keeps a message in the order of its schedule call, with its four fields, and never lets a stale handle cancel it', () => {
    const queue = new EventQueue();
    const callback = queue.push(3, 8, () => {}, 'callback', undefined, undefined, 0);
    queue.release(queue.pop()); // (its index is free again; its handle is stale)
    queue.push(4, 8, () => {}, 'before', undefined, undefined, 0);
    queue.pushMessage(4, 8, 'from', 'body', 17, 250, 9);
    queue.push(4, 8, () => {}, 'after', undefined, undefined, 0);
    expect(queue.cancel(callback)).toBe(false);
    const got: unknown[] = [];
    for (let i = queue.pop(); i !== -1; i = queue.pop()) {
      got.push(queue.isMessage(i) ? [0, 1, 2, 3].map((k) => queue.refOf(i, k)).concat(queue.causeOf(i)) : queue.argOf(i));
      queue.release(i);
    }
    expect(got).toEqual(['before', ['from', 'body', 17, 250, 9], 'after']);
  });
});
