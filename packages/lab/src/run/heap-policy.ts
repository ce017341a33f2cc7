import { setFlagsFromString } from 'node:v8';

/**
 * How far past what the last full collection kept V8 lets the old generation grow before it
 * collects again, in percent.
 *
 * A run's heap is mostly long-lived (agents, balances, a graph, events in flight), plus bursts
 * of objects that outlive a scavenge and then die (a block's transactions, a chunk of recorded
 * events). V8's own policy lets the old generation grow up to several times what survived,
 * which suits a browser tab; at a million holders it let that garbage take the run from about
 * 1.1 to 1.5 GB (the spot variant of cascade-bench), while collecting at +30% costs a few more
 * full collections, which mostly mark concurrently.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * The same while a scenario builds its world. Then nearly everything allocated survives (agents,
 * balances, positions, a graph), so collecting whenever the old generation grew 30% only marks
 * a heap that is still growing, again and again: eight full collections while a million holders
 * were set up. Growing 200% there, and 30% once the run starts, took 1.5 s off spot
 * cascade-bench at a million holders on one core (29.1 -> 27.7 s) and 1 s off nav, with a peak
 * of 830-860 MB instead of 790-870. (V8's own growth while building, with 30% after, saved
 * another 0.3 s but kept the building's headroom into the run: 965 MB.)
 */
export const BUILD_HEAP_GROWING_PERCENT = 200;

/** Whether this thread applied the policy (and so may change its percent by phase). */
let applied = false;

/**
 * Applies {@link HEAP_GROWING_PERCENT} to this process, unless the user chose a value of their
 * own (on the command line or in NODE_OPTIONS). Call it first thing in a process that runs
 * scenarios: `paradox` does, and so does the cascade benchmark, which measures what
 * `paradox run` does. Returns whether it applied the policy.
 */
export function applyHeapPolicy(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  if (given('heap-growing-percent', execArgv, nodeOptions)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  applied = true;
  return true;
}

/**
 * Tells the heap policy what the process does from now on: build a world
 * ({@link BUILD_HEAP_GROWING_PERCENT}) or run it ({@link HEAP_GROWING_PERCENT}); `runScenario`
 * does, around a scenario's build. Does nothing unless {@link applyHeapPolicy} applied the
 * policy in this thread (the workers of an experiment leave the process's setting alone).
 * Returns the percent set, if any.
 */
export function heapPolicyPhase(phase: 'build' | 'run'): number | undefined {
  if (!applied) return undefined;
  const percent = phase === 'build' ? BUILD_HEAP_GROWING_PERCENT : HEAP_GROWING_PERCENT;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return percent;
}

/**
 * The most each of V8's two young-generation semi-spaces may grow to, in MB (V8's default on
 * 64-bit: 16).
 *
 * A run allocates a few hundred MB a second of objects that live for a moment: a block's
 * transactions and their results, trades and their events on the way to the recorder, bigints
 * of the protocols' math. Whatever is still alive when the young generation fills is copied,
 * and copied again or promoted at the next scavenge: at a million holders (spot cascade-bench)
 * scavenges copied about 2 GB and took a sixth of the run. With room for twice as much between
 * scavenges, more of it has died by then: on one core 1 to 2 s less of about 30, for 12 to 25 MB
 * more at peak (64 MB saved 0.7 s more for 80 MB more). Small runs never grow their semi-spaces
 * that far.
 */
export const SEMI_SPACE_MB = 32;

/**
 * The V8 flags that a process about to run scenarios should have been started with, and was
 * not. V8 reads them only at start-up, so `paradox` has them on its `#!` line (and the root
 * `pnpm paradox` script passes them), and the cascade benchmark starts its runs with them. A
 * value the user chose, on the command line or in NODE_OPTIONS, is theirs.
 */
export function missingStartupFlags(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): string[] {
  return given('max-semi-space-size', execArgv, nodeOptions) ? [] : [`--max-semi-space-size=${SEMI_SPACE_MB}`];
}

/** Whether V8 flag `--<name>` (dashes or underscores) is among the process's arguments or NODE_OPTIONS. */
function given(name: string, execArgv: readonly string[], nodeOptions: string): boolean {
  const flag = new RegExp(`^--${name.replace(/-/g, '[-_]')}(=|$)`);
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => flag.test(arg));
}
