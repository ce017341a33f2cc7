import { EventQueue, type ScheduledEvent, PHASE_COUNT } from '../queue/event-queue';
import type { Actor } from './actor';
import { InvariantViolation, SimulationError } from './errors';
import { enterRun, exitRun } from '../rx/wall-clock-guard';

export type { ScheduledEvent };

export interface ScheduleOptions {
  /** 0..15, default {@link DEFAULT_PHASE}: orders events that share a millisecond. */
  phase?: number;
  /** Who the callback belongs to; named if it throws. Defaults to the current actor. */
  owner?: Actor | undefined;
  /** What the callback handles, e.g. `block 812` or `observation of amm.swap`. */
  label?: string;
}

export const DEFAULT_PHASE = 8;

/**
 * Who receives the kernel's message entries ({@link Kernel.scheduleMessage}): the run's event
 * bus. It gets the four fields it scheduled, as it scheduled them.
 */
export interface MessageHandler {
  /** What a message's delivery is called in failures (its queue entry has no label of its own). */
  readonly label: string;
  deliver(a: unknown, b: unknown, c: unknown, d: unknown): void;
}

/**
 * A check that must hold between instants of virtual time. It returns a description of the
 * breach, or undefined when all is well.
 */
export interface Invariant {
  readonly name: string;
  check(): string | undefined;
}

export interface RunLimits {
  /** Stop before dispatching any event later than this time (inclusive bound). */
  until?: number;
  /** Keep going while this returns true (checked before each event). */
  while?: () => boolean;
}

export type StopReason = 'empty' | 'until' | 'predicate' | 'stopped' | 'failed';

export interface RunOutcome {
  readonly reason: StopReason;
  readonly timeMs: number;
  readonly eventsProcessed: number;
  /** Set when reason is 'failed': the first failure, already attributed to its actor. */
  readonly error?: Error;
}

/**
 * The simulation kernel: a virtual clock and an event queue ordered by (time, phase, sequence).
 * It knows nothing of what the events mean. A callback that throws stops the run with a
 * {@link SimulationError} naming its owner; everything recorded until then stays recorded.
 *
 * Cause tracking: every event carries the id of the event that caused it. Scheduling captures
 * the current cause; dispatching restores it. Code that creates a meaningful event (a trade, a
 * liquidation) sets {@link Kernel.cause} to its id, and whatever is scheduled in reaction links
 * back to it without any plugin having to pass ids around.
 */
export class Kernel {
  private readonly queue = new EventQueue();
  private nowMs = 0;
  private processed = 0;
  private failure: Error | undefined;
  private stopRequested = false;
  private running = false;
  private readonly invariants: Invariant[] = [];
  private lastCheckedTime = -1;

  /** The actor whose code is running now (for attribution). */
  currentActor: Actor | undefined;
  /** What the running callback is handling (for attribution). */
  currentLabel: string | undefined;
  /** Id of the event that caused what is running now; 0 when nothing did (exogenous). */
  cause = 0;
  private messages: MessageHandler | undefined;

  get now(): number {
    return this.nowMs;
  }

  get eventsProcessed(): number {
    return this.processed;
  }

  get pending(): number {
    return this.queue.size;
  }

  /** Schedules `fn(arg)` at absolute virtual time `time` (>= now). */
  scheduleAt<A>(time: number, fn: (arg: A) => void, arg: A, options?: ScheduleOptions): ScheduledEvent {
    if (!Number.isInteger(time)) throw new RangeError(`schedule time must be an integer millisecond, got ${time}`);
    if (time < this.nowMs) throw new RangeError(`cannot schedule in the past: ${time} < now ${this.nowMs}`);
    if (options === undefined) return this.queue.push(time, DEFAULT_PHASE, fn, arg, this.currentActor, undefined, this.cause);
    const phase = options?.phase ?? DEFAULT_PHASE;
    if (phase < 0 || phase >= PHASE_COUNT || !Number.isInteger(phase)) {
      throw new RangeError(`phase must be an integer in [0, ${PHASE_COUNT - 1}], got ${phase}`);
    }
    const owner = options && 'owner' in options ? options.owner : this.currentActor;
    return this.queue.push(time, phase, fn, arg, owner, options?.label, this.cause);
  }

