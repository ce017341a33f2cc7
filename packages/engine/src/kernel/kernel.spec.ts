import { Kernel } from './kernel';
import { InvariantViolation, SimulationError } from './errors';

describe('Kernel ordering', () => {
  it('orders by time, then phase, then scheduling order', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const log = (s: string) => seen.push(`${kernel.now}:${s}`);
    kernel.scheduleAt(20, log, 'late');
    kernel.scheduleAt(10, log, 'p8-first');
    kernel.scheduleAt(10, log, 'p2', { phase: 2 });
    kernel.scheduleAt(10, log, 'p8-second');
    kernel.scheduleAt(10, log, 'p0', { phase: 0 });
    kernel.scheduleAt(0, log, 'start');
    expect(kernel.run().reason).toBe('empty');
    expect(seen).toEqual(['0:start', '10:p0', '10:p2', '10:p8-first', '10:p8-second', '20:late']);
  });

  it('runs events scheduled for the current instant after those already queued for it', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    kernel.scheduleAt(5, () => {
      seen.push('a');
      kernel.scheduleIn(0, () => seen.push('c'), null);
    }, null);
    kernel.scheduleAt(5, () => seen.push('b'), null);
    kernel.run();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('cancels, and cancelling twice or after dispatch is harmless', () => {
    const kernel = new Kernel();
    const seen: number[] = [];
    const a = kernel.scheduleAt(1, (x: number) => seen.push(x), 1);
    const b = kernel.scheduleAt(2, (x: number) => seen.push(x), 2);
    expect(kernel.cancel(a)).toBe(true);
    expect(kernel.cancel(a)).toBe(false);
    expect(kernel.pending).toBe(1);
    kernel.run();
    expect(kernel.cancel(b)).toBe(false);
    expect(seen).toEqual([2]);
  });

  it('ignores a stale handle once its event has run and another has taken its place', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const first = kernel.scheduleAt(1, (s: string) => seen.push(s), 'first');
    kernel.run();
    const second = kernel.scheduleAt(2, (s: string) => seen.push(s), 'second');
    expect(kernel.cancel(first)).toBe(false);
    expect(kernel.pending).toBe(1);
    kernel.run();
    expect(seen).toEqual(['first', 'second']);
    expect(kernel.cancel(second)).toBe(false);
  });

  it('ignores a handle cancelled inside its own callback', () => {
    const kernel = new Kernel();
    const seen: number[] = [];
    const handles: ReturnType<Kernel['scheduleAt']>[] = [];
    handles.push(kernel.scheduleAt(1, () => {
      // Scheduled first, so it takes the storage of the event running now.
      handles.push(kernel.scheduleIn(1, () => seen.push(2), null));
      expect(kernel.cancel(handles[0]!)).toBe(false);
      seen.push(1);
    }, null));
    kernel.run();
    expect(seen).toEqual([1, 2]);
  });

  it('orders a large random schedule exactly like a stable sort', () => {
    const kernel = new Kernel();
    const items: { time: number; phase: number; i: number }[] = [];
    let x = 12345;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const seen: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const item = { time: Math.floor(rand() * 50), phase: Math.floor(rand() * 16), i };
      items.push(item);
      kernel.scheduleAt(item.time, (n: number) => seen.push(n), i, { phase: item.phase });
    }
    kernel.run();
    const expected = [...items].sort((a, b) => a.time - b.time || a.phase - b.phase || a.i - b.i).map((it) => it.i);
    expect(seen).toEqual(expected);
  });

  it('rejects scheduling in the past or at fractional times', () => {
    const kernel = new Kernel();
    kernel.scheduleAt(10, () => {}, null);
    kernel.run();
    expect(() => kernel.scheduleAt(5, () => {}, null)).toThrow(/past/);
    expect(() => kernel.scheduleAt(10.5, () => {}, null)).toThrow(/integer/);
    expect(() => kernel.scheduleIn(Infinity, () => {}, null)).toThrow(/integer/);
    expect(() => kernel.scheduleIn(NaN, () => {}, null)).toThrow(/integer/);
    expect(() => kernel.scheduleAt(11, () => {}, null, { phase: 16 })).toThrow(/phase/);
  });
});

