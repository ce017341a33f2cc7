import fc from 'fast-check';
import { EventBus, Kernel, MemorySink, Recorder, SeedTree } from '@paradox/engine';
import { SOCIAL_GRAPH } from '@paradox/sdk';
import { fromEdgeList, kOut } from '../social';
import { createWorld } from '../world/create-world';
import { SocialNetwork } from './social-network';

function world() {
  const kernel = new Kernel();
  const w = createWorld({ kernel, bus: new EventBus(kernel), recorder: new Recorder(new MemorySink()), seeds: new SeedTree(1) });
  w.ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  return w;
}

/** What the view must say: node i's graph neighbours, named. */
function expected(network: SocialNetwork, ids: readonly string[], id: string): string[] {
  const i = ids.lastIndexOf(id);
  return i < 0 ? [] : Array.from(network.graph.neighbours(i), (j) => ids[j]!);
}

describe('SocialNetwork', () => {
  it('offers the neighbours as message handles, in the same order, when installed with them', () => {
    const graph = kOut(30, 3, { next: (() => { let s = 7; return () => (s = (s * 48271) % 2147483647) / 2147483647; })() });
    const ids = Array.from({ length: 30 }, (_, i) => `agent-${i}`);
    const w = world();
    const bus = new EventBus(new Kernel());
    bus.handleOf('someone-else'); // (handles need not match node numbers)
    new SocialNetwork(graph, ids).install(w, { handleOf: (id) => bus.handleOf(id) });
    const view = w.view('x', SOCIAL_GRAPH.view) as { neighbours(id: string): readonly string[]; neighbourHandles?(id: string): ArrayLike<number> };
    for (const id of ids) {
      expect(Array.from(view.neighbourHandles!(id), (h) => bus.idOf(h))).toEqual(view.neighbours(id));
    }
    expect(Array.from(view.neighbourHandles!('stranger'))).toEqual([]);
    // Installed without handles, the view does not offer them.
    const plain = world();
    new SocialNetwork(graph, ids).install(plain);
    expect((plain.view('x', SOCIAL_GRAPH.view) as { neighbourHandles?: unknown }).neighbourHandles).toBeUndefined();
  });

  it('finds nodes by their numbers when accounts and handles come from the run table of names', () => {
    const graph = kOut(30, 3, { next: (() => { let s = 11; return () => (s = (s * 48271) % 2147483647) / 2147483647; })() });
    const kernel = new Kernel();
    const bus = new EventBus(kernel);
    const w = createWorld({ kernel, bus, recorder: new Recorder(new MemorySink()), seeds: new SeedTree(1) });
    w.ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
    w.ledger.mint('USD', 'usd-issuer', 'before', 1n); // (numbered before the population)
    const ids = bus.names.numbered('agent-', 30);
    w.ledger.mint('USD', 'usd-issuer', 'after', 1n);
    const network = new SocialNetwork(graph, ids);
    network.install(w, { handleOf: (id) => bus.handleOf(id) });
    const view = w.view('x', SOCIAL_GRAPH.view) as { neighbours(id: string): readonly string[]; neighbourHandles?(id: string): ArrayLike<number> };
    for (const id of ids) {
      expect(view.neighbours(id)).toEqual(expected(network, ids, id));
      expect(Array.from(view.neighbourHandles!(id), (h) => bus.idOf(h))).toEqual(view.neighbours(id));
    }
    for (const outsider of ['before', 'after', 'usd-issuer', 'stranger']) expect(view.neighbours(outsider)).toEqual([]);
  });

  it('names the neighbours of every agent, installed or not, with or without a ledger account (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, k, fundedBefore, fundedAfter, seed) => {
          let s = seed;
          const graph = kOut(n, Math.min(k, n - 1), { next: () => ((s = (s * 48271) % 2147483647) / 2147483647) });
          const ids = Array.from({ length: n }, (_, i) => `agent-${i}`);
          const w = world();
          // Some agents have an account before the network is installed, some get one after.
          ids.forEach((id, i) => fundedBefore[i] && w.ledger.mint('USD', 'usd-issuer', id, 1n));
          w.ledger.mint('USD', 'usd-issuer', 'outsider', 1n);
          const installed = new SocialNetwork(graph, ids);
          const loose = new SocialNetwork(graph, ids);
          installed.install(w);
          ids.forEach((id, i) => fundedAfter[i] && w.ledger.mint('USD', 'usd-issuer', id, 1n));
          const view = w.view('x', SOCIAL_GRAPH.view) as { neighbours(id: string): readonly string[] };
          for (const id of [...ids, 'outsider', 'stranger']) {
            expect(view.neighbours(id)).toEqual(expected(installed, ids, id));
            expect(loose.neighbours(id)).toEqual(expected(loose, ids, id));
          }
        },
      ),
      { seed: 20261122, numRuns: 100 },
    );
  });

  it('gives a repeated id the last of its nodes, as before', () => {
    const graph = fromEdgeList(3, [
      [0, 1],
      [1, 2],
    ]);
    const ids = ['a', 'b', 'a'];
    const w = world();
    w.ledger.mint('USD', 'usd-issuer', 'a', 1n);
    const network = new SocialNetwork(graph, ids);
    network.install(w);
    expect(network.neighbours('a')).toEqual(['b']);
    expect(network.neighbours('b')).toEqual(['a', 'a']);
    expect(new SocialNetwork(graph, ids).neighbours('a')).toEqual(['b']);
  });

  it('refuses a graph whose size does not match the ids', () => {
    expect(() => new SocialNetwork(fromEdgeList(2, [[0, 1]]), ['a'])).toThrow(/1 ids for 2 nodes/);
  });
});
