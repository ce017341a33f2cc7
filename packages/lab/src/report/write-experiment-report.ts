import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunPlan } from '../experiments/expand-experiment';
import { experimentScenarios } from '../experiments/experiment';
import type { Leaderboard } from '../experiments/leaderboard';
import type { ResultRow } from '../experiments/results-table';
import { writeFileAtomic } from '../experiments/atomic-write';
import {
  distributionChart,
  leaderboardChart,
  responseLineChart,
  responseSurfaceChart,
  type ExperimentChart,
  type MetricPoint,
  type SurfacePoint,
  type SweepAxis,
} from './experiment-charts';
import { escapeHtml, formatNumber } from './format';
import { CHART_SCRIPT, STYLE, jsonScriptSafe, scriptSafe, type InlineScript } from './html';
import { vegaScripts } from './vega-assets';

export interface ExperimentReportOptions {
  /** Most metrics charted (default 16): the tournament's metrics first, then the others that vary, by name. */
  maxMetrics?: number;
  /** Most cells shown apart in the distributions of a sweep (default 30); beyond that, one distribution of all runs. */
  maxCellGroups?: number;
  /** Output file name within the directory (default `report.html`). */
  file?: string;
}

export interface ExperimentReportInfo {
  readonly path: string;
  readonly bytes: number;
  /** Charts on the page (the page sets `data-rendered` to this number once all are drawn). */
  readonly charts: number;
}

const ALL_RUNS = 'all runs';

/**
 * Writes `report.html` for an experiment's output directory: one self-contained offline page
 * (Vega, Vega-Lite and Vega-Embed inlined, like a run's report) with the design and its runs, for
 * a tournament the leaderboard (means, standard deviations, bootstrap confidence intervals,
 * pairwise win rates, disqualifications), for a 1- or 2-parameter sweep its response surface
 * (a line, a heatmap, or sampled cells), and the distribution of every metric that varies per
 * entrant or cell. An experiment over several scenarios (`scenarios:`) gets these sections once
 * per scenario (`leaderboards`: one per scenario), since metrics are not comparable across
 * scenarios. Built from the results rows alone, so equal results give equal bytes.
 */
export function writeExperimentReport(
  out: string,
  plan: RunPlan,
  rows: readonly ResultRow[],
  leaderboards?: Leaderboard | readonly Leaderboard[],
  options: ExperimentReportOptions = {},
): ExperimentReportInfo {
  const experiment = plan.experiment;
  const boards: readonly Leaderboard[] = leaderboards === undefined ? [] : Array.isArray(leaderboards) ? leaderboards : [leaderboards as Leaderboard];
  const ok = rows.filter((r) => r.status === 'ok');
  const tournament = experiment.tournament;
  const cellCount = new Set(plan.runs.map((r) => r.cell)).size;
  const sweepKeys = experiment.sweep ? Object.keys(experiment.sweep.params) : [];
  const names = experimentScenarios(experiment);
  const several = experiment.scenarios !== undefined;

  const charts: ExperimentChart[] = [];
  const notes: string[] = [];
  const parts: string[][] = [];
  if (!several) {
    parts.push(scenarioSections(plan, rows, boards[0], options, charts, notes, ''));
  } else {
    for (const name of names) {
      const board = boards.find((b) => b.scenario === name);
      parts.push(scenarioSections(plan, rows.filter((r) => r.scenario === name), board, options, charts, notes, name));
    }
  }

  const failedRows = rows.filter((r) => r.status !== 'ok');
  const design: [string, string][] = [
    several ? ['scenarios', names.join(', ')] : ['scenario', experiment.scenario],
    ['seed', String(experiment.seed)],
    ['runs', `${formatNumber(rows.length)} (${formatNumber(ok.length)} ok${countOf(rows, 'failed')}${countOf(rows, 'disqualified')})`],
    ['replications', formatNumber(experiment.replications)],
    ['cells', formatNumber(cellCount)],
  ];
  if (experiment.sweep) design.push(['sweep', `${experiment.sweep.method}: ${sweepKeys.map((k) => `${k} ${describeSweepParam(experiment.sweep!.params[k])}`).join('; ')}`]);
  if (tournament) design.push(['entrants', tournament.entrants.map((e) => e.name).join(', ')]);
  for (const [k, v] of Object.entries(experiment.params)) design.push([`params.${k}`, display(v)]);
  design.push(['plan hash', plan.hash]);
  for (const [k, v] of Object.entries(plan.versions)) design.push([`version ${k}`, v]);

  const sections: string[] = [section('Design', keyValueTable(design)), ...parts.flat()];
  if (failedRows.length > 0) sections.push(section('Failed and disqualified runs', failuresTable(failedRows)));
  sections.push(section('Files', filesTable(out)));

  const title = `Experiment ${experiment.name}`;
  const crn = several ? 'replication r has the same seed for every scenario, cell and entrant' : 'replication r has the same seed for every cell and entrant';
  const intro =
    `${experiment.description ? `${experiment.description}. ` : ''}${several ? `Scenarios ${names.join(', ')}` : `Scenario ${experiment.scenario}`}, ${formatNumber(rows.length)} runs: ` +
    `${several ? `${names.length} scenarios x ` : ''}${formatNumber(cellCount)} cell${cellCount === 1 ? '' : 's'} x ${formatNumber(experiment.replications)} replication${experiment.replications === 1 ? '' : 's'}` +
    `${tournament ? ` x ${tournament.entrants.length} entrants (common random numbers: ${crn})` : ''}.` +
    `${several ? ' Each scenario has its own sections: metrics are not comparable across scenarios.' : ''}`;
  const html = renderExperimentHtml(title, intro, sections, notes, charts, experiment.name, vegaScripts());
  const path = resolve(out, options.file ?? 'report.html');
  writeFileAtomic(path, html);
  return { path, bytes: Buffer.byteLength(html), charts: charts.length };
}