  /**
   * @internal Schedules `fn(arg)` `delayMs` from now with everything given and nothing checked:
   * for engine code (the bus) whose delays are already whole, non-negative milliseconds and
   * whose phase is valid, and that keep no handle (the event cannot be cancelled). Same
   * semantics as {@link scheduleIn} with all options set.
   */
  scheduleChecked<A>(delayMs: number, phase: number, fn: (arg: A) => void, arg: A, owner: Actor | undefined, label: string | undefined): void {
    // No handle is returned: the queue need not allocate one.
    this.queue.pushUncancellable(this.nowMs + delayMs, phase, fn, arg, owner, label, this.cause);
  }

  /**
   * @internal Makes `handler` the receiver of this kernel's messages: the run's one event bus
   * does, when it is made.
   */
  attachMessages(handler: MessageHandler): void {
    if (this.messages !== undefined && this.messages !== handler) throw new Error('a kernel delivers the messages of one event bus only');
    this.messages = handler;
  }

  /**
   * @internal Schedules a message `delayMs` from now (a whole, non-negative number of ms) in
   * `phase`: the attached {@link MessageHandler} gets `a`, `b`, `c`, `d` then, with no owner
   * (its label names it) and the current cause, as any scheduled callback. The four fields are
   * the whole message: it costs one queue entry and nothing else.
   */
  scheduleMessage(delayMs: number, phase: number, a: unknown, b: unknown, c: unknown, d: unknown): void {
    this.queue.pushMessage(this.nowMs + delayMs, phase, a, b, c, d, this.cause);
  }

  /** Schedules `fn(arg)` after `delayMs` of virtual time. */
  scheduleIn<A>(delayMs: number, fn: (arg: A) => void, arg: A, options?: ScheduleOptions): ScheduledEvent {
    const time = this.nowMs + Math.max(0, Math.round(delayMs));
    // The common case, checked here: a finite whole time >= now needs no other check.
    if (options === undefined && time < Infinity) return this.queue.push(time, DEFAULT_PHASE, fn, arg, this.currentActor, undefined, this.cause);
    return this.scheduleAt(time, fn, arg, options);
  }

  cancel(event: ScheduledEvent): boolean {
    return this.queue.cancel(event);
  }

  addInvariant(invariant: Invariant): void {
    this.invariants.push(invariant);
  }

  /** Runs every invariant now; throws {@link InvariantViolation} on the first breach. */
  checkInvariants(): void {
    for (const invariant of this.invariants) {
      const breach = invariant.check();
      if (breach !== undefined) throw new InvariantViolation(invariant.name, this.nowMs, breach);
    }
  }

  /** Asks the run loop to stop after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Records a failure of the code running now and stops the run. Used for errors that surface
   * outside the callback's own stack (RxJS reports a subscriber's error asynchronously).
   */
  fail(error: unknown): void {
    if (this.failure) return;
    this.failure =
      error instanceof SimulationError || error instanceof InvariantViolation
        ? error
        : new SimulationError(this.currentActor, this.currentLabel, this.nowMs, error);
  }

