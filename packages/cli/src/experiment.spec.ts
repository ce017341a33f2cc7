import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from './main';

// Worker pools and child processes are slow on a busy machine.
jest.setTimeout(30_000);

// Experiment commands return a promise of the exit code; `main` is awaited either way.
async function capture(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), interactive: false, env };
  const code = await main(argv, io);
  return { code, out, err };
}

const dir = () => mkdtempSync(join(tmpdir(), 'paradox-cli-exp-'));
const read = (path: string) => readFileSync(path, 'utf8');

function experimentFile(body: string): string {
  const path = join(dir(), 'experiment.yaml');
  writeFileSync(path, body);
  return path;
}

const SWEEP = `
name: small-sweep
scenario: gossip-demo
seed: 4
params: { agents: 200, horizonDays: 1 }
sweep:
  friends: [3, 6]
  passProbability: [0.2, 0.5]
replications: 2
`;

const TOURNAMENT = `
scenario: gossip-demo
params: { agents: 200, horizonDays: 1 }
replications: 3
tournament:
  entrants:
    - { name: chatty, params: { passProbability: 0.6 } }
    - { name: quiet, params: { passProbability: 0.1 } }
  metrics:
    - { name: reach_share, direction: maximize }
`;

describe('paradox experiment run', () => {
  it('runs a sweep, writes the results table, and a rerun skips every run', async () => {
    const file = experimentFile(SWEEP);
    const out = join(dir(), 'out');
    const first = await capture(['experiment', 'run', file, '--out', out, '--workers', '1']);
    expect(first.err).toMatch(/small-sweep: 8 runs to do, 0 already finished/);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/small-sweep: 8 runs: 8 ran, 0 already finished/);
    expect(read(join(out, 'results.csv')).trim().split('\n')).toHaveLength(9);
    const again = await capture(['experiment', 'run', file, '--out', out, '--workers', '1', '--no-progress']);
    expect(again.out).toMatch(/8 runs: 0 ran, 8 already finished/);
    expect(again.err).toBe('');
    const dry = await capture(['experiment', 'run', file, '--out', out, '--dry-run']);
    expect(dry.out).toMatch(/small-sweep: 8 runs in the plan: 8 selected, 8 already finished in .*, 0 to run/);
  });

  it('ranks a tournament and prints the leaderboard', async () => {
    const out = join(dir(), 'out');
    const { code, out: text } = await capture(['experiment', 'run', experimentFile(TOURNAMENT), '--out', out, '-w', '1', '--no-progress']);
    expect(code).toBe(0);
    expect(text).toMatch(/reach_share \(maximize; mean ± sd \[95% CI\]; overall rank in brackets\)\n {3}1\. chatty .* n=3  \[1\]\n {3}2\. quiet /);
    expect(read(join(out, 'pairwise.csv'))).toMatch(/reach_share,chatty,quiet,3,3,0,0,1/);
  });

  it('runs a tournament on several scenarios and prints a leaderboard per scenario', async () => {
    const file = experimentFile(`
name: two-worlds
scenarios: [credit-default-ripple, real-estate-flash-crash]
params: { holders: 100 }
replications: 2
tournament:
  entrants:
    - { name: spot, params: { pricing: spot } }
    - { name: nav, params: { pricing: nav } }
  metrics:
    - { name: bad_debt, direction: minimize }
`);
    const out = join(dir(), 'out');
    const dry = await capture(['experiment', 'run', file, '--out', out, '--dry-run']);
    expect(dry.out).toMatch(/^two-worlds: 8 runs in the plan on 2 scenarios \(credit-default-ripple, real-estate-flash-crash\): 8 selected/);
    const { code, out: text } = await capture(['experiment', 'run', file, '--out', out, '-w', '1', '--no-progress']);
    expect(code).toBe(0);
    expect(text).toMatch(/scenario credit-default-ripple:\nbad_debt \(minimize[^\n]*\n {3}1\. .* n=2 [^\n]*\n {3}2\. .* n=2 [^\n]*\nscenario real-estate-flash-crash:\nbad_debt /);
  });

  it('takes the shard from a Slurm array, and merge gives the unsharded table', async () => {
    const file = experimentFile(SWEEP);
    const root = dir();
    await capture(['experiment', 'run', file, '--out', join(root, 'whole'), '-w', '1']);
    for (const id of ['4', '5']) {
      const slurm = { SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '2' };
      const shard = await capture(['experiment', 'run', file, '--out', join(root, `shard-${id}`), '-w', '1', '--no-progress'], slurm);
      expect(shard.code).toBe(0);
      expect(shard.out).toMatch(new RegExp(`\\(shard ${Number(id) - 4}/2\\): 4 runs: 4 ran`));
    }
    expect(existsSync(join(root, 'shard-5', 'results.shard-1-of-2.csv'))).toBe(true);
    const merged = await capture(['merge', join(root, 'merged'), join(root, 'shard-4'), join(root, 'shard-5')]);
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/merged 2 directories into .*: 8 of 8 runs \(8 copied\)/);
    expect(read(join(root, 'merged', 'results.csv'))).toBe(read(join(root, 'whole', 'results.csv')));

    // A Kubernetes indexed Job gives the index; the count comes from --shards.
    const k8s = await capture(['experiment', 'run', file, '--out', join(root, 'k8s'), '-w', '1', '--shards', '4', '--no-progress'], { JOB_COMPLETION_INDEX: '3' });
    expect(k8s.out).toMatch(/\(shard 3\/4\): 2 runs: 2 ran/);
    const partial = await capture(['merge', join(root, 'partial'), join(root, 'k8s')]);
    expect(partial.code).toBe(1);
    expect(partial.err).toMatch(/paradox: 6 of 8 runs are in none of the directories/);
    expect((await capture(['merge', join(root, 'partial'), join(root, 'k8s'), '--partial'])).code).toBe(0);
  });

  it.each([
    [['experiment', 'run', 'no-such-file.yaml'], 1, /paradox: cannot read experiment file "no-such-file\.yaml": no such file/],
    [['experiment', 'run', '@scenario: nope'], 1, /scenario: unknown scenario "nope" \(built in: .*gossip-demo/],
    [['experiment', 'run', '@scenario: gossip-demo\nparams: { agnets: 3 }'], 1, /params: unknown key "agnets"/],
    [['experiment', 'run', '@scenario: gossip-demo\nsweep: { friends: [] }'], 1, /sweep\.params\.friends: empty sweep: the list has no values/],
    [['experiment', 'run', '@scenario: gossip-demo\nsweep: [1, 2'], 1, /experiment\.yaml:2:13: Flow sequence in block collection must be sufficiently indented and end with a \]\n/],
    [['experiment', 'run', '@scenario: gossip-demo', '--shard', '2/2'], 2, /argument '2\/2' is invalid\. expected i\/n with 0 <= i < n, got "2\/2"/],
    [['experiment', 'run', '@scenario: gossip-demo', '--workers', '0'], 2, /expected a positive integer, got "0"/],
    [['experiment', 'run', '@scenario: gossip-demo', '--shards', '3'], 1, /--shards needs a shard index/],
    [['experiment', 'run', '@scenario: gossip-demo', '--shard', '0/2', '--shards', '3'], 1, /--shard 0\/2 and --shards 3 disagree/],
    [['merge', '@out', '/nonexistent-b'], 1, /"\/nonexistent-b" holds no experiment output/],
    [['merge', '@out'], 2, /missing required argument 'dirs'/],
    [['reproduce', '/nonexistent/manifest.json'], 1, /cannot read manifest "\/nonexistent\/manifest\.json"/],
  ])('%j fails with a clear message and a non-zero exit', async (argv, exit, message) => {
    // "@out" is a fresh output directory, "@<yaml>" a file with that content.
    const args = (argv as string[]).map((a) => (a === '@out' ? join(dir(), 'out') : a.startsWith('@') ? experimentFile(a.slice(1)) : a));
    const { code, err } = await capture(args[0] === 'experiment' ? [...args, '--out', join(dir(), 'out')] : args);
    expect(err).toMatch(message);
    expect(code).toBe(exit);
  });

  it('queries the results with SQL (DuckDB over results.parquet)', async () => {
    const out = join(dir(), 'out');
    await capture(['experiment', 'run', experimentFile(SWEEP), '--out', out, '-w', '1', '--no-progress']);
    const sql = 'SELECT param_friends AS friends, count(*) AS runs, round(avg(reach_share), 6) AS reach FROM results GROUP BY 1 ORDER BY 1';
    const table = await capture(['query', sql, '--dir', out]);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/^friends {2}runs {2}reach\n-+ {2}-+ {2}-+\n3 {8}4 {5}0\.\d+\n6 {8}4 {5}0\.\d+\n\(2 rows\)\n$/);
    const json = await capture(['query', 'SELECT run, seed, status, reached FROM results ORDER BY run LIMIT 2', '-d', out, '-f', 'json']);
    const rows = json.out.trim().split('\n').map((l) => JSON.parse(l));
    const csv = read(join(out, 'results.csv')).split('\n')[1]!.split(',');
    expect(rows[0]).toEqual({ run: 0, seed: Number(csv[6]), status: 'ok', reached: Number(csv[16]) });
    expect((await capture(['query', 'SELECT name FROM leaderboard', '-d', out])).err).toMatch(/paradox: .*leaderboard/);
    expect((await capture(['query', 'SELECT 1', '-d', out, '-f', 'xml'])).err).toMatch(/expected table, csv or json, got "xml"/);
  });

  it.each([
    ['gossip-sweep.yaml', 120],
    ['gossip-lhs.yaml', 192],
    ['gossip-tournament.yaml', 60],
    ['liquidators.yaml', 30],
  ])('the documented experiment %s is valid (--dry-run)', async (file, runs) => {
    const path = join(__dirname, '..', '..', '..', 'docs', 'examples', 'experiments', file);
    const { code, out } = await capture(['experiment', 'run', path, '--dry-run', '--out', join(dir(), 'out')]);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`: ${runs} runs in the plan: ${runs} selected, 0 already finished in .*, ${runs} to run`));
  });

  it('has --help on every new command', async () => {
    for (const argv of [['experiment', '--help'], ['experiment', 'run', '--help'], ['merge', '--help'], ['reproduce', '--help'], ['query', '--help']]) {
      const { code, out } = await capture(argv);
      expect(code).toBe(0);
      expect(out).toMatch(/Usage: paradox/);
    }
  });
});

