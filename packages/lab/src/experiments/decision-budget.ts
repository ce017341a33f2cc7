import { openSync, readSync } from 'node:fs';
import type { Kernel } from '@paradox/engine';
import { formatTime } from '@paradox/engine';
import type { AgentIdentity, DecisionGuard } from '@paradox/sdk';

/**
 * A tournament's limits on each decision of an entrant's agent. A decision's cost is the CPU
 * time of the thread running it (see {@link threadCpuMs}), so a busy machine does not push a
 * fair entrant over budget; a hang is judged on elapsed time, since a stuck thread may be
 * waiting rather than computing. A budget disqualification is still the one result that depends
 * on the machine (a faster one computes more per ms): its record gives the measured time.
 */
export interface DecisionBudget {
  /** Most CPU a decision may take, in ms; a longer one disqualifies the entrant for the run. */
  readonly decisionMs: number;
  /** A decision still running after this many ms (elapsed) is a hang: its worker is stopped. */
  readonly hangMs: number;
}

export const DEFAULT_DECISION_BUDGET: DecisionBudget = { decisionMs: 500, hangMs: 10_000 };

/** An entrant's decision took longer than the tournament allows. */
export class DecisionBudgetExceeded extends Error {
  constructor(tookMs: number, budgetMs: number) {
    super(`decision took ${tookMs.toFixed(1)} ms of CPU, over the tournament's budget of ${budgetMs} ms per decision`);
    this.name = 'DecisionBudgetExceeded';
  }
}

const SLOT_STATE = 0; // Int32: IDLE, IN_DECISION or CLOSED
const SLOT_TEXT_LENGTH = 1; // Int32: bytes of the description below
const STARTED_AT = 1; // Float64 index: hrtime (ms) when the decision began
const TEXT_OFFSET = 16;
const TEXT_BYTES = 496;
const IDLE = 0;
const IN_DECISION = 1;
const CLOSED = 2;

type WaitResult = 'ok' | 'not-equal' | 'timed-out';
// ES2024's Atomics.waitAsync (in Node since 16); the project's lib is ES2022.
const waitAsync = (Atomics as unknown as {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs?: number): { async: boolean; value: WaitResult | Promise<WaitResult> };
}).waitAsync;

/**
 * Shared memory through which a run's thread tells the experiment's main thread which entrant
 * decision is running and since when. A thread stuck in a loop cannot say it is stuck, so the
 * main thread waits on this memory (see `hang-watch.ts`) and stops the worker. The run's thread
 * wakes the waiter at the start and end of every decision.
 */
export class HangBeacon {
  private readonly state: Int32Array;
  private readonly started: Float64Array;
  private readonly text: Uint8Array;
  private static readonly encoder = new TextEncoder();
  private static readonly decoder = new TextDecoder();

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(TEXT_OFFSET + TEXT_BYTES)) {
    this.state = new Int32Array(buffer, 0, 2);
    this.started = new Float64Array(buffer, 0, 2);
    this.text = new Uint8Array(buffer, TEXT_OFFSET, TEXT_BYTES);
  }

  /** Marks the start of a decision, described as the failure message would name it. */
  enter(description: string, nowMs: number): void {
    const { written } = HangBeacon.encoder.encodeInto(description, this.text);
    Atomics.store(this.state, SLOT_TEXT_LENGTH, written);
    this.started[STARTED_AT] = nowMs;
    this.set(IN_DECISION);
  }

  leave(): void {
    this.set(IDLE);
  }

  /** Says nobody will enter again (the run is over): wakes and ends the watcher. */
  close(): void {
    this.set(CLOSED);
  }

  get closed(): boolean {
    return Atomics.load(this.state, SLOT_STATE) === CLOSED;
  }

  /** The running decision and how long it has run, or undefined between decisions. */
  running(nowMs: number): { description: string; elapsedMs: number } | undefined {
    if (Atomics.load(this.state, SLOT_STATE) !== IN_DECISION) return undefined;
    const length = Atomics.load(this.state, SLOT_TEXT_LENGTH);
    // The text is copied out: TextDecoder does not read shared memory.
    const description = HangBeacon.decoder.decode(this.text.slice(0, length));
    return { description, elapsedMs: nowMs - this.started[STARTED_AT]! };
  }

  /**
   * Resolves when the beacon changes (a decision starts or ends, or it is closed), or after
   * `timeoutMs` (absent: no limit). For the watcher on another thread; never blocks it.
   */
  async changed(timeoutMs?: number): Promise<void> {
    const now = Atomics.load(this.state, SLOT_STATE);
    if (now === CLOSED) return;
    const wait = waitAsync(this.state, SLOT_STATE, now, timeoutMs);
    if (wait.async) await wait.value;
  }

  private set(state: number): void {
    Atomics.store(this.state, SLOT_STATE, state);
    Atomics.notify(this.state, SLOT_STATE);
  }
}

/** Monotonic milliseconds, the same clock in every thread of the process. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

// Per thread (each worker has its own module instance): the open /proc/thread-self/schedstat.
let schedstat: number | null | undefined;
const schedstatBuffer = Buffer.alloc(64);

/**
 * CPU time of the calling thread in ms. Node 20 has no per-thread CPU clock (process.cpuUsage
 * adds up every worker), so on Linux this reads the thread's on-CPU nanoseconds from
 * /proc/thread-self/schedstat (a pread of an open file, a few microseconds); where that does
 * not exist it falls back to elapsed time.
 */
export function threadCpuMs(): number {
  if (schedstat === undefined) {
    try {
      schedstat = openSync('/proc/thread-self/schedstat', 'r');
    } catch {
      schedstat = null;
    }
  }
  if (schedstat === null) return monotonicMs();
  const n = readSync(schedstat, schedstatBuffer, 0, schedstatBuffer.length, 0);
  const text = schedstatBuffer.toString('latin1', 0, n);
  return Number(text.slice(0, text.indexOf(' '))) / 1e6;
}

/**
 * Times each decision of one entrant agent and throws {@link DecisionBudgetExceeded} after one
 * that ran over budget (the kernel attributes the throw to the agent and what it was handling,
 * and the run ends: the entrant is disqualified for it). With a beacon, it also says which
 * decision is running, for the hang watch.
 */
export class BudgetGuard implements DecisionGuard {
  constructor(
    private readonly kernel: Kernel,
    private readonly identity: AgentIdentity,
    private readonly budget: DecisionBudget,
    private readonly beacon?: HangBeacon,
  ) {}

  decide<T>(fn: (arg: T) => void, arg: T, self?: unknown): void {
    if (this.beacon) this.beacon.enter(this.describe(), monotonicMs());
    const started = threadCpuMs();
    try {
      fn.call(self, arg);
    } finally {
      this.beacon?.leave();
    }
    const took = threadCpuMs() - started;
    if (took > this.budget.decisionMs) throw new DecisionBudgetExceeded(took, this.budget.decisionMs);
  }

  private describe(): string {
    const { id, pluginId } = this.identity;
    const label = this.kernel.currentLabel;
    // Worded as the kernel words a failure, so a hang's record reads like any other.
    return `agent "${id}" (plugin "${pluginId}") failed at t=${formatTime(this.kernel.now)}${label ? ` while handling ${label}` : ''}`;
  }
}
