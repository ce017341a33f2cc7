import { Recorder } from './recorder';
import { MemorySink } from './memory-sink';

describe('Recorder', () => {
  it('flushes full chunks to the sink and keeps memory bounded by the chunk size', () => {
    const sink = new MemorySink();
    const chunks: number[] = [];
    const counting = { ...sink, writeChunk: (t: string, s: never, c: never, rows: number) => { chunks.push(rows); sink.writeChunk(t, s, c); } };
    const recorder = new Recorder(counting, { chunkRows: 4 });
    for (let i = 0; i < 10; i++) recorder.point(i, 'price', i / 10);
    expect(chunks).toEqual([4, 4]);
    recorder.flush();
    expect(chunks).toEqual([4, 4, 2]);
    expect(sink.rows('series').map((r) => r['value'])).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
  });

  it('logs events with increasing ids, causes and exact bigint data', () => {
    const sink = new MemorySink();
    const recorder = new Recorder(sink);
    const a = recorder.event(5, 'news', 'world', 0, { kind: 'default-wave' });
    const b = recorder.event(9, 'swap', 'holder-1', a, { amountIn: 10n ** 30n });
    recorder.metric('liquidations', 3);
    recorder.close();
    expect([a, b]).toEqual([1, 2]);
    expect(sink.rows('events')[1]).toEqual({ t: 9, id: 2, cause: 1, type: 'swap', actor: 'holder-1', data: '{"amountIn":"1000000000000000000000000000000"}' });
    expect(sink.metrics).toEqual({ liquidations: 3 });
  });

  it('shows listeners every event as it is logged, with its data as given, and writes the same rows with or without them', () => {
    const rows = (listen: boolean) => {
      const sink = new MemorySink();
      const recorder = new Recorder(sink, { chunkRows: 2 });
      const seen: unknown[] = [];
      // (a copy: the recorder reuses its event object)
      if (listen) recorder.onEvent((e) => seen.push({ ...e }));
      const a = recorder.event(1, 'news', 'world', 0, { kind: 'rumor' });
      recorder.event(2, 'trade', 'holder-1', a, { amount: 3 });
      recorder.event(3, 'tick', 'clock', 0);
      recorder.close();
      return { rows: sink.rows('events'), seen };
    };
    const listened = rows(true);
    expect(listened.seen).toEqual([
      { t: 1, id: 1, cause: 0, type: 'news', actor: 'world', data: { kind: 'rumor' } },
      { t: 2, id: 2, cause: 1, type: 'trade', actor: 'holder-1', data: { amount: 3 } },
      { t: 3, id: 3, cause: 0, type: 'tick', actor: 'clock', data: undefined },
    ]);
    expect(listened.rows).toEqual(rows(false).rows);
    expect(listened.rows.map((r) => r['data'])).toEqual(['{"kind":"rumor"}', '{"amount":3}', '']);
  });

  it('refuses to redeclare a table with another schema', () => {
    const recorder = new Recorder(new MemorySink());
    recorder.table('positions', { t: 'f64' });
    expect(() => recorder.table('positions', { t: 'str' })).toThrow(/another schema/);
  });
});
