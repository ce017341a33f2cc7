import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentKind, definePlugin, defineTopic, z } from '@paradox/sdk';
import type { Scenario } from '../run/scenario';
import { BUILT_IN_SCENARIOS } from '../scenarios/catalog';
import { parseExperiment } from './parse-experiment';
import { expandExperiment } from './expand-experiment';
import { mergeExperiments } from './merge-experiments';
import { reproduceRun } from './reproduce-run';
import { runExperiment, type ExperimentProgress } from './run-experiment';

// Worker pools and child processes are slow on a busy machine.
jest.setTimeout(30_000);

const tmp = () => mkdtempSync(join(tmpdir(), 'paradox-experiment-'));
const read = (path: string) => readFileSync(path, 'utf8');

// 2 x 2 grid x 2 replications = 8 small runs.
const sweep = parseExperiment({
  name: 'grid',
  scenario: 'gossip-demo',
  seed: 9,
  params: { agents: 200, horizonDays: 1 },
  sweep: { friends: [3, 6], passProbability: [0.2, 0.5] },
  replications: 2,
});

describe('running an experiment', () => {
  it('writes one row per run, stores every run under its hash, and a rerun skips them all', async () => {
    const out = tmp();
    const seen: ExperimentProgress[] = [];
    const first = await runExperiment(sweep, { out, onProgress: (p) => seen.push(p) });
    expect(first).toMatchObject({ selected: 8, skipped: 0, ran: 8, failed: 0 });
    expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const csv = read(join(out, 'results.csv')).trim().split('\n');
    expect(csv[0]).toBe(
      'run,run_id,scenario,cell,entrant,replication,seed,status,error,param_agents,param_friends,param_horizonDays,param_passProbability,param_seeds,agents,reach_share,reached',
    );
    expect(csv).toHaveLength(9);
    const plan = expandExperiment(sweep);
    for (const run of plan.runs) {
      expect(readdirSync(join(out, 'runs', run.id)).sort()).toEqual(['manifest.json', 'summary.json', 'timing.json']);
      expect(csv[run.index + 1]).toMatch(new RegExp(`^${run.index},${run.id},gossip-demo,${run.cell},,${run.replication},${run.seed},ok,,200,`));
    }
    expect(read(join(out, 'cells.csv')).split('\n')[0]).toBe(
      'cell,entrant,param_friends,param_passProbability,runs,ok,agents_mean,agents_sd,reach_share_mean,reach_share_sd,reached_mean,reached_sd',
    );
    const before = read(join(out, 'results.csv'));
    const mtimes = plan.runs.map((r) => statSync(join(out, 'runs', r.id, 'manifest.json')).mtimeMs);

    const again = await runExperiment(sweep, { out });
    expect(again).toMatchObject({ selected: 8, skipped: 8, ran: 0 });
    expect(read(join(out, 'results.csv'))).toBe(before);
    expect(plan.runs.map((r) => statSync(join(out, 'runs', r.id, 'manifest.json')).mtimeMs)).toEqual(mtimes);

    // --rerun recomputes and replaces them (after a code change without a version bump).
    const inodes = plan.runs.map((r) => statSync(join(out, 'runs', r.id, 'manifest.json')).ino);
    expect(await runExperiment(sweep, { out, rerun: true })).toMatchObject({ skipped: 0, ran: 8 });
    expect(read(join(out, 'results.csv'))).toBe(before);
    plan.runs.forEach((r, i) => expect(statSync(join(out, 'runs', r.id, 'manifest.json')).ino).not.toBe(inodes[i]));
    expect(readdirSync(join(out, 'runs', '.tmp'))).toEqual([]);
  });

  it('gives byte-identical results with 1 and 2 workers (the pool loads the compiled lab)', async () => {
    const one = tmp();
    const two = tmp();
    await runExperiment(sweep, { out: one, workers: 1 });
    const pooled = await runExperiment(sweep, { out: two, workers: 2 });
    expect(pooled.ran).toBe(8);
    for (const file of ['results.csv', 'cells.csv', 'plan.json', 'experiment.json']) expect(read(join(two, file))).toBe(read(join(one, file)));
    expect(readFileSync(join(two, 'results.parquet')).equals(readFileSync(join(one, 'results.parquet')))).toBe(true);
    for (const id of readdirSync(join(one, 'runs')).filter((n) => n !== '.tmp')) {
      expect(read(join(two, 'runs', id, 'summary.json'))).toBe(read(join(one, 'runs', id, 'summary.json')));
      expect(read(join(two, 'runs', id, 'manifest.json'))).toBe(read(join(one, 'runs', id, 'manifest.json')));
    }
  });

  it('shards and merges to exactly the unsharded results', async () => {
    const whole = tmp();
    await runExperiment(sweep, { out: whole });
    const root = tmp();
    const shards = [0, 1, 2].map((index) => join(root, `shard-${index}`));
    const ran = [];
    for (const [index, out] of shards.entries()) ran.push((await runExperiment(sweep, { out, shard: { index, count: 3 } })).ran);
    expect(ran).toEqual([3, 3, 2]);
    expect(read(join(shards[1]!, 'results.shard-1-of-3.csv')).trim().split('\n').map((l) => l.split(',')[0])).toEqual(['run', '1', '4', '7']);
    await expect(mergeExperiments(join(root, 'merged'), shards.slice(0, 2))).rejects.toThrow(/2 of 8 runs are in none of the directories \(run 2 \(.{12}\), run 5 .*pass --partial/);
    const merged = await mergeExperiments(join(root, 'merged'), shards);
    expect(merged.copied).toBe(2); // the first attempt already copied the others
    for (const file of ['results.csv', 'cells.csv', 'plan.json']) expect(read(join(root, 'merged', file))).toBe(read(join(whole, file)));
    expect(readFileSync(join(root, 'merged', 'results.parquet')).equals(readFileSync(join(whole, 'results.parquet')))).toBe(true);

    const other = tmp();
    await runExperiment(parseExperiment({ ...sweep, seed: 10 }), { out: other, shard: { index: 0, count: 3 } });
    await expect(mergeExperiments(join(root, 'again'), [shards[0]!, other])).rejects.toThrow(/holds a different experiment than/);
  });

  it('keeps full outputs on request, and removes runs left half-written by a dead process', async () => {
    const out = tmp();
    const plan = expandExperiment(sweep);
    const stale = join(out, 'runs', '.tmp', `${plan.runs[0]!.id}.${hostname()}.999999999.0`);
    mkdirSync(stale, { recursive: true });
    writeFileSync(join(stale, 'summary.json'), '{"half":');
    await runExperiment(plan, { out, keepOutputs: true });
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(join(out, 'runs', '.tmp'))).toEqual([]);
    expect(readdirSync(join(out, 'runs', plan.runs[0]!.id)).sort()).toEqual(['events.csv', 'events.ndjson', 'manifest.json', 'series.csv', 'summary.json', 'timing.json']);
  });

  it('reproduces a stored run from its manifest, and names the files that differ', async () => {
    const out = tmp();
    const plan = expandExperiment(sweep);
    await runExperiment(parseExperiment({ ...sweep, replications: 1, sweep: { friends: [3] } }), { out });
    const id = readdirSync(join(out, 'runs')).find((n) => n !== '.tmp')!;
    const manifestPath = join(out, 'runs', id, 'manifest.json');
    const ok = reproduceRun(manifestPath);
    expect(ok).toMatchObject({ identical: true, differences: [], versionChanges: [] });
    expect(ok.checked).toBe(4); // events.csv, events.ndjson, series.csv, summary.json: all hashed, though only the summary is kept
    expect(existsSync(ok.dir)).toBe(false);

    const manifest = JSON.parse(read(manifestPath));
    manifest.files['events.csv'] = '0'.repeat(64);
    manifest.versions['@paradox/lab'] = '0.0.0-old';
    const tampered = join(tmp(), 'manifest.json');
    writeFileSync(tampered, JSON.stringify(manifest));
    const bad = reproduceRun(tampered);
    expect(bad.identical).toBe(false);
    expect(bad.differences.map((d) => d.file)).toEqual(['events.csv']);
    expect(bad.versionChanges).toEqual([expect.stringMatching(/^@paradox\/lab: 0\.0\.0-old -> /)]);
    expect(existsSync(join(bad.dir, 'events.csv'))).toBe(true);
    expect(plan.runs.length).toBe(8);
  });
});

