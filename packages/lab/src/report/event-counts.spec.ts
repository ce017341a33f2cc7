import { DAY, HOUR, MINUTE } from '@paradox/engine';
import { EventHistogram, chooseEventBucket, coarsenEventCounts, limitEventTypes } from './event-counts';

describe('event counts', () => {
  it('chooses the finest bucket that keeps the chart within maxBuckets', () => {
    expect(chooseEventBucket(30 * MINUTE).label).toBe('minute');
    expect(chooseEventBucket(2 * DAY).label).toBe('hour');
    expect(chooseEventBucket(7 * DAY).label).toBe('hour');
    expect(chooseEventBucket(30 * DAY).label).toBe('day');
    expect(chooseEventBucket(5 * 365 * DAY).label).toBe('week');
    expect(chooseEventBucket(0).label).toBe('minute');
    expect(chooseEventBucket(7 * DAY, 100).label).toBe('day');
  });

  it('counts per type and bucket, largest type first', () => {
    const h = new EventHistogram({ ms: HOUR, label: 'hour' });
    for (const [t, type] of [[0, 'b'], [10, 'a'], [HOUR - 1, 'a'], [HOUR, 'a'], [5 * HOUR, 'b'], [5 * HOUR, 'b'], [NaN, 'a']] as const) h.add(t, type);
    expect(h.result()).toEqual({
      bucketMs: HOUR,
      bucketLabel: 'hour',
      total: 6,
      types: [
        { type: 'a', total: 3, buckets: [0, 1], counts: [2, 1] },
        { type: 'b', total: 3, buckets: [0, 5], counts: [1, 2] },
      ],
    });
  });

  it('merges into coarser buckets until the span fits', () => {
    const h = new EventHistogram({ ms: MINUTE, label: 'minute' });
    for (let m = 0; m < 3 * 24 * 60; m += 7) h.add(m * MINUTE, 'x');
    const fine = h.result();
    const coarse = coarsenEventCounts(fine, 100);
    expect(coarse.bucketLabel).toBe('hour');
    expect(coarse.types[0]!.buckets).toEqual(Array.from({ length: 72 }, (_, i) => i));
    expect(coarse.types[0]!.counts.reduce((a, b) => a + b, 0)).toBe(fine.total);
    expect(coarsenEventCounts(fine, 10_000)).toBe(fine);
    expect(coarsenEventCounts(fine, 1).bucketLabel).toBe('week');
  });

  it('adds the rarest types up as "other" beyond maxTypes', () => {
    const h = new EventHistogram({ ms: DAY, label: 'day' });
    ['a', 'a', 'a', 'b', 'b', 'c', 'd'].forEach((type, i) => h.add(i * HOUR * 10, type));
    const limited = limitEventTypes(h.result(), 3);
    expect(limited.types.map((t) => [t.type, t.total])).toEqual([['a', 3], ['b', 2], ['(other: 2 types)', 2]]);
    expect(limited.types[2]!.buckets).toEqual([2]);
    expect(limitEventTypes(h.result(), 4).types).toHaveLength(4);
  });
});
