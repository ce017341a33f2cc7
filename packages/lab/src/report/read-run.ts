import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeriesStats } from './charts';
import { MinMaxDownsampler, type PlotSeries } from './downsample';
import { EventHistogram, chooseEventBucket, type EventCounts } from './event-counts';
import { forEachCsvRecord } from './read-csv';

/** Series of a run directory, each reduced to at most `maxPoints` plotted points. */
export interface SeriesData {
  readonly plotted: Map<string, PlotSeries>;
  readonly stats: Map<string, SeriesStats>;
  readonly minT: number;
  readonly maxT: number;
}

/**
 * Reads `series.csv` twice, one record at a time: first for each series' count and range, then to
 * downsample it (see MinMaxDownsampler). Memory is bounded by series × maxPoints, not file size.
 */
export function readSeries(path: string, maxPoints: number): SeriesData {
  const stats = new Map<string, { points: number; nonFinite: number; min: number; max: number; last: number; firstT: number; lastT: number }>();
  let minT = Infinity;
  let maxT = -Infinity;
  forEachRow(path, ['t', 'series', 'value'], ([tText, name, valueText]) => {
    const t = Number(tText);
    const value = Number(valueText);
    let s = stats.get(name!);
    if (!s) stats.set(name!, (s = { points: 0, nonFinite: 0, min: Infinity, max: -Infinity, last: NaN, firstT: Infinity, lastT: -Infinity }));
    s.points++;
    if (Number.isFinite(value)) {
      if (value < s.min) s.min = value;
      if (value > s.max) s.max = value;
      s.last = value;
    } else s.nonFinite++;
    if (t < s.firstT) s.firstT = t;
    if (t > s.lastT) s.lastT = t;
    if (t < minT) minT = t;
    if (t > maxT) maxT = t;
  });
  const samplers = new Map<string, MinMaxDownsampler>();
  for (const [name, s] of stats) samplers.set(name, new MinMaxDownsampler(s.firstT, s.lastT, s.points, maxPoints, s.nonFinite > 0));
  forEachRow(path, ['t', 'series', 'value'], ([t, name, value]) => samplers.get(name!)!.add(Number(t), Number(value)));
  const plotted = new Map<string, PlotSeries>();
  for (const [name, sampler] of samplers) plotted.set(name, sampler.result());
  const finalStats = new Map<string, SeriesStats>();
  for (const [name, s] of stats) finalStats.set(name, { name, ...s });
  return { plotted, stats: finalStats, minT, maxT };
}

/**
 * Counts `events.csv` per type and time bucket in one pass, with the bucket chosen from `spanMs`
 * (the run's length, when known). Only the counts are kept, whatever the number of events.
 */
export function readEventCounts(path: string, spanMs: number, maxBuckets?: number): EventCounts {
  const histogram = new EventHistogram(chooseEventBucket(spanMs, maxBuckets));
  forEachRow(path, ['t', 'type'], ([t, type]) => histogram.add(Number(t), type!));
  return histogram.result();
}

/** A JSON file of the run directory, or undefined when it is absent. */
export function readJsonFile(dir: string, name: string): unknown {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

/** Calls `onRow` with the named columns of every data row of a CSV file (header checked). */
function forEachRow(path: string, columns: readonly string[], onRow: (values: (string | undefined)[]) => void): void {
  let indices: number[] | undefined;
  forEachCsvRecord(path, (fields) => {
    if (!indices) {
      indices = columns.map((c) => fields.indexOf(c));
      const missing = columns.filter((_, i) => indices![i]! < 0);
      if (missing.length > 0) throw new Error(`${path}: the header has no column ${missing.join(', ')} (found: ${fields.join(', ')})`);
      return;
    }
    onRow(indices.map((i) => fields[i]));
  });
}
