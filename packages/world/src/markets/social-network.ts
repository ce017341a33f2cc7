import { SOCIAL_GRAPH } from '@paradox/sdk';
import type { Ledger } from '../ledger/ledger';
import type { SocialGraph } from '../social';
import type { World } from '../world/world';

/**
 * A social graph over agents: node i is the agent `ids[i]`. Offered to agents as the
 * `social.graph` view (who they talk to), never as a way to reach into another agent.
 *
 * Finding an agent's node: once installed in a world, through the ledger's dense account ids:
 * when node i's account is a fixed base + i (a population numbered in one block), by
 * subtraction; otherwise through an Int32Array from account id to node, so a million holders
 * cost 4 bytes each here instead of a second map from their names, and agents without an
 * account when it was installed go to a small map. Not installed, a map of all ids is built on
 * first use.
 */
export class SocialNetwork {
  private ledger: Ledger | undefined;
  /** Ledger account id -> node + 1 (0: no node), for accounts that existed at install. */
  private nodeOfAccount: Int32Array | undefined;
  /** Node of every id the table above does not cover. */
  private others: Map<string, number> | undefined;
  /** Node -> message handle, when installed with them. */
  private handles: Int32Array | undefined;
  /**
   * When node i's handle is `handleBase + i` for every node (a population whose ids were
   * numbered in order: the usual case), neighbours' handles are computed, not looked up: a
   * million random reads fewer per wave of gossip. -1 otherwise.
   */
  private handleBase = -1;
  /**
   * When node i's ledger account is `accountBase + i` for every node (accounts and handles come
   * from the run's one table of names, and the handles are contiguous), finding a node is a
   * subtraction: no table of a million entries to build and to miss in. -1 otherwise.
   */
  private accountBase = -1;

  constructor(
    readonly graph: SocialGraph,
    private readonly ids: readonly string[],
  ) {
    if (ids.length !== graph.nodeCount) throw new RangeError(`social network: ${ids.length} ids for ${graph.nodeCount} nodes`);
  }

  neighbours(agentId: string): string[] {
    const i = this.nodeOf(agentId);
    if (i < 0) return [];
    const { offsets, adjacency } = this.graph;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    const ids = this.ids;
    const out: string[] = [];
    for (let r = start; r < end; r++) out.push(ids[adjacency[r]!]!);
    return out;
  }

  /**
   * The neighbours of `agentId` as the handles `handleOf` gave their ids at install (see
   * {@link install}), in the order of {@link neighbours}; undefined when installed without.
   */
  neighbourHandles(agentId: string): number[] | undefined {
    const handles = this.handles;
    if (handles === undefined) return undefined;
    const i = this.nodeOf(agentId);
    if (i < 0) return [];
    const { offsets, adjacency } = this.graph;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    const out = new Array<number>(end - start);
    const base = this.handleBase;
    if (base >= 0) for (let r = start; r < end; r++) out[r - start] = base + adjacency[r]!;
    else for (let r = start; r < end; r++) out[r - start] = handles[adjacency[r]!]!;
    return out;
  }

  /**
   * Offers the graph as the `social.graph` view. With `options.handleOf` (the run's message
   * handles: `(id) => bus.handleOf(id)`), every node's handle is resolved once here and the
   * view also offers `neighbourHandles`, so agents send to neighbours without a lookup by name.
   */
  install(world: World, options: { handleOf?: (agentId: string) => number } = {}): void {
    this.indexThrough(world.ledger);
    const handleOf = options.handleOf;
    if (handleOf !== undefined) {
      const handles = new Int32Array(this.ids.length);
      for (let i = 0; i < handles.length; i++) handles[i] = handleOf(this.ids[i]!);
      this.handles = handles;
      const base = handles.length > 0 ? handles[0]! : 0;
      let contiguous = true;
      for (let i = 0; i < handles.length && contiguous; i++) contiguous = handles[i] === base + i;
      this.handleBase = contiguous ? base : -1;
      if (contiguous && this.accountsAre(handles)) {
        // (the world numbers accounts with the run's table of names, as the bus numbers handles)
        this.accountBase = base;
        this.nodeOfAccount = undefined;
      }
    }
    const view =
      handleOf === undefined
        ? { neighbours: (id: string) => this.neighbours(id) }
        : { neighbours: (id: string) => this.neighbours(id), neighbourHandles: (id: string) => this.neighbourHandles(id)! };
    world.registerView(SOCIAL_GRAPH.view, () => view);
  }

  /** Whether every node's ledger account is its message handle. */
  private accountsAre(handles: Int32Array): boolean {
    const ledger = this.ledger!;
    for (let i = 0; i < handles.length; i++) if (ledger.lookup(this.ids[i]!) !== handles[i]) return false;
    return true;
  }

  /** The node of `agentId`, or -1. */
  private nodeOf(agentId: string): number {
    if (this.accountBase >= 0) {
      // Node i has account accountBase + i, and no other name has a number in that range.
      const node = (this.ledger!.lookup(agentId) ?? -1) - this.accountBase;
      return node >= 0 && node < this.ids.length ? node : -1;
    }
    const table = this.nodeOfAccount;
    if (table !== undefined) {
      const account = this.ledger!.lookup(agentId);
      if (account !== undefined && account < table.length) {
        const node = table[account]!;
        if (node > 0) return node - 1;
      }
    }
    if (this.others === undefined) this.others = this.mapAll();
    return this.others.get(agentId) ?? -1;
  }

  private indexThrough(ledger: Ledger): void {
    const table = new Int32Array(ledger.accountCount);
    const others = new Map<string, number>();
    const ids = this.ids;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const account = ledger.lookup(id);
      if (account === undefined) {
        others.set(id, i);
      } else {
        table[account] = i + 1; // a repeated id keeps its last node, as a map would
      }
    }
    this.ledger = ledger;
    this.nodeOfAccount = table;
    this.others = others;
  }

  private mapAll(): Map<string, number> {
    const map = new Map<string, number>();
    this.ids.forEach((id, i) => map.set(id, i));
    return map;
  }
}
