import { Kernel } from '../kernel/kernel';
import { EventBus } from '../bus/event-bus';
import { bestSeconds, bestSecondsEach, report } from './report';

// Bare queue: the "hold" model. A standing population of pending events; each dispatch
// schedules a successor a pseudo-random delay later, so every event is one schedule + one
// dispatch through the queue at a realistic queue size.
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

// Direct messages, a wave in flight at once (as the rumour of the cascade bench): at one instant
// `inFlight` messages go to random agents among `agents`, with random delays of up to a second,
// then all are delivered. Counted: messages. With `memory`, it also gets the bytes each message
// in flight holds (collected heap plus array buffers, all sent, none delivered: the queue's
// entries and the bus's slots).
function messageWave(inFlight: number, agents: number, memory?: { bytesPerMessage: number }): number {
  const kernel = new Kernel();
  const bus = new EventBus(kernel);
  let received = 0;
  const handles: number[] = [];
  for (let a = 0; a < agents; a++) {
    bus.onMessage<number>(`agent-${a}`, () => received++);
    handles.push(bus.handleOf(`agent-${a}`));
  }
  let x = 88172645;
  const send = (_: null) => {
    const before = memory ? retainedBytes() : 0;
    for (let m = 0; m < inFlight; m++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const r = x >>> 0;
      bus.sendTo('source', handles[r % agents]!, m, 1 + ((r >>> 12) % 1000));
    }
    if (memory) memory.bytesPerMessage = (retainedBytes() - before) / inFlight;
  };
  kernel.scheduleAt(0, send, null);
  kernel.run();
  if (received !== inFlight) throw new Error('lost messages');
  return received;
}

/** Bytes the process holds in the collected heap and in array buffers, after a full collection. */
function retainedBytes(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
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

// Not the same work (kept as a reference point only): a bare loop calling each subscriber's
// callback inside the publishing loop. It has no virtual clock, orders nothing in time and runs
// the callbacks in the publisher's stack, so it omits exactly what the bus is for (delivery as
// an event `latency` ms later). Earlier versions of this bench called it "the plain callback
// loop" and compared the bus with it; see plainDes for the honest reference.
function untimedCallbacks(publishes: number, subscribers: number): number {
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

// The same work by hand: the plain discrete-event loop a modeller writes without a framework
// (what the hand-written peers in BENCHMARKS.md are). Its own binary min-heap ordered by (time,
// sequence), in typed arrays: no object per event, nothing generic; values stay small integers, as in the bus. As with the bus, each
// publication is an event 1 ms after the previous one, and it schedules its delivery as an
// event `latency` ms later (0 here, the same instant, after the publisher has returned), which
// calls every subscriber's callback in order. That is the bus's contract (time-ordered,
// deterministic, never inside the publisher's stack), with none of its generality (no
// cancellation, owners, labels, causes, phases, several latencies or topics).
function plainDes(publishes: number, subscribers: number): number {
  let sum = 0;
  const callbacks: ((v: number) => void)[] = [];
  for (let s = 0; s < subscribers; s++) callbacks.push((v) => (sum += v));
  const latency = 0;
  const PUBLISH = 0;
  const DELIVER = 1;
  let capacity = 64;
  let times = new Float64Array(capacity);
  let seqs = new Float64Array(capacity);
  let kinds = new Uint8Array(capacity);
  let values = new Int32Array(capacity);
  let size = 0;
  let nextSeq = 0;
  const push = (time: number, kind: number, value: number) => {
    if (size === capacity) {
      capacity *= 2;
      const t = new Float64Array(capacity), q = new Float64Array(capacity), k = new Uint8Array(capacity), v = new Int32Array(capacity);
      t.set(times), q.set(seqs), k.set(kinds), v.set(values);
      times = t, seqs = q, kinds = k, values = v;
    }
    const seq = nextSeq++;
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p]! < time || (times[p] === time && seqs[p]! < seq)) break;
      times[i] = times[p]!, seqs[i] = seqs[p]!, kinds[i] = kinds[p]!, values[i] = values[p]!;
      i = p;
    }
    times[i] = time, seqs[i] = seq, kinds[i] = kind, values[i] = value;
  };
  const popTop = () => {
    const n = --size;
    const time = times[n]!, seq = seqs[n]!, kind = kinds[n]!, value = values[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (times[c + 1]! < times[c]! || (times[c + 1] === times[c] && seqs[c + 1]! < seqs[c]!))) c++;
      if (time < times[c]! || (time === times[c] && seq < seqs[c]!)) break;
      times[i] = times[c]!, seqs[i] = seqs[c]!, kinds[i] = kinds[c]!, values[i] = values[c]!;
      i = c;
    }
    times[i] = time, seqs[i] = seq, kinds[i] = kind, values[i] = value;
  };
  let n = 0;
  push(0, PUBLISH, 0);
  while (size > 0) {
    const now = times[0]!;
    const kind = kinds[0]!;
    const value = values[0]!;
    popTop();
    if (kind === PUBLISH) {
      push(now + latency, DELIVER, n & 7);
      if (++n < publishes) push(now + 1, PUBLISH, 0);
    } else {
      for (let s = 0; s < callbacks.length; s++) callbacks[s]!(value);
    }
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
// The target (issue 2): the bus within 3x of plainDes, at 1, 10 and 1,000 subscribers.
for (const subscribers of [1, 10, 1000]) {
  const publishes = Math.max(1000, Math.round(2_000_000 / subscribers));
  const deliveries = publishes * subscribers;
  const [busSeconds, plainSeconds, untimedSeconds, queuedSeconds] = bestSecondsEach([
    () => busDeliveries(publishes, subscribers),
    () => plainDes(publishes, subscribers),
    () => untimedCallbacks(publishes, subscribers),
    () => queuedCallbacks(publishes, subscribers),
  ]) as [number, number, number, number];
  report(bench, `bus,subscribers=${subscribers}`, 'events_per_s', deliveries / busSeconds);
  report(bench, `plain-des,subscribers=${subscribers}`, 'events_per_s', deliveries / plainSeconds);
  report(bench, `untimed-callbacks,subscribers=${subscribers}`, 'events_per_s', deliveries / untimedSeconds);
  report(bench, `bus/plain-des wall,subscribers=${subscribers}`, 'ratio', busSeconds / plainSeconds);
  report(bench, `bus/untimed-callbacks wall,subscribers=${subscribers}`, 'ratio', busSeconds / untimedSeconds);
  report(bench, `bus/queued-callbacks wall,subscribers=${subscribers}`, 'ratio', busSeconds / queuedSeconds);
}
{
  const inFlight = 1_000_000;
  // Memory first: measured after the timed runs, it came out at half its true size for the
  // object-based queue of before (what those runs leave behind skews the baseline).
  const memory = { bytesPerMessage: 0 };
  messageWave(inFlight, 10_000, memory);
  report(bench, `message-wave,in-flight=${inFlight}`, 'bytes_per_message', memory.bytesPerMessage);
  const seconds = bestSeconds(() => messageWave(inFlight, 10_000));
  report(bench, `message-wave,in-flight=${inFlight}`, 'events_per_s', inFlight / seconds);
}
