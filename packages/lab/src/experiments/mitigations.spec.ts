import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXPERIMENT_DIR } from '../scenarios/catalog';
import { expandExperiment } from './expand-experiment';
import type { Leaderboard } from './leaderboard';
import { parseExperiment } from './parse-experiment';
import { replicationSeed } from './replication-seed';
import { runExperiment } from './run-experiment';

// The built-in `mitigations` experiment, small (300 holders, 2 replications, 7 designs on 2
// scenarios: 28 runs): the designs the research compares order as its story says, on the same
// seeds for every design, with a leaderboard per scenario.
jest.setTimeout(60_000);

const SCENARIOS = ['credit-default-ripple', 'real-estate-flash-crash'];

describe('the mitigations experiment', () => {
  const file = parse(readFileSync(join(EXPERIMENT_DIR, 'mitigations.yaml'), 'utf8')) as Record<string, any>;
  // Validating the file checks every design against both scenarios' parameters.
  const experiment = parseExperiment(file, { name: 'mitigations' });
  const small = parseExperiment({ ...file, params: { holders: 300 }, replications: 2, tournament: { ...file['tournament'], bootstrap: { resamples: 200 } } }, { name: 'mitigations-small' });

  it('is a valid experiment: seven designs on credit-default-ripple and real-estate-flash-crash', () => {
    expect(experiment.scenarios).toEqual(SCENARIOS);
    expect(experiment.replications).toBe(20);
    expect(experiment.tournament?.entrants.map((e) => e.name)).toHaveLength(7);
    // Expanded (small, to keep it quick: expanding parses every run's params): scenarios x replications x designs.
    const plan = expandExperiment(small);
    expect(plan.runs).toHaveLength(2 * 2 * 7);
    for (const scenario of SCENARIOS) {
      const runs = plan.runs.filter((r) => r.scenario === scenario);
      expect(runs.map((r) => r.entrant)).toEqual([...experiment.tournament!.entrants.map((e) => e.name), ...experiment.tournament!.entrants.map((e) => e.name)]);
      // Common random numbers within each scenario: replication r has one seed for every design.
      for (const run of runs) expect(run.seed).toBe(replicationSeed(experiment.seed, run.replication));
    }
  });

  it('a small run ranks the designs per scenario: NAV-based pricing and breakers avoid the spiral, at a cost in lending', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'paradox-mitigations-')), 'out');
    const outcome = await runExperiment(small, { out, workers: 1, parquet: false, report: false });
    const boards = JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')).leaderboards as Leaderboard[];
    expect(boards.map((b) => b.scenario)).toEqual(SCENARIOS);
    expect(outcome.leaderboards).toHaveLength(2);
    for (const board of boards) {
      expect(board.entries.map((e) => e.runs)).toEqual(Array(7).fill(2));
      const mean = (entrant: string, metric: string) => board.entries.find((e) => e.entrant === entrant)!.metrics[metric]!.mean;
      // The market-priced book liquidates and the market falls further; a breaker or a NAV-based
      // price does not liquidate on the news, and at NAV its loans are whole.
      expect(mean('market-priced', 'liquidation_count')).toBeGreaterThan(0);
      for (const design of ['nav-oracle', 'circuit-breaker', 'nav-haircut-10']) {
        expect(mean(design, 'liquidation_count')).toBe(0);
        expect(mean(design, 'min_market_nav_ratio')).toBeGreaterThan(mean('market-priced', 'min_market_nav_ratio'));
        expect(mean(design, 'bad_debt_share_at_nav')).toBeLessThan(mean('market-priced', 'bad_debt_share_at_nav'));
      }
      // Stricter standards lend less per unit of collateral.
      expect(mean('stricter-ltv', 'capital_efficiency')).toBeLessThan(mean('market-priced', 'capital_efficiency'));
      expect(mean('nav-haircut-10', 'capital_efficiency')).toBeLessThan(mean('nav-oracle', 'capital_efficiency'));
      expect(mean('nav-haircut-10', 'borrow_capacity')).toBeCloseTo(0.675, 12);
      expect(mean('stricter-ltv', 'borrow_capacity')).toBe(0.6);
    }
  });
});
