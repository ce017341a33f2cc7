import { DAY } from '@paradox/engine';
import type { PlotSeries } from './downsample';
import type { EventCounts } from './event-counts';
import type { SeriesGroup } from './series-groups';
import { formatDays, formatNumber, plotValue } from './format';

const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 220;

/** What is known of one series after reading it: for captions. */
export interface SeriesStats {
  readonly name: string;
  /** Points in series.csv. */
  readonly points: number;
  /** Points that are NaN or ±Infinity (drawn as gaps). */
  readonly nonFinite: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
  readonly firstT: number;
  readonly lastT: number;
}

/** A chart as embedded in the report: a Vega-Lite spec without data, plus its data in columns. */
export type Chart =
  | {
      readonly kind: 'series';
      readonly title: string;
      readonly caption: string;
      readonly spec: Record<string, unknown>;
      readonly data: { readonly series: string[]; readonly t: number[][]; readonly v: (number | null)[][] };
    }
  | {
      readonly kind: 'events';
      readonly title: string;
      readonly caption: string;
      readonly spec: Record<string, unknown>;
      readonly data: { readonly types: string[]; readonly b: number[][]; readonly n: number[][] };
    };

/** The x axis every chart shares, in days: from 0 (or earlier data) to the last time seen (at least a day on). */
export function xDomainDays(minT: number, maxT: number): [number, number] {
  const lo = Math.min(0, Number.isFinite(minT) ? minT : 0);
  const hi = Number.isFinite(maxT) && maxT > lo ? maxT : lo + DAY;
  return [lo / DAY, hi / DAY];
}

/**
 * A line chart of the series of one group; x in days (t / 86 400 000), y on a scale that need not
 * include zero, one colour per series when there are several. Sparse series also get points.
 */
export function seriesChart(group: SeriesGroup, plotted: ReadonlyMap<string, PlotSeries>, stats: ReadonlyMap<string, SeriesStats>, xDomain: [number, number]): Chart {
  const several = group.series.length > 1;
  const maxPlotted = Math.max(0, ...group.series.map((s) => plotted.get(s)?.t.length ?? 0));
  const encoding: Record<string, unknown> = {
    x: { field: 'day', type: 'quantitative', title: 'days', scale: { domain: xDomain, nice: false } },
    y: { field: 'value', type: 'quantitative', title: several ? group.key : group.series[0], scale: { zero: false } },
  };
  if (several) encoding['color'] = { field: 'series', type: 'nominal', title: null, sort: [...group.series], legend: { orient: 'bottom', columns: 4 } };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    transform: [{ calculate: `datum.t / ${DAY}`, as: 'day' }],
    // step-after: a recorded value holds until the next one (an oracle is stale between updates).
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5, clip: true, point: maxPlotted <= 60 },
    encoding,
  };
  const data = {
    series: [...group.series],
    t: group.series.map((s) => plotted.get(s)?.t ?? []),
    v: group.series.map((s) => (plotted.get(s)?.v ?? []).map((x) => (x === null ? null : plotValue(x)))),
  };
  return { kind: 'series', title: group.key, caption: seriesCaption(group, plotted, stats), spec, data };
}

/** One sentence or two on what a series chart shows, with the numbers a reader checks first. */
export function seriesCaption(group: SeriesGroup, plotted: ReadonlyMap<string, PlotSeries>, stats: ReadonlyMap<string, SeriesStats>): string {
  const all = group.series.map((s) => stats.get(s)).filter((s): s is SeriesStats => s !== undefined);
  const describe = (s: SeriesStats) =>
    s.points - s.nonFinite > 0
      ? `min ${formatNumber(s.min)}, max ${formatNumber(s.max)}, last ${formatNumber(s.last)}`
      : 'no finite values';
  const firstT = Math.min(...all.map((s) => s.firstT));
  const lastT = Math.max(...all.map((s) => s.lastT));
  const when = `day ${formatDays(firstT)} to day ${formatDays(lastT)}`;
  let text: string;
  if (all.length === 1) {
    const s = all[0]!;
    text = `${s.name}: ${formatNumber(s.points)} point${s.points === 1 ? '' : 's'} from ${when}; ${describe(s)}.`;
  } else {
    text = `${all.length} series named ${group.key}.*, from ${when}: ${all.map((s) => `${s.name} (${formatNumber(s.points)} points; ${describe(s)})`).join('; ')}.`;
  }
  const thinned = all.filter((s) => (plotted.get(s.name)?.t.length ?? 0) < s.points);
  if (thinned.length > 0) {
    const names = thinned.length === all.length ? (all.length === 1 ? 'It is' : 'They are') : `${thinned.map((s) => s.name).join(', ')} ${thinned.length === 1 ? 'is' : 'are'}`;
    text += ` ${names} drawn from the first, last, lowest and highest point of each time bucket (at most ${formatNumber(Math.max(...thinned.map((s) => plotted.get(s.name)?.t.length ?? 0)))} points per series), so spikes and crashes stay visible; series.csv has every point.`;
  }
  const gaps = all.reduce((n, s) => n + s.nonFinite, 0);
  if (gaps > 0) text += ` ${formatNumber(gaps)} value${gaps === 1 ? ' is' : 's are'} not finite (NaN or infinite) and show as gaps.`;
  return text;
}

/** Stacked bars: events per bucket, one colour per type, x in days. */
export function eventsChart(counts: EventCounts, xDomain: [number, number]): Chart {
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    transform: [
      { calculate: `datum.b * ${counts.bucketMs / DAY}`, as: 'day' },
      { calculate: `(datum.b + 1) * ${counts.bucketMs / DAY}`, as: 'day_end' },
    ],
    mark: { type: 'bar', clip: true, tooltip: true },
    encoding: {
      x: { field: 'day', type: 'quantitative', bin: { binned: true }, title: 'days', scale: { domain: xDomain, nice: false } },
      x2: { field: 'day_end' },
      y: { field: 'n', type: 'quantitative', title: `events per ${counts.bucketLabel}`, stack: 'zero' },
      color: { field: 'type', type: 'nominal', title: 'event type', sort: counts.types.map((t) => t.type), legend: { orient: 'bottom', columns: 4 } },
      order: { field: 'rank', type: 'quantitative' },
      tooltip: [
        { field: 'type', type: 'nominal', title: 'type' },
        { field: 'day', type: 'quantitative', title: 'from day', format: '.3f' },
        { field: 'n', type: 'quantitative', title: 'events' },
      ],
    },
  };
  const data = {
    types: counts.types.map((t) => t.type),
    b: counts.types.map((t) => t.buckets),
    n: counts.types.map((t) => t.counts),
  };
  return { kind: 'events', title: 'events over time', caption: eventsCaption(counts), spec, data };
}

export function eventsCaption(counts: EventCounts): string {
  const types = counts.types.map((t) => `${t.type} ${formatNumber(t.total)}`).join(', ');
  return `Events per ${counts.bucketLabel}, stacked by type, counted from events.csv: ${formatNumber(counts.total)} event${counts.total === 1 ? '' : 's'} (${types}).`;
}
