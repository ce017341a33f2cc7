import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@paradox/sdk';
import { parseExperiment } from './parse-experiment';
import { expandExperiment } from './expand-experiment';
import { computeLeaderboard, computeLeaderboards, formatLeaderboard } from './leaderboard';
import { mergeExperiments } from './merge-experiments';
import { replicationSeed } from './replication-seed';
import { runExperiment } from './run-experiment';
import type { ResultRow } from './results-table';

// Tournaments are entrants x scenarios x seeds: one experiment file runs the same designs on
// several scenarios. Two small research scenarios (100 holders) that share the `holders`,
// `informed` and `pricing` parameters keep it quick: 2 scenarios x 2 cells x 2 replications x
// 2 entrants = 16 runs of well under a second each.
jest.setTimeout(60_000);

const SCENARIOS = ['credit-default-ripple', 'real-estate-flash-crash'];
const raw = {
  name: 'two-worlds',
  scenarios: SCENARIOS,
  seed: 3,
  params: { holders: 100 },
  sweep: { informed: [0, 10] },
  replications: 2,
  tournament: {
    entrants: [
      { name: 'spot', params: { pricing: 'spot' } },
      { name: 'nav', params: { pricing: 'nav' } },
    ],
    metrics: [{ name: 'bad_debt', direction: 'minimize' }, { name: 'liquidation_count', direction: 'minimize' }],
    bootstrap: { resamples: 200 },
  },
};
const tmp = () => mkdtempSync(join(tmpdir(), 'paradox-scenarios-'));
const read = (path: string) => readFileSync(path, 'utf8');

