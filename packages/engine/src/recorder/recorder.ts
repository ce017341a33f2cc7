import { type Row, type Schema, type Sink, TableWriter } from './table';

export const SERIES_SCHEMA = { t: 'f64', series: 'str', value: 'f64' } as const;
export const EVENT_SCHEMA = {
  t: 'f64',
  id: 'f64',
  cause: 'f64',
  type: 'str',
  actor: 'str',
  data: 'str',
} as const;

/** An event as it is logged, before its data is serialised. */
export interface LoggedEvent {
  readonly t: number;
  readonly id: number;
  readonly cause: number;
  readonly type: string;
  readonly actor: string;
  readonly data: unknown;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RecorderOptions {
  /** Rows per chunk: the memory bound of each table before it is handed to the sink (default {@link DEFAULT_CHUNK_ROWS}). */
  chunkRows?: number;
}

/**
 * Rows a table holds before it hands them to its sink. Small enough that a chunk's strings
 * (an event's JSON) usually reach the sink and die before the next scavenge: at 8,192 rows most
 * of them outlived one and were copied by the collector, then promoted (spot cascade-bench at a
 * million holders: about 1 s of its 30 on one core). Large enough that a file sink writes in
 * blocks of a few hundred kB.
 */
const DEFAULT_CHUNK_ROWS = 1024;

/**
 * Everything a run records, in columnar tables flushed to a sink in bounded chunks:
 * `series` (long format: t, series, value), `events` (t, id, cause, type, actor, data as JSON)
 * and any table a model declares, plus scalar run metrics.
 */
export class Recorder {
  private readonly tables = new Map<string, TableWriter<Schema>>();
  private readonly metricValues: Record<string, number | string> = {};
  private nextEventId = 1;
  private readonly eventListeners: ((event: LoggedEvent) => void)[] = [];
  private readonly currentPoint: Mutable<Row<typeof SERIES_SCHEMA>> = { t: 0, series: '', value: 0 };
  private readonly current: Mutable<LoggedEvent> = { t: 0, id: 0, cause: 0, type: '', actor: '', data: undefined };
  readonly series: TableWriter<typeof SERIES_SCHEMA>;
  readonly events: TableWriter<typeof EVENT_SCHEMA>;

  constructor(
    readonly sink: Sink,
    private readonly options: RecorderOptions = {},
  ) {
    this.series = this.table('series', SERIES_SCHEMA);
    this.events = this.table('events', EVENT_SCHEMA);
  }

  table<S extends Schema>(name: string, schema: S): TableWriter<S> {
    const existing = this.tables.get(name);
    if (existing) {
      if (JSON.stringify(existing.schema) !== JSON.stringify(schema)) {
        throw new Error(`table "${name}" already declared with another schema`);
      }
      return existing as unknown as TableWriter<S>;
    }
    const writer = new TableWriter(name, schema, this.sink, this.options.chunkRows ?? DEFAULT_CHUNK_ROWS);
    this.tables.set(name, writer as unknown as TableWriter<Schema>);
    return writer;
  }

  point(t: number, series: string, value: number): void {
    // (one row object for every point, as for events: the table copies its fields)
    const row = this.currentPoint;
    row.t = t;
    row.series = series;
    row.value = value;
    this.series.append(row);
  }

  /**
   * Logs an event and returns its id (ids start at 1 and increase: 0 means "no cause").
   * `data` is stored as JSON; bigints become strings so amounts stay exact.
   */
  event(t: number, type: string, actor: string, cause: number, data?: unknown): number {
    const id = this.nextEventId++;
    // One object serves every call (a run logs millions of events): the table copies its fields
    // as the row, its data as JSON; listeners then see it with the data as given, while called.
    const event = this.current;
    event.t = t;
    event.id = id;
    event.cause = cause;
    event.type = type;
    event.actor = actor;
    event.data = data === undefined ? '' : toJson(data);
    this.events.append(event as Row<typeof EVENT_SCHEMA>);
    event.data = data;
    for (const listener of this.eventListeners) listener(event);
    event.data = undefined; // (nothing logged stays reachable through it)
    return id;
  }

  /**
   * Calls `listener` with every event as it is logged (metrics that follow cause links, live
   * dashboards). Listeners observe; they must not log events themselves. The event object is
   * the recorder's own and is reused for the next event: copy what you keep.
   */
  onEvent(listener: (event: LoggedEvent) => void): void {
    this.eventListeners.push(listener);
  }

  metric(name: string, value: number | string): void {
    this.metricValues[name] = value;
  }

  get metrics(): Readonly<Record<string, number | string>> {
    return this.metricValues;
  }

  /** Hands every partly filled chunk and the metrics to the sink. Safe to call repeatedly. */
  flush(): void {
    for (const table of this.tables.values()) table.flush();
    this.sink.writeMetrics?.(this.metricValues);
  }

  close(): void {
    this.flush();
    this.sink.close?.();
  }
}

/** JSON with bigints as strings. The replacer is slow, so it runs only when a bigint is there. */
function toJson(data: unknown): string {
  try {
    return JSON.stringify(data);
  } catch (error) {
    if (error instanceof TypeError) return JSON.stringify(data, bigintAsString);
    throw error;
  }
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
