import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { forEachCsvRecord } from '../report/read-csv';
import { runToDirectory } from '../run/run-to-directory';
import { gossipDemo } from '../scenarios/gossip-demo';
import { writeParquet } from './parquet';

async function readParquet(path: string): Promise<{ types: Record<string, string>; rows: Record<string, unknown>[] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${path.replace(/'/g, "''")}')`);
    const types: Record<string, string> = {};
    reader.columnNames().forEach((name, i) => (types[name] = String(reader.columnTypes()[i])));
    return { types, rows: reader.getRowObjectsJS() as Record<string, unknown>[] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** The CSV's rows as the Parquet should hold them, given the column types. */
function csvRows(path: string, types: Record<string, string>): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let header: string[] | undefined;
  forEachCsvRecord(path, (fields) => {
    if (!header) return void (header = fields);
    const row: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const text = fields[i]!;
      const type = types[name];
      row[name] = type === 'BIGINT' ? BigInt(text) : type === 'DOUBLE' ? Number(text) : name === 'data' && text === '' ? null : text;
    });
    rows.push(row);
  });
  return rows;
}

describe('writeParquet', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'paradox-parquet-'));
  const run = join(tmp, 'run');
  beforeAll(() => {
    runToDirectory(gossipDemo, { seed: 3, params: { agents: 200, horizonDays: 2 }, out: run });
  });

  it('turns a run’s series.csv and events.csv into Parquet with the same rows and typed columns', async () => {
    await writeParquet(run);
    const series = await readParquet(join(run, 'series.parquet'));
    expect(series.types).toEqual({ t: 'BIGINT', series: 'VARCHAR', value: 'DOUBLE' });
    expect(series.rows.length).toBeGreaterThan(40);
    expect(series.rows).toEqual(csvRows(join(run, 'series.csv'), series.types));

    const events = await readParquet(join(run, 'events.parquet'));
    expect(events.types).toEqual({ t: 'BIGINT', id: 'BIGINT', cause: 'BIGINT', type: 'VARCHAR', actor: 'VARCHAR', data: 'VARCHAR' });
    expect(events.rows.length).toBeGreaterThan(50);
    expect(events.rows).toEqual(csvRows(join(run, 'events.csv'), events.types));
    expect(JSON.parse(events.rows[0]!['data'] as string)).toEqual({ headline: 'fund marks down loans' });
  });

  it('gives byte-identical Parquet for the same CSV, written twice or elsewhere', async () => {
    const other = join(tmp, 'copy');
    mkdirSync(other);
    for (const f of ['series.csv', 'events.csv']) copyFileSync(join(run, f), join(other, f));
    await writeParquet(run);
    const first = ['series', 'events'].map((t) => readFileSync(join(run, `${t}.parquet`)));
    await writeParquet(run);
    await writeParquet(other);
    for (const [i, t] of ['series', 'events'].entries()) {
      expect(readFileSync(join(run, `${t}.parquet`)).equals(first[i]!)).toBe(true);
      expect(readFileSync(join(other, `${t}.parquet`)).equals(first[i]!)).toBe(true);
    }
  });

  it('keeps quoted text, empty fields and non-integral numbers exactly', async () => {
    const dir = join(tmp, 'awkward');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'events.csv'),
      [
        't,id,cause,type,actor,data',
        '0.5,1,0,news,,',
        '1e3,2,1,"a,b","say ""hi""\nthere","{""k"":[1,2]}"',
        '1000.25,3,2,trade,bot-1,"{""x"":""é ✓""}"',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'series.csv'), 't,series,value\n0,price.amm,1\n0,price.nav,NaN\n60000,price.amm,-Infinity\n60000,"odd,name",0.1\n');
    await writeParquet(dir);
    const events = await readParquet(join(dir, 'events.parquet'));
    expect(events.types['t']).toBe('DOUBLE'); // 0.5 is not an integer, so t is not rounded into BIGINT
    expect(events.types['id']).toBe('BIGINT');
    expect(events.rows).toEqual([
      { t: 0.5, id: 1n, cause: 0n, type: 'news', actor: '', data: null },
      { t: 1000, id: 2n, cause: 1n, type: 'a,b', actor: 'say "hi"\nthere', data: '{"k":[1,2]}' },
      { t: 1000.25, id: 3n, cause: 2n, type: 'trade', actor: 'bot-1', data: '{"x":"é ✓"}' },
    ]);
    const series = await readParquet(join(dir, 'series.parquet'));
    expect(series.rows).toEqual([
      { t: 0n, series: 'price.amm', value: 1 },
      { t: 0n, series: 'price.nav', value: NaN },
      { t: 60000n, series: 'price.amm', value: -Infinity },
      { t: 60000n, series: 'odd,name', value: 0.1 },
    ]);
  });

  it('converts only the CSVs that exist', async () => {
    const dir = join(tmp, 'only-series');
    mkdirSync(dir);
    writeFileSync(join(dir, 'series.csv'), 't,series,value\n0,x,1\n');
    await writeParquet(dir);
    expect(existsSync(join(dir, 'series.parquet'))).toBe(true);
    expect(existsSync(join(dir, 'events.parquet'))).toBe(false);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    await expect(writeParquet(empty)).resolves.toBeUndefined();
  });
});
