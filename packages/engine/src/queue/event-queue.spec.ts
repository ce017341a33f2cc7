import fc from 'fast-check';
import { EventQueue } from './event-queue';

// The queue against a reference (a list sorted by (time, phase, schedule order)) over random
// interleavings of schedule, cancel and pop, with times spread across many buckets.
describe('EventQueue ordering (property)', () => {
  it('pops exactly what a stable sort would, whatever the interleaving', () => {
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('push' as const), delay: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 5_000_000 })), phase: fc.integer({ min: 0, max: 15 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
        const queue = new EventQueue();
        type Ref = { time: number; phase: number; seq: number; cancelled: boolean; entry: ReturnType<EventQueue['push']> };
        const reference: Ref[] = [];
        let now = 0;
        let seq = 0;
        const order = (a: Ref, b: Ref) => a.time - b.time || a.phase - b.phase || a.seq - b.seq;
        for (const o of ops) {
          if (o.kind === 'push') {
            const time = now + o.delay;
            const entry = queue.push(time, o.phase, () => {}, seq, undefined, undefined, 0);
            reference.push({ time, phase: o.phase, seq: seq++, cancelled: false, entry });
          } else if (o.kind === 'cancel') {
            const live = reference.filter((r) => !r.cancelled);
            if (live.length === 0) continue;
            const victim = live[o.pick % live.length]!;
            victim.cancelled = true;
            expect(queue.cancel(victim.entry)).toBe(true);
          } else {
            const live = reference.filter((r) => !r.cancelled).sort(order);
            const got = queue.pop();
            if (live.length === 0) {
              expect(got).toBeUndefined();
              continue;
            }
            const want = live[0]!;
            expect(got).toBe(want.entry);
            want.cancelled = true;
            now = want.time;
          }
          expect(queue.size).toBe(reference.filter((r) => !r.cancelled).length);
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });
});
