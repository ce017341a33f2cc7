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
 * Applies {@link HEAP_GROWING_PERCENT} to this process, unless the user chose a value of their
 * own (on the command line or in NODE_OPTIONS). Call it first thing in a process that runs
 * scenarios: `paradox` does, and so does the cascade benchmark, which measures what
 * `paradox run` does. Returns whether it applied the policy.
 */
export function applyHeapPolicy(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): boolean {
  const given = [...execArgv, ...nodeOptions.split(/\s+/)].some((arg) => /^--heap[-_]growing[-_]percent(=|$)/.test(arg));
  if (given) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
