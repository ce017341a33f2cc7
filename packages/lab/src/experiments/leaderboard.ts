import { SeedTree } from '@paradox/engine';
import { ConfigError } from '@paradox/sdk';
import { experimentScenarios, type Experiment, type MetricSpec } from './experiment';
import { csvField, type ResultRow } from './results-table';
import { bootstrapMeanCi, mean, standardDeviation } from './statistics';

/** One entrant's figures on one metric, over its runs that were not disqualified. */
export interface MetricStats {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation (NaN with fewer than two runs). */
  readonly sd: number;
  /** Percentile bootstrap confidence interval of the mean. */
  readonly ciLow: number;
  readonly ciHigh: number;
}

export interface LeaderboardEntry {
  readonly rank: number;
  readonly entrant: string;
  readonly runs: number;
  readonly disqualified: number;
  readonly metrics: Readonly<Record<string, MetricStats>>;
}

/**
 * How often `entrant` beat `opponent` on `metric` in runs that share a cell and a replication
 * (hence a seed: common random numbers make the comparison paired). A disqualified run loses to
 * one that was not; two disqualified runs tie. `winRate` counts a tie as half a win.
 */
export interface PairwiseWinRate {
  readonly metric: string;
  readonly entrant: string;
  readonly opponent: string;
  readonly pairs: number;
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  readonly winRate: number;
}

/** The record of one disqualification: which entrant, in which run, and why. */
export interface Disqualification {
  readonly entrant: string;
  readonly run: number;
  readonly runId: string;
  readonly cell: number;
  readonly replication: number;
  readonly seed: number;
  readonly reason: string;
}

export interface Leaderboard {
  /** The scenario this board ranks on, in an experiment over several (`scenarios:`); absent otherwise. */
  readonly scenario?: string;
  readonly metrics: readonly MetricSpec[];
  readonly confidence: number;
  readonly resamples: number;
  /** Ranked by the first metric's mean (in its direction), then the next metrics, then name. */
  readonly entries: readonly LeaderboardEntry[];
  readonly pairwise: readonly PairwiseWinRate[];
  readonly disqualifications: readonly Disqualification[];
}

/**
 * The leaderboards of a tournament: one for an experiment on one scenario; one per scenario, each
 * from that scenario's runs alone, for an experiment over several (`scenarios:`), since metrics
 * are not comparable across scenarios.
 */
export function computeLeaderboards(experiment: Experiment, rows: readonly ResultRow[]): Leaderboard[] {
  if (!experiment.scenarios) return [computeLeaderboard(experiment, rows)];
  return experimentScenarios(experiment).map((name) => computeLeaderboard(experiment, rows.filter((r) => r.scenario === name), name));
}

/**
 * Ranks a tournament's entrants. Bootstrap resampling draws from the experiment's seed tree
 * (`experiment/bootstrap/<entrant>/<metric>`, or `experiment/bootstrap/<scenario>/<entrant>/<metric>`
 * for the board of one of several scenarios), so the intervals are reproducible. Throws a
 * {@link ConfigError} naming a metric that no run's summary has. With `scenario`, `rows` are that
 * scenario's and the board says so.
 */
