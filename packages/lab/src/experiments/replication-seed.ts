import { SeedTree } from '@paradox/engine';

/**
 * The seed of replication `r`: `SeedTree(master).child('experiment').derivedSeed('replication-r')`.
 * It depends on nothing else, so every cell and every entrant meets the same seeds (common random
 * numbers) and paired comparisons between them are valid.
 */
export function replicationSeed(master: number | string, replication: number): number {
  return new SeedTree(master).child('experiment').derivedSeed(`replication-${replication}`);
}
