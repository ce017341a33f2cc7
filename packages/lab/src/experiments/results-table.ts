import type { RunSpec } from './run-spec';
import type { RunStore } from './run-store';

export type Scalar = number | string | boolean | null;

/** One row of the results table: one run. */
export interface ResultRow {
  readonly run: number;
  readonly runId: string;
  readonly scenario: string;
  readonly cell: number;
  readonly entrant: string | null;
  readonly replication: number;
  readonly seed: number;
  /** `ok`; `failed` (a run outside a tournament failed); `disqualified` (an entrant's run failed). */
  readonly status: 'ok' | 'failed' | 'disqualified';
  /** Why the run failed or the entrant was disqualified, else empty. */
  readonly error: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** The scenario's summary; empty for failed and disqualified runs (their partial values stay in the store). */
  readonly metrics: Readonly<Record<string, Scalar>>;
}

/** Keys summary.json adds around the scenario's own summary. */
const SUMMARY_ENVELOPE = new Set(['scenario', 'seed', 'error']);

/** The rows of the finished runs among `specs`, in plan order, and the specs not finished yet. */
export function collectResults(specs: readonly RunSpec[], store: RunStore): { rows: ResultRow[]; missing: RunSpec[] } {
  const rows: ResultRow[] = [];
  const missing: RunSpec[] = [];
  for (const spec of specs) {
    if (!store.has(spec.id)) {
      missing.push(spec);
      continue;
    }
    const manifest = store.readManifest(spec.id);
    const error = manifest.outcome.error ?? '';
    const metrics: Record<string, Scalar> = {};
    if (!error) {
      for (const [key, value] of Object.entries(store.readSummary(spec.id))) if (!SUMMARY_ENVELOPE.has(key)) metrics[key] = value as Scalar;
    }
    rows.push({
      run: spec.index,
      runId: spec.id,
      scenario: spec.scenario,
      cell: spec.cell,
      entrant: spec.entrant,
      replication: spec.replication,
      seed: spec.seed,
      status: error ? (spec.entrant === null ? 'failed' : 'disqualified') : 'ok',
      error,
      params: spec.params,
      metrics,
    });
  }
  return { rows, missing };
}

const FIXED_COLUMNS = ['run', 'run_id', 'scenario', 'cell', 'entrant', 'replication', 'seed', 'status', 'error'];

/** Column names of the metric keys, sorted; a metric named like a fixed column gets `metric_` in front. */
export function metricColumns(rows: readonly ResultRow[]): { key: string; column: string }[] {
  const seen = new Map<string, string>();
  for (const row of rows) {
    for (const key of Object.keys(row.metrics)) {
      if (!seen.has(key)) seen.set(key, FIXED_COLUMNS.includes(key) || key.startsWith('param_') ? `metric_${key}` : key);
    }
  }
  return [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, column]) => ({ key, column }));
}

/** A column of the results table and its SQL type (for Parquet and DuckDB). */
export interface ResultsColumn {
  readonly name: string;
  readonly type: 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR';
}

const FIXED_TYPES: readonly ResultsColumn['type'][] = ['BIGINT', 'VARCHAR', 'VARCHAR', 'BIGINT', 'VARCHAR', 'BIGINT', 'BIGINT', 'VARCHAR', 'VARCHAR'];

/**
 * The results table: `run, run_id, scenario, cell, entrant, replication, seed, status, error`,
 * then `param_<name>` for every scenario parameter, then every summary metric (each group sorted
 * by name, so the columns do not depend on where the runs came from), with each column's type.
 * CSV rows in plan order; numbers in JavaScript's shortest round-trip form, so equal results
 * give equal bytes; empty fields are missing values.
 */
export function resultsTable(rows: readonly ResultRow[]): { columns: ResultsColumn[]; csv: string } {
  const paramKeys = orderedKeys(rows.map((r) => r.params));
  const metrics = metricColumns(rows);
  const columns: ResultsColumn[] = [
    ...FIXED_COLUMNS.map((name, i) => ({ name, type: FIXED_TYPES[i]! })),
    ...paramKeys.map((k) => ({ name: `param_${k}`, type: sqlType(rows.map((r) => r.params[k])) })),
    ...metrics.map((m) => ({ name: m.column, type: sqlType(rows.map((r) => r.metrics[m.key])) })),
  ];
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const row of rows) {
    const fields: unknown[] = [row.run, row.runId, row.scenario, row.cell, row.entrant ?? '', row.replication, row.seed, row.status, row.error];
    for (const key of paramKeys) fields.push(row.params[key]);
    for (const { key } of metrics) fields.push(row.metrics[key]);
    lines.push(fields.map(csvField).join(','));
  }
  return { columns, csv: lines.join('\n') + '\n' };
}

/** The results table as CSV (see {@link resultsTable}). */
export function resultsCsv(rows: readonly ResultRow[]): string {
  return resultsTable(rows).csv;
}

function sqlType(values: readonly unknown[]): ResultsColumn['type'] {
  const present = values.filter((v) => v !== null && v !== undefined && !(typeof v === 'number' && !Number.isFinite(v)));
  if (present.length === 0) return 'VARCHAR';
  if (present.every((v) => typeof v === 'boolean')) return 'BOOLEAN';
  if (present.every((v) => typeof v === 'number')) return present.every((v) => Number.isSafeInteger(v)) ? 'BIGINT' : 'DOUBLE';
  return 'VARCHAR';
}

/**
 * Per sweep cell (and entrant): the swept values, runs, failures, and mean and standard deviation
 * of every numeric metric over the ok runs: the response surface of a sweep. With `byScenario`
 * (an experiment over several scenarios) the groups are per scenario too, with a leading
 * `scenario` column.
 */
export function cellsCsv(rows: readonly ResultRow[], specs: readonly RunSpec[], options: { byScenario?: boolean } = {}): string {
  const byScenario = options.byScenario ?? false;
  const cellParams = new Map(specs.map((s) => [s.cell, s.cellParams]));
  const swept = orderedKeys([...cellParams.values()]);
  const metrics = metricColumns(rows).filter(({ key }) => rows.some((r) => typeof r.metrics[key] === 'number'));
  const groups = new Map<string, ResultRow[]>();
  for (const row of rows) {
    const key = `${byScenario ? row.scenario : ''}\u0000${row.cell}\u0000${row.entrant ?? ''}`;
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  const header = [...(byScenario ? ['scenario'] : []), 'cell', 'entrant', ...swept.map((k) => `param_${k}`), 'runs', 'ok', ...metrics.flatMap((m) => [`${m.column}_mean`, `${m.column}_sd`])];
  const lines = [header.map(csvField).join(',')];
  for (const group of groups.values()) {
    const first = group[0]!;
    const ok = group.filter((r) => r.status === 'ok');
    const fields: unknown[] = [...(byScenario ? [first.scenario] : []), first.cell, first.entrant ?? '', ...swept.map((k) => cellParams.get(first.cell)?.[k]), group.length, ok.length];
    for (const { key } of metrics) {
      const values = ok.map((r) => r.metrics[key]).filter((v): v is number => typeof v === 'number');
      const m = values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
      const sd = values.length > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - m) * (v - m), 0) / (values.length - 1)) : NaN;
      fields.push(m, sd);
    }
    lines.push(fields.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

function orderedKeys(objects: readonly Readonly<Record<string, unknown>>[]): string[] {
  const keys = new Set<string>();
  for (const o of objects) for (const k of Object.keys(o)) keys.add(k);
  return [...keys].sort();
}

/** One CSV field: numbers as is (NaN and infinities empty), strings quoted when needed, objects as JSON. */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
