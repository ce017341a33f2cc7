import type { Chart } from './charts';
import { escapeHtml } from './format';

/** Everything on the report page, already chosen and formatted. */
export interface ReportPage {
  readonly title: string;
  readonly intro: string;
  readonly summary: readonly (readonly [string, string])[];
  readonly run: readonly (readonly [string, string])[];
  readonly files: readonly (readonly [string, string])[];
  readonly seriesCharts: readonly Chart[];
  readonly eventsChart: Chart | null;
  readonly notes: readonly string[];
  /** File name stem for charts exported from the page. */
  readonly downloadName: string;
}

/** The JavaScript libraries inlined into the page, in load order. */
export interface InlineScript {
  readonly name: string;
  readonly version: string;
  readonly source: string;
}

/** The reports' stylesheet (run and experiment reports look alike). */
export const STYLE = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;max-width:960px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:2rem 0 .6rem;border-bottom:1px solid #d8dee4;padding-bottom:.2rem}
.intro{color:#57606a;margin:0 0 1rem}
table{border-collapse:collapse;font-size:.9rem}td,th{padding:.2rem .8rem .2rem 0;text-align:left;vertical-align:top;border-bottom:1px solid #eaeef2}
td.num{font-variant-numeric:tabular-nums}code,td.hash{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
figure{margin:1.2rem 0 1.8rem}figure h3{font-size:1rem;margin:0 0 .3rem}figcaption{color:#57606a;font-size:.88rem;max-width:760px;margin-top:.3rem}
.failed{color:#b42318;font-family:ui-monospace,monospace;white-space:pre-wrap}
footer{margin-top:3rem;color:#57606a;font-size:.8rem}
`;

// Runs in the browser, in run and experiment reports alike: expands a chart's column data (run
// reports ship series as columns) into rows, embeds each chart, and marks the body with
// data-rendered="N" (N charts drawn) once every embed has settled.
export const CHART_SCRIPT = `
(function () {
  var charts = JSON.parse(document.getElementById('paradox-charts').textContent);
  var body = document.body;
  function rows(c) {
    var out = [], d = c.data, i, k;
    if (c.kind === 'series') {
      for (k = 0; k < d.series.length; k++) for (i = 0; i < d.t[k].length; i++) out.push({ series: d.series[k], t: d.t[k][i], value: d.v[k][i] });
    } else {
      for (k = 0; k < d.types.length; k++) for (i = 0; i < d.b[k].length; i++) out.push({ type: d.types[k], rank: k, b: d.b[k][i], n: d.n[k][i] });
    }
    return out;
  }
  function fail(i, err) {
    var el = document.getElementById('chart-' + i);
    el.className += ' failed';
    el.textContent = 'This chart could not be drawn: ' + (err && err.message ? err.message : err);
  }
  var drawn = 0;
  var jobs = charts.map(function (c, i) {
    try {
      var spec = c.data ? Object.assign({}, c.spec, { data: { values: rows(c) } }) : c.spec;
      var options = { mode: 'vega-lite', renderer: 'svg', downloadFileName: body.getAttribute('data-download') + '-' + c.title.replace(/[^A-Za-z0-9_.-]+/g, '-'),
        actions: { export: true, source: false, compiled: false, editor: false } };
      return vegaEmbed('#chart-' + i, spec, options).then(function () { drawn++; }, function (err) { fail(i, err); });
    } catch (err) {
      fail(i, err);
      return Promise.resolve();
    }
  });
  Promise.all(jobs).then(function () { body.setAttribute('data-rendered', String(drawn)); });
})();
`;

/** The report as one self-contained HTML document (no network, no external files). */
export function renderReportHtml(page: ReportPage, libraries: readonly InlineScript[]): string {
  const charts = [...page.seriesCharts, ...(page.eventsChart ? [page.eventsChart] : [])];
  const figure = (chart: Chart, i: number) =>
    `<figure><h3>${escapeHtml(chart.title)}</h3><div id="chart-${i}" class="chart"></div><figcaption>${escapeHtml(chart.caption)}</figcaption></figure>`;
  const seriesFigures = page.seriesCharts.map((c, i) => figure(c, i));
  const eventsFigure = page.eventsChart ? figure(page.eventsChart, page.seriesCharts.length) : '';
  const credits = libraries.map((l) => `${l.name} ${l.version}`).join(', ');
  const parts = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="@paradox/lab writeReport">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    `<body data-charts="${charts.length}" data-download="${escapeHtml(page.downloadName)}">`,
    `<h1>${escapeHtml(page.title)}</h1>`,
    `<p class="intro">${escapeHtml(page.intro)}</p>`,
    section('Summary', table(page.summary, 'summary.json is empty or missing.')),
    section('Run', table(page.run, 'manifest.json is missing.')),
    section('Time series', seriesFigures.length > 0 ? seriesFigures.join('\n') : '<p>series.csv has no points.</p>'),
    section('Events', eventsFigure || '<p>events.csv has no events.</p>'),
    section('Files', table(page.files, 'manifest.json lists no files.', true)),
    page.notes.length > 0 ? `<ul class="notes">${page.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>` : '',
    `<footer>Made by @paradox/lab from the files above. Plots drawn offline with ${escapeHtml(credits)}, inlined below (BSD-3-Clause, Copyright (c) 2015-2023 University of Washington Interactive Data Lab).</footer>`,
    `<script type="application/json" id="paradox-charts">${jsonScriptSafe(JSON.stringify(charts.map(({ kind, title, spec, data }) => ({ kind, title, spec, data }))))}</script>`,
    ...libraries.map((l) => `<script>/* ${l.name} ${l.version} */\n${scriptSafe(l.source)}\n</script>`),
    `<script>${CHART_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ];
  return parts.filter((p) => p !== '').join('\n');
}

function section(title: string, content: string): string {
  return `<section><h2>${escapeHtml(title)}</h2>\n${content}\n</section>`;
}

function table(rows: readonly (readonly [string, string])[], empty: string, hashes = false): string {
  if (rows.length === 0) return `<p>${escapeHtml(empty)}</p>`;
  const cell = (v: string) => {
    const cls = hashes ? 'hash' : /^-?[\d,]+(\.\d+)?(e[+-]?\d+)?$/.test(v) ? 'num' : '';
    return `<td${cls ? ` class="${cls}"` : ''}>${escapeHtml(v)}</td>`;
  };
  return `<table>${rows.map(([k, v]) => `<tr><th><code>${escapeHtml(k)}</code></th>${cell(v)}</tr>`).join('')}</table>`;
}

/** JavaScript that cannot end the <script> element it sits in (`</script` and `<!--` get a backslash). */
export function scriptSafe(source: string): string {
  return source.replace(/<(\/script|!--)/gi, '<\\$1');
}

/** JSON that cannot end the <script> element it sits in: `<` only occurs in strings, where `\u003c` means the same. */
export function jsonScriptSafe(json: string): string {
  return json.replace(/</g, '\\u003c');
}
