import { intervalProvider } from 'rxjs/internal/scheduler/intervalProvider';
import { timeoutProvider } from 'rxjs/internal/scheduler/timeoutProvider';
import type { Kernel } from '../kernel/kernel';
import { WallClockError } from '../kernel/errors';

/**
 * While a run executes, RxJS's wall-clock timers are rerouted:
 *
 * - RxJS's default async scheduler (used by delay, debounceTime, timer, ...) schedules through
 *   `intervalProvider`; inside a run that is a bug, so it throws a {@link WallClockError} naming
 *   the agent whose code asked for it.
 * - RxJS reports an error thrown by a subscriber "asynchronously" through `timeoutProvider`;
 *   inside a run we hand it to the kernel at once, attributed to the running actor, instead of
 *   letting it escape after the run as an anonymous uncaught exception.
 *
 * Both providers are RxJS's documented seams for replacing timers (used by its TestScheduler).
 */
let active: Kernel | undefined;

function refuseWallClock(): never {
  throw new WallClockError(active?.currentActor);
}

function reportNow(handler: () => void): number {
  try {
    handler();
  } catch (error) {
    active?.fail(error);
  }
  return 0;
}

function ignore(): void {}

const guardedInterval = { setInterval: refuseWallClock, clearInterval: ignore };
const synchronousReport = { setTimeout: reportNow, clearTimeout: ignore };

export function enterRun(kernel: Kernel): void {
  if (active && active !== kernel) throw new Error('another simulation run is active in this thread');
  active = kernel;
  intervalProvider.delegate = guardedInterval as unknown as typeof intervalProvider.delegate;
  timeoutProvider.delegate = synchronousReport as unknown as typeof timeoutProvider.delegate;
}

export function exitRun(kernel: Kernel): void {
  if (active !== kernel) return;
  active = undefined;
  intervalProvider.delegate = undefined;
  timeoutProvider.delegate = undefined;
}
