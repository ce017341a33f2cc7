import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnChunk, Schema, Sink } from '@paradox/engine';

/**
 * Streams every table to `<dir>/<table>.csv` as its chunks fill, so memory stays bounded by the
 * recorder's chunk size however long the run. The `events` table is also written as NDJSON
 * (`events.ndjson`) with its JSON payload inlined. Numbers are written in JavaScript's shortest
 * round-trip form: exact and identical across runs.
 */
export class FileSink implements Sink {
  private readonly files = new Map<string, number>();
  metrics: Record<string, number | string> = {};

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  writeChunk(table: string, schema: Schema, chunk: ColumnChunk<Schema>, rows: number): void {
    const names = Object.keys(schema);
    const columns = chunk as Record<string, ArrayLike<number | string>>;
    const csv = this.open(`${table}.csv`, names.join(',') + '\n');
    let text = '';
    for (let i = 0; i < rows; i++) {
      let line = '';
      for (let c = 0; c < names.length; c++) {
        const v = columns[names[c]!]![i]!;
        line += (c ? ',' : '') + (typeof v === 'number' ? String(v) : csvQuote(v));
      }
      text += line + '\n';
      if (text.length > 1 << 20) {
        writeSync(csv, text);
        text = '';
      }
    }
    writeSync(csv, text);
    if (table === 'events') this.writeEventsNdjson(columns, rows);
  }

  writeMetrics(metrics: Readonly<Record<string, number | string>>): void {
    this.metrics = { ...this.metrics, ...metrics };
  }

  close(): void {
    for (const fd of this.files.values()) closeSync(fd);
    this.files.clear();
  }

  private writeEventsNdjson(columns: Record<string, ArrayLike<number | string>>, rows: number): void {
    const fd = this.open('events.ndjson', '');
    let text = '';
    for (let i = 0; i < rows; i++) {
      const data = columns['data']![i] as string;
      text += `{"t":${columns['t']![i]},"id":${columns['id']![i]},"cause":${columns['cause']![i]},"type":${JSON.stringify(columns['type']![i])},"actor":${JSON.stringify(columns['actor']![i])}${data ? `,"data":${data}` : ''}}\n`;
      if (text.length > 1 << 20) {
        writeSync(fd, text);
        text = '';
      }
    }
    writeSync(fd, text);
  }

  private open(name: string, header: string): number {
    let fd = this.files.get(name);
    if (fd === undefined) {
      fd = openSync(join(this.dir, name), 'w');
      if (header) writeSync(fd, header);
      this.files.set(name, fd);
    }
    return fd;
  }
}

function csvQuote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
