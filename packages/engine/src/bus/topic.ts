import { Observable } from 'rxjs';
import type { Kernel } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';

/** Phase in which observations are delivered, after the events that produced them. */
export const OBSERVE_PHASE = 10;

/** A subscriber of the Observable, or a plain handler (the fast path agents' `ctx.on` uses). */
interface Listener<T> {
  readonly receive: (value: T) => void;
  /** `this` for `receive` (the RxJS subscriber), so no closure is made per listener. */
  readonly self: unknown;
  readonly owner: Actor | undefined;
}

/** Subscribers that share one observation latency: one queue event serves them all. */
class LatencyGroup<T> {
  readonly listeners: Listener<T>[] = [];
  constructor(readonly latencyMs: number) {}
}

interface Delivery<T> {
  readonly topic: Topic<T>;
  readonly group: LatencyGroup<T>;
  readonly value: T;
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
    for (const group of this.groups) {
      if (group.listeners.length === 0) continue;
      this.kernel.scheduleIn(group.latencyMs, deliver, { topic: this, group, value } as Delivery<T>, {
        phase: OBSERVE_PHASE,
        owner: undefined,
        label: this.deliveryLabel,
      });
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
    return new Observable<T>((subscriber) => this.listen(latency, subscriber.next, subscriber, owner));
  }

  /**
   * Calls `handler` with every value after `latencyMs` (as `observe` does, without an RxJS
   * subscriber between: one function call per delivery). Returns the function that stops it.
   */
  on(handler: (value: T) => void, latencyMs = 0, owner?: Actor): () => void {
    if (!(latencyMs >= 0) || !Number.isFinite(latencyMs)) {
      throw new RangeError(`observation latency must be a finite number >= 0, got ${latencyMs}`);
    }
    return this.listen(Math.round(latencyMs), handler, undefined, owner);
  }

  private listen(latency: number, receive: (value: T) => void, self: unknown, owner: Actor | undefined): () => void {
    const group = this.groupFor(latency);
    const listener: Listener<T> = { receive, self, owner: owner ?? this.kernel.currentActor };
    group.listeners.push(listener);
    return () => {
      const i = group.listeners.indexOf(listener);
      if (i >= 0) group.listeners.splice(i, 1);
    };
  }

  /**
   * @internal delivers one published value to one latency group. One try block serves the
   * whole group (a try per listener cost more than the deliveries): a listener that throws is
   * attributed to its owner, and the others are still served.
   */
  deliverTo(group: LatencyGroup<T>, value: T): void {
    // Copy: a subscriber may unsubscribe (or subscribe others) while we iterate.
    const listeners = group.listeners.length === 1 ? group.listeners : group.listeners.slice();
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
          listener.receive.call(listener.self, value);
        }
      } catch (error) {
        kernel.fail(error);
        i++;
      }
    }
    kernel.currentActor = previousActor;
    kernel.currentLabel = previousLabel;
  }

  private groupFor(latency: number): LatencyGroup<T> {
    let group = this.groups.find((g) => g.latencyMs === latency);
    if (!group) {
      group = new LatencyGroup<T>(latency);
      this.groups.push(group);
      // Keep delivery order independent of subscription history: shorter latency first.
      this.groups.sort((a, b) => a.latencyMs - b.latencyMs);
    }
    return group;
  }
}

function deliver<T>(delivery: Delivery<T>): void {
  delivery.topic.deliverTo(delivery.group, delivery.value);
}
