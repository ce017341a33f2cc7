import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Helpers for tests that render reports in headless Chromium (Debian: `apt-get install -y
// chromium`). Without Chromium they throw: a report test fails rather than skips.
const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string {
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
export function renderedDom(htmlPath: string, budgetMs = 10_000): string {
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
        `--virtual-time-budget=${budgetMs}`,
        '--dump-dom',
        pathToFileURL(htmlPath).href,
      ],
      { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 90_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The markup of each chart container (`<div id="chart-N">`), in page order. */
export function chartMarkup(dom: string): string[] {
  return dom.split(/<div id="chart-\d+"/).slice(1);
}

/** Per chart container, in page order: the SVG paths Vega drew in each kind of mark (`line`, `rect`, `symbol`, ...). */
export function drawnCharts(dom: string): Map<string, string[]>[] {
  return chartMarkup(dom).map((chart) => {
    const marks = new Map<string, string[]>();
    for (const m of chart.matchAll(/<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)<\/g>/gs)) {
      const paths = [...m[2]!.matchAll(/<path[^>]*\sd="([^"]+)"/g)].map((p) => p[1]!);
      marks.set(m[1]!, [...(marks.get(m[1]!) ?? []), ...paths]);
    }
    return marks;
  });
}

export function bodyAttribute(dom: string, name: string): string | undefined {
  return new RegExp(`<body[^>]*\\s${name}="([^"]*)"`).exec(dom)?.[1];
}

/** One group of marks Vega drew: its mark type (`rect`, `rule`, `symbol`, ...), its name (`layer_1_marks`) and how many items it has. */
export interface MarkGroup {
  readonly type: string;
  readonly name: string;
  readonly items: number;
}

/** Per chart container, in page order: every group of marks with its number of drawn items (paths or lines). */
export function markGroups(dom: string): MarkGroup[][] {
  return chartMarkup(dom).map((chart) =>
    [...chart.matchAll(/<g class="mark-(\w+) role-mark ([^"]*)"[^>]*>(.*?)<\/g>/gs)].map((m) => ({
      type: m[1]!,
      name: m[2]!,
      items: (m[3]!.match(/<(path|line)[\s>]/g) ?? []).length,
    })),
  );
}

/** Items drawn in a chart's marks of `type` (and, if given, whose group name is `name`). */
export function countMarks(groups: readonly MarkGroup[], type: string, name?: string): number {
  return groups.filter((g) => g.type === type && (name === undefined || g.name === name)).reduce((n, g) => n + g.items, 0);
}