  /**
   * Dispatches events in order until the queue is empty, a limit is reached, stop() is called
   * or a callback fails. Never throws for a simulation failure: the outcome carries it, so the
   * caller can still save what was recorded.
   */
  run(limits: RunLimits = {}): RunOutcome {
    if (this.running) throw new Error('Kernel.run is not reentrant');
    this.running = true;
    this.stopRequested = false;
    enterRun(this);
    const until = limits.until ?? Infinity;
    const keepGoing = limits.while;
    let reason: StopReason = 'empty';
    try {
      for (;;) {
        if (this.failure) {
          reason = 'failed';
          break;
        }
        if (this.stopRequested) {
          reason = 'stopped';
          break;
        }
        if (keepGoing === undefined && this.invariants.length === 0) {
          // The common case: nothing to check between events, so take the next one at once.
          const next = this.queue.popAtMost(until);
          if (next < 0) {
            if (this.queue.size > 0) reason = 'until'; // (only later events are left)
            break;
          }
          this.dispatch(next);
          continue;
        }
        const next = this.queue.peek(until);
        if (next < 0) {
          if (this.queue.size > 0) reason = 'until'; // (only later events are left)
          break;
        }
        if (this.queue.timeOf(next) > until) {
          reason = 'until';
          break;
        }
        if (keepGoing && !keepGoing()) {
          reason = 'predicate';
          break;
        }
        if (this.queue.timeOf(next) !== this.nowMs && this.invariants.length > 0) this.checkAt(this.nowMs);
        // (The predicate or a check may cancel it. A cancelled entry stays in the queue until it
        // surfaces, so `next` still names it.)
        if (this.failure || this.queue.isCancelled(next)) continue;
        const taken = this.queue.takePeeked(next);
        if (taken >= 0) this.dispatch(taken);
      }
      if (!this.failure && this.invariants.length > 0) this.checkAt(this.nowMs, true);
      if (this.failure) reason = 'failed';
      if (reason === 'until' || reason === 'empty') {
        if (until !== Infinity && until > this.nowMs) this.nowMs = until;
      }
    } finally {
      exitRun(this);
      this.running = false;
    }
    const outcome: RunOutcome = { reason, timeMs: this.nowMs, eventsProcessed: this.processed };
    return this.failure ? { ...outcome, error: this.failure } : outcome;
  }

  private checkAt(time: number, force = false): void {
    if (!force && time === this.lastCheckedTime) return;
    this.lastCheckedTime = time;
    try {
      this.checkInvariants();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Runs entry `i`, just taken from the queue. */
  private dispatch(i: number): void {
    const queue = this.queue;
    this.nowMs = queue.timeOf(i);
    this.processed++;
    this.cause = queue.causeOf(i);
    const a = queue.refOf(i, 0);
    const b = queue.refOf(i, 1);
    const c = queue.refOf(i, 2);
    const d = queue.refOf(i, 3);
    const message = queue.isMessage(i);
    // Released before the call, so that the first thing it schedules reuses this entry's
    // storage while it is still in the cache.
    queue.release(i);
    try {
      if (message) {
        const messages = this.messages!;
        this.currentActor = undefined;
        this.currentLabel = messages.label;
        messages.deliver(a, b, c, d);
      } else {
        // (a callback's entry: the function, its argument, its owner and its label)
        this.currentActor = c as Actor | undefined;
        this.currentLabel = d as string | undefined;
        (a as (arg: unknown) => void)(b);
      }
    } catch (error) {
      this.fail(error);
    }
    this.currentActor = undefined;
    this.currentLabel = undefined;
    this.cause = 0;
  }

  /**
   * Runs `fn` as `actor` handling `label` (used by dispatchers that fan one queue event out to
   * several owners, like the event bus delivering to subscribers). A throw is attributed to
   * that actor and stops the run; the other subscribers of this event are still served.
   * `self` is the `this` of `fn`, so a method can be run without binding a closure.
   */
  runAs<T>(actor: Actor | undefined, label: string | undefined, fn: (arg: T) => void, arg: T, self?: unknown): void {
    const previousActor = this.currentActor;
    const previousLabel = this.currentLabel;
    this.currentActor = actor;
    this.currentLabel = label;
    try {
      fn.call(self, arg);
    } catch (error) {
      this.fail(error);
    } finally {
      this.currentActor = previousActor;
      this.currentLabel = previousLabel;
    }
  }
}
