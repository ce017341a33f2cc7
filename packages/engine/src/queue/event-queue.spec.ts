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
          // 'recycled': scheduled without a handle (as the bus does), from the pool of entries
          // already dispatched; identified by its argument.
          kind: fc.constantFrom('push' as const, 'push' as const, 'recycled' as const),
          // Same instant, near (the wheel), and far (minute buckets, up to ~76 of them).
          delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 5_000_000 })),
          // Mostly a few phases, so that equal (time, phase) pairs are common.
          phase: fc.oneof(fc.constantFrom(0, 8, 10), fc.integer({ min: 0, max: 15 })),
        }),
      },
      // With a limit (now + limit), as the kernel's run loop pops: nothing later than it.
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const), limit: fc.option(fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 300_000 }))) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
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
            const entry = queue.push(time, o.phase, () => {}, seq, undefined, undefined, seq);
            reference.push({ time, phase: o.phase, seq: seq++, cancelled: false, entry });
          } else if (o.kind === 'recycled') {
            const time = now + o.delay;
            queue.pushRecycled(time, o.phase, () => {}, seq, undefined, undefined, seq);
            reference.push({ time, phase: o.phase, seq: seq++, cancelled: false, entry: undefined });
          } else if (o.kind === 'cancel') {
            const live = reference.filter((r) => !r.cancelled && r.entry !== undefined);
            if (live.length === 0) continue;
            const victim = live[o.pick % live.length]!;
            victim.cancelled = true;
            expect(queue.cancel(victim.entry!)).toBe(true);
          } else if (o.kind === 'peek') {
            const live = reference.filter((r) => !r.cancelled).sort(order);
            // With a limit (now + limit), an entry past it may be withheld, never a wrong one.
            const got = o.limit === null ? queue.peek() : queue.peek(now + o.limit);
            if (got !== undefined || o.limit === null || (live[0] !== undefined && live[0].time <= now + o.limit)) {
              expect(got?.arg).toBe(live[0]?.seq);
              if (live[0]?.entry) expect(got).toBe(live[0].entry);
            }
          } else if (o.kind === 'pop') {
            const live = reference.filter((r) => !r.cancelled).sort(order);
            const got = o.limit === null ? queue.pop() : queue.popAtMost(now + o.limit);
            if (live.length === 0 || (o.limit !== null && live[0]!.time > now + o.limit)) {
              expect(got).toBeUndefined();
              continue;
            }
            const want = live[0]!;
            expect(got!.arg).toBe(want.seq);
            expect(got!.cause).toBe(want.seq);
            expect(got!.time).toBe(want.time);
            if (want.entry) expect(got).toBe(want.entry);
            else queue.recycle(got!);
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
