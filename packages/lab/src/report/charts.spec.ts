import { DAY, HOUR } from '@paradox/engine';
import { type SeriesStats, eventsChart, eventsCaption, seriesCaption, seriesChart, xDomainDays } from './charts';
import type { PlotSeries } from './downsample';
import type { EventCounts } from './event-counts';

function stats(name: string, over: Partial<SeriesStats> = {}): SeriesStats {
  return { name, points: 3, nonFinite: 0, min: 0.5, max: 1, last: 0.9, firstT: 0, lastT: 2 * DAY, ...over };
}

const plotted = new Map<string, PlotSeries>([
  ['price.amm', { t: [0, DAY, 2 * DAY], v: [1, 0.5, 0.9] }],
  ['price.nav', { t: [0, 2 * DAY], v: [1, 1] }],
  ['reach', { t: [0, HOUR], v: [0, 10] }],
]);
const allStats = new Map<string, SeriesStats>([
  ['price.amm', stats('price.amm')],
  ['price.nav', stats('price.nav', { points: 5000, min: 1, max: 1, last: 1 })],
  ['reach', stats('reach', { points: 2, min: 0, max: 10, last: 10, lastT: HOUR })],
]);

describe('charts', () => {
  it('share an x axis in days from 0 to the end of the run', () => {
    expect(xDomainDays(0, 7 * DAY)).toEqual([0, 7]);
    expect(xDomainDays(-DAY, 2 * DAY)).toEqual([-1, 2]);
    expect(xDomainDays(0, 0)).toEqual([0, 1]);
    expect(xDomainDays(Infinity, -Infinity)).toEqual([0, 1]);
  });

  it('draw a group as lines over days, a colour per series only when there are several', () => {
    const group = seriesChart({ key: 'price', series: ['price.amm', 'price.nav'] }, plotted, allStats, [0, 2]);
    expect(group.kind).toBe('series');
    expect(group.title).toBe('price');
    expect(group.spec['transform']).toEqual([{ calculate: `datum.t / ${DAY}`, as: 'day' }]);
    const encoding = group.spec['encoding'] as Record<string, Record<string, unknown>>;
    expect(encoding['x']).toMatchObject({ field: 'day', title: 'days', scale: { domain: [0, 2] } });
    expect(encoding['y']).toMatchObject({ field: 'value', title: 'price', scale: { zero: false } });
    expect(encoding['color']).toMatchObject({ field: 'series', sort: ['price.amm', 'price.nav'] });
    expect(group.data).toEqual({ series: ['price.amm', 'price.nav'], t: [[0, DAY, 2 * DAY], [0, 2 * DAY]], v: [[1, 0.5, 0.9], [1, 1]] });

    const single = seriesChart({ key: 'reach', series: ['reach'] }, plotted, allStats, [0, 2]);
    const singleEncoding = single.spec['encoding'] as Record<string, Record<string, unknown>>;
    expect(singleEncoding['color']).toBeUndefined();
    expect(singleEncoding['y']!['title']).toBe('reach');
  });

  it('caption each chart with its points, range and last value, and say when it was downsampled', () => {
    expect(seriesCaption({ key: 'reach', series: ['reach'] }, plotted, allStats)).toBe('reach: 2 points from day 0 to day 0.042; min 0, max 10, last 10.');
    const caption = seriesCaption({ key: 'price', series: ['price.amm', 'price.nav'] }, plotted, allStats);
    expect(caption).toContain('2 series named price.*, from day 0 to day 2');
    expect(caption).toContain('price.amm (3 points; min 0.5, max 1, last 0.9)');
    expect(caption).toContain('price.nav is drawn from the first, last, lowest and highest point of each time bucket');
    const gaps = new Map([['reach', stats('reach', { nonFinite: 2 })]]);
    expect(seriesCaption({ key: 'reach', series: ['reach'] }, new Map([['reach', { t: [0, 1, 2], v: [1, null, null] }]]), gaps)).toContain(
      '2 values are not finite (NaN or infinite) and show as gaps.',
    );
  });

  it('stack events per bucket and type, and caption the totals', () => {
    const counts: EventCounts = {
      bucketMs: HOUR,
      bucketLabel: 'hour',
      total: 1477,
      types: [
        { type: 'heard', total: 1476, buckets: [1, 2], counts: [1000, 476] },
        { type: 'news', total: 1, buckets: [1], counts: [1] },
      ],
    };
    const chart = eventsChart(counts, [0, 7]);
    expect(chart.data).toEqual({ types: ['heard', 'news'], b: [[1, 2], [1]], n: [[1000, 476], [1]] });
    const encoding = chart.spec['encoding'] as Record<string, Record<string, unknown>>;
    expect(encoding['y']).toMatchObject({ field: 'n', title: 'events per hour', stack: 'zero' });
    expect(chart.spec['transform']).toEqual([
      { calculate: `datum.b * ${HOUR / DAY}`, as: 'day' },
      { calculate: `(datum.b + 1) * ${HOUR / DAY}`, as: 'day_end' },
    ]);
    expect(eventsCaption(counts)).toBe('Events per hour, stacked by type, counted from events.csv: 1,477 events (heard 1,476, news 1).');
  });
});
