import { formatNumber, plotValue } from './format';

const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 640;

/** A chart of an experiment report: a complete Vega-Lite spec, its data inlined (experiment data is small). */
export interface ExperimentChart {
  readonly kind: 'distribution' | 'leaderboard' | 'surface-line' | 'surface-heatmap' | 'surface-scatter';
  readonly title: string;
  readonly caption: string;
  readonly spec: Record<string, unknown>;
}

/** One run's value of a metric, in its group (an entrant, a sweep cell, or all runs). */
export interface MetricPoint {
  readonly group: string;
  readonly value: number;
  readonly run: number;
  readonly seed: number;
}

/**
 * Box plots of one metric per group (min-max whiskers, quartiles, median), with every run drawn
 * as a tick on top: the spread between seeds is the first thing to see in an experiment.
 */
export function distributionChart(metric: string, groups: readonly string[], groupTitle: string, points: readonly MetricPoint[]): ExperimentChart {
  const y = { field: 'group', type: 'nominal', title: groupTitle, sort: [...groups], axis: { labelLimit: 260 } };
  const x = { field: 'value', type: 'quantitative', title: metric, scale: { zero: false, nice: true } };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: WIDTH,
    height: { step: groups.length > 12 ? 18 : 26 },
    data: { values: points.map((p) => ({ group: p.group, value: plotValue(p.value), run: p.run, seed: p.seed })) },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', size: 14, color: '#8fb3d9', median: { color: '#1b1f24' } }, encoding: { x, y } },
      {
        mark: { type: 'tick', color: '#b42318', opacity: 0.7, thickness: 1.5, size: 12 },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'group', type: 'nominal', title: groupTitle },
            { field: 'value', type: 'quantitative', title: metric },
            { field: 'run', type: 'quantitative', title: 'run' },
            { field: 'seed', type: 'quantitative', title: 'seed' },
          ],
        },
      },
    ],
  };
  const counts = groups.map((g) => points.filter((p) => p.group === g).length);
  const caption =
    `${metric}: ${formatNumber(points.length)} run${points.length === 1 ? '' : 's'} in ${groups.length} group${groups.length === 1 ? '' : 's'} ` +
    `(${Math.min(...counts) === Math.max(...counts) ? `${counts[0] ?? 0} each` : `${Math.min(...counts)} to ${Math.max(...counts)} each`}). ` +
    'Boxes span the quartiles with the median marked and whiskers to the minimum and maximum; each tick is one run. ' +
    'Failed and disqualified runs have no value and are not drawn.';
  return { kind: 'distribution', title: `${metric} by ${groupTitle}`, caption, spec };
}

/** One entrant's interval on one metric, for the leaderboard chart. */
export interface LeaderboardPoint {
  readonly entrant: string;
  readonly mean: number;
  readonly low: number;
  readonly high: number;
  readonly n: number;
}

/** Each entrant's mean (dot) and bootstrap confidence interval (bar) on one metric, best first. */
export function leaderboardChart(metric: string, direction: string, confidence: number, entries: readonly LeaderboardPoint[]): ExperimentChart {
  const finite = (v: number) => (Number.isFinite(v) ? plotValue(v) : null);
  const y = { field: 'entrant', type: 'nominal', title: 'entrant (by rank)', sort: entries.map((e) => e.entrant), axis: { labelLimit: 260 } };
  const pct = `${Math.round(confidence * 100)}%`;
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: WIDTH,
    height: { step: 28 },
    data: { values: entries.map((e) => ({ entrant: e.entrant, mean: finite(e.mean), low: finite(e.low), high: finite(e.high), n: e.n })) },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2, color: '#57606a' },
        encoding: { y, x: { field: 'low', type: 'quantitative', title: `${metric} (mean, ${pct} CI)`, scale: { zero: false } }, x2: { field: 'high' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70, color: '#1f6feb' },
        encoding: {
          y,
          x: { field: 'mean', type: 'quantitative' },
          tooltip: [
            { field: 'entrant', type: 'nominal' },
            { field: 'mean', type: 'quantitative' },
            { field: 'low', type: 'quantitative', title: `${pct} CI low` },
            { field: 'high', type: 'quantitative', title: `${pct} CI high` },
            { field: 'n', type: 'quantitative', title: 'runs' },
          ],
        },
      },
    ],
  };
  const caption = `${metric} (${direction}): each entrant's mean over its runs (dot) and the ${pct} percentile-bootstrap confidence interval of that mean (bar), ranked best first.`;
  return { kind: 'leaderboard', title: `leaderboard: ${metric}`, caption, spec };
}

