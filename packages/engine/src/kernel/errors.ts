import { formatTime } from '../time';
import { type Actor, describeActor } from './actor';

/**
 * A callback threw during a run. The message names who (agent and plugin), when (virtual
 * time) and what it was handling, so a researcher can find the failing plugin at once.
 */
export class SimulationError extends Error {
  constructor(
    readonly actor: Actor | undefined,
    readonly handling: string | undefined,
    readonly timeMs: number,
    override readonly cause: unknown,
  ) {
    const what = handling ? ` while handling ${handling}` : '';
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${describeActor(actor)} failed at t=${formatTime(timeMs)}${what}: ${why}`);
    this.name = 'SimulationError';
  }
}

/** An invariant check failed; the run stops with this report. */
export class InvariantViolation extends Error {
  constructor(
    readonly invariant: string,
    readonly timeMs: number,
    readonly detail: string,
  ) {
    super(`invariant "${invariant}" broken at t=${formatTime(timeMs)}: ${detail}`);
    this.name = 'InvariantViolation';
  }
}

/** Simulation code used a wall-clock timer (RxJS's default async scheduler, setInterval...). */
export class WallClockError extends Error {
  constructor(readonly actor: Actor | undefined) {
    super(
      `${describeActor(actor)} used a wall-clock timer inside a run. Time-based RxJS operators ` +
        `must be given the run's virtual-time scheduler (ctx.scheduler), e.g. delay(5000, ctx.scheduler).`,
    );
    this.name = 'WallClockError';
  }
}
