import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../output/write-run';
import { runToDirectory } from '../run/run-to-directory';
import { gossipDemo } from '../scenarios/gossip-demo';
import { writeSyntheticRun } from './__fixtures__/synthetic-run';
import { finishRunDirectory } from './finish-run-directory';
import { jsonScriptSafe, scriptSafe } from './html';
import { writeReport } from './write-report';

interface EmbeddedChart {
  kind: string;
  title: string;
  data: { series?: string[]; t?: number[][]; types?: string[] };
}

function embeddedCharts(html: string): EmbeddedChart[] {
  const match = /<script type="application\/json" id="paradox-charts">(.*?)<\/script>/s.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]!) as EmbeddedChart[];
}

const MiB = 1 << 20;
const tmp = mkdtempSync(join(tmpdir(), 'paradox-report-'));
const small = { agents: 200, horizonDays: 2 };

describe('writeReport', () => {
  it('writes one offline page for a run: title, summary, a chart per series group and the events', () => {
    const dir = join(tmp, 'demo');
    runToDirectory(gossipDemo, { seed: 5, params: small, out: dir });
    const info = writeReport(dir);
    expect(info).toEqual({ path: join(dir, 'report.html'), bytes: expect.any(Number), charts: 2 });
    const html = readFileSync(info.path, 'utf8');
    expect(Buffer.byteLength(html)).toBe(info.bytes);
    expect(info.bytes).toBeLessThan(MiB);
    expect(html).toContain('<title>gossip-demo, seed 5</title>');
    expect(html).toContain('<body data-charts="2"');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { reached: number };
    expect(html).toContain(`<th><code>reached</code></th><td class="num">${summary.reached}</td>`);
    expect(html).toContain('<th><code>params.agents</code></th><td class="num">200</td>');
    // Self-contained: nothing is fetched.
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import/i);
    for (const lib of ['vega 6.4.0', 'vega-lite 6.4.3', 'vega-embed 7.3.0']) expect(html).toContain(`<script>/* ${lib} */`);
    const charts = embeddedCharts(html);
    expect(charts.map((c) => [c.kind, c.title])).toEqual([['series', 'reach'], ['events', 'events over time']]);
    expect(charts[1]!.data.types).toEqual(['heard', 'news']);
    expect(html).toContain('Events per hour, stacked by type');
  });

  it('gives the same bytes for the same run', () => {
    const a = join(tmp, 'same-a');
    const b = join(tmp, 'same-b');
    runToDirectory(gossipDemo, { seed: 9, params: small, out: a });
    runToDirectory(gossipDemo, { seed: 9, params: small, out: b });
    writeReport(a);
    const first = readFileSync(join(a, 'report.html'));
    writeReport(a);
    writeReport(b);
    expect(readFileSync(join(a, 'report.html')).equals(first)).toBe(true);
    expect(readFileSync(join(b, 'report.html')).equals(first)).toBe(true);
  });

  it('groups series by prefix, downsamples long series and keeps a large run under 1 MiB', () => {
    const dir = join(tmp, 'synthetic');
    writeSyntheticRun(dir);
    const info = writeReport(dir);
    expect(info.bytes).toBeLessThan(MiB);
    const charts = embeddedCharts(readFileSync(info.path, 'utf8'));
    expect(charts.map((c) => c.title)).toEqual(['bad_debt', 'liquidations', 'price', 'events over time']);
    const price = charts[2]!;
    expect(price.data.series).toEqual(['price.amm', 'price.nav', 'price.oracle']);
    const lengths = price.data.t!.map((t) => t.length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(2000);
    expect(lengths[1]).toBe(721); // price.nav: hourly, short enough to keep whole
    expect((price.data as { v: number[][] }).v[0]).toContain(0.31); // price.amm's single-sample crash survives
    const events = charts[3]!;
    expect(events.data.types).toHaveLength(12);
    expect(events.data.types![11]).toBe('(other: 4 types)');
    const fewer = writeReport(dir, { maxPointsPerSeries: 200, maxEventTypes: 20, title: 'A <test>', file: 'small.html' });
    const html = readFileSync(fewer.path, 'utf8');
    expect(html).toContain('<title>A &lt;test&gt;</title>');
    const price200 = embeddedCharts(html)[2]!;
    expect(Math.max(...price200.data.t!.map((t) => t.length))).toBeLessThanOrEqual(200);
    expect(embeddedCharts(html)[3]!.data.types).toHaveLength(15);
  });

  it('copes with a directory missing its CSVs, and names a missing directory', () => {
    const dir = join(tmp, 'bare');
    mkdirSync(dir);
    writeFileSync(join(dir, 'summary.json'), '{"x": 1}');
    const info = writeReport(dir);
    expect(info.charts).toBe(0);
    const html = readFileSync(info.path, 'utf8');
    expect(html).toContain('No series.csv in the run directory.');
    expect(html).toContain('<title>Run in bare</title>');
    expect(() => writeReport(join(tmp, 'nowhere'))).toThrow(/no run directory at .*nowhere/);
    writeFileSync(join(dir, 'series.csv'), 'time,name,v\n0,a,1\n');
    expect(() => writeReport(dir)).toThrow(/series\.csv: the header has no column t, series, value/);
  });

  it('keeps text from ending the script elements it is inlined in', () => {
    expect(scriptSafe('a="</script>";b="<!--"')).toBe('a="<\\/script>";b="<\\!--"');
    const json = jsonScriptSafe(JSON.stringify({ s: '</script><!--' }));
    expect(json).not.toMatch(/<\/script|<!--/);
    expect(JSON.parse(json)).toEqual({ s: '</script><!--' });
  });
});

describe('finishRunDirectory', () => {
  it('adds Parquet and the report, lists their hashes in the manifest, and changes nothing when run again', async () => {
    const dir = join(tmp, 'finish');
    runToDirectory(gossipDemo, { seed: 4, params: small, out: dir });
    const before = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    const result = await finishRunDirectory(dir);
    expect(result.files).toEqual(['events.parquet', 'report.html', 'series.parquet']);
    expect(result.report.charts).toBe(2);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files).sort()).toEqual([...Object.keys(before.files), ...result.files].sort());
    for (const [name, hash] of Object.entries(manifest.files)) expect(sha256(readFileSync(join(dir, name)))).toBe(hash);
    // The report's file table lists the run's own outputs, not what was derived from them.
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).not.toContain('<code>series.parquet</code>');

    const snapshot = ['manifest.json', ...result.files].map((f) => readFileSync(join(dir, f)));
    await finishRunDirectory(dir);
    ['manifest.json', ...result.files].forEach((f, i) => expect(readFileSync(join(dir, f)).equals(snapshot[i]!)).toBe(true));
    expect(existsSync(join(dir, 'timing.json'))).toBe(true);
  });
});
