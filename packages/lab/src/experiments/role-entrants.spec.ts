import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@paradox/sdk';
import { runScenario } from '../run/run-scenario';
import { cascadeBench } from '../scenarios/cascade-bench';
import { parseExperiment } from './parse-experiment';
import { reproduceRun } from './reproduce-run';
import { runExperiment } from './run-experiment';

// Role entrants: a tournament entrant's agent plays a part the scenario declares (here the
// liquidator of cascade-bench), keeping the part's identities and wallets, limited to what the
// role may see and do, under a per-decision budget. A misbehaving entrant is disqualified for
// the run; the tournament goes on.
const MISBEHAVING = join(__dirname, '__fixtures__', 'misbehaving-bots.js');
const SMALL = { holders: 400, variant: 'spot' };
const bot = (config: Record<string, unknown>) => ({ plugin: 'liquidation-bots', kind: 'bot', config: { sellOn: 'RWA/USD', flashLoan: false, ...config } });

describe('a role assignment in one run', () => {
  it('replaces the policy of the agents in the role, not their identities', () => {
    const greedy = runScenario(cascadeBench, { seed: 4, params: SMALL });
    const assigned = runScenario(cascadeBench, { seed: 4, params: SMALL, roles: { liquidator: bot({ strategy: 'greedy' }) } });
    // The same policy in the role gives the same run: identities, wallets and streams are kept.
    expect(assigned.summary).toEqual(greedy.summary);
    expect(assigned.roles).toEqual({ liquidator: bot({ strategy: 'greedy' }) });
    const none = runScenario(cascadeBench, { seed: 4, params: SMALL, roles: { liquidator: bot({ strategy: 'profitable', minProfitShare: 10 }) } });
    // A liquidator that demands an impossible profit liquidates nothing.
    expect(greedy.summary['liquidations']).toBeGreaterThan(0);
    expect(none.summary['liquidations']).toBe(0);
  });

  it('refuses a role the scenario does not declare, or a plugin it cannot find', () => {
    expect(() => runScenario(cascadeBench, { seed: 1, params: SMALL, roles: { oracle: bot({}) } })).toThrow(
      'roles.oracle.role: scenario "cascade-bench" has no role "oracle" (it has: liquidator)',
    );
    expect(() => runScenario(cascadeBench, { seed: 1, params: SMALL, roles: { liquidator: { plugin: 'nope', kind: 'bot' } } })).toThrow(
      /roles\.liquidator\.plugin: unknown plugin "nope" \(known: amm-lps, .*liquidation-bots/,
    );
  });

  it('stops an entrant that looks where its role may not', () => {
    const run = runScenario(cascadeBench, { seed: 1, params: SMALL, roles: { liquidator: { plugin: MISBEHAVING, kind: 'bot', config: { behaviour: 'peek' } } } });
    expect(run.outcome.error?.message).toBe(
      'agent "bot-0" (plugin "misbehaving-bots") failed at t=0d 00:00:00.000 while handling start: role "liquidator" may not observe the topic "news" ' +
        '(it may: lending.price, lending.liquidation, amm.trade, oracle.update)',
    );
  });
});

describe('a tournament of liquidation strategies', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'paradox-roles-'));

  it('validates role entrants before any run, with paths', () => {
    const refuse = (entrant: Record<string, unknown>) => {
      try {
        parseExperiment({ scenario: 'cascade-bench', tournament: { entrants: [{ name: 'x', ...entrant }], metrics: [{ name: 'bad_debt', direction: 'minimize' }] } });
      } catch (error) {
        return (error as ConfigError).issues.join('\n');
      }
      return 'accepted';
    };
    expect(refuse({ role: 'liquidator', ...bot({ strategy: 'profitable' }) })).toBe('accepted');
    expect(refuse({ role: 'keeper', ...bot({}) })).toContain('tournament.entrants[0].role: scenario "cascade-bench" has no role "keeper" (it has: liquidator)');
    expect(refuse({ role: 'liquidator', plugin: 'liquidation-bots', kind: 'robot' })).toContain(
      'tournament.entrants[0].kind: plugin "liquidation-bots" has no agent kind "robot" (it has: bot)',
    );
    expect(refuse({ role: 'liquidator', ...bot({ strategy: 'lucky' }) })).toContain('tournament.entrants[0].config.strategy');
    expect(refuse({ role: 'liquidator', plugin: './no-such-bots.js', kind: 'bot' })).toMatch(/tournament\.entrants\[0\]\.plugin: cannot load plugin ".*no-such-bots\.js"/);
  });

  const tournament = (entrants: readonly Record<string, unknown>[], budget: { decisionMs: number; hangMs: number }, replications: number) =>
    parseExperiment({
      name: 'liquidators',
      scenario: 'cascade-bench',
      seed: 11,
      params: SMALL,
      replications,
      tournament: { entrants, metrics: [{ name: 'bad_debt', direction: 'minimize' }], bootstrap: { resamples: 200 }, budget },
    });
  const options = { workers: 1, report: false, parquet: false };

  it('disqualifies an entrant that overruns its CPU budget or peeks, and ranks the rest', async () => {
    // A real decision takes well under 1 ms of CPU; 1e8 iterations take 100s of ms anywhere.
    // The hang limit is far off, so a loaded machine cannot turn the slow entrant into a hang.
    const experiment = tournament(
      [
        { name: 'greedy', role: 'liquidator', ...bot({ strategy: 'greedy' }) },
        { name: 'picky', role: 'liquidator', ...bot({ strategy: 'profitable', minProfitShare: 10 }) },
        { name: 'slow', role: 'liquidator', plugin: MISBEHAVING, kind: 'bot', config: { behaviour: 'slow', work: 1e8 } },
        { name: 'peeks', role: 'liquidator', plugin: MISBEHAVING, kind: 'bot', config: { behaviour: 'peek' } },
      ],
      { decisionMs: 50, hangMs: 60_000 },
      2,
    );
    const out = tmp();
    const outcome = await runExperiment(experiment, { out, ...options });
    const rows = (name: string) => outcome.rows.filter((r) => r.entrant === name);
    expect(rows('greedy').map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(rows('picky').map((r) => r.status)).toEqual(['ok', 'ok']);
    for (const name of ['slow', 'peeks']) expect(rows(name).map((r) => r.status)).toEqual(['disqualified', 'disqualified']);
    expect(rows('slow')[0]!.error).toMatch(
      /^agent "bot-\d" \(plugin "misbehaving-bots"\) failed at t=\S+ \S+ while handling an observation of "lending\.price": decision took \d+\.\d ms of CPU, over the tournament's budget of 50 ms per decision$/,
    );
    expect(rows('peeks')[0]!.error).toContain('role "liquidator" may not observe the topic "news"');
    // Role assignments are part of what a run is: its manifest names them, and so does its id.
    const greedyRun = rows('greedy')[0]!;
    const manifest = JSON.parse(readFileSync(join(out, 'runs', greedyRun.runId, 'manifest.json'), 'utf8'));
    expect(manifest.roles).toEqual({ liquidator: bot({ strategy: 'greedy' }) });
    // ... and `paradox reproduce` reruns it with the same cast.
    expect(reproduceRun(join(out, 'runs', greedyRun.runId, 'manifest.json')).identical).toBe(true);
    const board = outcome.leaderboard!;
    // The disqualified rank last; the two strategies that played rank on bad debt.
    expect(board.entries.slice(0, 2).map((e) => [e.entrant, e.disqualified]).sort()).toEqual([['greedy', 0], ['picky', 0]]);
    expect(board.entries.slice(2).map((e) => [e.entrant, e.disqualified]).sort()).toEqual([['peeks', 2], ['slow', 2]]);
    expect(board.disqualifications.map((d) => d.entrant).sort()).toEqual(['peeks', 'peeks', 'slow', 'slow']);
  });

  it('stops a worker whose entrant hangs, records the decision, and goes on', async () => {
    const experiment = tournament(
      [
        { name: 'greedy', role: 'liquidator', ...bot({ strategy: 'greedy' }) },
        { name: 'hangs', role: 'liquidator', plugin: MISBEHAVING, kind: 'bot', config: { behaviour: 'hang' } },
      ],
      { decisionMs: 500, hangMs: 1500 },
      2,
    );
    const out = tmp();
    const outcome = await runExperiment(experiment, { out, ...options });
    const rows = (name: string) => outcome.rows.filter((r) => r.entrant === name);
    expect(rows('greedy').map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(rows('hangs').map((r) => r.status)).toEqual(['disqualified', 'disqualified']);
    expect(rows('hangs')[0]!.error).toMatch(
      /^agent "bot-\d" \(plugin "misbehaving-bots"\) failed at t=\S+ \S+ while handling an observation of "lending\.price": hung \(no return after \d+ ms; the tournament's hang limit is 1500 ms\)$/,
    );
    // A rerun finds every run stored, the hung ones too: a hang is not retried.
    expect(await runExperiment(experiment, { out, ...options })).toMatchObject({ skipped: 4, ran: 0 });
  });
});
