/** Column types: 'f64' numbers (times, prices, amounts as floats) or 'str' text. */
export type ColumnType = 'f64' | 'str';
export type Schema = Readonly<Record<string, ColumnType>>;

/** A chunk of rows in columnar form: Float64Array for numbers, string[] for text. */
export type ColumnChunk<S extends Schema> = {
  readonly [K in keyof S]: S[K] extends 'f64' ? Float64Array : string[];
};

export type Row<S extends Schema> = { [K in keyof S]: S[K] extends 'f64' ? number : string };

/** Where full chunks go: memory, files, a database. Chunks are owned by the sink once written. */
export interface Sink {
  writeChunk(table: string, schema: Schema, chunk: ColumnChunk<Schema>, rows: number): void;
  writeMetrics?(metrics: Readonly<Record<string, number | string>>): void;
  close?(): void;
}

/**
 * An append-only table in fixed-size columnar chunks. Memory stays bounded by one chunk per
 * table: when a chunk fills it goes to the sink and a fresh one starts.
 */
export class TableWriter<S extends Schema> {
  private chunk!: Record<string, Float64Array | string[]>;
  private rows = 0;
  private written = 0;
  private readonly names: string[];

  constructor(
    readonly name: string,
    readonly schema: S,
    private readonly sink: Sink,
    private readonly chunkRows: number,
  ) {
    this.names = Object.keys(schema);
    this.fresh();
  }

  /** Rows appended so far, flushed or not. */
  get rowCount(): number {
    return this.written + this.rows;
  }

  append(row: Row<S>): void {
    const r = row as Record<string, number | string>;
    for (const name of this.names) (this.chunk[name]!)[this.rows] = r[name] as never;
    if (++this.rows === this.chunkRows) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    const out: Record<string, Float64Array | string[]> = {};
    for (const name of this.names) {
      const column = this.chunk[name]!;
      out[name] = column instanceof Float64Array ? column.subarray(0, this.rows) : column.slice(0, this.rows);
    }
    this.sink.writeChunk(this.name, this.schema, out as ColumnChunk<Schema>, this.rows);
    this.written += this.rows;
    this.fresh();
  }

  private fresh(): void {
    this.chunk = {};
    for (const name of this.names) {
      this.chunk[name] = this.schema[name] === 'f64' ? new Float64Array(this.chunkRows) : new Array<string>(this.chunkRows);
    }
    this.rows = 0;
  }
}