describe('paradox reproduce', () => {
  it('verifies a run manifest, and names the files that differ', async () => {
    const run = join(dir(), 'run');
    expect(await capture(['run', 'gossip-demo', '--seed', '5', '--out', run, '-p', 'agents=200', '-p', 'horizonDays=1'])).toMatchObject({ code: 0 });
    const ok = await capture(['reproduce', join(run, 'manifest.json')]);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/reproduced: all 4 output files match/);

    const manifest = JSON.parse(read(join(run, 'manifest.json')));
    manifest.files['series.csv'] = 'f'.repeat(64);
    const tampered = join(dir(), 'manifest.json');
    writeFileSync(tampered, JSON.stringify(manifest));
    const bad = await capture(['reproduce', tampered]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/not reproduced: 1 of 4 files differ .*\n {2}series\.csv: sha256 ffffffffffff\.\.\. expected, [0-9a-f]{12}\.\.\. now/);
  });
});

describe('kill -9', () => {
  const bin = join(__dirname, '..', 'dist', 'bin.js');

  function start(file: string, out: string, workers = 1) {
    const child = spawn(process.execPath, [bin, 'experiment', 'run', file, '--out', out, '--workers', String(workers), '--no-progress'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited, stdout: () => stdout };
  }
  const finished = (out: string) => (existsSync(join(out, 'runs')) ? readdirSync(join(out, 'runs')).filter((n) => n !== '.tmp') : []);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** Starts the experiment and kills it with SIGKILL once five runs have finished. */
  async function killAfterFiveRuns(file: string, out: string, workers = 1): Promise<void> {
    const first = start(file, out, workers);
    const deadline = process.hrtime.bigint() + 30_000_000_000n;
    while (finished(out).length < 5) {
      if (process.hrtime.bigint() > deadline) throw new Error('no runs finished in 30 s');
      await sleep(10);
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
  }

  it('loses only the runs in flight: a rerun completes the rest and recomputes none of the finished ones', async () => {
    // 20 runs of ~0.1 s each; the CLI is the compiled one (`pnpm build` first).
    const file = experimentFile('scenario: gossip-demo\nseed: 2\nparams: { agents: 1500, horizonDays: 1 }\nsweep: { passProbability: [0.2, 0.3, 0.4, 0.5] }\nreplications: 5\n');
    const out = join(dir(), 'out');
    await killAfterFiveRuns(file, out);
    const survivors = finished(out);
    expect(survivors.length).toBeGreaterThanOrEqual(5);
    expect(survivors.length).toBeLessThan(20);
    expect(existsSync(join(out, 'results.csv'))).toBe(false);
    const stamp = (id: string) => {
      const s = statSync(join(out, 'runs', id, 'manifest.json'));
      return `${s.ino}:${s.mtimeMs}`;
    };
    const before = new Map(survivors.map((id) => [id, stamp(id)]));

    const second = start(file, out);
    expect(await second.exited).toBe(0);
    expect(second.stdout()).toMatch(new RegExp(`20 runs: ${20 - survivors.length} ran, ${survivors.length} already finished`));
    expect(finished(out)).toHaveLength(20);
    for (const [id, s] of before) expect(stamp(id)).toBe(s);
    expect(readdirSync(join(out, 'runs', '.tmp'))).toEqual([]);
    const rows = read(join(out, 'results.csv')).trim().split('\n').slice(1);
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.includes(',ok,'))).toBe(true);
  }, 60_000);

  it('on several workers (where paradox starts itself again with other GC flags), the restarted process stops with the one killed', async () => {
    const file = experimentFile('scenario: gossip-demo\nseed: 2\nparams: { agents: 1500, horizonDays: 1 }\nsweep: { passProbability: [0.2, 0.3, 0.4, 0.5] }\nreplications: 50\n');
    const out = join(dir(), 'out');
    await killAfterFiveRuns(file, out, 2);
    // Runs in flight may still land in the moment the restarted process takes to notice.
    await sleep(1_000);
    const settled = finished(out).length;
    await sleep(2_000);
    expect(finished(out).length).toBe(settled);
    expect(settled).toBeLessThan(200);
    expect(existsSync(join(out, 'results.csv'))).toBe(false);
  }, 60_000);
});
