import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs';
import type { Kernel, ScheduledEvent } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';

/**
 * An RxJS scheduler whose time is the kernel's virtual clock. Pass it to any time-based
 * operator (`delay(ms, scheduler)`, `debounceTime(ms, scheduler)`, `timer(ms, scheduler)`,
 * `bufferTime(ms, null, Infinity, scheduler)`, ...) and a month of simulated waiting costs a
 * few queue events, not a month.
 *
 * @example
 * ```ts
 * const kernel = new Kernel();
 * const scheduler = new VirtualTimeScheduler(kernel);
 * timer(DAY, scheduler).subscribe(() => console.log(kernel.now)); // 86400000
 * kernel.run();
 * ```
 */
export class VirtualTimeScheduler implements SchedulerLike {
  constructor(
    readonly kernel: Kernel,
    /** Owner of the actions scheduled here; defaults to whoever is running when they are. */
    readonly owner?: Actor,
    readonly phase?: number,
  ) {}

  now(): number {
    return this.kernel.now;
  }

  schedule<T>(work: (this: SchedulerAction<T>, state: T) => void, delay = 0, state?: T): Subscription {
    return new VirtualAction<T>(this, work).schedule(state, delay);
  }
}

class VirtualAction<T> extends Subscription implements SchedulerAction<T> {
  private pending: ScheduledEvent | undefined;
  private readonly owner: Actor | undefined;

  constructor(
    private readonly scheduler: VirtualTimeScheduler,
    private readonly work: (this: SchedulerAction<T>, state: T) => void,
  ) {
    super(() => this.cancelPending());
    this.owner = scheduler.owner ?? scheduler.kernel.currentActor;
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    // Rescheduling (periodic work, e.g. interval) replaces the pending run.
    this.cancelPending();
    const options = this.scheduler.phase === undefined
      ? { owner: this.owner, label: 'rxjs scheduled work' }
      : { owner: this.owner, label: 'rxjs scheduled work', phase: this.scheduler.phase };
    this.pending = this.scheduler.kernel.scheduleIn(delay, runAction, { action: this, state: state as T }, options);
    return this;
  }

  execute(state: T): void {
    this.pending = undefined;
    if (this.closed) return;
    this.work.call(this, state);
  }

  private cancelPending(): void {
    if (this.pending) {
      this.scheduler.kernel.cancel(this.pending);
      this.pending = undefined;
    }
  }
}

function runAction<T>(job: { action: VirtualAction<T>; state: T }): void {
  job.action.execute(job.state);
}