function problems(input: unknown): readonly string[] {
  try {
    parseExperiment(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the experiment to be refused');
}

describe('an experiment over several scenarios', () => {
  it('keeps the list; `scenario` is the first; a file with one `scenario:` is as before', () => {
    const e = parseExperiment(raw);
    expect(e.scenarios).toEqual(SCENARIOS);
    expect(e.scenario).toBe('credit-default-ripple');
    const single = parseExperiment({ ...raw, scenarios: undefined, scenario: 'credit-default-ripple' });
    expect('scenarios' in single).toBe(false);
    expect(parseExperiment({ scenarios: ['gossip-demo'] }).name).toBe('gossip-demo');
  });

  it.each([
    ['an unknown one', { ...raw, scenarios: ['credit-default-ripple', 'nope'] }, 'scenarios[1]: unknown scenario "nope" (built in: '],
    ['scenario and scenarios', { ...raw, scenario: 'calm' }, 'scenarios: give either scenario or scenarios, not both'],
    ['neither', { ...raw, scenarios: undefined }, 'scenario: name a scenario (scenario: NAME) or several (scenarios: [A, B])'],
    ['an empty list', { ...raw, scenarios: [] }, 'scenarios: name at least one scenario'],
    ['one twice', { ...raw, scenarios: [...SCENARIOS, SCENARIOS[0]] }, 'scenarios[2]: duplicate scenario "credit-default-ripple"'],
  ])('refuses a bad list of scenarios: %s', (_label, input, message) => {
    expect(problems(input).join('\n')).toContain(message);
  });

  it('checks every entrant against every scenario, naming the scenario that refuses it', () => {
    // `sellProbability` is a parameter of credit-default-ripple only.
    const issues = problems({ ...raw, tournament: { ...raw.tournament, entrants: [...raw.tournament.entrants, { name: 'jumpy', params: { sellProbability: 0.9 } }] } });
    expect(issues).toEqual([expect.stringMatching(/^scenario "real-estate-flash-crash": tournament\.entrants\[2\]\.params\.sellProbability: unknown param \(this scenario has: /)]);
    // A problem every scenario has is listed once, without a scenario.
    expect(problems({ ...raw, tournament: { ...raw.tournament, entrants: [{ name: 'a' }, { name: 'a' }] } })).toEqual(['tournament.entrants[1].name: duplicate entrant name "a"']);
    expect(problems({ ...raw, params: { holders: 100, sellProbability: 2 } })).toEqual([
      expect.stringMatching(/^scenario "credit-default-ripple": /),
      expect.stringMatching(/^scenario "real-estate-flash-crash": params\.sellProbability: unknown param/),
    ]);
  });

  it('expands scenarios (outer) x cells x replications x entrants; replication r has one seed everywhere', () => {
    const plan = expandExperiment(parseExperiment(raw));
    expect(plan.runs).toHaveLength(16);
    expect(plan.runs.map((r) => r.scenario)).toEqual([...Array(8).fill(SCENARIOS[0]), ...Array(8).fill(SCENARIOS[1])]);
    expect(plan.runs.slice(8).map((r) => [r.cell, r.replication, r.entrant])).toEqual(plan.runs.slice(0, 8).map((r) => [r.cell, r.replication, r.entrant]));
    for (const run of plan.runs) expect(run.seed).toBe(replicationSeed(3, run.replication));
    expect(new Set(plan.runs.map((r) => r.id)).size).toBe(16);
    // The same run as in a one-scenario experiment has the same id: stored runs are shared.
    const alone = expandExperiment(parseExperiment({ ...raw, scenarios: undefined, scenario: SCENARIOS[1] }));
    expect(alone.runs.map((r) => r.id)).toEqual(plan.runs.slice(8).map((r) => r.id));
  });

  it('ranks per scenario: a metric one scenario lacks is named with it; pairs only within a scenario', () => {
    const experiment = parseExperiment(raw);
    const row = (scenario: string, entrant: string, replication: number, badDebt: number, extra: Record<string, number> = {}): ResultRow => ({
      run: 0, runId: `${scenario}/${entrant}/${replication}`, scenario, cell: 0, entrant, replication, seed: replication,
      status: 'ok', error: '', params: {}, metrics: { bad_debt: badDebt, liquidation_count: 0, ...extra },
    });
    const rows = [
      row('credit-default-ripple', 'spot', 0, 5), row('credit-default-ripple', 'nav', 0, 1),
      row('real-estate-flash-crash', 'spot', 0, 1), row('real-estate-flash-crash', 'nav', 0, 5),
    ];
    const boards = computeLeaderboards(experiment, rows);
    expect(boards.map((b) => [b.scenario, b.entries.map((e) => [e.entrant, e.runs])])).toEqual([
      ['credit-default-ripple', [['nav', 1], ['spot', 1]]],
      ['real-estate-flash-crash', [['spot', 1], ['nav', 1]]],
    ]);
    expect(boards[0]!.pairwise.find((p) => p.metric === 'bad_debt' && p.entrant === 'nav')).toMatchObject({ pairs: 1, wins: 1 });
    expect(formatLeaderboard(boards[1]!)).toMatch(/^scenario real-estate-flash-crash:\nbad_debt/);
    // One scenario's board on its own rows is the same board.
    expect(computeLeaderboard(experiment, rows.slice(2), 'real-estate-flash-crash')).toEqual(boards[1]);
    const lacking = parseExperiment({ ...raw, tournament: { ...raw.tournament, metrics: [{ name: 'lp_exit_day', direction: 'minimize' }] } });
    const withExit = rows.map((r) => (r.scenario === 'real-estate-flash-crash' ? { ...r, metrics: { ...r.metrics, lp_exit_day: 3 } } : r));
    expect(() => computeLeaderboards(lacking, withExit)).toThrow(/^tournament\.metrics\[0\]\.name: "lp_exit_day" is not in the summary of scenario "credit-default-ripple"/);
  });

  it('runs, writes per-scenario cells, leaderboards and report sections, resumes, and shards and merges to the same bytes', async () => {
    const experiment = parseExperiment(raw);
    const out = tmp();
    const outcome = await runExperiment(experiment, { out });
    expect(outcome).toMatchObject({ selected: 16, ran: 16, failed: 0 });
    expect(outcome.leaderboard).toBeUndefined();
    expect(outcome.leaderboards?.map((b) => [b.scenario, b.entries.map((e) => e.runs)])).toEqual([
      [SCENARIOS[0], [4, 4]],
      [SCENARIOS[1], [4, 4]],
    ]);
    const results = read(join(out, 'results.csv')).trim().split('\n').slice(1).map((l) => l.split(','));
    expect(results.map((f) => f[2])).toEqual([...Array(8).fill(SCENARIOS[0]), ...Array(8).fill(SCENARIOS[1])]);

    const cells = read(join(out, 'cells.csv')).trim().split('\n');
    expect(cells[0]).toMatch(/^scenario,cell,entrant,param_informed,runs,ok,/);
    expect(cells.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      `${SCENARIOS[0]},0,spot,0,2,2`, `${SCENARIOS[0]},0,nav,0,2,2`, `${SCENARIOS[0]},1,spot,10,2,2`, `${SCENARIOS[0]},1,nav,10,2,2`,
      `${SCENARIOS[1]},0,spot,0,2,2`, `${SCENARIOS[1]},0,nav,0,2,2`, `${SCENARIOS[1]},1,spot,10,2,2`, `${SCENARIOS[1]},1,nav,10,2,2`,
    ]);
    const board = read(join(out, 'leaderboard.csv')).trim().split('\n');
    expect(board[0]).toMatch(/^scenario,rank,entrant,runs,disqualified,bad_debt_mean,/);
    expect(board.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([`${SCENARIOS[0]},1`, `${SCENARIOS[0]},2`, `${SCENARIOS[1]},1`, `${SCENARIOS[1]},2`]);
    const pairwise = read(join(out, 'pairwise.csv')).trim().split('\n');
    expect(pairwise[0]).toBe('scenario,metric,entrant,opponent,pairs,wins,losses,ties,win_rate');
    // Pairs are cells x replications within one scenario: 4, not 8.
    for (const line of pairwise.slice(1)) expect(line.split(',')[4]).toBe('4');
    const json = JSON.parse(read(join(out, 'leaderboard.json'))) as { leaderboards: { scenario: string }[] };
    expect(json.leaderboards.map((b) => b.scenario)).toEqual(SCENARIOS);
    const html = read(join(out, 'report.html'));
    for (const name of SCENARIOS) {
      for (const title of ['Leaderboard', 'Response surface', 'Distributions']) expect(html).toContain(`<h2>${title}: ${name}</h2>`);
    }
    expect(html).toContain('<code>scenarios</code></th><td>credit-default-ripple, real-estate-flash-crash</td>');

    const files = ['results.csv', 'cells.csv', 'leaderboard.csv', 'pairwise.csv', 'leaderboard.json', 'plan.json'];
    const before = files.map((f) => read(join(out, f)));
    expect(await runExperiment(experiment, { out })).toMatchObject({ skipped: 16, ran: 0 });
    expect(files.map((f) => read(join(out, f)))).toEqual(before);

    const root = tmp();
    const shards = [0, 1].map((index) => join(root, `shard-${index}`));
    for (const [index, dir] of shards.entries()) expect((await runExperiment(experiment, { out: dir, shard: { index, count: 2 } })).ran).toBe(8);
    const merged = await mergeExperiments(join(root, 'merged'), shards);
    expect(merged.leaderboards).toHaveLength(2);
    expect(files.map((f) => read(join(root, 'merged', f)))).toEqual(before);
  });
});
