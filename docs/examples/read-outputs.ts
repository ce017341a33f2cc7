import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { finishRunDirectory, gossipDemo, runToDirectory } from '@paradox/lab';

export default async function example(): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), 'paradox-read-outputs-'));
  try {
    // 1. Run a scenario into a directory: series.csv, events.csv/.ndjson, summary.json, manifest.json.
    runToDirectory(gossipDemo, { seed: 7, params: { agents: 200, horizonDays: 2 }, out });

    // 2. Add series.parquet, events.parquet and report.html (and their hashes to manifest.json).
    const { files, report } = await finishRunDirectory(out);
    assert.deepEqual(files, ['events.parquet', 'report.html', 'series.parquet']);
    assert.equal(report.charts, 2); // the series `reach`, and events over time
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    assert.ok(manifest.files['events.parquet']);

    // 3. Read them back with DuckDB: the Parquet has the CSV's rows, with typed columns.
    const db = await DuckDBInstance.create(':memory:');
    const sql = await db.connect();
    try {
      for (const table of ['series', 'events']) {
        const counts = await sql.runAndReadAll(
          `SELECT (SELECT count(*) FROM '${join(out, `${table}.parquet`)}') AS parquet,
                  (SELECT count(*) FROM '${join(out, `${table}.csv`)}') AS csv`,
        );
        const [row] = counts.getRowObjectsJS();
        assert.ok(Number(row!['parquet']) > 0);
        assert.equal(row!['parquet'], row!['csv']);
      }

      // Every agent that heard the news logged a `heard` event: their count is the summary's `reached`.
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { reached: number };
      const byType = await sql.runAndReadAll(
        `SELECT type, count(*) AS n, min(t) / 86400000 AS first_day
           FROM '${join(out, 'events.parquet')}' GROUP BY type ORDER BY n DESC`,
      );
      const heard = byType.getRowObjectsJS().find((r) => r['type'] === 'heard');
      assert.equal(Number(heard!['n']), summary.reached);
    } finally {
      sql.closeSync();
      db.closeSync();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
