/** A series as plotted: times (ms) and values, `null` where the value was not finite (a gap). */
export interface PlotSeries {
  readonly t: number[];
  readonly v: (number | null)[];
}

/**
 * Min/max downsampling, fed one point at a time (so a series need not fit in memory twice).
 * The time range [t0, t1] is cut into equal buckets and each bucket keeps its first and last
 * points, its minimum and its maximum, in time order: a crash inside a bucket stays visible, and
 * so does where the bucket starts and ends. A bucket with non-finite values (NaN, ±Infinity)
 * also keeps one of them as a gap. With `count <= maxPoints` every point is kept.
 */
export class MinMaxDownsampler {
  private readonly keepAll: boolean;
  private readonly buckets: number;
  private readonly t: number[] = [];
  private readonly v: (number | null)[] = [];
  // Per bucket: indices 0 first, 1 last, 2 min, 3 max, 4 first non-finite; as (t, v, order) triples.
  private readonly slots = new Map<number, { order: number; t: number; v: number }[]>();
  private seen = 0;

  constructor(
    private readonly t0: number,
    private readonly t1: number,
    count: number,
    maxPoints: number,
    hasNonFinite = false,
  ) {
    if (!(maxPoints >= 1)) throw new Error(`maxPoints must be at least 1, got ${maxPoints}`);
    this.keepAll = count <= maxPoints;
    const perBucket = hasNonFinite ? 5 : 4;
    this.buckets = Math.max(1, Math.floor(maxPoints / perBucket));
  }

  add(t: number, value: number): void {
    const order = this.seen++;
    if (this.keepAll) {
      this.t.push(t);
      this.v.push(Number.isFinite(value) ? value : null);
      return;
    }
    const span = this.t1 - this.t0;
    const b = span > 0 ? Math.min(this.buckets - 1, Math.max(0, Math.floor(((t - this.t0) / span) * this.buckets))) : 0;
    let slot = this.slots.get(b);
    const point = { order, t, v: value };
    if (!slot) {
      slot = [point, point, point, point];
      if (!Number.isFinite(value)) slot.push(point);
      this.slots.set(b, slot);
      return;
    }
    slot[1] = point;
    if (!Number.isFinite(value)) {
      if (slot.length < 5) slot.push(point);
      return;
    }
    if (!Number.isFinite(slot[2]!.v) || value < slot[2]!.v) slot[2] = point;
    if (!Number.isFinite(slot[3]!.v) || value > slot[3]!.v) slot[3] = point;
  }

  result(): PlotSeries {
    if (this.keepAll) return { t: this.t, v: this.v };
    const t: number[] = [];
    const v: (number | null)[] = [];
    const keys = [...this.slots.keys()].sort((a, b) => a - b);
    for (const key of keys) {
      const unique = new Map<number, { order: number; t: number; v: number }>();
      for (const p of this.slots.get(key)!) unique.set(p.order, p);
      for (const p of [...unique.values()].sort((a, b) => a.order - b.order)) {
        t.push(p.t);
        v.push(Number.isFinite(p.v) ? p.v : null);
      }
    }
    return { t, v };
  }
}

/** Downsamples one series held in memory: at most `maxPoints` points, see {@link MinMaxDownsampler}. */
export function downsampleMinMax(t: ArrayLike<number>, v: ArrayLike<number>, maxPoints: number): PlotSeries {
  let t0 = Infinity;
  let t1 = -Infinity;
  let nonFinite = false;
  for (let i = 0; i < t.length; i++) {
    if (t[i]! < t0) t0 = t[i]!;
    if (t[i]! > t1) t1 = t[i]!;
    if (!Number.isFinite(v[i]!)) nonFinite = true;
  }
  const sampler = new MinMaxDownsampler(t0, t1, t.length, maxPoints, nonFinite);
  for (let i = 0; i < t.length; i++) sampler.add(t[i]!, v[i]!);
  return sampler.result();
}
