/** Prints one benchmark figure as a JSON line, the format ../shared/BENCHMARKS.md defines. */
export function report(bench: string, testCase: string, metric: string, value: number): void {
  const rounded = Number(value.toPrecision(4));
  process.stdout.write(JSON.stringify({ bench, case: testCase, metric, value: rounded }) + '\n');
}

/** Wall seconds of `fn`, best of `repeats` (the least disturbed by the rest of the machine). */
export function bestSeconds(fn: () => void, repeats = 3): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}

/**
 * Wall seconds of each of `fns`, best of `repeats`, measured in turns (a, b, c, a, b, c, ...):
 * a ratio between two of them is then not skewed by the load of the machine changing between
 * one function's runs and the other's, as it is when each is timed in one block.
 */
export function bestSecondsEach(fns: readonly (() => void)[], repeats = 5): number[] {
  const best = fns.map(() => Infinity);
  for (let i = 0; i < repeats; i++) {
    fns.forEach((fn, k) => {
      const start = process.hrtime.bigint();
      fn();
      best[k] = Math.min(best[k]!, Number(process.hrtime.bigint() - start) / 1e9);
    });
  }
  return best;
}
