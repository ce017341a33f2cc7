/**
 * Names (agent ids, addresses) numbered densely 0, 1, 2, ... in order of first use.
 *
 * One table per run, shared by whoever keeps per-name data in arrays: the bus's message
 * handles and the ledger's account ids are the same numbers, so whatever one component
 * resolved another can index with.
 *
 * A population's ids are generated (`holder-0` ... `holder-999999`), so their numbers can be
 * computed rather than stored: {@link numbered} reserves a block of numbers for `<prefix><i>`,
 * and looking one up parses the digits instead of hashing the string into a map. At a million
 * holders that saves a map of a million entries (~50 MB), most of a second of inserts, and a
 * cache miss per lookup.
 */
export class Names {
  private readonly numbers = new Map<string, number>();
  private readonly list: string[] = [];
  private readonly blocks: Block[] = [];

  /** The number of `name`, assigning the next one on first use. */
  intern(name: string): number {
    const n = this.find(name);
    if (n !== undefined) return n;
    const next = this.list.length;
    this.numbers.set(name, next);
    this.list.push(name);
    return next;
  }

  /** The number of `name` if it has one (nothing is assigned). */
  find(name: string): number | undefined {
    const blocks = this.blocks;
    for (let b = 0; b < blocks.length; b++) {
      const n = blocks[b]!.numberOf(name);
      if (n >= 0) return n;
    }
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

  /**
   * The ids `<prefix>0` ... `<prefix><count - 1>`, numbered now, in that order (as interning
   * them one by one would). The strings are built flat: a template literal makes a rope of two
   * parts for 13 characters or more, which V8 later flattens into a second copy.
   *
   * The block is looked up by parsing, so it needs a prefix no other block's ids could be
   * confused with and none of its ids named already; otherwise its ids are interned one by one
   * (same numbers, same result, just slower).
   */
  numbered(prefix: string, count: number): string[] {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`numbered ids: count must be a non-negative integer, got ${count}`);
    const base = this.list.length;
    const ids = new Array<string>(count);
    const parts = [prefix, ''];
    for (let i = 0; i < count; i++) {
      parts[1] = String(i);
      ids[i] = parts.join('');
    }
    if (count === 0 || !this.canParse(prefix)) {
      for (const id of ids) this.intern(id);
      return ids;
    }
    for (let i = 0; i < count; i++) this.list.push(ids[i]!);
    this.blocks.push(new Block(prefix, base, count));
    return ids;
  }

  /** A block of `prefix` would claim no name another block or the map already has. */
  private canParse(prefix: string): boolean {
    if (prefix.length === 0) return false;
    for (const block of this.blocks) if (block.prefix.startsWith(prefix) || prefix.startsWith(block.prefix)) return false;
    for (const name of this.numbers.keys()) if (name.startsWith(prefix)) return false;
    return true;
  }
}

/** Numbers `base + i` for the names `<prefix><i>`, i < count, in canonical decimal. */
class Block {
  constructor(
    readonly prefix: string,
    private readonly base: number,
    private readonly count: number,
  ) {}

  /** The number of `name`, or -1 if it is not one of the block's. */
  numberOf(name: string): number {
    const p = this.prefix.length;
    const end = name.length;
    if (end <= p || !name.startsWith(this.prefix)) return -1;
    if (end - p > 1 && name.charCodeAt(p) === 48) return -1; // ("holder-07" is not "holder-7")
    let i = 0;
    for (let k = p; k < end; k++) {
      const digit = name.charCodeAt(k) - 48;
      if (digit < 0 || digit > 9) return -1;
      i = i * 10 + digit;
      if (i >= this.count) return -1;
    }
    return this.base + i;
  }
}
