import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@paradox/sdk';
import { loadExperimentFile, parseExperiment } from './parse-experiment';

const base = { scenario: 'gossip-demo', params: { agents: 200, horizonDays: 1 } };
const tournament = (entrants: unknown[]) => ({ entrants, metrics: [{ name: 'reach_share', direction: 'maximize' }] });

function problems(raw: unknown): readonly string[] {
  try {
    parseExperiment(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected the experiment to be refused');
}

describe('experiment files', () => {
  it('fill defaults; a sweep without method is a grid, with its parameters listed directly', () => {
    const e = parseExperiment({ ...base, sweep: { friends: [3, 6] } }, { name: 'fallback' });
    expect(e).toMatchObject({ name: 'fallback', seed: 1, replications: 1, sweep: { method: 'grid', params: { friends: [3, 6] } } });
    expect(parseExperiment({ ...base, sweep: { params: { friends: [3] } } }).sweep).toEqual({ method: 'grid', params: { friends: [3] } });
  });

  it.each([
    [{ ...base, scenario: 'nope' }, 'scenario: unknown scenario "nope" (built in: '],
    [{ ...base, params: { agnets: 5 } }, 'params: unknown key "agnets"'],
    [{ ...base, params: { agents: 'many' } }, 'params.agents: invalid input: expected number, received string, got "many"'],
    [{ ...base, sweep: { agnets: [1, 2] } }, 'sweep.params: unknown key "agnets"'],
    [{ ...base, sweep: { friends: [3, 60] } }, 'sweep.params.friends: too big: expected number to be <=50, got 60'],
    [{ ...base, sweep: { friends: [] } }, 'sweep.params.friends: empty sweep: the list has no values'],
    [{ ...base, sweep: {} }, 'sweep.params: empty sweep: no parameters to vary'],
    [{ ...base, sweep: { method: 'random', n: 4, params: { friends: { min: 2.2, max: 2.8, integer: true } } } }, 'sweep.params.friends: empty sweep: no whole number between 2.2 and 2.8'],
    [{ ...base, sweep: { method: 'random', n: 0, params: { friends: [3] } } }, 'sweep.n: too small: expected number to be >=1, got 0'],
    [{ ...base, sweep: { method: 'latin-hypercube', n: 4, params: { passProbability: { min: 0.5, max: 0.1 } } } }, 'sweep.params.passProbability.max: max must be >= min, got 0.1'],
    [{ ...base, sweeep: {} }, '(root): unknown key "sweeep"'],
    [{ ...base, replications: 0 }, 'replications: too small: expected number to be >=1, got 0'],
    [{ ...base, tournament: tournament([]) }, 'tournament.entrants: a tournament needs at least one entrant, got a list'],
    [{ ...base, tournament: tournament([{ name: 'a' }, { name: 'b', params: { pasProbability: 1 } }]) }, 'tournament.entrants[1].params: unknown key "pasProbability"'],
    [{ ...base, tournament: tournament([{ name: 'a' }, { name: 'a' }]) }, 'tournament.entrants[1].name: duplicate entrant name "a"'],
    [{ ...base, tournament: tournament([{ name: 'a', plugin: 'gossip' }]) }, 'tournament.entrants[0].plugin: only a role entrant (one with "role") names a plugin, got "gossip"'],
    // Role entrants on a scenario with roles: role-entrants.spec.ts.
    [
      { ...base, tournament: tournament([{ name: 'a', role: 'spreader', plugin: 'gossip', kind: 'gossiper' }]) },
      'tournament.entrants[0].role: scenario "gossip-demo" has no role "spreader" (it declares no roles)',
    ],
  ])('refuses %j before any run, naming the problem', (raw, message) => {
    expect(problems(raw).join('\n')).toContain(message);
  });

  it('lists every problem at once', () => {
    const issues = problems({ ...base, sweep: { friends: [], seeds: [] }, tournament: tournament([{ name: 'a', params: { x: 1 } }]) });
    expect(issues).toEqual([
      'sweep.params.friends: empty sweep: the list has no values',
      'sweep.params.seeds: empty sweep: the list has no values',
      'tournament.entrants[0].params: unknown key "x"',
    ]);
  });

  it('reads YAML files, naming the file and line of a syntax error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'paradox-exp-'));
    writeFileSync(join(dir, 'good.yaml'), 'scenario: gossip-demo\nsweep:\n  friends: [3, 6]\n');
    expect(loadExperimentFile(join(dir, 'good.yaml')).name).toBe('good');
    writeFileSync(join(dir, 'bad.yaml'), 'scenario: gossip-demo\nsweep: [1, 2\n');
    expect(() => loadExperimentFile(join(dir, 'bad.yaml'))).toThrow(/bad\.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
    expect(() => loadExperimentFile(join(dir, 'none.yaml'))).toThrow(/cannot read experiment file ".*none\.yaml": no such file/);
  });
});