describe('a tournament', () => {
  // Entrants are mitigations of a world where a fragile agent may blow up: an entrant whose run
  // fails is disqualified for that run and the tournament goes on.
  const PING = defineTopic<number>('ping');
  const fragile = definePlugin({
    id: 'fragile',
    version: '1.0.0',
    description: 'counts pings, may throw',
    agents: {
      counter: agentKind({
        description: 'records pings; throws at `failAt`',
        config: z.object({ failAt: z.number() }),
        create: (cfg) => ({
          start(ctx) {
            ctx.on(PING, (n) => {
              ctx.record('ping', n);
              if (n === cfg.failAt) throw new Error(`cannot take ping ${n}`);
            });
          },
        }),
      }),
    },
  });
  const params = z.object({ pings: z.number().int().min(1).default(5), failAt: z.number().default(-1), bonus: z.number().default(0) }).strict();
  const pings: Scenario<z.output<typeof params>> = {
    name: 'pings',
    description: 'pings a fragile counter',
    plugins: [fragile],
    parseParams: (raw) => params.parse(raw),
    horizonMs: () => 100_000,
    build(run, p) {
      const rng = run.seeds.stream('scenario/noise');
      run.place({ plugin: 'fragile', kind: 'counter', id: 'counter', config: { failAt: p.failAt } });
      for (let i = 1; i <= p.pings; i++) run.kernel.scheduleAt(i * 1000, (n: number) => run.bus.publish('ping', n), i);
      const noise = rng.uniform(0, 1);
      return { summary: () => ({ score: p.bonus + noise, pings: p.pings }) };
    },
  };
  const scenarios = new Map([...BUILT_IN_SCENARIOS, ['pings', pings]]);

  it('ranks entrants on common random numbers and records a failing entrant as disqualified', async () => {
    const experiment = parseExperiment(
      {
        name: 'cup',
        scenario: 'pings',
        seed: 3,
        replications: 4,
        tournament: {
          entrants: [
            { name: 'plain' },
            { name: 'boosted', params: { bonus: 0.5 } },
            { name: 'reckless', params: { bonus: 2, failAt: 3 } },
          ],
          metrics: [{ name: 'score', direction: 'maximize' }],
          bootstrap: { resamples: 500 },
        },
      },
      { scenarios },
    );
    const out = tmp();
    const outcome = await runExperiment(experiment, { out, scenarios });
    expect(outcome).toMatchObject({ selected: 12, ran: 12, failed: 4 });
    const reckless = outcome.rows.filter((r) => r.entrant === 'reckless');
    expect(reckless.map((r) => r.status)).toEqual(['disqualified', 'disqualified', 'disqualified', 'disqualified']);
    expect(reckless[0]!.error).toMatch(/agent "counter" \(plugin "fragile"\) failed at .* "ping": cannot take ping 3/);
    expect(read(join(out, 'results.csv'))).toMatch(/,reckless,0,\d+,disqualified,"agent ""counter"" \(plugin ""fragile""\) failed/);
    const board = outcome.leaderboard!;
    expect(board.entries.map((e) => [e.entrant, e.runs, e.disqualified])).toEqual([['boosted', 4, 0], ['plain', 4, 0], ['reckless', 4, 4]]);
    // Common random numbers: the noise is the same for every entrant in a replication, so
    // boosted beats plain by exactly its bonus, every time.
    const plain = outcome.rows.filter((r) => r.entrant === 'plain');
    const boosted = outcome.rows.filter((r) => r.entrant === 'boosted');
    boosted.forEach((b, i) => expect((b.metrics['score'] as number) - (plain[i]!.metrics['score'] as number)).toBeCloseTo(0.5, 12));
    expect(board.pairwise.find((p) => p.entrant === 'boosted' && p.opponent === 'plain')).toMatchObject({ pairs: 4, wins: 4, winRate: 1 });
    expect(board.pairwise.find((p) => p.entrant === 'plain' && p.opponent === 'reckless')).toMatchObject({ wins: 4, winRate: 1 });
    expect(board.disqualifications).toHaveLength(4);
    const json = JSON.parse(read(join(out, 'leaderboard.json')));
    expect(json.disqualifications[0]).toMatchObject({ entrant: 'reckless', replication: 0, reason: expect.stringContaining('cannot take ping 3') });
    expect(read(join(out, 'leaderboard.csv')).split('\n')[1]).toMatch(/^1,boosted,4,0,/);
  });

  it('refuses custom scenarios on the worker pool', async () => {
    const experiment = parseExperiment({ scenario: 'pings' }, { scenarios });
    await expect(runExperiment(experiment, { out: tmp(), scenarios, workers: 2 })).rejects.toThrow('scenarios other than the built-in ones run in-process only');
  });
});