/**
 * The leaderboard, response surface, distributions and constant metrics of `rows` (all runs, or
 * one scenario's: then `scenario` names it in every title and note). Appends the charts to
 * `charts` (their ids continue from its length) and the notes to `notes`.
 */
function scenarioSections(
  plan: RunPlan,
  rows: readonly ResultRow[],
  leaderboard: Leaderboard | undefined,
  options: ExperimentReportOptions,
  charts: ExperimentChart[],
  notes: string[],
  scenario: string,
): string[] {
  const experiment = plan.experiment;
  const ok = rows.filter((r) => r.status === 'ok');
  const tournament = experiment.tournament;
  const entrants = leaderboard ? leaderboard.entries.map((e) => e.entrant) : (tournament?.entrants.map((e) => e.name) ?? []);
  const titled = (title: string) => (scenario ? `${title}: ${scenario}` : title);
  const note = (text: string) => notes.push(scenario ? `${scenario}: ${text}` : text);

  // Metrics worth a chart: numeric, and not the same in every run.
  const numeric = new Map<string, number[]>();
  for (const row of ok) {
    for (const [key, v] of Object.entries(row.metrics)) if (typeof v === 'number' && Number.isFinite(v)) numeric.set(key, [...(numeric.get(key) ?? []), v]);
  }
  const varying = [...numeric].filter(([, vs]) => vs.some((v) => v !== vs[0])).map(([k]) => k);
  const constant = [...numeric].filter(([, vs]) => vs.every((v) => v === vs[0])).map(([k, vs]) => [k, vs[0]!] as const).sort(([a], [b]) => (a < b ? -1 : 1));
  const ranked = (tournament?.metrics ?? []).map((m) => m.name).filter((m) => numeric.has(m));
  const ordered = [...ranked, ...varying.filter((m) => !ranked.includes(m)).sort()];
  const maxMetrics = options.maxMetrics ?? 16;
  const charted = ordered.slice(0, maxMetrics);
  if (ordered.length > charted.length) note(`${ordered.length - charted.length} more metrics vary but are not charted (${ordered.slice(maxMetrics).join(', ')}): results.csv has them.`);

  // Sweep cells: labels and axes.
  const cellParams = new Map(plan.runs.map((r) => [r.cell, r.cellParams] as const));
  const sweepKeys = experiment.sweep ? Object.keys(experiment.sweep.params) : [];
  const cellLabel = (cell: number) => {
    const params = cellParams.get(cell) ?? {};
    return sweepKeys.length ? sweepKeys.map((k) => `${k}=${display(params[k])}`).join(', ') : ALL_RUNS;
  };
  const cellCount = cellParams.size;

  // Distributions group by entrant, else by the cells of a grid (when there are not too many),
  // else all runs together (a sampled sweep's cells are points of a continuum, not groups).
  const byEntrant = tournament !== undefined;
  const maxCells = options.maxCellGroups ?? 30;
  const byCell = !byEntrant && experiment.sweep?.method === 'grid' && cellCount > 1 && cellCount <= maxCells;
  const groupOf = (r: ResultRow) => (byEntrant ? r.entrant ?? '' : byCell ? cellLabel(r.cell) : ALL_RUNS);
  const groupTitle = byEntrant ? 'entrant' : byCell ? 'cell' : 'runs';
  const groups = byEntrant ? entrants : byCell ? [...cellParams.keys()].sort((a, b) => a - b).map(cellLabel) : [ALL_RUNS];
  if (!byEntrant && !byCell && cellCount > 1) {
    note(`The distributions pool the runs of all ${cellCount} cells (${experiment.sweep?.method === 'grid' ? 'too many to show apart' : 'sampled cells are points of a continuum'}); the response surface and cells.csv show each cell.`);
  }
  if (byEntrant && cellCount > 1) note(`Distributions pool each entrant's runs over all ${cellCount} cells.`);

  const leaderboardCharts: ExperimentChart[] = [];
  if (leaderboard) {
    for (const m of leaderboard.metrics) {
      leaderboardCharts.push(
        leaderboardChart(
          m.name,
          m.direction,
          leaderboard.confidence,
          leaderboard.entries.map((e) => {
            const s = e.metrics[m.name]!;
            return { entrant: e.entrant, mean: s.mean, low: s.ciLow, high: s.ciHigh, n: s.n };
          }),
        ),
      );
    }
  }

  const surfaceCharts: ExperimentChart[] = [];
  const axes = sweepAxes(plan);
  if (axes.length === 1 || axes.length === 2) {
    const surfaceGroups = byEntrant ? entrants : [ALL_RUNS];
    for (const metric of charted) {
      const stats = cellStatistics(ok, metric, (r) => (byEntrant ? r.entrant ?? '' : ALL_RUNS));
      const cells: SurfacePoint[] = stats.map((s) => {
        const params = cellParams.get(s.cell) ?? {};
        return { group: s.group, x: params[axes[0]!.name]!, ...(axes[1] ? { y: params[axes[1].name]! } : {}), mean: s.mean, sd: s.sd, n: s.n };
      });
      if (cells.length === 0) continue;
      if (axes.length === 1) {
        const runs = ok.flatMap((r) => {
          const v = r.metrics[metric];
          return typeof v === 'number' && Number.isFinite(v) ? [{ group: byEntrant ? r.entrant ?? '' : ALL_RUNS, x: (cellParams.get(r.cell) ?? {})[axes[0]!.name]!, value: v }] : [];
        });
        surfaceCharts.push(responseLineChart(metric, axes[0]!, cells, runs, surfaceGroups));
      } else {
        surfaceCharts.push(responseSurfaceChart(metric, axes[0]!, axes[1]!, cells, surfaceGroups));
      }
    }
  } else if (axes.length > 2) {
    note(`The sweep varies ${axes.length} parameters: the response surface is drawn for 1 or 2; cells.csv has every cell's means.`);
  }

  const distributionCharts = charted.map((metric) => {
    const points: MetricPoint[] = ok.flatMap((r) => {
      const v = r.metrics[metric];
      return typeof v === 'number' && Number.isFinite(v) ? [{ group: groupOf(r), value: v, run: r.run, seed: r.seed }] : [];
    });
    return distributionChart(metric, groups, groupTitle, points);
  });
  const offset = charts.length;
  charts.push(...leaderboardCharts, ...surfaceCharts, ...distributionCharts);

  const sections: string[] = [];
  const figures = (list: readonly ExperimentChart[], first: number) =>
    list.map((c, i) => `<figure><h3>${escapeHtml(c.title)}</h3><div id="chart-${offset + first + i}" class="chart"></div><figcaption>${escapeHtml(c.caption)}</figcaption></figure>`).join('\n');
  if (leaderboard) {
    sections.push(section(titled('Leaderboard'), [leaderboardTable(leaderboard), figures(leaderboardCharts, 0), pairwiseTables(leaderboard), disqualifications(leaderboard)].join('\n')));
  }
  if (experiment.sweep) {
    sections.push(
      section(
        titled('Response surface'),
        surfaceCharts.length > 0 ? figures(surfaceCharts, leaderboardCharts.length) : `<p>${escapeHtml(axes.length > 2 ? `The sweep varies ${axes.length} parameters; cells.csv has every cell.` : 'No metric varies across the sweep.')}</p>`,
      ),
    );
  }
  sections.push(
    section(
      titled('Distributions'),
      distributionCharts.length > 0 ? figures(distributionCharts, leaderboardCharts.length + surfaceCharts.length) : '<p>No numeric metric varies between runs.</p>',
    ),
  );
  if (constant.length > 0) sections.push(section(titled('The same in every run'), keyValueTable(constant.map(([k, v]) => [k, formatNumber(v)] as [string, string]))));
  return sections;
}

