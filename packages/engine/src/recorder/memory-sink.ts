import type { ColumnChunk, Schema, Sink } from './table';

/** Keeps every chunk in memory: for tests, reports of small runs, and in-process analysis. */
export class MemorySink implements Sink {
  private readonly tables = new Map<string, { schema: Schema; chunks: ColumnChunk<Schema>[] }>();
  metrics: Record<string, number | string> = {};

  writeChunk(table: string, schema: Schema, chunk: ColumnChunk<Schema>): void {
    let entry = this.tables.get(table);
    if (!entry) {
      entry = { schema, chunks: [] };
      this.tables.set(table, entry);
    }
    entry.chunks.push(chunk);
  }

  writeMetrics(metrics: Readonly<Record<string, number | string>>): void {
    this.metrics = { ...this.metrics, ...metrics };
  }

  tableNames(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** All rows of a table as objects (convenient, not fast). */
  rows(table: string): Record<string, number | string>[] {
    const entry = this.tables.get(table);
    if (!entry) return [];
    const names = Object.keys(entry.schema);
    const out: Record<string, number | string>[] = [];
    for (const chunk of entry.chunks) {
      const columns = chunk as Record<string, ArrayLike<number | string>>;
      const length = columns[names[0]!]!.length;
      for (let i = 0; i < length; i++) {
        const row: Record<string, number | string> = {};
        for (const name of names) row[name] = columns[name]![i]!;
        out.push(row);
      }
    }
    return out;
  }
}
