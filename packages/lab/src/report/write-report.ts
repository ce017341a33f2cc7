import { existsSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DAY, formatTime } from '@paradox/engine';
import { eventsChart, seriesChart, xDomainDays } from './charts';
import { MAX_EVENT_BUCKETS, coarsenEventCounts, limitEventTypes } from './event-counts';
import { formatDays, formatNumber } from './format';
import { renderReportHtml, type ReportPage } from './html';
import { readEventCounts, readJsonFile, readSeries } from './read-run';
import { groupSeries } from './series-groups';
import { vegaScripts } from './vega-assets';

/** Files made from the others after a run; the report's file table leaves them out, so remaking the report gives the same bytes. */
export const DERIVED_FILES: ReadonlySet<string> = new Set(['series.parquet', 'events.parquet', 'report.html']);

export interface ReportOptions {
  /** Page title; by default "<scenario>, seed <seed>" from manifest.json (or summary.json). */
  title?: string;
  /** Most points drawn per series (default 2000); longer series are min/max downsampled. */
  maxPointsPerSeries?: number;
  /** Most time buckets in the events chart (default 400). */
  maxEventBuckets?: number;
  /** Most event types shown apart (default 12); the rarest are added up as "(other)". */
  maxEventTypes?: number;
  /** Output file name within the directory (default `report.html`). */
  file?: string;
}

export interface ReportInfo {
  /** Absolute path of the report written. */
  readonly path: string;
  readonly bytes: number;
  /** Charts on the page (the page sets `data-rendered` to this number once all are drawn). */
  readonly charts: number;
}

/**
 * Writes `report.html` into a run directory: one self-contained offline page (Vega, Vega-Lite
 * and Vega-Embed inlined) with the run's title, its summary.json and manifest as tables, one
 * chart per series group (series sharing the prefix before their first '.'), and the events per
 * type over time. Series are min/max downsampled and events counted here, so the page stays
 * small for any run length. The same files give the same bytes.
 */
export function writeReport(dir: string, options: ReportOptions = {}): ReportInfo {
  if (!existsSync(dir)) throw new Error(`writeReport: no run directory at ${dir}`);
  const manifest = asRecord(readJsonFile(dir, 'manifest.json'));
  const summary = asRecord(readJsonFile(dir, 'summary.json'));
  const scenario = stringOf(manifest?.['scenario'] ?? summary?.['scenario']);
  const seed = stringOf(manifest?.['seed'] ?? summary?.['seed']);
  const outcome = asRecord(manifest?.['outcome']);
  const runEnd = typeof outcome?.['timeMs'] === 'number' ? outcome['timeMs'] : NaN;

  const seriesPath = join(dir, 'series.csv');
  const series = existsSync(seriesPath) ? readSeries(seriesPath, options.maxPointsPerSeries ?? 2000) : undefined;
  const minT = Math.min(series?.minT ?? Infinity, 0);
  const maxT = Math.max(series?.maxT ?? -Infinity, Number.isFinite(runEnd) ? runEnd : -Infinity);
  const eventsPath = join(dir, 'events.csv');
  const maxBuckets = options.maxEventBuckets ?? MAX_EVENT_BUCKETS;
  const counts = existsSync(eventsPath)
    ? limitEventTypes(coarsenEventCounts(readEventCounts(eventsPath, Number.isFinite(maxT) ? maxT - minT : 0, maxBuckets), maxBuckets), options.maxEventTypes ?? 12)
    : undefined;
  let lastEventT = -Infinity;
  for (const tc of counts?.types ?? []) if (tc.buckets.length) lastEventT = Math.max(lastEventT, (tc.buckets[tc.buckets.length - 1]! + 1) * counts!.bucketMs);
  const domain = xDomainDays(minT, Math.max(maxT, lastEventT));

  const seriesCharts = series ? groupSeries(series.stats.keys()).map((g) => seriesChart(g, series.plotted, series.stats, domain)) : [];
  const events = counts && counts.total > 0 ? eventsChart(counts, domain) : null;

  const title = options.title ?? (scenario ? `${scenario}, seed ${seed ?? '?'}` : `Run in ${basename(resolve(dir))}`);
  const intro = [
    scenario ? `Scenario ${scenario}` : 'A Paradox run',
    seed !== undefined ? `seed ${seed}` : undefined,
    Number.isFinite(runEnd) ? `ran to ${formatTime(runEnd)} of virtual time (${formatDays(runEnd)} days)` : undefined,
    typeof outcome?.['reason'] === 'string' ? `and stopped because: ${outcome['reason']}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const notes: string[] = [];
  if (!series) notes.push('No series.csv in the run directory.');
  if (!counts) notes.push('No events.csv in the run directory.');

  const page: ReportPage = {
    title,
    intro: `${intro}. Time on every chart is in days of virtual time (t / ${formatNumber(DAY)} ms).`,
    summary: flatten(summary ?? {}),
    run: manifest ? runRows(manifest) : [],
    files: Object.entries(asRecord(manifest?.['files']) ?? {})
      .filter(([name]) => !DERIVED_FILES.has(name) && name !== basename(options.file ?? 'report.html'))
      .map(([name, hash]) => [name, `sha256 ${stringOf(hash) ?? ''}`] as const),
    seriesCharts,
    eventsChart: events,
    notes,
    downloadName: [scenario ?? 'run', seed !== undefined ? `seed${seed}` : undefined].filter(Boolean).join('-'),
  };
  const html = renderReportHtml(page, vegaScripts());
  const path = resolve(dir, options.file ?? 'report.html');
  writeFileSync(path, html);
  return { path, bytes: Buffer.byteLength(html), charts: seriesCharts.length + (events ? 1 : 0) };
}

function runRows(manifest: Record<string, unknown>): [string, string][] {
  const outcome = asRecord(manifest['outcome']) ?? {};
  const rows: [string, string][] = [];
  const add = (k: string, v: unknown) => v !== undefined && rows.push([k, display(v)]);
  add('scenario', manifest['scenario']);
  add('seed', manifest['seed']);
  add('outcome', outcome['reason']);
  if (typeof outcome['timeMs'] === 'number') add('virtual time reached', `${formatTime(outcome['timeMs'])} (${formatNumber(outcome['timeMs'])} ms)`);
  add('events processed', outcome['eventsProcessed']);
  add('error', outcome['error']);
  for (const [k, v] of flatten(asRecord(manifest['params']) ?? {}, 'params.')) rows.push([k, v]);
  add('params hash', manifest['paramsHash']);
  for (const [k, v] of Object.entries(asRecord(manifest['versions']) ?? {})) rows.push([`version ${k}`, display(v)]);
  return rows;
}

/** Nested objects as dotted keys; arrays and other values as text. */
export function flatten(value: Record<string, unknown>, prefix = ''): [string, string][] {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(value)) {
    const record = asRecord(v);
    if (record && Object.keys(record).length > 0) rows.push(...flatten(record, `${prefix}${k}.`));
    else rows.push([`${prefix}${k}`, display(v)]);
  }
  return rows;
}

function display(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? formatNumber(v) : String(v);
  if (typeof v === 'string') return v;
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function stringOf(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v) : undefined;
}
