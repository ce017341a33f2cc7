import { Kernel } from '../kernel/kernel';
import { EventBus } from '../bus/event-bus';
import { bestSeconds, report } from './report';

// Bare queue: the "hold" model. A standing population of pending events; each dispatch
// schedules a successor a pseudo-random delay later, so every event is one schedule + one
// dispatch through the heap at a realistic queue size.
function bareQueue(events: number, standing: number): number {
  const kernel = new Kernel();
  const delays = new Int32Array(4096);
  let x = 2463534242;
  for (let i = 0; i < delays.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    delays[i] = 1 + ((x >>> 0) % 1000);
  }
  let scheduled = 0;
  const step = (_: null) => {
    if (scheduled < events) {
      kernel.scheduleIn(delays[scheduled & 4095]!, step, null);
      scheduled++;
    }
  };
  for (let i = 0; i < standing; i++) {
    kernel.scheduleAt(i, step, null);
    scheduled++;
  }
  kernel.run();
  return kernel.eventsProcessed;
}

// Bus: `publishes` events published 1 ms apart on one topic with `subscribers` zero-latency
// subscribers. Counted: deliveries (publishes x subscribers).
function busDeliveries(publishes: number, subscribers: number): number {
  const kernel = new Kernel();
  const bus = new EventBus(kernel);
  let sum = 0;
  // As agents subscribe (ctx.on): a plain handler per subscriber on the topic.
  for (let s = 0; s < subscribers; s++) bus.topic<number>('price').on((v) => (sum += v));
  const topic = bus.topic<number>('price');
  let n = 0;
  const publish = (_: null) => {
    topic.publish(n & 7);
    if (++n < publishes) kernel.scheduleIn(1, publish, null);
  };
  kernel.scheduleAt(0, publish, null);
  kernel.run();
  if (sum < 0) throw new Error('unreachable');
  return publishes * subscribers;
}

// The same work by hand: a time-ordered loop calling each subscriber's callback directly.
function plainDeliveries(publishes: number, subscribers: number): number {
  let sum = 0;
  const callbacks: ((v: number) => void)[] = [];
  for (let s = 0; s < subscribers; s++) callbacks.push((v) => (sum += v));
  for (let n = 0; n < publishes; n++) {
    const v = n & 7;
    for (let s = 0; s < callbacks.length; s++) callbacks[s]!(v);
  }
  if (sum < 0) throw new Error('unreachable');
  return publishes * subscribers;
}

// The same work as a hand-written discrete-event loop does it: each publication is an event on
// the kernel's queue (time-ordered delivery), and callbacks are called directly from it. This
// separates the bus's own cost from the cost of ordering events in time at all.
function queuedCallbacks(publishes: number, subscribers: number): number {
  const kernel = new Kernel();
  let sum = 0;
  const callbacks: ((v: number) => void)[] = [];
  for (let s = 0; s < subscribers; s++) callbacks.push((v) => (sum += v));
  let n = 0;
  const publish = (_: null) => {
    const v = n & 7;
    for (let s = 0; s < callbacks.length; s++) callbacks[s]!(v);
    if (++n < publishes) kernel.scheduleIn(1, publish, null);
  };
  kernel.scheduleAt(0, publish, null);
  kernel.run();
  if (sum < 0) throw new Error('unreachable');
  return publishes * subscribers;
}

const bench = 'engine';
const events = 5_000_000;
for (const standing of [1_000, 100_000]) {
  const seconds = bestSeconds(() => bareQueue(events, standing));
  report(bench, `bare-queue,standing=${standing}`, 'events_per_s', events / seconds);
}
for (const subscribers of [1, 10, 1000]) {
  const publishes = Math.max(1000, Math.round(2_000_000 / subscribers));
  const busSeconds = bestSeconds(() => busDeliveries(publishes, subscribers));
  const plainSeconds = bestSeconds(() => plainDeliveries(publishes, subscribers));
  const deliveries = publishes * subscribers;
  report(bench, `bus,subscribers=${subscribers}`, 'events_per_s', deliveries / busSeconds);
  report(bench, `plain-callbacks,subscribers=${subscribers}`, 'events_per_s', deliveries / plainSeconds);
  report(bench, `bus/plain-callbacks wall,subscribers=${subscribers}`, 'ratio', busSeconds / plainSeconds);
  const queuedSeconds = bestSeconds(() => queuedCallbacks(publishes, subscribers));
  report(bench, `bus/queued-callbacks wall,subscribers=${subscribers}`, 'ratio', busSeconds / queuedSeconds);
}