/** One swept parameter as an axis: its name, whether it is a number, its values in order, log scale. */
export interface SweepAxis {
  readonly name: string;
  readonly numeric: boolean;
  /** Distinct values in the sweep's order (numbers ascending). */
  readonly values: readonly (number | string | boolean)[];
  readonly log: boolean;
  /** A grid (or a list): discrete values; a sampled range: continuous. */
  readonly discrete: boolean;
}

/** A cell's (and entrant's) statistics of one metric: what the response surface draws. */
export interface SurfacePoint {
  readonly group: string;
  readonly x: number | string | boolean;
  readonly y?: number | string | boolean;
  readonly mean: number;
  readonly sd: number;
  readonly n: number;
}

function axisEncoding(axis: SweepAxis, field: string, forceDiscrete = false): Record<string, unknown> {
  if (axis.numeric && !(forceDiscrete && axis.discrete)) {
    return { field, type: 'quantitative', title: axis.name, scale: axis.log ? { type: 'log' } : { zero: false, nice: true } };
  }
  return { field, type: 'ordinal', title: axis.name, sort: axis.values.map((v) => asField(v, axis)) };
}

/** A swept value as chart data: numbers stay numbers (so a custom sort order matches them), the rest strings. */
const asField = (v: number | string | boolean | undefined, axis: SweepAxis) => (axis.numeric && typeof v === 'number' ? v : String(v));
const tooltipType = (axis: SweepAxis) => (axis.numeric ? 'quantitative' : 'nominal');

/**
 * The response of a 1-parameter sweep: the mean of a metric per cell (line and dots) with
 * ±1 standard deviation over its replications (bars), and every run as a faint dot; one colour
 * per entrant in a tournament.
 */
export function responseLineChart(metric: string, axis: SweepAxis, cells: readonly SurfacePoint[], runs: readonly { group: string; x: number | string | boolean; value: number }[], groups: readonly string[]): ExperimentChart {
  const x = axisEncoding(axis, 'x');
  const several = groups.length > 1;
  const color = several ? { color: { field: 'group', type: 'nominal', title: 'entrant', sort: [...groups], legend: { orient: 'bottom' } } } : {};
  const cellRows = cells.map((c) => ({
    group: c.group,
    x: asField(c.x, axis),
    mean: plotValue(c.mean),
    low: Number.isFinite(c.sd) ? plotValue(c.mean - c.sd) : plotValue(c.mean),
    high: Number.isFinite(c.sd) ? plotValue(c.mean + c.sd) : plotValue(c.mean),
    n: c.n,
  }));
  const y = { field: 'mean', type: 'quantitative', title: `${metric} (mean ± sd)`, scale: { zero: false } };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    width: WIDTH,
    height: 260,
    layer: [
      {
        data: { values: runs.map((r) => ({ group: r.group, x: asField(r.x, axis), value: plotValue(r.value) })) },
        mark: { type: 'circle', size: 18, opacity: 0.35 },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, ...color },
      },
      { data: { values: cellRows }, mark: { type: 'rule', strokeWidth: 1.5 }, encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, ...color } },
      {
        data: { values: cellRows },
        mark: { type: 'line', point: { filled: true, size: 45 }, strokeWidth: 2 },
        encoding: {
          x,
          y,
          ...color,
          tooltip: [
            { field: 'x', type: tooltipType(axis), title: axis.name },
            ...(several ? [{ field: 'group', type: 'nominal', title: 'entrant' }] : []),
            { field: 'mean', type: 'quantitative', title: `${metric} mean` },
            { field: 'n', type: 'quantitative', title: 'runs' },
          ],
        },
      },
    ],
  };
  const caption =
    `Response of ${metric} to ${axis.name}${axis.log ? ' (log scale)' : ''}: the mean over each cell's ok runs, ±1 standard deviation, ` +
    `and each run as a faint dot (${formatNumber(runs.length)} runs, ${formatNumber(new Set(cells.map((c) => String(c.x))).size)} values of ${axis.name}).`;
  return { kind: 'surface-line', title: `${metric} vs ${axis.name}`, caption, spec };
}

