import { EventBus, Kernel, MemorySink, Recorder, SeedTree } from '@paradox/engine';
import type { Action, ActionResult } from '@paradox/sdk';
import { createWorld } from './create-world';

function world() {
  const kernel = new Kernel();
  return createWorld({ kernel, bus: new EventBus(kernel), recorder: new Recorder(new MemorySink()), seeds: new SeedTree(1) });
}

describe('World actions', () => {
  it('tell a mempool watcher of each on-chain action as it is sent, before its block runs it', () => {
    const w = world();
    const log: string[] = [];
    w.registerAction<Action & { n: number }>('note', (sender, a) => log.push(`ran ${sender} ${a.n}`), {
      onChain: true,
      watchMempool: (sender, a) => log.push(`pending ${sender} ${a.n}`),
    });
    const results: ActionResult[] = [];
    w.kernel.scheduleAt(1_000, () => {
      w.submit('alice', { kind: 'note', n: 1 } as Action, (r) => results.push(r));
      w.submit('bob', { kind: 'note', n: 2 } as Action, (r) => results.push(r));
    }, null);
    w.kernel.run();
    expect(log).toEqual(['pending alice 1', 'pending bob 2', 'ran alice 1', 'ran bob 2']);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
  });

  it('refuse a mempool watcher for an off-chain action (it never waits in a mempool)', () => {
    expect(() => world().registerAction('request', () => undefined, { onChain: false, watchMempool: () => {} })).toThrow(/only on-chain actions/);
  });
});
