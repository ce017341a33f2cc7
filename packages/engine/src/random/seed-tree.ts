import { RandomStream, SEED_HASH_INIT, type SeedHash, seedHashAppend, seedHashState } from './random-stream';

/**
 * Seeds derived by name from a master seed: master -> run -> named stream. A stream's seed
 * depends only on its path, so adding or removing an agent changes no other agent's draws, and
 * a tournament's entrants meet the same world (common random numbers).
 *
 * @example
 * ```ts
 * const run = new SeedTree(7).child('run-0');
 * const holder = run.stream('agent/holder-12');
 * holder.uniform(100, 1000);
 * ```
 */
export class SeedTree {
  readonly path: string;

  constructor(
    readonly master: string | number,
    path = '',
  ) {
    this.path = path;
  }

  child(name: string): SeedTree {
    return new SeedTree(this.master, this.join(name));
  }

  stream(name: string): RandomStream {
    if (name.length === 0) throw new RangeError('seed tree names must be non-empty');
    // The seed is `paradox:<master>:<path>/<name>`; its shared prefix is hashed once per tree
    // node, not once per stream (a million agents' streams differ only in their names).
    const prefix = (this.prefixHash ??= this.hashPrefix());
    const h: SeedHash = [prefix[0], prefix[1], prefix[2], prefix[3]];
    seedHashAppend(h, name);
    return new RandomStream(name, seedHashState(h));
  }

  private prefixHash: SeedHash | undefined;

  private hashPrefix(): SeedHash {
    const h = SEED_HASH_INIT.slice() as SeedHash;
    seedHashAppend(h, `paradox:${this.master}:${this.path ? `${this.path}/` : ''}`);
    return h;
  }

  /** An integer seed for this node, e.g. to give a run or shard a seed of its own. */
  derivedSeed(name: string): number {
    return Math.floor(this.stream(name).next() * 2 ** 32);
  }

  private join(name: string): string {
    if (name.length === 0) throw new RangeError('seed tree names must be non-empty');
    return this.path ? `${this.path}/${name}` : name;
  }
}
