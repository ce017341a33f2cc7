#!/usr/bin/env node
// Regenerates the plots in docs/scenarios/img from real runs: `pnpm build && node scripts/docs-plots.mjs [scenario...]`.
// Each page says the seed and params its plot comes from; this script is that statement, runnable.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const lab = require(join(root, 'packages/lab/dist/index.js'));
const { readSeries } = require(join(root, 'packages/lab/dist/report/read-run.js'));
const vega = await import(require.resolve('vega', { paths: [join(root, 'packages/lab')] }));
const vl = await import(require.resolve('vega-lite', { paths: [join(root, 'packages/lab')] }));

export const PLOTS = [
  { scenario: 'cascade-bench', seed: 7, params: { holders: 10000, variant: 'spot' }, file: 'cascade-bench-spot' },
  { scenario: 'cascade-bench', seed: 7, params: { holders: 10000, variant: 'nav' }, file: 'cascade-bench-nav' },
  { scenario: 'credit-default-ripple', seed: 7, params: {}, file: 'credit-default-ripple' },
  { scenario: 'credit-default-ripple', seed: 7, params: { pricing: 'nav' }, file: 'credit-default-ripple-nav' },
  { scenario: 'calm', seed: 7, params: {}, file: 'calm' },
  { scenario: 'rwa-squared', seed: 7, params: {}, file: 'rwa-squared', series: 'price.amm.', y: 'AMM price (USD)', from: 9.99, to: 10.1 },
  { scenario: 'rwa-squared', seed: 7, params: { arbitrageurs: 2 }, file: 'rwa-squared-arb', series: 'price.amm.', y: 'AMM price (USD)', from: 9.99, to: 10.1 },
  { scenario: 'rwa-squared', seed: 7, params: { arbitrageurs: 2, fundPools: 100 }, file: 'rwa-squared-contagion', series: 'price.amm.', y: 'AMM price (USD)', from: 9.99, to: 10.1 },
  { scenario: 'rwa-squared', seed: 7, params: { pricing: 'nav', horizonDays: 75 }, file: 'rwa-squared-oracles', series: 'price.oracle.', y: 'oracle price (USD)' },
  { scenario: 'rwa-squared', seed: 7, params: { pricing: 'nav', oracleMode: 'stale', horizonDays: 75 }, file: 'rwa-squared-stale', series: 'price.oracle.', y: 'oracle price (USD)' },
  { scenario: 'redemption-gate', seed: 7, params: {}, file: 'redemption-gate' },
  { scenario: 'redemption-gate', seed: 7, params: { trigger: 1 }, file: 'redemption-gate-open' },
  { scenario: 'stablecoin-depeg', seed: 7, params: {}, file: 'stablecoin-depeg' },
  { scenario: 'stablecoin-depeg', seed: 7, params: {}, file: 'stablecoin-depeg-depth', series: 'amm.depth.', y: 'pool value (USD)', from: 8, to: 16, backfill: true },
  { scenario: 'real-estate-flash-crash', seed: 7, params: {}, file: 'real-estate-flash-crash' },
  { scenario: 'real-estate-flash-crash', seed: 7, params: {}, file: 'real-estate-flash-crash-depth', series: 'amm.depth.', y: 'pool value (USD)', from: 15, backfill: true },
  { scenario: 'real-estate-flash-crash', seed: 7, params: { passiveLps: true }, file: 'real-estate-flash-crash-passive' },
];

const DAY = 86_400_000;
const out = join(root, 'docs/scenarios/img');
mkdirSync(out, { recursive: true });
// `node scripts/docs-plots.mjs redemption-gate calm` makes only those scenarios' plots.
const only = process.argv.slice(2);
for (const plot of PLOTS.filter((p) => only.length === 0 || only.includes(p.scenario))) {
  const dir = join(mkdtempSync(join(tmpdir(), 'paradox-plot-')), 'run');
  lab.runToDirectory(lab.findScenario(plot.scenario), { seed: plot.seed, params: plot.params, out: dir });
  const { plotted, maxT } = readSeries(join(dir, 'series.csv'), 1500);
  // A plot shows the `price.*` series unless it names another prefix (`series`), optionally
  // between days `from` and `to`.
  const prefix = plot.series ?? 'price.';
  const from = plot.from ?? 0;
  const to = plot.to ?? maxT / DAY;
  const values = [];
  for (const [name, s] of plotted) {
    if (!name.startsWith(prefix)) continue;
    const label = prefix === 'price.' ? name.slice(6) : name;
    let last = null;
    let started = false;
    for (let i = 0; i < s.t.length; i++) {
      if (s.v[i] === null) continue;
      const day = s.t[i] / DAY;
      if (day < from) {
        last = s.v[i];
        continue;
      }
      if (day > to) break;
      // What held when the window opens (`backfill`: a series that records its old value at its first change held before it).
      if (!started && day > from && (last !== null || plot.backfill)) values.push({ day: from, price: last ?? s.v[i], series: label });
      started = true;
      values.push({ day, price: s.v[i], series: label });
      last = s.v[i];
    }
    // A value holds until it changes: draw it to the end of the run (or of the window).
    if (last !== null && !started) values.push({ day: from, price: last, series: label });
    if (last !== null) values.push({ day: to, price: last, series: label });
  }
  const spec = {
    width: 640,
    height: 220,
    background: 'white',
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'days' },
      y: { field: 'price', type: 'quantitative', title: plot.y ?? 'price (USD)' },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  writeFileSync(join(out, `${plot.file}.svg`), await view.toSVG());
  console.log(`docs/scenarios/img/${plot.file}.svg (${plot.scenario}, seed ${plot.seed}, ${JSON.stringify(plot.params)})`);
}