/** The swept parameters as chart axes (order as in the experiment file). */
function sweepAxes(plan: RunPlan): SweepAxis[] {
  const sweep = plan.experiment.sweep;
  if (!sweep) return [];
  const cells = [...new Map(plan.runs.map((r) => [r.cell, r.cellParams] as const)).values()];
  return Object.keys(sweep.params).map((name) => {
    const spec = sweep.params[name]!;
    const seen = cells.map((c) => c[name]).filter((v): v is number | string | boolean => v !== undefined);
    const numericValues = seen.every((v) => typeof v === 'number');
    const distinct = [...new Set(seen)];
    const isList = Array.isArray(spec);
    const values = isList ? (spec as (number | string | boolean)[]).filter((v) => distinct.includes(v)) : [...distinct].sort((a, b) => Number(a) - Number(b));
    return { name, numeric: numericValues, values, log: !isList && (spec as { log?: boolean }).log === true, discrete: isList };
  });
}

/** Mean, sd and n of `metric` over the ok runs of each (cell, group), in cell then group order. */
function cellStatistics(ok: readonly ResultRow[], metric: string, groupOf: (r: ResultRow) => string): { cell: number; group: string; mean: number; sd: number; n: number }[] {
  const buckets = new Map<string, { cell: number; group: string; values: number[] }>();
  for (const r of ok) {
    const v = r.metrics[metric];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    const group = groupOf(r);
    const key = `${r.cell}\u0000${group}`;
    const bucket = buckets.get(key) ?? { cell: r.cell, group, values: [] };
    bucket.values.push(v);
    buckets.set(key, bucket);
  }
  return [...buckets.values()].map(({ cell, group, values }) => {
    const n = values.length;
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1)) : NaN;
    return { cell, group, mean, sd, n };
  });
}

