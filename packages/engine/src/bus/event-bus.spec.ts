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
});
