import { type HangBeacon, monotonicMs } from './decision-budget';

/** A decision found running past the hang limit. */
export interface Hang {
  readonly description: string;
  readonly elapsedMs: number;
}

/**
 * The main thread's watch over entrant decisions running in worker threads. A worker stuck in
 * an entrant's loop cannot report itself, so this polls each run's {@link HangBeacon} on a
 * wall-clock timer and calls `onHang` once for a decision running longer than the limit; the
 * caller stops that worker. This file is the one place in the lab that uses a wall-clock timer,
 * on purpose: it watches the machine, not the simulation (see scripts/house-rules.spec.ts).
 */
export class HangWatch {
  private readonly watched = new Map<HangBeacon, { limitMs: number; onHang: (hang: Hang) => void }>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pollMs = 100) {}

  /** Watches `beacon` until the returned function is called or a hang is reported. */
  watch(beacon: HangBeacon, limitMs: number, onHang: (hang: Hang) => void): () => void {
    this.watched.set(beacon, { limitMs, onHang });
    this.timer ??= setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
    return () => this.unwatch(beacon);
  }

  private unwatch(beacon: HangBeacon): void {
    this.watched.delete(beacon);
    if (this.watched.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private poll(): void {
    const now = monotonicMs();
    for (const [beacon, { limitMs, onHang }] of [...this.watched]) {
      const running = beacon.running(now);
      if (running && running.elapsedMs > limitMs) {
        this.unwatch(beacon);
        onHang(running);
      }
    }
  }
}
