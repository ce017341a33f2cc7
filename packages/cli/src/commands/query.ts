import { existsSync } from 'node:fs';
import { queryExperiment } from '@paradox/lab';
import type { CliIo } from '../main';

export interface QueryCliOptions {
  dir: string;
  format: 'table' | 'csv' | 'json';
}

/** `paradox query "SQL"`: DuckDB SQL over an experiment's results (views results, cells, leaderboard, pairwise). */
export async function queryCommand(sql: string, options: QueryCliOptions, io: CliIo): Promise<number> {
  if (!existsSync(options.dir)) throw new Error(`--dir: no such directory "${options.dir}"`);
  const { columns, rows } = await queryExperiment(options.dir, sql);
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v, bigints) : String(v));
  if (options.format === 'json') {
    for (const row of rows) io.out(JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, row[i]])), bigints) + '\n');
  } else if (options.format === 'csv') {
    const field = (v: unknown) => {
      const s = text(v);
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    io.out(columns.map(field).join(',') + '\n');
    for (const row of rows) io.out(row.map(field).join(',') + '\n');
  } else {
    const cells = [columns as readonly unknown[], ...rows].map((r) => r.map(text));
    const widths = columns.map((_, i) => Math.min(60, Math.max(...cells.map((r) => r[i]!.length))));
    const line = (r: string[]) => r.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join('  ').trimEnd();
    io.out(line(cells[0]!) + '\n' + widths.map((w) => '-'.repeat(w)).join('  ') + '\n');
    for (const r of cells.slice(1)) io.out(line(r) + '\n');
    io.out(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
  }
  return 0;
}

function bigints(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
}
