import type { Kernel, RandomStream } from '@paradox/engine';
import { Refusal } from '../errors';
import { attempt } from '../ledger/attempt';
import type { Ledger } from '../ledger/ledger';

/** Phase in which blocks are produced: before observations of the same millisecond. */
export const BLOCK_PHASE = 4;

/** What came of a transaction. */
export type TxResult =
  | { readonly ok: true; readonly value: unknown; readonly block: number; readonly atMs: number }
  | { readonly ok: false; readonly reason: string; readonly block: number; readonly atMs: number };

/**
 * A transaction waiting in the mempool. `execute` runs the protocol call; it throws RevertError
 * (or returns a Refusal) to revert. `execute` and `onResult` are called as methods of the
 * transaction, so a submitter may pass one object of a class of its own rather than closures.
 */
export interface PendingTx {
  readonly from: string;
  readonly label: string;
  readonly priorityFee: number;
  execute(): unknown;
  onResult?(result: TxResult): void;
}

/** A produced block's transactions, in the validator's order, and what came of each. */
interface BlockResults {
  readonly txs: readonly PendingTx[];
  /** The k-th transaction run is `txs[order[k]]`, and `results[k]` is what came of it. */
  readonly order: readonly number[];
  readonly results: readonly TxResult[];
}

/** How a block's transactions are ordered. */
export type Ordering = 'priority-fee' | 'seeded-shuffle';

export interface ChainOptions {
  /** Block interval in ms (default 12,000). Blocks fall on multiples of it. */
  readonly blockTimeMs?: number;
  /** `priority-fee`: higher fee first, then arrival (default). `seeded-shuffle`: a random order. */
  readonly ordering?: Ordering;
  /** Required for `seeded-shuffle`: the validator's random stream. */
  readonly rng?: RandomStream;
  /** Called before and after each block's transactions (TWAP updates, interest accrual...). */
  readonly onBlockStart?: (block: number, atMs: number) => void;
  readonly onBlockEnd?: (block: number, atMs: number) => void;
}

/**
 * The chain: a mempool and blocks. A block is produced only when transactions are pending, on
 * the next multiple of the block time, so months of quiet cost nothing. Within a block,
 * transactions run one by one in the validator's order; a reverting one is rolled back in the
 * ledger (and protocols refuse before they mutate), so it changes nothing. Results reach the
 * submitters after the block, never mid-block.
 */
export class Chain {
  readonly blockTimeMs: number;
  readonly ordering: Ordering;
  /**
   * Transactions waiting, in order of arrival, and the cause of each (the event that made its
   * sender act). Parallel arrays rather than an entry object per transaction: bots send
   * hundreds of thousands, each held until its block.
   */
  private mempool: PendingTx[] = [];
  private causes: number[] = [];
  private nextBlockAt: number | undefined;
  private lastBlockAt = -1;
  private blockNumber = 0;
  private txCount = 0;
  private revertCount = 0;

  constructor(
    private readonly kernel: Kernel,
    private readonly ledger: Ledger,
    private readonly options: ChainOptions = {},
  ) {
    this.blockTimeMs = options.blockTimeMs ?? 12_000;
    if (!(this.blockTimeMs > 0) || !Number.isInteger(this.blockTimeMs)) {
      throw new RangeError(`chain.blockTimeMs must be a positive integer, got ${this.blockTimeMs}`);
    }
    this.ordering = options.ordering ?? 'priority-fee';
    if (this.ordering === 'seeded-shuffle' && !options.rng) throw new Error('chain: seeded-shuffle ordering needs an rng');
  }

  get block(): number {
    return this.blockNumber;
  }

  get stats(): { blocks: number; transactions: number; reverted: number; pending: number } {
    return { blocks: this.blockNumber, transactions: this.txCount, reverted: this.revertCount, pending: this.mempool.length };
  }

  submit(tx: PendingTx): void {
    this.mempool.push(tx);
    this.causes.push(this.kernel.cause);
    if (this.nextBlockAt === undefined) {
      const now = this.kernel.now;
      let at = Math.ceil(now / this.blockTimeMs) * this.blockTimeMs;
      if (at <= this.lastBlockAt) at = this.lastBlockAt + this.blockTimeMs;
      this.nextBlockAt = at;
      this.kernel.scheduleAt(at, produceBlock, this, { phase: BLOCK_PHASE, owner: undefined, label: 'block production' });
    }
  }

  /** @internal runs one block. */
  produce(): void {
    const now = this.kernel.now;
    this.nextBlockAt = undefined;
    this.lastBlockAt = now;
    const txs = this.mempool;
    const causes = this.causes;
    this.mempool = [];
    this.causes = [];
    const order = this.order(txs);
    const block = ++this.blockNumber;
    this.options.onBlockStart?.(block, now);
    const results = new Array<TxResult>(txs.length);
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      this.kernel.cause = causes[i]!;
      results[k] = this.execute(txs[i]!, block, now);
    }
    this.options.onBlockEnd?.(block, now);
    this.kernel.cause = 0;
    if (txs.some((tx) => tx.onResult)) {
      const delivered: BlockResults = { txs, order, results };
      this.kernel.scheduleIn(0, deliverResults, delivered, { owner: undefined, label: `results of block ${block}` });
    }
  }

  /** The validator's order of `txs` (indices): higher priority fee first, then arrival; or shuffled. */
  private order(txs: readonly PendingTx[]): number[] {
    const order = new Array<number>(txs.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    if (this.ordering === 'seeded-shuffle') return this.options.rng!.shuffle(order);
    // (fees copied once: the sort reads them many times per transaction)
    const fees = new Float64Array(txs.length);
    for (let i = 0; i < fees.length; i++) fees[i] = txs[i]!.priorityFee;
    return order.sort((a, b) => fees[b]! - fees[a]! || a - b);
  }

  private execute(tx: PendingTx, block: number, atMs: number): TxResult {
    this.txCount++;
    const value = attempt(this.ledger, tx);
    if (!(value instanceof Refusal)) return { ok: true, value, block, atMs };
    this.revertCount++;
    return { ok: false, reason: value.reason, block, atMs };
  }
}

function produceBlock(chain: Chain): void {
  chain.produce();
}

function deliverResults({ txs, order, results }: BlockResults): void {
  for (let k = 0; k < order.length; k++) txs[order[k]!]!.onResult?.(results[k]!);
}
