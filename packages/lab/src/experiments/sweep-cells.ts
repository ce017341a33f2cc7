import type { RandomStream } from '@paradox/engine';
import type { RangeSpec, SweepSpec } from './experiment';

/** One point of a sweep: the swept parameters' values (the base params are not repeated). */
export type Cell = Readonly<Record<string, number | string | boolean>>;

/**
 * The cells of a sweep, in a fixed order. Grid: every combination, the last parameter varying
 * fastest. Random: `n` independent draws. Latin hypercube: `n` draws such that each parameter's
 * range, cut into `n` equal strata, has exactly one draw per stratum. Draws come from `rng` (the
 * experiment's `sweep` stream), so the same seed gives the same cells. No sweep: one empty cell.
 *
 * @example
 * ```ts
 * sweepCells({ method: 'grid', params: { a: [1, 2], b: ['x', 'y'] } }, rng);
 * // [{a:1,b:'x'}, {a:1,b:'y'}, {a:2,b:'x'}, {a:2,b:'y'}]
 * ```
 */
export function sweepCells(sweep: SweepSpec | undefined, rng: RandomStream): Cell[] {
  if (!sweep) return [{}];
  const keys = Object.keys(sweep.params);
  if (sweep.method === 'grid') {
    let cells: Record<string, number | string | boolean>[] = [{}];
    for (const key of keys) {
      const values = sweep.params[key]!;
      cells = cells.flatMap((cell) => values.map((v) => ({ ...cell, [key]: v })));
    }
    return cells;
  }
  const n = sweep.n;
  if (sweep.method === 'random') {
    return Array.from({ length: n }, () => {
      const cell: Record<string, number | string | boolean> = {};
      for (const key of keys) cell[key] = draw(sweep.params[key]!, rng.next());
      return cell;
    });
  }
  // Latin hypercube: one stratum permutation per parameter, a uniform point inside each stratum.
  const columns = keys.map((key) => {
    const strata = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    return strata.map((s) => draw(sweep.params[key]!, (s + rng.next()) / n));
  });
  return Array.from({ length: n }, (_, i) => {
    const cell: Record<string, number | string | boolean> = {};
    keys.forEach((key, k) => (cell[key] = columns[k]![i]!));
    return cell;
  });
}

/** Maps u in [0, 1) to a value of a range or a list. */
function draw(spec: RangeSpec | readonly (number | string | boolean)[], u: number): number | string | boolean {
  if (Array.isArray(spec)) return spec[Math.min(spec.length - 1, Math.floor(u * spec.length))]!;
  const r = spec as RangeSpec;
  if (r.log) {
    const v = Math.exp(Math.log(r.min) + (Math.log(r.max) - Math.log(r.min)) * u);
    return r.integer ? Math.min(r.max, Math.max(r.min, Math.round(v))) : v;
  }
  if (r.integer) {
    const lo = Math.ceil(r.min);
    const hi = Math.floor(r.max);
    return Math.min(hi, lo + Math.floor((hi - lo + 1) * u));
  }
  return r.min + (r.max - r.min) * u;
}
