import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXPERIMENT_DIR } from '../scenarios/catalog';
import { parseExperiment } from './parse-experiment';
import { runExperiment } from './run-experiment';

// The built-in `mitigations` experiment, small (300 holders, 3 replications): the designs the
// research compares order as its story says, on the same seeds for every design.
describe('the mitigations experiment', () => {
  const file = parse(readFileSync(join(EXPERIMENT_DIR, 'mitigations.yaml'), 'utf8')) as Record<string, any>;

  it('is a valid experiment over credit-default-ripple with seven designs', () => {
    const experiment = parseExperiment(file, { name: 'mitigations' });
    expect(experiment.scenario).toBe('credit-default-ripple');
    expect(experiment.tournament?.entrants.map((e) => e.name)).toHaveLength(7);
  });

  it('orders the designs: NAV-based pricing and breakers avoid the spiral, at a cost in lending', async () => {
    const small = parseExperiment({ ...file, params: { holders: 300 }, replications: 3 }, { name: 'mitigations-small' });
    const out = join(mkdtempSync(join(tmpdir(), 'paradox-mitigations-')), 'out');
    await runExperiment(small, { out, workers: 1 });
    const board = JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')) as {
      entries: { entrant: string; metrics: Record<string, { mean: number }> }[];
    };
    const mean = (entrant: string, metric: string) => board.entries.find((e) => e.entrant === entrant)!.metrics[metric]!.mean;
    // The market-priced book spirals; a breaker or a NAV-based price does not liquidate on the rumour.
    expect(mean('market-priced', 'liquidation_count')).toBeGreaterThan(0);
    expect(mean('circuit-breaker', 'liquidation_count')).toBeLessThan(mean('market-priced', 'liquidation_count'));
    expect(mean('nav-oracle', 'liquidation_count')).toBe(0);
    expect(mean('nav-haircut-10', 'bad_debt_share')).toBeLessThan(mean('market-priced', 'bad_debt_share'));
    // Stricter standards lend less per unit of collateral.
    expect(mean('stricter-ltv', 'capital_efficiency')).toBeLessThan(mean('market-priced', 'capital_efficiency'));
    expect(mean('nav-haircut-10', 'capital_efficiency')).toBeLessThan(mean('nav-oracle', 'capital_efficiency'));
  });
});
