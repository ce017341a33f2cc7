import { DAY, HOUR, MINUTE } from '@paradox/engine';
import { byCodePoint } from './series-groups';

/** Bucket widths for event counts, each a whole multiple of the one before. */
export const EVENT_BUCKETS: readonly { readonly ms: number; readonly label: string }[] = [
  { ms: MINUTE, label: 'minute' },
  { ms: HOUR, label: 'hour' },
  { ms: DAY, label: 'day' },
  { ms: 7 * DAY, label: 'week' },
];

/** Default most buckets an events chart shows. */
export const MAX_EVENT_BUCKETS = 400;

/** Events of one type, counted per bucket (`buckets[i]` is the bucket index `floor(t / bucketMs)`). */
export interface TypeCounts {
  readonly type: string;
  readonly total: number;
  readonly buckets: number[];
  readonly counts: number[];
}

export interface EventCounts {
  readonly bucketMs: number;
  readonly bucketLabel: string;
  /** Sorted by total, largest first, then by name. */
  readonly types: TypeCounts[];
  readonly total: number;
}

/** The finest bucket (at least a minute) that cuts `spanMs` into at most `maxBuckets` buckets. */
export function chooseEventBucket(spanMs: number, maxBuckets = MAX_EVENT_BUCKETS): { ms: number; label: string } {
  for (const bucket of EVENT_BUCKETS) if (Math.ceil(Math.max(spanMs, 1) / bucket.ms) <= maxBuckets) return bucket;
  return EVENT_BUCKETS[EVENT_BUCKETS.length - 1]!;
}

/** Counts events per type and bucket, one event at a time; memory grows with buckets × types, not events. */
export class EventHistogram {
  private readonly counts = new Map<string, Map<number, number>>();
  private total = 0;

  constructor(private readonly bucket: { ms: number; label: string }) {}

  add(t: number, type: string): void {
    if (!Number.isFinite(t)) return;
    const index = Math.floor(t / this.bucket.ms);
    let perType = this.counts.get(type);
    if (!perType) this.counts.set(type, (perType = new Map()));
    perType.set(index, (perType.get(index) ?? 0) + 1);
    this.total++;
  }

  result(): EventCounts {
    const types: TypeCounts[] = [];
    for (const [type, perType] of this.counts) {
      const buckets = [...perType.keys()].sort((a, b) => a - b);
      const counts = buckets.map((b) => perType.get(b)!);
      types.push({ type, total: counts.reduce((s, c) => s + c, 0), buckets, counts });
    }
    return { bucketMs: this.bucket.ms, bucketLabel: this.bucket.label, types: sortTypes(types), total: this.total };
  }
}

/**
 * Merges buckets into the next coarser width (minute → hour → day → week) until the
 * counts span at most `maxBuckets` buckets, or there is no coarser width.
 */
export function coarsenEventCounts(counts: EventCounts, maxBuckets = MAX_EVENT_BUCKETS): EventCounts {
  let current = counts;
  for (;;) {
    const span = bucketSpan(current);
    const next = EVENT_BUCKETS.find((b) => b.ms > current.bucketMs && b.ms % current.bucketMs === 0);
    if (span <= maxBuckets || !next) return current;
    const factor = next.ms / current.bucketMs;
    const types = current.types.map((tc) => {
      const merged = new Map<number, number>();
      tc.buckets.forEach((b, i) => merged.set(Math.floor(b / factor), (merged.get(Math.floor(b / factor)) ?? 0) + tc.counts[i]!));
      const buckets = [...merged.keys()].sort((a, b) => a - b);
      return { type: tc.type, total: tc.total, buckets, counts: buckets.map((b) => merged.get(b)!) };
    });
    current = { bucketMs: next.ms, bucketLabel: next.label, types, total: current.total };
  }
}

/** Keeps the `maxTypes - 1` most frequent types and adds the rest up as `(other)` (when more than `maxTypes`). */
export function limitEventTypes(counts: EventCounts, maxTypes: number): EventCounts {
  if (counts.types.length <= maxTypes) return counts;
  const kept = counts.types.slice(0, Math.max(0, maxTypes - 1));
  const rest = counts.types.slice(kept.length);
  const merged = new Map<number, number>();
  for (const tc of rest) tc.buckets.forEach((b, i) => merged.set(b, (merged.get(b) ?? 0) + tc.counts[i]!));
  const buckets = [...merged.keys()].sort((a, b) => a - b);
  const other: TypeCounts = {
    type: `(other: ${rest.length} types)`,
    total: rest.reduce((s, tc) => s + tc.total, 0),
    buckets,
    counts: buckets.map((b) => merged.get(b)!),
  };
  return { ...counts, types: [...kept, other] };
}

function bucketSpan(counts: EventCounts): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const tc of counts.types) {
    if (tc.buckets.length === 0) continue;
    lo = Math.min(lo, tc.buckets[0]!);
    hi = Math.max(hi, tc.buckets[tc.buckets.length - 1]!);
  }
  return hi >= lo ? hi - lo + 1 : 0;
}

function sortTypes(types: TypeCounts[]): TypeCounts[] {
  return types.sort((a, b) => b.total - a.total || byCodePoint(a.type, b.type));
}
