import { Observable } from 'rxjs';
import type { Kernel } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';

/** Phase in which observations are delivered, after the events that produced them. */
export const OBSERVE_PHASE = 10;

/** A subscriber of the Observable, or a plain handler (the fast path agents' `ctx.on` uses). */
interface Listener<T> {
  /**
   * Called as a plain function (`this` undefined). An RxJS subscriber gets a closure that calls
   * its `next`: one small function per subscription buys a direct call per delivery, where
   * `receive.call(subscriber, value)` went through Function.prototype.call and cost about twice
   * as much per delivery (measured with 1,000 subscribers).
   */
  readonly receive: (value: T) => void;
  readonly owner: Actor | undefined;
}

/**
 * Subscribers that share one observation latency: one queue event per publication serves them
 * all. The group also holds the values published to it and not yet delivered, in publication
 * order: its deliveries all have the same latency and phase, so the queue dispatches them in
 * the order they were scheduled, and the queue event needs no object of its own (its argument
 * is the group, and the value is the oldest one waiting).
 */
class LatencyGroup<T> {
  /**
   * Replaced, never mutated, while a delivery iterates it (see `dispatching`), so a delivery
   * serves the subscribers present when it started without copying the list each time.
   */
  listeners: Listener<T>[] = [];
  /** Deliveries of this group running now (a subscriber may (un)subscribe from inside one). */
  dispatching = 0;
  /** Values waiting for delivery: a ring buffer (capacity a power of two) from `head`. */
  private waiting: (T | undefined)[] = new Array<T | undefined>(4).fill(undefined);
  private head = 0;
  private count = 0;
  constructor(
    readonly topic: Topic<T>,
    readonly latencyMs: number,
  ) {}

  /** The listener list, safe to change: copied first if a delivery is iterating it. */
  editableListeners(): Listener<T>[] {
    if (this.dispatching > 0) {
      this.listeners = this.listeners.slice();
      this.dispatching = 0; // the copy is not being iterated
    }
    return this.listeners;
  }

  enqueue(value: T): void {
    if (this.count === this.waiting.length) this.grow();
    this.waiting[(this.head + this.count) & (this.waiting.length - 1)] = value;
    this.count++;
  }

  dequeue(): T {
    const value = this.waiting[this.head] as T;
    this.waiting[this.head] = undefined; // let the value be collected
    this.head = (this.head + 1) & (this.waiting.length - 1);
    this.count--;
    return value;
  }

  private grow(): void {
    const old = this.waiting;
    const waiting = new Array<T | undefined>(old.length * 2).fill(undefined);
    for (let i = 0; i < this.count; i++) waiting[i] = old[(this.head + i) & (old.length - 1)];
    this.waiting = waiting;
    this.head = 0;
  }
}

/**
 * A named stream of events. Publishing is cheap: each distinct observation latency among the
 * subscribers costs one queue event, delivered `latency` ms later (in {@link OBSERVE_PHASE}),
 * so an agent with 30 s latency sees a price event 30 s after it happened and never inside the
 * publisher's call stack. Subscribers of the same latency are served in subscription order.
 */
export class Topic<T> {
  private readonly groups: LatencyGroup<T>[] = [];
  private readonly deliveryLabel: string;

  constructor(
    readonly name: string,
    private readonly kernel: Kernel,
  ) {
    this.deliveryLabel = `an observation of "${name}"`;
  }

  /** Number of live subscribers (any latency). */
  get subscriberCount(): number {
    let n = 0;
    for (const group of this.groups) n += group.listeners.length;
    return n;
  }

  /** Publishes `value`; each subscriber receives it after its own latency. */
  publish(value: T): void {
    const groups = this.groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      if (group.listeners.length === 0) continue;
      group.enqueue(value);
      this.kernel.scheduleChecked(group.latencyMs, OBSERVE_PHASE, deliver, group, undefined, this.deliveryLabel);
    }
  }

  /**
   * The stream as seen by an observer with `latencyMs` of observation delay. `owner` is who
   * will be named if the subscriber throws.
   */
  observe(latencyMs = 0, owner?: Actor): Observable<T> {
    if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
      throw new RangeError(`observation latency must be a finite number >= 0, got ${latencyMs}`);
    }
    const latency = Math.round(latencyMs);
    return new Observable<T>((subscriber) => this.listen(latency, (value) => subscriber.next(value), owner));
  }

  /**
   * Calls `handler` with every value after `latencyMs` (as `observe` does, without an RxJS
   * subscriber between: one function call per delivery). Returns the function that stops it.
   */
  on(handler: (value: T) => void, latencyMs = 0, owner?: Actor): () => void {
    if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
      throw new RangeError(`observation latency must be a finite number >= 0, got ${latencyMs}`);
    }
    return this.listen(Math.round(latencyMs), handler, owner);
  }

  private listen(latency: number, receive: (value: T) => void, owner: Actor | undefined): () => void {
    const group = this.groupFor(latency);
    const listener: Listener<T> = { receive, owner: owner ?? this.kernel.currentActor };
    group.editableListeners().push(listener);
    return () => {
      const i = group.listeners.indexOf(listener);
      if (i >= 0) group.editableListeners().splice(i, 1);
    };
  }

  /**
   * @internal delivers one published value to one latency group. One try block serves the
   * whole group (a try per listener cost more than the deliveries): a listener that throws is
   * attributed to its owner, and the others are still served.
   */
  deliverTo(group: LatencyGroup<T>, value: T): void {
    // A subscriber may unsubscribe (or subscribe others) while we iterate: with more than one
    // listener, the list is then copied before it changes (see LatencyGroup.editableListeners),
    // and this delivery serves the listeners present when it started. A lone listener is
    // iterated live, as before (the list used to be copied per delivery, but not when it had
    // only one listener), so that behaviour stays exactly what it was.
    const listeners = group.listeners;
    const snapshot = listeners.length !== 1;
    if (snapshot) group.dispatching++;
    const kernel = this.kernel;
    const previousActor = kernel.currentActor;
    const previousLabel = kernel.currentLabel;
    kernel.currentLabel = this.deliveryLabel;
    let i = 0;
    while (i < listeners.length) {
      try {
        for (; i < listeners.length; i++) {
          const listener = listeners[i]!;
          kernel.currentActor = listener.owner;
          const receive = listener.receive;
          receive(value);
        }
      } catch (error) {
        kernel.fail(error);
        i++;
      }
    }
    if (snapshot && group.listeners === listeners) group.dispatching--;
    kernel.currentActor = previousActor;
    kernel.currentLabel = previousLabel;
  }

  private groupFor(latency: number): LatencyGroup<T> {
    let group = this.groups.find((g) => g.latencyMs === latency);
    if (!group) {
      group = new LatencyGroup<T>(this, latency);
      this.groups.push(group);
      // Keep delivery order independent of subscription history: shorter latency first.
      this.groups.sort((a, b) => a.latencyMs - b.latencyMs);
    }
    return group;
  }
}

function deliver<T>(group: LatencyGroup<T>): void {
  group.topic.deliverTo(group, group.dequeue());
}
