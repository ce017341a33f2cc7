import { ModelConfigError } from '../errors';

/**
 * Largest node count: ids are Int32 and every generator allocates a few Int32Arrays of length n.
 */
export const MAX_NODES = 0x7fff_fffe;

/**
 * Largest number of adjacency entries (2 x edges): CSR offsets are Int32, so the neighbour array
 * must be indexable by an int32.
 */
export const MAX_ADJACENCY = 0x7fff_ffff;

/** An integer in [min, max]; the error names `path`. */
export function checkInt(path: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ModelConfigError(path, `must be an integer in [${min}, ${max}]`, value);
  }
  return value;
}

/** A probability in [0, 1]; NaN and infinities are refused. */
export function checkProbability(path: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ModelConfigError(path, 'must be a probability in [0, 1]', value);
  }
  return value;
}

/** Refuses edge counts whose adjacency (2m entries) would not fit Int32 offsets. */
export function checkEdgeBudget(path: string, edges: number): void {
  if (!(2 * edges <= MAX_ADJACENCY)) {
    throw new ModelConfigError(
      path,
      `must give at most ${Math.floor(MAX_ADJACENCY / 2)} edges (Int32 CSR offsets)`,
      edges,
    );
  }
}
