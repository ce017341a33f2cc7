import { RandomStream } from '@paradox/engine';
import { ConfigError } from '@paradox/sdk';
import { parseExperiment } from './parse-experiment';
import { computeLeaderboard, formatLeaderboard, leaderboardCsv, pairwiseCsv } from './leaderboard';
import type { ResultRow } from './results-table';
import { bootstrapMeanCi, mean, quantileSorted, standardDeviation } from './statistics';

describe('statistics', () => {
  it('mean, sample sd and type-7 quantiles', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 9);
    expect(standardDeviation([1])).toBeNaN();
    expect(quantileSorted([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
  });

  it('the bootstrap interval brackets the mean, narrows with n, and is reproducible from its seed', () => {
    const draw = new RandomStream('data');
    const small = Array.from({ length: 10 }, () => draw.normal(5, 1));
    const large = Array.from({ length: 400 }, () => draw.normal(5, 1));
    const [lo, hi] = bootstrapMeanCi(small, new RandomStream('b'), 2000, 0.95);
    expect(lo).toBeLessThan(mean(small));
    expect(hi).toBeGreaterThan(mean(small));
    const [lo2, hi2] = bootstrapMeanCi(large, new RandomStream('b'), 2000, 0.95);
    expect(hi2 - lo2).toBeLessThan((hi - lo) / 3);
    // About 1.96 standard errors either side.
    expect((hi2 - lo2) / 2).toBeCloseTo((1.96 * standardDeviation(large)) / Math.sqrt(400), 1);
    expect(bootstrapMeanCi(small, new RandomStream('b'), 2000, 0.95)).toEqual([lo, hi]);
    expect(bootstrapMeanCi([3], new RandomStream('b'), 2000, 0.95)).toEqual([3, 3]);
  });
});

describe('leaderboards', () => {
  const experiment = parseExperiment({
    scenario: 'gossip-demo',
    seed: 5,
    replications: 3,
    tournament: {
      entrants: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
      metrics: [{ name: 'loss', direction: 'minimize' }, { name: 'gain', direction: 'maximize' }],
    },
  });
  const row = (entrant: string, replication: number, loss: number | null, error = ''): ResultRow => ({
    run: 0, runId: `${entrant}${replication}`, scenario: 'gossip-demo', cell: 0, entrant, replication, seed: replication,
    status: error ? 'disqualified' : 'ok', error, params: {}, metrics: error ? {} : { loss, gain: 1 },
  });
  const rows = [
    row('a', 0, 3), row('a', 1, 1), row('a', 2, 2),
    row('b', 0, 1), row('b', 1, 1), row('b', 2, 0),
    row('c', 0, 5), row('c', 1, 0, 'agent "x" failed: boom'), row('c', 2, 2),
  ];

  it('ranks by the first metric in its direction, with mean, sd, CI and disqualifications', () => {
    const board = computeLeaderboard(experiment, rows);
    expect(board.entries.map((e) => e.entrant)).toEqual(['b', 'a', 'c']);
    const a = board.entries[1]!;
    expect(a).toMatchObject({ rank: 2, runs: 3, disqualified: 0 });
    expect(a.metrics['loss']).toMatchObject({ n: 3, mean: 2, sd: 1 });
    expect(a.metrics['loss']!.ciLow).toBeGreaterThanOrEqual(1);
    expect(a.metrics['loss']!.ciHigh).toBeLessThanOrEqual(3);
    expect(board.entries[2]).toMatchObject({ entrant: 'c', runs: 3, disqualified: 1 });
    expect(board.entries[2]!.metrics['loss']).toMatchObject({ n: 2, mean: 3.5 });
    expect(board.disqualifications).toEqual([{ entrant: 'c', run: 0, runId: 'c1', cell: 0, replication: 1, seed: 1, reason: 'agent "x" failed: boom' }]);
    expect(computeLeaderboard(experiment, rows)).toEqual(board);
  });

  it('counts paired wins on the same replication; a disqualified run loses', () => {
    const board = computeLeaderboard(experiment, rows);
    const rate = (m: string, x: string, y: string) => board.pairwise.find((p) => p.metric === m && p.entrant === x && p.opponent === y)!;
    expect(rate('loss', 'b', 'a')).toMatchObject({ pairs: 3, wins: 2, losses: 0, ties: 1, winRate: 5 / 6 });
    expect(rate('loss', 'a', 'b')).toMatchObject({ wins: 0, losses: 2, ties: 1 });
    expect(rate('loss', 'a', 'c')).toMatchObject({ wins: 2, losses: 0, ties: 1 }); // 3<5, 1 vs disqualified, 2=2
    expect(rate('gain', 'c', 'a')).toMatchObject({ wins: 0, losses: 1, ties: 2 });
    expect(pairwiseCsv(board).split('\n')[0]).toBe('metric,entrant,opponent,pairs,wins,losses,ties,win_rate');
    expect(leaderboardCsv(board).split('\n')[0]).toBe('rank,entrant,runs,disqualified,loss_mean,loss_sd,loss_ci_low,loss_ci_high,gain_mean,gain_sd,gain_ci_low,gain_ci_high');
    expect(formatLeaderboard(board)).toMatch(/ 1\. b .*n=3  \[1\]\n/);
  });

  it('names a metric no summary has', () => {
    const bad = parseExperiment({ ...experiment, tournament: { entrants: [{ name: 'a' }], metrics: [{ name: 'los', direction: 'minimize' }] } });
    expect(() => computeLeaderboard(bad, rows)).toThrow(ConfigError);
    expect(() => computeLeaderboard(bad, rows)).toThrow('tournament.metrics[0].name: "los" is not in the summary of scenario "gossip-demo" (it has: loss, gain)');
  });
});
