import { RandomStream } from '@paradox/engine';
import { parseExperiment } from './parse-experiment';
import { expandExperiment } from './expand-experiment';
import { replicationSeed } from './replication-seed';
import { runId } from './run-spec';
import { sweepCells } from './sweep-cells';

const rng = () => new RandomStream('test');

describe('sweep cells', () => {
  it('a grid is every combination, the last parameter fastest', () => {
    expect(sweepCells({ method: 'grid', params: { a: [1, 2], b: ['x', 'y', 'z'] } }, rng())).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
    expect(sweepCells(undefined, rng())).toEqual([{}]);
  });

  it('random draws stay in their ranges, integers are whole, lists are chosen from, and the seed decides', () => {
    const sweep = {
      method: 'random' as const,
      n: 200,
      params: { p: { min: 0.1, max: 0.2, integer: false, log: false }, k: { min: 2, max: 5, integer: true, log: false }, c: ['a', 'b'] },
    };
    const cells = sweepCells(sweep, rng());
    expect(cells).toHaveLength(200);
    for (const cell of cells) {
      expect(cell['p']).toBeGreaterThanOrEqual(0.1);
      expect(cell['p']).toBeLessThan(0.2);
      expect([2, 3, 4, 5]).toContain(cell['k']);
      expect(['a', 'b']).toContain(cell['c']);
    }
    expect(new Set(cells.map((c) => c['k']))).toEqual(new Set([2, 3, 4, 5]));
    expect(sweepCells(sweep, rng())).toEqual(cells);
    expect(sweepCells(sweep, new RandomStream('other'))).not.toEqual(cells);
  });

  it('a Latin hypercube puts exactly one draw in each of n strata of every range', () => {
    const n = 50;
    const cells = sweepCells(
      { method: 'latin-hypercube', n, params: { x: { min: 0, max: 10, integer: false, log: false }, y: { min: 1, max: 1000, integer: false, log: true } } },
      rng(),
    );
    const strataX = cells.map((c) => Math.floor(((c['x'] as number) / 10) * n)).sort((a, b) => a - b);
    const strataY = cells.map((c) => Math.floor((Math.log((c['y'] as number)) / Math.log(1000)) * n)).sort((a, b) => a - b);
    expect(strataX).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(strataY).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

describe('expansion into runs', () => {
  const experiment = parseExperiment({
    scenario: 'gossip-demo',
    seed: 42,
    params: { agents: 200, horizonDays: 1 },
    sweep: { friends: [3, 6] },
    replications: 3,
    tournament: {
      entrants: [{ name: 'chatty', params: { passProbability: 0.6 } }, { name: 'quiet', params: { passProbability: 0.1 } }],
      metrics: [{ name: 'reach_share', direction: 'maximize' }],
    },
  });

  it('is cells x replications x entrants, in that order, with full params', () => {
    const plan = expandExperiment(experiment);
    expect(plan.runs).toHaveLength(12);
    expect(plan.runs.map((r) => [r.cell, r.replication, r.entrant])).toEqual([
      [0, 0, 'chatty'], [0, 0, 'quiet'], [0, 1, 'chatty'], [0, 1, 'quiet'], [0, 2, 'chatty'], [0, 2, 'quiet'],
      [1, 0, 'chatty'], [1, 0, 'quiet'], [1, 1, 'chatty'], [1, 1, 'quiet'], [1, 2, 'chatty'], [1, 2, 'quiet'],
    ]);
    expect(plan.runs[7]!.params).toEqual({ agents: 200, friends: 6, seeds: 5, passProbability: 0.1, horizonDays: 1 });
    expect(plan.runs.map((r) => r.index)).toEqual(plan.runs.map((_, i) => i));
  });

  it('gives every cell and entrant the same seed for a replication (common random numbers)', () => {
    const plan = expandExperiment(experiment);
    for (const run of plan.runs) expect(run.seed).toBe(replicationSeed(42, run.replication));
    expect(new Set(plan.runs.map((r) => r.seed)).size).toBe(3);
  });

  it('names each run by the content hash of scenario, params, seed and code version', () => {
    const a = expandExperiment(experiment);
    const b = expandExperiment(experiment);
    expect(b.runs.map((r) => r.id)).toEqual(a.runs.map((r) => r.id));
    expect(b.hash).toBe(a.hash);
    expect(new Set(a.runs.map((r) => r.id)).size).toBe(12);
    const run = a.runs[0]!;
    expect(run.id).toBe(runId({ scenario: 'gossip-demo', params: run.params, seed: run.seed, versions: a.versions }));
    expect(run.id).toMatch(/^[0-9a-f]{64}$/);
    expect(runId({ scenario: 'gossip-demo', params: run.params, seed: run.seed, versions: { ...a.versions, '@paradox/lab': '9.9.9' } })).not.toBe(run.id);
    // Key order does not matter (canonical JSON).
    const reordered = Object.fromEntries(Object.entries(run.params).reverse());
    expect(runId({ scenario: 'gossip-demo', params: reordered, seed: run.seed, versions: a.versions })).toBe(run.id);
  });
});
