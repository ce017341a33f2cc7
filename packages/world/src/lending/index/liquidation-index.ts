/** One indexed position: its id and its key (the collateral price at which it becomes unhealthy). */
export interface IndexEntry<Id> {
  readonly id: Id;
  readonly key: number;
}

/**
 * Where an index keeps each id's heap slot. A `Map<Id, number>` is one (the default); ids that are
 * objects can keep their slot in a field instead, which saves a hash entry per position. A store
 * may serve only one index at a time per id.
 */
export interface SlotStore<Id> {
  get(id: Id): number | undefined;
  set(id: Id, slot: number): unknown;
  delete(id: Id): unknown;
}

/**
 * Positions keyed by liquidation price, for finding the ones a price move has made unhealthy
 * without scanning every position.
 *
 * A position with key `k` is unhealthy at price `p` when `k > p` (its liquidation price is above
 * the market). The structure is a binary max-heap on the key that remembers each id's slot (see
 * SlotStore), so `upsert`/`remove` cost O(log n). `crossed(p)` walks the heap from the root and
 * only descends into nodes whose key is above `p`: every visited node is either crossed or a
 * child of a crossed node, so the walk touches at most 2m+1 nodes for m crossed positions; a
 * small frontier heap yields them in descending key order, O(m log m) in total and O(1) when
 * nothing crossed.
 *
 * Keys are plain numbers (the index is a search structure, not money); `+Infinity` is allowed
 * (always crossed, e.g. debt with no collateral), NaN is refused. Ids are whatever the slot
 * store can hold a slot for: anything a Map keys (strings, numbers) with the default one.
 */
export class LiquidationIndex<Id = string> {
  private readonly keys: number[] = [];
  private readonly ids: Id[] = [];

  constructor(private readonly slot: SlotStore<Id> = new Map<Id, number>()) {}

  /** Number of indexed positions. */
  get size(): number {
    return this.keys.length;
  }

  has(id: Id): boolean {
    return this.slot.get(id) !== undefined;
  }

  /** The key of `id`, or undefined when it is not indexed. */
  key(id: Id): number | undefined {
    const i = this.slot.get(id);
    return i === undefined ? undefined : this.keys[i];
  }

  /** Inserts `id` with `key`, or moves it to `key` if already indexed. O(log n). */
  upsert(id: Id, key: number): void {
    if (Number.isNaN(key)) throw new RangeError(`LiquidationIndex: key of ${String(id)} is NaN`);
    const i = this.slot.get(id);
    if (i === undefined) {
      const at = this.keys.length;
      this.keys.push(key);
      this.ids.push(id);
      this.slot.set(id, at);
      this.siftUp(at);
      return;
    }
    const old = this.keys[i]!;
    this.keys[i] = key;
    if (key > old) this.siftUp(i);
    else if (key < old) this.siftDown(i);
  }

  /** Removes `id`; returns whether it was indexed. O(log n). */
  remove(id: Id): boolean {
    const i = this.slot.get(id);
    if (i === undefined) return false;
    this.slot.delete(id);
    const last = this.keys.length - 1;
    const lastKey = this.keys.pop()!;
    const lastId = this.ids.pop()!;
    if (i !== last) {
      const removedKey = this.keys[i]!;
      this.keys[i] = lastKey;
      this.ids[i] = lastId;
      this.slot.set(lastId, i);
      if (lastKey > removedKey) this.siftUp(i);
      else this.siftDown(i);
    }
    return true;
  }

  /** The entry with the highest key (first to be liquidated as the price falls). */
  max(): IndexEntry<Id> | undefined {
    return this.keys.length === 0 ? undefined : { id: this.ids[0]!, key: this.keys[0]! };
  }

  /**
   * Entries with key strictly above `price`, highest key first, at most `limit` of them.
   * Returns a fresh array, so the caller may liquidate (and re-key) positions while going
   * through it. Cost O(m log m) for m returned entries.
   */
  crossed(price: number, limit = Infinity): IndexEntry<Id>[] {
    const out: IndexEntry<Id>[] = [];
    const keys = this.keys;
    if (keys.length === 0 || !(keys[0]! > price) || limit <= 0) return out;
    // Frontier: heap slots whose key is above the price, as a max-heap on their keys.
    const frontier: number[] = [0];
    while (frontier.length > 0 && out.length < limit) {
      const top = frontier[0]!;
      const lastSlot = frontier.pop()!;
      if (frontier.length > 0) {
        frontier[0] = lastSlot;
        siftDownFrontier(frontier, keys);
      }
      out.push({ id: this.ids[top]!, key: keys[top]! });
      const left = 2 * top + 1;
      if (left < keys.length && keys[left]! > price) pushFrontier(frontier, keys, left);
      const right = left + 1;
      if (right < keys.length && keys[right]! > price) pushFrontier(frontier, keys, right);
    }
    return out;
  }

  /** Number of entries with key strictly above `price`. Cost O(m). */
  countCrossed(price: number): number {
    const keys = this.keys;
    if (keys.length === 0 || !(keys[0]! > price)) return 0;
    let count = 0;
    const stack: number[] = [0];
    while (stack.length > 0) {
      const i = stack.pop()!;
      count++;
      const left = 2 * i + 1;
      if (left < keys.length && keys[left]! > price) stack.push(left);
      if (left + 1 < keys.length && keys[left + 1]! > price) stack.push(left + 1);
    }
    return count;
  }

  /** All entries, in no particular order. */
  *entries(): IterableIterator<IndexEntry<Id>> {
    for (let i = 0; i < this.keys.length; i++) yield { id: this.ids[i]!, key: this.keys[i]! };
  }

  clear(): void {
    for (const id of this.ids) this.slot.delete(id);
    this.keys.length = 0;
    this.ids.length = 0;
  }

  private siftUp(i: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const key = keys[i]!;
    const id = ids[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = keys[parent]!;
      if (pk >= key) break;
      keys[i] = pk;
      const pid = ids[parent]!;
      ids[i] = pid;
      this.slot.set(pid, i);
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
    this.slot.set(id, i);
  }

  private siftDown(i: number): void {
    const keys = this.keys;
    const ids = this.ids;
    const n = keys.length;
    const key = keys[i]!;
    const id = ids[i]!;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && keys[right]! > keys[left]! ? right : left;
      const ck = keys[child]!;
      if (ck <= key) break;
      keys[i] = ck;
      const cid = ids[child]!;
      ids[i] = cid;
      this.slot.set(cid, i);
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
    this.slot.set(id, i);
  }
}

function pushFrontier(frontier: number[], keys: readonly number[], slot: number): void {
  let i = frontier.length;
  frontier.push(slot);
  const key = keys[slot]!;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const ps = frontier[parent]!;
    if (keys[ps]! >= key) break;
    frontier[i] = ps;
    i = parent;
  }
  frontier[i] = slot;
}

function siftDownFrontier(frontier: number[], keys: readonly number[]): void {
  const n = frontier.length;
  const slot = frontier[0]!;
  const key = keys[slot]!;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= n) break;
    const right = left + 1;
    const child = right < n && keys[frontier[right]!]! > keys[frontier[left]!]! ? right : left;
    const cs = frontier[child]!;
    if (keys[cs]! <= key) break;
    frontier[i] = cs;
    i = child;
  }
  frontier[i] = slot;
}
