import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { canonicalJson } from '../output/canonical-json';
import { runToDirectory } from '../run/run-to-directory';
import { findScenario } from '../scenarios/catalog';

// Golden-output regression test. A few small runs are compared with what they produced when the
// golden files next to this spec were written: the sha256 of every output file (manifest.json's
// `files`: series, events, summary; timing.json holds wall-clock facts and is never hashed) and
// the summary's metrics. Any change in results between versions fails here, naming the files and
// metrics that changed.
//
// Golden values are meant to change when a model changes on purpose (a protocol's math, an
// agent's behaviour, a scenario's setup, the output format). Then accept the new outputs
// deliberately, and commit the golden files with the change that caused them:
//
//   UPDATE_GOLDEN=1 pnpm exec jest packages/lab/src/golden
//
// A change nobody intended is a regression: find it before updating anything.

interface GoldenCase {
  /** File stem of the golden file: `<name>.json` beside this spec. */
  readonly name: string;
  readonly scenario: string;
  readonly seed: number;
  readonly params: Readonly<Record<string, unknown>>;
}

const CASES: readonly GoldenCase[] = [
  { name: 'gossip-demo-small', scenario: 'gossip-demo', seed: 7, params: { agents: 300, horizonDays: 2 } },
  { name: 'cascade-bench-h1000-nav', scenario: 'cascade-bench', seed: 1, params: { holders: 1000, variant: 'nav' } },
  { name: 'cascade-bench-h1000-spot', scenario: 'cascade-bench', seed: 1, params: { holders: 1000, variant: 'spot' } },
];

/** What a golden file holds. `versions` is kept for the reader; it is not compared. */
interface Golden {
  readonly scenario: string;
  readonly seed: number | string;
  readonly params: unknown;
  readonly versions: Record<string, string>;
  readonly outcome: { reason: string; timeMs: number; eventsProcessed: number; error?: string };
  readonly files: Record<string, string>;
  readonly summary: Record<string, unknown>;
}

const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const ACCEPT = 'UPDATE_GOLDEN=1 pnpm exec jest packages/lab/src/golden';
const repoRoot = join(__dirname, '..', '..', '..', '..');

function runCase(c: GoldenCase, dir: string): Golden {
  const { manifest } = runToDirectory(findScenario(c.scenario), { seed: c.seed, params: { ...c.params }, out: dir });
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
  return {
    scenario: manifest.scenario,
    seed: manifest.seed,
    params: manifest.params,
    versions: manifest.versions,
    outcome: manifest.outcome,
    files: manifest.files,
    summary,
  };
}

/** Every difference between two records, one line each: `<prefix><key>: old -> new`. */
function differences(prefix: string, before: Record<string, unknown>, after: Record<string, unknown>, show: (v: unknown) => string): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    const had = Object.prototype.hasOwnProperty.call(before, key);
    const has = Object.prototype.hasOwnProperty.call(after, key);
    if (had && has && canonicalJson(before[key]) === canonicalJson(after[key])) continue;
    if (!had) lines.push(`${prefix}${key}: new (${show(after[key])})`);
    else if (!has) lines.push(`${prefix}${key}: gone (was ${show(before[key])})`);
    else lines.push(`${prefix}${key}: ${show(before[key])} -> ${show(after[key])}`);
  }
  return lines;
}

const value = (v: unknown) => JSON.stringify(v) ?? String(v);
const hash = (v: unknown) => `sha256 ${String(v).slice(0, 12)}`;

describe('golden outputs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'paradox-golden-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each(CASES.map((c) => [c.name, c] as const))('%s matches its golden output', (_name, c) => {
    // First: the run must be reproducible at all (same seed, same bytes), or a golden file means nothing.
    const first = runCase(c, join(tmp, `${c.name}-a`));
    const second = runCase(c, join(tmp, `${c.name}-b`));
    const unstable = differences('file ', first.files, second.files, hash);
    if (unstable.length > 0) {
      throw new Error(`${c.name}: two runs with the same seed wrote different outputs (not deterministic):\n  ${unstable.join('\n  ')}`);
    }

    const path = join(__dirname, `${c.name}.json`);
    const shown = relative(repoRoot, path);
    if (UPDATE) {
      writeFileSync(path, canonicalJson(first));
      return;
    }
    if (!existsSync(path)) throw new Error(`${c.name}: no golden file ${shown}. Write it with:\n  ${ACCEPT}`);
    const mismatch = goldenMismatch(c, shown, JSON.parse(readFileSync(path, 'utf8')) as Golden, first);
    if (mismatch) throw new Error(mismatch);
  });

  it('says which metric and file changed, and how to accept the change', () => {
    const c = CASES[1]!;
    const golden = JSON.parse(readFileSync(join(__dirname, `${c.name}.json`), 'utf8')) as Golden;
    const changed: Golden = {
      ...golden,
      summary: { ...golden.summary, liquidations: 65, brand_new: 1 },
      files: { ...golden.files, 'events.csv': 'f'.repeat(64) },
      versions: { ...golden.versions, '@paradox/world': '0.2.0' },
    };
    const message = goldenMismatch(c, 'packages/lab/src/golden/x.json', golden, changed)!;
    expect(message).toContain(`${c.name} (cascade-bench, seed 1, params {"holders":1000,"variant":"nav"}) no longer matches packages/lab/src/golden/x.json:`);
    expect(message).toContain(`  summary.liquidations: ${golden.summary['liquidations']} -> 65\n`);
    expect(message).toContain('  summary.brand_new: new (1)\n');
    expect(message).toMatch(/  file events\.csv: sha256 [0-9a-f]{12} -> sha256 ffffffffffff\n/);
    expect(message).toContain('versions since the golden file: @paradox/world: "0.1.0" -> "0.2.0"');
    expect(message).toContain(`  ${ACCEPT}\n`);
    expect(goldenMismatch(c, 'x', golden, { ...golden, summary: { ...golden.summary } })).toBeUndefined();
    // Only the series or events changed: the message says so.
    expect(goldenMismatch(c, 'x', golden, { ...golden, files: { ...golden.files, 'series.csv': '0'.repeat(64) } })).toContain('the summary is the same');
  });
});

/** Undefined if `actual` matches `golden`; else a message naming every change and how to accept them. */
function goldenMismatch(c: GoldenCase, shown: string, golden: Golden, actual: Golden): string | undefined {
  const changes = [
    ...differences('input ', { scenario: golden.scenario, seed: golden.seed, params: golden.params }, { scenario: actual.scenario, seed: actual.seed, params: actual.params }, value),
    ...differences('outcome.', golden.outcome, actual.outcome, value),
    ...differences('summary.', golden.summary, actual.summary, value),
    ...differences('file ', golden.files, actual.files, hash),
  ];
  if (changes.length === 0) return undefined;
  const summaryChanged = changes.some((l) => l.startsWith('summary.'));
  const versions = differences('', golden.versions, actual.versions, value);
  return [
    `${c.name} (${c.scenario}, seed ${c.seed}, params ${JSON.stringify(c.params)}) no longer matches ${shown}:`,
    ...changes.map((l) => `  ${l}`),
    ...(summaryChanged ? [] : ['  (the summary is the same: the difference is in the time series or the event log)']),
    ...(versions.length > 0 ? [`  versions since the golden file: ${versions.join(', ')}`] : []),
    '',
    'If a model changed on purpose, accept the new outputs deliberately and commit the golden files with that change:',
    `  ${ACCEPT}`,
    'If nothing was meant to change results, this is a regression.',
  ].join('\n');
}