function countOf(rows: readonly ResultRow[], status: ResultRow['status']): string {
  const n = rows.filter((r) => r.status === status).length;
  return n > 0 ? `, ${formatNumber(n)} ${status}` : '';
}

function describeSweepParam(spec: unknown): string {
  if (Array.isArray(spec)) return `[${spec.map(display).join(', ')}]`;
  const r = spec as { min: number; max: number; integer?: boolean; log?: boolean };
  return `${display(r.min)} to ${display(r.max)}${r.integer ? ', integers' : ''}${r.log ? ', log' : ''}`;
}

function display(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? String(v);
}

/** A number for a table cell: '-' for a missing value. */
function cell(v: number): string {
  return Number.isFinite(v) ? formatNumber(v) : '-';
}

function section(title: string, content: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

function keyValueTable(rows: readonly (readonly [string, string])[]): string {
  return `<table>${rows.map(([k, v]) => `<tr><th><code>${escapeHtml(k)}</code></th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}

function htmlTable(header: readonly string[], rows: readonly (readonly string[])[], numericFrom = 1): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((v, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
  return `<table class="grid">${head}${body}</table>`;
}

function leaderboardTable(board: Leaderboard): string {
  const pct = `${Math.round(board.confidence * 100)}% CI`;
  const header = ['rank', 'entrant', 'runs', 'disqualified', ...board.metrics.flatMap((m) => [`${m.name} mean (${m.direction})`, 'sd', pct])];
  const rows = board.entries.map((e) => [
    String(e.rank),
    e.entrant,
    formatNumber(e.runs),
    formatNumber(e.disqualified),
    ...board.metrics.flatMap((m) => {
      const s = e.metrics[m.name]!;
      return [cell(s.mean), cell(s.sd), Number.isFinite(s.ciLow) ? `[${cell(s.ciLow)}, ${cell(s.ciHigh)}]` : '-'];
    }),
  ]);
  return `${htmlTable(header, rows, 2)}\n<p class="intro">Ranked by the first metric's mean, then the next. Intervals: percentile bootstrap of the mean, ${formatNumber(board.resamples)} resamples drawn from the experiment's seed.</p>`;
}

function pairwiseTables(board: Leaderboard): string {
  if (board.entries.length < 2) return '';
  const names = board.entries.map((e) => e.entrant);
  return board.metrics
    .map((m) => {
      const rows = names.map((a) => [
        a,
        ...names.map((b) => {
          if (a === b) return '';
          const p = board.pairwise.find((x) => x.metric === m.name && x.entrant === a && x.opponent === b);
          return p && p.pairs > 0 ? `${Math.round(p.winRate * 100)}% (${p.wins}-${p.ties}-${p.losses})` : '-';
        }),
      ]);
      return `<h3>Pairwise win rates on ${escapeHtml(m.name)}</h3>\n${htmlTable(['entrant \\ against', ...names], rows)}\n<p class="intro">How often the row's entrant beat the column's in runs with the same cell and seed (wins-ties-losses; a tie counts half).</p>`;
    })
    .join('\n');
}

function disqualifications(board: Leaderboard): string {
  if (board.disqualifications.length === 0) return '<p>No entrant was disqualified.</p>';
  const shown = board.disqualifications.slice(0, 50);
  const rows = shown.map((d) => [d.entrant, String(d.run), String(d.cell), String(d.replication), String(d.seed), d.reason]);
  const more = board.disqualifications.length > shown.length ? `<p>... and ${board.disqualifications.length - shown.length} more (leaderboard.json has all).</p>` : '';
  return `<h3>Disqualifications</h3>\n${htmlTable(['entrant', 'run', 'cell', 'replication', 'seed', 'reason'], rows, 1)}${more}`;
}

function failuresTable(rows: readonly ResultRow[]): string {
  const shown = rows.slice(0, 50);
  const table = htmlTable(
    ['run', 'status', 'entrant', 'cell', 'seed', 'error'],
    shown.map((r) => [String(r.run), r.status, r.entrant ?? '', String(r.cell), String(r.seed), r.error]),
    9,
  );
  return table + (rows.length > shown.length ? `<p>... and ${rows.length - shown.length} more (results.csv has all).</p>` : '');
}

function filesTable(out: string): string {
  const known: [string, string][] = [
    ['results.csv', 'one row per run: design, status, parameters, summary metrics'],
    ['results.parquet', 'the same table as Parquet'],
    ['cells.csv', 'per cell (and entrant): mean and sd of every numeric metric'],
    ['leaderboard.csv', 'per entrant: mean, sd and CI per metric'],
    ['pairwise.csv', 'pairwise win rates'],
    ['leaderboard.json', 'the leaderboard with disqualifications'],
    ['experiment.json', 'the validated experiment, versions and plan hash'],
    ['plan.json', 'every run of the plan with its parameters and seed'],
    ['runs/', "each finished run's summary and manifest, under its content hash"],
  ];
  const present = known.filter(([name]) => existsSync(join(out, name)) && (name.endsWith('/') ? statSync(join(out, name)).isDirectory() : true));
  const runs = existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((n) => n !== '.tmp').length : 0;
  return keyValueTable(present.map(([name, what]) => [name, name === 'runs/' ? `${what} (${formatNumber(runs)} stored)` : what]));
}

const EXTRA_STYLE = 'table.grid th{border-bottom:1px solid #d8dee4;font-weight:600}table.grid td.num{text-align:right}h3{font-size:1rem;margin:1.4rem 0 .4rem}';

function renderExperimentHtml(
  title: string,
  intro: string,
  sections: readonly string[],
  notes: readonly string[],
  charts: readonly ExperimentChart[],
  downloadName: string,
  libraries: readonly InlineScript[],
): string {
  const credits = libraries.map((l) => `${l.name} ${l.version}`).join(', ');
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="@paradox/lab writeExperimentReport">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}${EXTRA_STYLE}</style>`,
    '</head>',
    `<body data-charts="${charts.length}" data-download="${escapeHtml(downloadName)}">`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="intro">${escapeHtml(intro)}</p>`,
    ...sections,
    notes.length > 0 ? `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<footer>Made by @paradox/lab from the experiment's results. Plots drawn offline with ${escapeHtml(credits)}, inlined below (BSD-3-Clause, Copyright (c) 2015-2023 University of Washington Interactive Data Lab).</footer>`,
    `<script type="application/json" id="paradox-charts">${jsonScriptSafe(JSON.stringify(charts.map(({ kind, title: t, spec }) => ({ kind, title: t, spec }))))}</script>`,
    ...libraries.map((l) => `<script>/* ${l.name} ${l.version} */\n${scriptSafe(l.source)}\n</script>`),
    `<script>${CHART_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}
