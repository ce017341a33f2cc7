import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResultsColumn } from './results-table';

/**
 * Converts a results CSV into Parquet with DuckDB, with the column types the table declares
 * (integers BIGINT, other numbers DOUBLE, booleans BOOLEAN, the rest VARCHAR; empty fields NULL).
 * The output is deterministic: the same CSV gives the same bytes (for one DuckDB version).
 */
export async function writeResultsParquet(csvPath: string, parquetPath: string, columns: readonly ResultsColumn[]): Promise<void> {
  // Loaded on first use: the native module costs ~0.2 s and in-process users may never need it.
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const spec = columns.map((c) => `${sqlString(c.name)}: ${sqlString(c.type)}`).join(', ');
    const source = `read_csv(${sqlString(csvPath)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {${spec}})`;
    await connection.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The tables of an experiment's output directory, queried with DuckDB SQL. */
export interface QueryResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/**
 * Runs a SQL query (DuckDB dialect) over an experiment's output directory, where these views
 * exist when their files do: `results` (results.parquet, else results.csv), `cells`,
 * `leaderboard` and `pairwise`. Any other file can be named by path: `FROM 'dir/x.csv'`.
 */
export async function queryExperiment(dir: string, sql: string): Promise<QueryResult> {
  const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const views: [string, string][] = [];
    const parquet = join(dir, 'results.parquet');
    if (existsSync(parquet)) views.push(['results', `read_parquet(${sqlString(parquet)})`]);
    for (const name of ['results', 'cells', 'leaderboard', 'pairwise']) {
      const csv = join(dir, `${name}.csv`);
      if (existsSync(csv) && !views.some(([v]) => v === name)) views.push([name, `read_csv(${sqlString(csv)}, header = true)`]);
    }
    for (const [name, source] of views) await connection.run(`CREATE VIEW ${name} AS SELECT * FROM ${source}`);
    const reader = await connection.runAndReadAll(sql);
    return { columns: reader.columnNames(), rows: reader.getRowsJS() };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