/**
 * The response surface of a 2-parameter sweep: a heatmap of the metric's cell means for a grid,
 * or the sampled cells as dots coloured by their mean for a random or Latin-hypercube sweep;
 * one panel per entrant in a tournament.
 */
export function responseSurfaceChart(metric: string, xAxis: SweepAxis, yAxis: SweepAxis, cells: readonly SurfacePoint[], groups: readonly string[]): ExperimentChart {
  const heatmap = xAxis.discrete && yAxis.discrete;
  const several = groups.length > 1;
  const values = cells.map((c) => ({ group: c.group, x: asField(c.x, xAxis), y: asField(c.y, yAxis), mean: plotValue(c.mean), n: c.n }));
  const panelWidth = several ? Math.max(200, Math.floor((WIDTH - 40 * groups.length) / Math.min(groups.length, 3))) : WIDTH;
  const tooltip = [
    { field: 'x', type: tooltipType(xAxis), title: xAxis.name },
    { field: 'y', type: tooltipType(yAxis), title: yAxis.name },
    ...(several ? [{ field: 'group', type: 'nominal', title: 'entrant' }] : []),
    { field: 'mean', type: 'quantitative', title: `${metric} mean` },
    { field: 'n', type: 'quantitative', title: 'runs' },
  ];
  const color = { field: 'mean', type: 'quantitative', title: `${metric} (mean)`, scale: { scheme: 'viridis' } };
  const inner = heatmap
    ? {
        width: several ? panelWidth : Math.min(WIDTH, Math.max(200, 80 * xAxis.values.length)),
        height: Math.min(420, Math.max(120, 36 * yAxis.values.length)),
        mark: { type: 'rect', tooltip: true },
        encoding: { x: axisEncoding(xAxis, 'x', true), y: { ...axisEncoding(yAxis, 'y', true), sort: [...yAxis.values].reverse().map((v) => asField(v, yAxis)) }, color, tooltip },
      }
    : {
        width: panelWidth,
        height: 300,
        mark: { type: 'circle', size: 90, opacity: 0.9 },
        encoding: { x: axisEncoding(xAxis, 'x'), y: axisEncoding(yAxis, 'y'), color, tooltip },
      };
  const spec = several
    ? { $schema: VEGA_LITE_SCHEMA, data: { values }, facet: { field: 'group', type: 'nominal', title: 'entrant', sort: [...groups] }, columns: 3, spec: inner }
    : { $schema: VEGA_LITE_SCHEMA, data: { values }, ...inner };
  const caption = heatmap
    ? `Mean of ${metric} over each cell's ok runs, by ${xAxis.name} and ${yAxis.name} (${formatNumber(values.length)} cells${several ? ' per entrant' : ''}); darker is lower, brighter is higher.`
    : `Mean of ${metric} over each sampled cell's ok runs, placed at the cell's ${xAxis.name} and ${yAxis.name} (${formatNumber(values.length)} cells); darker is lower, brighter is higher.`;
  return { kind: heatmap ? 'surface-heatmap' : 'surface-scatter', title: `${metric} over ${xAxis.name} x ${yAxis.name}`, caption, spec };
}
