import { type HangBeacon, monotonicMs } from './decision-budget';

/** A decision found running past the hang limit. */
export interface Hang {
  readonly description: string;
  readonly elapsedMs: number;
}

/**
 * The main thread's watch over one run's entrant decisions, which run on a worker thread. A
 * worker stuck in an entrant's loop cannot report itself, so the main thread waits on the
 * run's {@link HangBeacon}: between decisions until one starts, during a decision until it ends
 * or its time runs past `limitMs`. No timer and no polling: the worker wakes the wait at every
 * change, and the wait's own timeout is the hang limit (elapsed time, by nature: a stuck thread
 * may be waiting rather than computing). Resolves with the hang, or undefined once the beacon
 * is closed (the run ended).
 */
export async function watchForHang(beacon: HangBeacon, limitMs: number): Promise<Hang | undefined> {
  while (!beacon.closed) {
    const running = beacon.running(monotonicMs());
    if (!running) {
      await beacon.changed();
    } else if (running.elapsedMs > limitMs) {
      return running;
    } else {
      await beacon.changed(limitMs - running.elapsedMs + 1);
    }
  }
  return undefined;
}
