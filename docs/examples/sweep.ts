import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExperiment, replicationSeed, runExperiment } from '@paradox/lab';

// A 2 x 2 grid (friends x passProbability) with 2 seeded replications per cell: 8 runs of the
// gossip demo, in this thread (workers: 1; any other number gives the same bytes).
export default async function example(): Promise<void> {
  const experiment = parseExperiment({
    name: 'gossip-grid',
    scenario: 'gossip-demo',
    seed: 7,
    params: { agents: 200, horizonDays: 1 },
    sweep: { friends: [3, 6], passProbability: [0.2, 0.5] },
    replications: 2,
  });
  const out = mkdtempSync(join(tmpdir(), 'paradox-sweep-'));

  const first = await runExperiment(experiment, { out, workers: 1 });
  assert.equal(first.ran, 8);
  const table = readFileSync(join(out, 'results.csv'), 'utf8').trim().split('\n');
  assert.equal(table.length - 1, 8); // one row per run, after the header
  assert.match(table[0]!, /^run,run_id,scenario,cell,entrant,replication,seed,status,error,param_agents,/);

  // Common random numbers: replication r has the same seed in every cell.
  for (const row of first.rows) assert.equal(row.seed, replicationSeed(7, row.replication));

  // Every run is stored under its content hash, so running again skips all 8.
  const again = await runExperiment(experiment, { out, workers: 1 });
  assert.equal(again.skipped, 8);
  assert.equal(again.ran, 0);
  assert.equal(readFileSync(join(out, 'results.csv'), 'utf8'), table.join('\n') + '\n');
}