describe('Kernel run limits', () => {
  it('stops at a time, advancing the clock to it, and resumes', () => {
    const kernel = new Kernel();
    const seen: number[] = [];
    for (const t of [1, 5, 10, 15]) kernel.scheduleAt(t, () => seen.push(t), null);
    expect(kernel.run({ until: 10 })).toMatchObject({ reason: 'until', timeMs: 10 });
    expect(seen).toEqual([1, 5, 10]);
    expect(kernel.run({ until: 100 })).toMatchObject({ reason: 'empty', timeMs: 100 });
    expect(seen).toEqual([1, 5, 10, 15]);
  });

  it('accepts events before the next one after stopping at a time limit or on a predicate', () => {
    const kernel = new Kernel();
    const seen: string[] = [];
    const log = (s: string) => seen.push(`${kernel.now}:${s}`);
    // Far apart (different minutes), and several at one instant in different phases.
    kernel.scheduleAt(200_000, log, 'far');
    kernel.scheduleAt(70_000, log, 'b8');
    kernel.scheduleAt(70_000, log, 'b2', { phase: 2 });
    expect(kernel.run({ until: 69_000 }).reason).toBe('until');
    kernel.scheduleAt(69_500, log, 'a');
    kernel.scheduleAt(70_000, log, 'b8-late');
    expect(kernel.run({ while: () => seen.length < 1 }).reason).toBe('predicate');
    // The next event (70_000, phase 2) has been looked at; now something lands before it.
    kernel.scheduleAt(70_000, log, 'b0', { phase: 0 });
    kernel.scheduleAt(69_999, log, 'c');
    expect(kernel.run({ while: () => seen.length < 6 }).reason).toBe('predicate');
    // The far minute has been looked at; now something lands before it, in between minutes.
    kernel.scheduleAt(131_072, log, 'd');
    kernel.scheduleAt(70_001, log, 'e');
    expect(kernel.run().reason).toBe('empty');
    expect(seen).toEqual(['69500:a', '69999:c', '70000:b0', '70000:b2', '70000:b8', '70000:b8-late', '70001:e', '131072:d', '200000:far']);
  });

  it('stops on a predicate and on stop()', () => {
    const kernel = new Kernel();
    let count = 0;
    const tick = () => {
      count++;
      kernel.scheduleIn(1, tick, null);
    };
    kernel.scheduleAt(0, tick, null);
    expect(kernel.run({ while: () => count < 7 }).reason).toBe('predicate');
    expect(count).toBe(7);
    kernel.scheduleIn(0, () => kernel.stop(), null, { phase: 0 });
    expect(kernel.run().reason).toBe('stopped');
  });
});

describe('Kernel failures', () => {
  it('names the actor, the event and the time of a throwing callback, and keeps earlier work', () => {
    const kernel = new Kernel();
    const done: number[] = [];
    kernel.scheduleAt(1, () => done.push(1), null);
    kernel.scheduleAt(2, () => {
      throw new Error('boom');
    }, null, { owner: { id: 'bot-3', pluginId: 'liquidation-bots' }, label: 'block 7' });
    kernel.scheduleAt(3, () => done.push(3), null);
    const outcome = kernel.run();
    expect(outcome.reason).toBe('failed');
    expect(outcome.error).toBeInstanceOf(SimulationError);
    expect(outcome.error!.message).toBe(
      'agent "bot-3" (plugin "liquidation-bots") failed at t=0d 00:00:00.002 while handling block 7: boom',
    );
    expect(done).toEqual([1]);
  });

  it('stops with a report when an invariant breaks between instants', () => {
    const kernel = new Kernel();
    let balance = 10;
    kernel.addInvariant({ name: 'balance never negative', check: () => (balance < 0 ? `balance ${balance}` : undefined) });
    kernel.scheduleAt(1, () => (balance -= 20), null);
    kernel.scheduleAt(2, () => (balance += 100), null);
    const outcome = kernel.run();
    expect(outcome.reason).toBe('failed');
    expect(outcome.error).toBeInstanceOf(InvariantViolation);
    expect(outcome.error!.message).toMatch(/"balance never negative" broken at t=0d 00:00:00.001: balance -10/);
    expect(balance).toBe(-10);
  });
});

describe('cause tracking', () => {
  it('carries the cause of the scheduling event to what it schedules', () => {
    const kernel = new Kernel();
    const causes: number[] = [];
    kernel.scheduleAt(1, () => {
      kernel.cause = 42;
      kernel.scheduleIn(10, () => {
        causes.push(kernel.cause);
        kernel.scheduleIn(1, () => causes.push(kernel.cause), null);
      }, null);
    }, null);
    kernel.scheduleAt(2, () => causes.push(kernel.cause), null);
    kernel.run();
    expect(causes).toEqual([0, 42, 42]);
  });
});
