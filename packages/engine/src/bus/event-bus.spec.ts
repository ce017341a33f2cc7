import { Kernel } from '../kernel/kernel';
import { EventBus } from './event-bus';

describe('EventBus', () => {
  it('delivers to each subscriber after its own latency, never synchronously', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const seen: string[] = [];
    bus.observe<number>('price', 0).subscribe((p) => seen.push(`fast ${p} @${kernel.now}`));
    bus.observe<number>('price', 30_000).subscribe((p) => seen.push(`slow ${p} @${kernel.now}`));
    kernel.scheduleAt(1000, () => {
      bus.publish('price', 0.97);
      seen.push('published');
    }, null);
    kernel.run();
    expect(seen).toEqual(['published', 'fast 0.97 @1000', 'slow 0.97 @31000']);
  });

  it('stops delivering after unsubscribe, also for events already in flight', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const seen: number[] = [];
    const sub = bus.observe<number>('x', 100).subscribe((v) => seen.push(v));
    kernel.scheduleAt(0, () => bus.publish('x', 1), null);
    kernel.scheduleAt(50, () => sub.unsubscribe(), null);
    kernel.run();
    expect(seen).toEqual([]);
  });

  it('delivers publications of one instant in order, each with the cause of its publication', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const seen: string[] = [];
    const topic = bus.topic<string>('trades');
    topic.on((v) => seen.push(`fast ${v} cause ${kernel.cause} @${kernel.now}`));
    topic.on((v) => seen.push(`slow ${v} cause ${kernel.cause} @${kernel.now}`), 100);
    bus.observe<string>('trades', 100).subscribe((v) => seen.push(`rx ${v} cause ${kernel.cause} @${kernel.now}`));
    kernel.scheduleAt(10, () => {
      for (const [cause, v] of [[7, 'a'], [8, 'b'], [9, 'c']] as const) {
        kernel.cause = cause;
        topic.publish(v);
      }
    }, null);
    kernel.scheduleAt(60, () => topic.publish('d'), null);
    kernel.run();
    expect(seen).toEqual([
      'fast a cause 7 @10', 'fast b cause 8 @10', 'fast c cause 9 @10', 'fast d cause 0 @60',
      'slow a cause 7 @110', 'rx a cause 7 @110', 'slow b cause 8 @110', 'rx b cause 8 @110',
      'slow c cause 9 @110', 'rx c cause 9 @110', 'slow d cause 0 @160', 'rx d cause 0 @160',
    ]);
  });

  it('serves the subscribers present when a delivery started', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const topic = bus.topic<number>('x');
    const seen: string[] = [];
    let stopSecond = () => {};
    topic.on((v) => {
      seen.push(`first ${v}`);
      if (v === 1) {
        stopSecond();
        topic.on((w) => seen.push(`late ${w}`));
      }
    });
    stopSecond = topic.on((v) => seen.push(`second ${v}`));
    topic.on((v) => seen.push(`third ${v}`));
    kernel.scheduleAt(0, () => topic.publish(1), null);
    kernel.scheduleAt(1, () => topic.publish(2), null);
    kernel.run();
    expect(seen).toEqual(['first 1', 'second 1', 'third 1', 'first 2', 'third 2', 'late 2']);
  });

  it('sends direct messages to one agent only', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const a: unknown[] = [];
    const b: unknown[] = [];
    bus.inbox('a').subscribe((m) => a.push([m.from, m.body, kernel.now]));
    bus.inbox('b').subscribe((m) => b.push(m.body));
    kernel.scheduleAt(10, () => bus.send('b', 'a', 'psst', 7_200_000), null);
    kernel.run();
    expect(a).toEqual([['b', 'psst', 7_200_010]]);
    expect(b).toEqual([]);
  });

  it('sends by handle exactly as by id: same messages, same order, slots reused', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const got: unknown[] = [];
    bus.onMessage('a', (m) => got.push([m.from, m.to, m.body, m.sentAtMs, kernel.now]));
    const a = bus.handleOf('a');
    expect(bus.handleOf('a')).toBe(a);
    expect(bus.idOf(a)).toBe('a');
    kernel.scheduleAt(5, () => {
      // Far more messages than the first slot arrays hold, interleaving both paths.
      for (let i = 0; i < 3000; i++) {
        if (i % 2 === 0) bus.send('x', 'a', i, 100 - (i % 7));
        else bus.sendTo('y', a, i, 100 - (i % 7));
      }
    }, null);
    kernel.scheduleAt(200, () => bus.sendTo('z', a, 'again', 0), null);
    kernel.run();
    expect(got).toHaveLength(3001);
    // Ordered by arrival time, then by send order.
    const expected = Array.from({ length: 3000 }, (_, i) => [i % 2 === 0 ? 'x' : 'y', 'a', i, 5, 105 - (i % 7)]);
    expected.sort((p, q) => (p[4] as number) - (q[4] as number) || (p[2] as number) - (q[2] as number));
    expect(got.slice(0, 3000)).toEqual(expected);
    expect(got[3000]).toEqual(['z', 'a', 'again', 200, 200]);
    expect(() => bus.sendTo('z', 99, 'nobody')).toThrow(RangeError);
    expect(() => bus.send('z', 'a', 'never', Number.NaN)).toThrow(RangeError);
  });

  it('a message to an id that registers only later still arrives (recipients are found at delivery)', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const got: unknown[] = [];
    kernel.scheduleAt(0, () => bus.send('x', 'late', 'hi', 10), null);
    kernel.scheduleAt(5, () => bus.onMessage('late', (m) => got.push(m.body)), null);
    kernel.run();
    expect(got).toEqual(['hi']);
  });

  it('attributes a subscriber failure to that subscriber and the topic', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const served: string[] = [];
    bus.observe('news', 0, { id: 'ok-1' }).subscribe(() => served.push('ok-1'));
    bus.observe('news', 0, { id: 'bad', pluginId: 'p' }).subscribe(() => {
      throw new Error('nope');
    });
    bus.observe('news', 0, { id: 'ok-2' }).subscribe(() => served.push('ok-2'));
    kernel.scheduleAt(0, () => bus.publish('news', 'hurricane'), null);
    const outcome = kernel.run();
    expect(outcome.error?.message).toBe('agent "bad" (plugin "p") failed at t=0d 00:00:00.000 while handling an observation of "news": nope');
    expect(served).toEqual(['ok-1', 'ok-2']);
  });

  it('names the recipient of a direct message that throws, with what it was handling', () => {
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    bus.onMessage('alice', () => {
      throw new Error('nope');
    }, { id: 'alice', pluginId: 'p' });
    kernel.scheduleAt(0, () => bus.send('bob', 'alice', 'hi', 5), null);
    const outcome = kernel.run();
    expect(outcome.error?.message).toBe('agent "alice" (plugin "p") failed at t=0d 00:00:00.005 while handling a direct message: nope');
  });

  it('is the one bus of its kernel: a second would not get its messages', () => {
    const kernel = new Kernel();
    new EventBus(kernel);
    expect(() => new EventBus(kernel)).toThrow('a kernel delivers the messages of one event bus only');
  });

  it('refuses a recipient registered for another agent than the one it says it receives for', () => {
    const bus = new EventBus(new Kernel());
    expect(() => bus.addRecipient('alice', { id: 'bob', owner: undefined, receive: () => {} })).toThrow('a recipient for "bob" cannot receive the messages of "alice"');
  });
});
