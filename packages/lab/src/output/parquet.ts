import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

/** The CSV tables converted to Parquet, with the types of their columns as FileSink writes them. */
const TABLES: readonly { name: string; columns: readonly (readonly [string, 'number' | 'string' | 'nullable-string'])[] }[] = [
  { name: 'series', columns: [['t', 'number'], ['series', 'string'], ['value', 'number']] },
  {
    name: 'events',
    columns: [['t', 'number'], ['id', 'number'], ['cause', 'number'], ['type', 'string'], ['actor', 'string'], ['data', 'nullable-string']],
  },
];

/** Columns that hold integers by construction and become BIGINT when every value is one. */
const INTEGER_CANDIDATES = new Set(['t', 'id', 'cause']);

/**
 * Converts `series.csv` and `events.csv` in `dir` (each if present) into `series.parquet` and
 * `events.parquet`, with DuckDB. Types: `t`, `id` and `cause` are BIGINT when every value is a
 * whole number (virtual time and event ids always are) and DOUBLE otherwise; `value` is DOUBLE;
 * `series`, `type` and `actor` are VARCHAR (an empty field stays the empty string); `data` is
 * VARCHAR holding JSON, NULL where the event has no payload. Row order is the CSV's.
 *
 * The output is deterministic: the same CSV gives byte-identical Parquet (ZSTD-compressed; the
 * footer names the DuckDB version, so a DuckDB upgrade may change the bytes).
 */
export async function writeParquet(dir: string): Promise<void> {
  const present = TABLES.filter((t) => existsSync(join(dir, `${t.name}.csv`)));
  if (present.length === 0) return;
  // Loaded on first use: the native module costs ~0.2 s to load and most users of the lab never need it.
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const table of present) {
      await convert(connection, join(dir, `${table.name}.csv`), join(dir, `${table.name}.parquet`), table.columns);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function convert(
  connection: DuckDBConnection,
  csv: string,
  parquet: string,
  columns: readonly (readonly [string, 'number' | 'string' | 'nullable-string'])[],
): Promise<void> {
  const source = (types: Record<string, string>) => {
    const spec = columns.map(([name]) => `${sqlString(name)}: ${sqlString(types[name]!)}`).join(', ');
    const notNull = columns.filter(([, kind]) => kind === 'string').map(([name]) => sqlString(name));
    return (
      `read_csv(${sqlString(csv)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
      `columns = {${spec}}, force_not_null = [${notNull.join(', ')}])`
    );
  };
  const asRead: Record<string, string> = {};
  for (const [name, kind] of columns) asRead[name] = kind === 'number' ? 'DOUBLE' : 'VARCHAR';

  // DuckDB would round 1.5 to 2 if asked to read it as BIGINT, so look first.
  const integral = columns.filter(([name]) => INTEGER_CANDIDATES.has(name)).map(([name]) => name);
  const final = { ...asRead };
  if (integral.length > 0) {
    const checks = integral.map((c) => `count(*) FILTER (WHERE ${ident(c)} IS NOT NULL AND NOT (isfinite(${ident(c)}) AND ${ident(c)} = trunc(${ident(c)}) AND abs(${ident(c)}) <= 9007199254740991)) AS ${ident(c)}`);
    const reader = await connection.runAndReadAll(`SELECT ${checks.join(', ')} FROM ${source(asRead)}`);
    const row = reader.getRowObjectsJS()[0] ?? {};
    for (const c of integral) if (Number(row[c] ?? 0) === 0) final[c] = 'BIGINT';
  }
  const select = columns.map(([name]) => (final[name] === asRead[name] ? ident(name) : `CAST(${ident(name)} AS ${final[name]}) AS ${ident(name)}`));
  await connection.run(`COPY (SELECT ${select.join(', ')} FROM ${source(asRead)}) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd)`);
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
