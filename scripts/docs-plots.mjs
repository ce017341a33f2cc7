#!/usr/bin/env node
// Regenerates the plots in docs/scenarios/img from real runs: `pnpm build && node scripts/docs-plots.mjs`.
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
];

const DAY = 86_400_000;
const out = join(root, 'docs/scenarios/img');
mkdirSync(out, { recursive: true });
for (const plot of PLOTS) {
  const dir = join(mkdtempSync(join(tmpdir(), 'paradox-plot-')), 'run');
  lab.runToDirectory(lab.findScenario(plot.scenario), { seed: plot.seed, params: plot.params, out: dir });
  const { plotted, maxT } = readSeries(join(dir, 'series.csv'), 1500);
  const values = [];
  for (const [name, s] of plotted) {
    if (!name.startsWith('price.')) continue;
    let last = null;
    for (let i = 0; i < s.t.length; i++) {
      if (s.v[i] === null) continue;
      values.push({ day: s.t[i] / DAY, price: s.v[i], series: name.slice(6) });
      last = s.v[i];
    }
    // A price holds until it changes: draw it to the end of the run.
    if (last !== null) values.push({ day: maxT / DAY, price: last, series: name.slice(6) });
  }
  const spec = {
    width: 640,
    height: 220,
    background: 'white',
    data: { values },
    mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'day', type: 'quantitative', title: 'days' },
      y: { field: 'price', type: 'quantitative', title: 'price (USD)' },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  writeFileSync(join(out, `${plot.file}.svg`), await view.toSVG());
  console.log(`docs/scenarios/img/${plot.file}.svg (${plot.scenario}, seed ${plot.seed}, ${JSON.stringify(plot.params)})`);
}