export function computeLeaderboard(experiment: Experiment, rows: readonly ResultRow[], scenario?: string): Leaderboard {
  const tournament = experiment.tournament;
  if (!tournament) throw new Error('a leaderboard needs a tournament');
  const { metrics, bootstrap } = tournament;
  const okRows = rows.filter((r) => r.status === 'ok');
  if (okRows.length > 0) {
    const known = new Set(okRows.flatMap((r) => Object.keys(r.metrics)));
    const issues = metrics.flatMap((m, i) =>
      known.has(m.name) ? [] : [`tournament.metrics[${i}].name: "${m.name}" is not in the summary of scenario "${scenario ?? experiment.scenario}" (it has: ${[...known].join(', ')})`],
    );
    if (issues.length) throw new ConfigError(issues);
  }
  const seeds = new SeedTree(experiment.seed).child('experiment');
  const streamPrefix = scenario === undefined ? 'bootstrap' : `bootstrap/${scenario}`;
  const byEntrant = new Map<string, ResultRow[]>(tournament.entrants.map((e) => [e.name, []]));
  for (const row of rows) if (row.entrant !== null) byEntrant.get(row.entrant)?.push(row);

  const unranked = [...byEntrant].map(([entrant, list]) => {
    const ok = list.filter((r) => r.status === 'ok');
    const stats: Record<string, MetricStats> = {};
    for (const metric of metrics) {
      const values = ok.map((r) => r.metrics[metric.name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const [ciLow, ciHigh] = bootstrapMeanCi(values, seeds.stream(`${streamPrefix}/${entrant}/${metric.name}`), bootstrap.resamples, bootstrap.confidence);
      stats[metric.name] = { n: values.length, mean: mean(values), sd: standardDeviation(values), ciLow, ciHigh };
    }
    return { entrant, runs: list.length, disqualified: list.length - ok.length, metrics: stats };
  });
  unranked.sort((a, b) => {
    for (const metric of metrics) {
      const x = a.metrics[metric.name]!.mean;
      const y = b.metrics[metric.name]!.mean;
      if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
      if (x !== y && !Number.isNaN(x)) return metric.direction === 'maximize' ? y - x : x - y;
    }
    return a.entrant < b.entrant ? -1 : a.entrant > b.entrant ? 1 : 0;
  });
  const entries = unranked.map((e, i) => ({ rank: i + 1, ...e }));

  const pairwise: PairwiseWinRate[] = [];
  const keyOf = (r: ResultRow) => `${r.cell}/${r.replication}`;
  const indexed = new Map([...byEntrant].map(([name, list]) => [name, new Map(list.map((r) => [keyOf(r), r]))]));
  for (const metric of metrics) {
    for (const a of entries) {
      for (const b of entries) {
        if (a.entrant === b.entrant) continue;
        let wins = 0;
        let losses = 0;
        let ties = 0;
        const theirs = indexed.get(b.entrant)!;
        for (const [key, mine] of indexed.get(a.entrant)!) {
          const other = theirs.get(key);
          if (!other) continue;
          const outcome = compare(mine, other, metric);
          if (outcome > 0) wins++;
          else if (outcome < 0) losses++;
          else ties++;
        }
        const pairs = wins + losses + ties;
        pairwise.push({ metric: metric.name, entrant: a.entrant, opponent: b.entrant, pairs, wins, losses, ties, winRate: pairs ? (wins + ties / 2) / pairs : NaN });
      }
    }
  }
  const disqualifications = rows
    .filter((r) => r.status === 'disqualified')
    .map((r) => ({ entrant: r.entrant!, run: r.run, runId: r.runId, cell: r.cell, replication: r.replication, seed: r.seed, reason: r.error }));
  return { ...(scenario === undefined ? {} : { scenario }), metrics, confidence: bootstrap.confidence, resamples: bootstrap.resamples, entries, pairwise, disqualifications };
}

/** +1 if `a` did better than `b` on the metric, -1 if worse, 0 for a tie. */
function compare(a: ResultRow, b: ResultRow, metric: MetricSpec): number {
  const valueOf = (r: ResultRow) => {
    const v = r.status === 'ok' ? r.metrics[metric.name] : undefined;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  };
  const x = valueOf(a);
  const y = valueOf(b);
  if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : -1) : 1;
  if (x === y) return 0;
  return (x > y) === (metric.direction === 'maximize') ? 1 : -1;
}

/**
 * `rank, entrant, runs, disqualified`, then `<metric>_mean, _sd, _ci_low, _ci_high` per metric.
 * Boards of several scenarios go into one table with a leading `scenario` column (ranks are per scenario).
 */
export function leaderboardCsv(boards: Leaderboard | readonly Leaderboard[]): string {
  const list = asList(boards);
  const metrics = list[0]?.metrics ?? [];
  const scenarioColumn = list.some((b) => b.scenario !== undefined);
  const header = [...(scenarioColumn ? ['scenario'] : []), 'rank', 'entrant', 'runs', 'disqualified', ...metrics.flatMap((m) => ['mean', 'sd', 'ci_low', 'ci_high'].map((s) => `${m.name}_${s}`))];
  const lines = [header.map(csvField).join(',')];
  for (const board of list) {
    for (const e of board.entries) {
      const fields: unknown[] = [...(scenarioColumn ? [board.scenario ?? ''] : []), e.rank, e.entrant, e.runs, e.disqualified];
      for (const m of board.metrics) {
        const s = e.metrics[m.name]!;
        fields.push(s.mean, s.sd, s.ciLow, s.ciHigh);
      }
      lines.push(fields.map(csvField).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** `metric, entrant, opponent, pairs, wins, losses, ties, win_rate` (with a leading `scenario` for boards of several scenarios). */
export function pairwiseCsv(boards: Leaderboard | readonly Leaderboard[]): string {
  const list = asList(boards);
  const scenarioColumn = list.some((b) => b.scenario !== undefined);
  const lines = [`${scenarioColumn ? 'scenario,' : ''}metric,entrant,opponent,pairs,wins,losses,ties,win_rate`];
  for (const board of list) {
    for (const p of board.pairwise) {
      lines.push([...(scenarioColumn ? [board.scenario ?? ''] : []), p.metric, p.entrant, p.opponent, p.pairs, p.wins, p.losses, p.ties, p.winRate].map(csvField).join(','));
    }
  }
  return lines.join('\n') + '\n';
}

function asList(boards: Leaderboard | readonly Leaderboard[]): readonly Leaderboard[] {
  return Array.isArray(boards) ? boards : [boards as Leaderboard];
}

/** A plain-text leaderboard for a terminal. */
export function formatLeaderboard(board: Leaderboard): string {
  const pct = Math.round(board.confidence * 100);
  const lines: string[] = board.scenario === undefined ? [] : [`scenario ${board.scenario}:`];
  for (const m of board.metrics) {
    lines.push(`${m.name} (${m.direction}; mean ± sd [${pct}% CI]; overall rank in brackets)`);
    // Each metric is listed best first on its own terms; the overall rank (by the metrics in
    // order) is shown beside it, so a section never reads as if it were sorted when it is not.
    const sign = m.direction === 'maximize' ? -1 : 1;
    const mean = (e: (typeof board.entries)[number]) => (Number.isFinite(e.metrics[m.name]!.mean) ? e.metrics[m.name]!.mean : Infinity * sign);
    const sorted = [...board.entries].sort((a, b) => sign * (mean(a) - mean(b)) || a.rank - b.rank);
    sorted.forEach((e, i) => {
      const s = e.metrics[m.name]!;
      const dq = e.disqualified ? `  (${e.disqualified} disqualified)` : '';
      lines.push(`  ${String(i + 1).padStart(2)}. ${e.entrant.padEnd(24)} ${fmt(s.mean)} ± ${fmt(s.sd)} [${fmt(s.ciLow)}, ${fmt(s.ciHigh)}]  n=${s.n}  [${e.rank}]${dq}`);
    });
  }
  return lines.join('\n') + '\n';
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return Math.abs(x) >= 1e5 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : String(Number(x.toPrecision(4)));
}
