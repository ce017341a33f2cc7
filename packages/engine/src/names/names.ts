/**
 * Names (agent ids, addresses) interned to dense integers 0, 1, 2, ... in order of first use.
 *
 * One table per run, shared by whoever keeps per-name data in arrays: the bus's message
 * handles and the ledger's account ids are the same numbers, so a million holders cost one map
 * entry each rather than one per component, and whatever one component resolved another can
 * index with.
 */
export class Names {
  private readonly numbers = new Map<string, number>();
  private readonly list: string[] = [];

  /** The number of `name`, assigning the next one on first use. */
  intern(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.list.length;
      this.numbers.set(name, n);
      this.list.push(name);
    }
    return n;
  }

  /** The number of `name` if it has one (nothing is assigned). */
  find(name: string): number | undefined {
    return this.numbers.get(name);
  }

  /** The name of number `n` (undefined if none has it). */
  nameOf(n: number): string | undefined {
    return this.list[n];
  }

  /** How many names have numbers (they are 0 .. count - 1). */
  get count(): number {
    return this.list.length;
  }
}
