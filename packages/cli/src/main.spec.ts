import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main, type CliIo } from './main';

async function capture(argv: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => void (out += t), err: (t) => void (err += t), interactive: false };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('paradox CLI', () => {
  it('runs a scenario and writes its outputs, Parquet copies and the report', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'paradox-cli-')), 'run');
    const { code, out } = await capture(['run', 'gossip-demo', '--seed', '3', '--out', dir, '-p', 'agents=200', '-p', 'horizonDays=2']);
    expect(code).toBe(0);
    expect(out).toMatch(/gossip-demo seed=3: \d+ events/);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary).toMatchObject({ scenario: 'gossip-demo', seed: 3, agents: 200 });
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.params).toMatchObject({ agents: 200 });
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['events.csv', 'events.ndjson', 'series.csv', 'summary.json']));
    expect(out).toMatch(/report: .*report\.html/);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/gossip-demo/);
    expect(readFileSync(join(dir, 'events.parquet')).subarray(0, 4).toString()).toBe('PAR1');
  });

  it.each([
    [['run', 'no-such-scenario'], /unknown scenario "no-such-scenario" \(built in: .*credit-default-ripple/],
    [['run', 'gossip-demo', '--seed', 'abc'], /expected an integer seed, got "abc"/],
    [['run', 'gossip-demo', '-p', 'agents'], /expected key=value, got "agents"/],
    [['run', 'gossip-demo', '-p', 'agents=many'], /params\.agents: invalid input: expected number, received string, got "many"/],
    [['run', 'gossip-demo', '-p', 'agnets=5'], /params: unknown key "agnets"/],
    [['launch'], /unknown command 'launch'/],
  ])('%j fails with a clear message and a non-zero exit', async (argv, message) => {
    const { code, err } = await capture(argv as string[]);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
  });

  it('has --help on every command', async () => {
    for (const argv of [['--help'], ['run', '--help'], ['plugins', 'list', '--help'], ['scenarios', 'list', '--help']]) {
      const { code, out } = await capture(argv);
      expect(code).toBe(0);
      expect(out).toMatch(/Usage: paradox/);
    }
  });

  it('lists plugins with their agent kinds', async () => {
    const { code, out } = await capture(['plugins', 'list']);
    expect(code).toBe(0);
    expect(out).toMatch(/gossip@0\.1\.0/);
    expect(out).toMatch(/gossiper: /);
  });
});
