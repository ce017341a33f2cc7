import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runToDirectory } from '../run/run-to-directory';
import { gossipDemo } from '../scenarios/gossip-demo';
import { writeSyntheticRun } from './__fixtures__/synthetic-run';
import { writeReport } from './write-report';

// Renders reports in headless Chromium (Debian: `apt-get install -y chromium`) and checks that
// every chart was drawn with data. Without Chromium this test fails: it does not skip.
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function findChromium(): string {
  const configured = process.env['PARADOX_CHROMIUM'];
  if (configured) {
    if (!existsSync(configured)) throw new Error(`PARADOX_CHROMIUM is ${configured}, which does not exist (or install Chromium: \`apt-get install -y chromium\`).`);
    return configured;
  }
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    for (const name of CANDIDATES) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    'Headless Chromium is needed to check that reports render, and none was found (looked for ' +
      `${CANDIDATES.join(', ')} on PATH). Install it with \`apt-get install -y chromium\` (Debian/Ubuntu), ` +
      'or point PARADOX_CHROMIUM at a Chrome or Chromium binary.',
  );
}

/** The page's DOM after its scripts ran (virtual time lets the asynchronous embeds finish). */
function renderedDom(htmlPath: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'paradox-chromium-'));
  try {
    return execFileSync(
      findChromium(),
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--virtual-time-budget=10000',
        '--dump-dom',
        pathToFileURL(htmlPath).href,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Per chart container, in page order: the paths Vega drew in each kind of mark (`line`, `rect`, ...). */
function drawnCharts(dom: string): Map<string, string[]>[] {
  return chartMarkup(dom).map((chart) => {
    const marks = new Map<string, string[]>();
    for (const m of chart.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
      const paths = [...m[2]!.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((p) => p[1]!);
      marks.set(m[1]!, [...(marks.get(m[1]!) ?? []), ...paths]);
    }
    return marks;
  });
}

/** The markup of each chart container, in page order. */
function chartMarkup(dom: string): string[] {
  return dom.split(/<div id="chart-\d+"/).slice(1);
}

function bodyAttribute(dom: string, name: string): string | undefined {
  return new RegExp(`<body[^>]*\\s${name}="([^"]*)"`).exec(dom)?.[1];
}

describe('report in a browser', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'paradox-render-'));

  it('draws every chart of a gossip-demo run, with its data', () => {
    const dir = join(tmp, 'demo');
    runToDirectory(gossipDemo, { seed: 7, params: { agents: 200, horizonDays: 2 }, out: dir });
    const { path, charts } = writeReport(dir);
    const dom = renderedDom(path);
    expect(bodyAttribute(dom, 'data-charts')).toBe(String(charts));
    expect(bodyAttribute(dom, 'data-rendered')).toBe(String(charts));
    expect(dom).not.toContain('chart failed');
    expect(dom.match(/<svg[^>]*class="marks"/g)).toHaveLength(charts);
    const [reach, events] = drawnCharts(dom);
    expect(reach!.get('line')).toHaveLength(1);
    expect(reach!.get('line')![0]!.split('L').length).toBeGreaterThan(40); // 49 hourly samples of reach
    expect(events!.get('rect')!.length).toBeGreaterThan(5); // a bar per hour with events
  }, 60_000);

  it('draws grouped, downsampled series and many event types', () => {
    const dir = join(tmp, 'synthetic');
    writeSyntheticRun(dir);
    const { path, charts } = writeReport(dir);
    expect(charts).toBe(4);
    const dom = renderedDom(path);
    expect(bodyAttribute(dom, 'data-rendered')).toBe('4');
    expect(dom).not.toContain('chart failed');
    const drawn = drawnCharts(dom);
    // bad_debt, liquidations, price.{amm,nav,oracle}: one line per series
    expect(drawn.slice(0, 3).map((c) => c.get('line')?.length)).toEqual([1, 1, 3]);
    expect(drawn[3]!.get('rect')!.length).toBeGreaterThan(30 * 11); // 30 daily bars for most of 12 types
    // The single-sample AMM crash to 0.31 survives downsampling: price's axis reaches down to 0.3.
    expect(chartMarkup(dom)[2]).toMatch(/role-axis-label[\s\S]*?>0\.3</);
  }, 60_000);
});
