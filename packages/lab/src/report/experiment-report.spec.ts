import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExperiment } from '../experiments/parse-experiment';
import { runExperiment } from '../experiments/run-experiment';
import { expandExperiment } from '../experiments/expand-experiment';
import { collectResults } from '../experiments/results-table';
import { RunStore } from '../experiments/run-store';
import { computeLeaderboard } from '../experiments/leaderboard';
import { bodyAttribute, chartMarkup, countMarks, markGroups, renderedDom } from './__fixtures__/headless-chromium';
import { writeExperimentReport } from './write-experiment-report';

// The experiment report (report.html beside results.csv), rendered in headless Chromium: every
// chart must be drawn, with as many marks as the results have runs, cells or entrants. Small
// gossip-demo runs (200 agents, one day) keep it quick; Chromium is needed (the test fails
// without it, as the run report's does).
jest.setTimeout(120_000);

const base = { scenario: 'gossip-demo', seed: 5, params: { agents: 200, horizonDays: 1 } };
const tmp = () => mkdtempSync(join(tmpdir(), 'paradox-experiment-report-'));

function rendered(path: string) {
  const dom = renderedDom(path);
  return { dom, charts: markGroups(dom), markup: chartMarkup(dom) };
}

describe('experiment report', () => {
  it('for a tournament over a 1-parameter sweep: leaderboard with CIs, response lines per entrant, distributions per entrant', async () => {
    const experiment = parseExperiment({
      ...base,
      name: 'cup',
      replications: 4,
      sweep: { passProbability: [0.1, 0.3, 0.6] },
      tournament: {
        entrants: [
          { name: 'sparse', params: { friends: 2 } },
          { name: 'dense', params: { friends: 8 } },
          { name: 'many-seeds', params: { seeds: 20, friends: 3 } },
        ],
        metrics: [{ name: 'reach_share', direction: 'maximize' }],
        bootstrap: { resamples: 500 },
      },
    });
    const out = tmp();
    const outcome = await runExperiment(experiment, { out });
    const path = join(out, 'report.html');
    expect(outcome.files).toContain(path);
    const html = readFileSync(path, 'utf8');
    const board = outcome.leaderboard!;

    // The leaderboard table: every entrant in rank order with mean, sd and the interval as leaderboard.json has them.
    const order = board.entries.map((e) => e.entrant);
    expect(order).toHaveLength(3);
    const positions = order.map((name) => html.indexOf(`<td>${name}</td>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const best = board.entries[0]!.metrics['reach_share']!;
    expect(html).toContain('95% CI');
    expect(html).toContain(`[${fmt(best.ciLow)}, ${fmt(best.ciHigh)}]`);
    expect(html).toContain('Pairwise win rates on reach_share');
    expect(html).toContain('No entrant was disqualified.');
    // agents is the same in every run: listed, not charted.
    expect(html).toMatch(/The same in every run[\s\S]*<code>agents<\/code><\/th><td>200</);

    const { dom, charts, markup } = rendered(path);
    // 1 leaderboard chart, 2 response lines (reach_share, reached), 2 distributions.
    expect(bodyAttribute(dom, 'data-charts')).toBe('5');
    expect(bodyAttribute(dom, 'data-rendered')).toBe('5');
    expect(dom).not.toContain('class="chart failed"');
    const [leaderboard, line, , distribution] = charts;
    expect(countMarks(leaderboard!, 'rule')).toBe(3); // one interval per entrant
    expect(countMarks(leaderboard!, 'symbol')).toBe(3); // one mean per entrant
    expect(markup[0]).toMatch(/role-axis-label[\s\S]*?>dense</);
    expect(countMarks(line!, 'line')).toBe(3); // one line per entrant
    expect(countMarks(line!, 'symbol')).toBe(36 + 9); // every run, and every cell's mean
    expect(countMarks(line!, 'rule')).toBe(9); // every cell's ± sd
    expect(countMarks(distribution!, 'rect', 'layer_1_marks')).toBe(36); // one tick per run
    expect(countMarks(distribution!, 'rect', 'layer_0_layer_2_marks')).toBe(3); // one box per entrant
  });

  it('for a 2-parameter grid: a heatmap per metric, distributions per cell', async () => {
    const experiment = parseExperiment({ ...base, name: 'grid', replications: 2, sweep: { friends: [2, 4, 8], passProbability: [0.1, 0.3, 0.6] } });
    const out = tmp();
    await runExperiment(experiment, { out });
    const { dom, charts, markup } = rendered(join(out, 'report.html'));
    expect(bodyAttribute(dom, 'data-rendered')).toBe('4');
    expect(dom).not.toContain('class="chart failed"');
    expect(countMarks(charts[0]!, 'rect')).toBe(9); // 3 x 3 cells
    expect(markup[0]).toMatch(/passProbability/);
    expect(countMarks(charts[2]!, 'rect', 'layer_1_marks')).toBe(18); // one tick per run
    expect(countMarks(charts[2]!, 'rect', 'layer_0_layer_2_marks')).toBe(9); // one box per cell
    expect(markup[2]).toContain('friends=8, passProbability=0.6');
  });

  it('for a Latin-hypercube sweep: sampled cells as dots on a log axis; the page is the same for the same results', async () => {
    const experiment = parseExperiment({
      ...base,
      name: 'lhs',
      replications: 2,
      sweep: { method: 'latin-hypercube', n: 10, params: { passProbability: { min: 0.05, max: 0.6, log: true }, friends: { min: 2, max: 10, integer: true } } },
    });
    const out = tmp();
    await runExperiment(experiment, { out });
    const first = readFileSync(join(out, 'report.html'), 'utf8');
    expect(first).toContain('sampled cells are points of a continuum');
    expect(first).toContain('"title":"passProbability","scale":{"type":"log"}');
    const { dom, charts } = rendered(join(out, 'report.html'));
    expect(bodyAttribute(dom, 'data-rendered')).toBe('4');
    expect(countMarks(charts[0]!, 'symbol')).toBe(10);

    // Rebuilt from the stored runs: byte for byte the same page.
    const plan = expandExperiment(experiment);
    const { rows } = collectResults(plan.runs, new RunStore(join(out, 'runs')));
    const again = writeExperimentReport(out, plan, rows, undefined, { file: 'again.html' });
    expect(readFileSync(again.path, 'utf8')).toBe(first);
  });

  it('for a tournament over several scenarios: the leaderboard and distributions once per scenario, every chart drawn', async () => {
    const experiment = parseExperiment({
      name: 'two-worlds',
      scenarios: ['credit-default-ripple', 'real-estate-flash-crash'],
      seed: 2,
      params: { holders: 100 },
      replications: 2,
      tournament: {
        entrants: [{ name: 'spot', params: { pricing: 'spot' } }, { name: 'nav', params: { pricing: 'nav' } }],
        metrics: [{ name: 'liquidation_count', direction: 'minimize' }],
        bootstrap: { resamples: 200 },
      },
    });
    const out = tmp();
    await runExperiment(experiment, { out, parquet: false });
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const titles = [...html.matchAll(/<h2>([^<$]*)<\/h2>/g)].map((m) => m[1]);
    expect(titles.filter((t) => /^(Leaderboard|Distributions): /.test(t!))).toEqual([
      'Leaderboard: credit-default-ripple',
      'Distributions: credit-default-ripple',
      'Leaderboard: real-estate-flash-crash',
      'Distributions: real-estate-flash-crash',
    ]);
    expect(html).toContain('Scenarios credit-default-ripple, real-estate-flash-crash, 8 runs: 2 scenarios x 1 cell x 2 replications x 2 entrants');
    const { dom, charts } = rendered(join(out, 'report.html'));
    const count = bodyAttribute(dom, 'data-charts');
    expect(Number(count)).toBeGreaterThan(4);
    expect(bodyAttribute(dom, 'data-rendered')).toBe(count);
    // Each scenario's leaderboard chart (the first chart of its section) has its two entrants.
    const firstChart = (title: string) => Number(/id="chart-(\d+)"/.exec(html.slice(html.indexOf(`<h2>${title}</h2>`)))![1]);
    expect(firstChart('Leaderboard: credit-default-ripple')).toBe(0);
    for (const scenario of ['credit-default-ripple', 'real-estate-flash-crash']) {
      const index = firstChart(`Leaderboard: ${scenario}`);
      expect(countMarks(charts[index]!, 'rule')).toBe(2); // one interval per entrant
    }
    expect(firstChart('Leaderboard: real-estate-flash-crash')).toBeGreaterThan(firstChart('Distributions: credit-default-ripple'));
  });

  it('without a sweep or tournament: one distribution per varying metric; disqualifications are listed', async () => {
    const out = tmp();
    const experiment = parseExperiment({ ...base, name: 'reps', replications: 5 });
    await runExperiment(experiment, { out, report: false });
    const plan = expandExperiment(experiment);
    const { rows } = collectResults(plan.runs, new RunStore(join(out, 'runs')));
    const info = writeExperimentReport(out, plan, rows);
    expect(info.charts).toBe(2);
    const html = readFileSync(info.path, 'utf8');
    expect(html).not.toContain('Response surface');
    expect(html).not.toContain('Leaderboard');

    // A leaderboard with a disqualified run, as a tournament would have it.
    const cup = parseExperiment({ ...base, name: 'dq', replications: 2, tournament: { entrants: [{ name: 'a' }, { name: 'b', params: { friends: 3 } }], metrics: [{ name: 'reached', direction: 'maximize' }] } });
    const cupPlan = expandExperiment(cup);
    const cupOut = tmp();
    await runExperiment(cup, { out: cupOut, report: false });
    const cupRows = collectResults(cupPlan.runs, new RunStore(join(cupOut, 'runs'))).rows.map((r, i) =>
      i === 1 ? { ...r, status: 'disqualified' as const, error: 'agent "x" exceeded its budget', metrics: {} } : r,
    );
    const page = readFileSync(writeExperimentReport(cupOut, cupPlan, cupRows, computeLeaderboard(cup, cupRows)).path, 'utf8');
    expect(page).toContain('Disqualifications');
    expect(page).toContain('agent &quot;x&quot; exceeded its budget');
    expect(page).toContain('Failed and disqualified runs');
  });
});

/** As the report formats numbers (formatNumber: 6 significant digits). */
function fmt(x: number): string {
  return String(Number(x.toPrecision(6)));
}
