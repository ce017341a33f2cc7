import { Kernel, RandomStream } from '@paradox/engine';
import { Chain, type TxResult } from './chain';
import { Ledger } from '../ledger/ledger';
import { Refusal, RevertError } from '../errors';

function setup(options: ConstructorParameters<typeof Chain>[2] = {}) {
  const kernel = new Kernel();
  const ledger = new Ledger();
  ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'mint' });
  ledger.mint('USD', 'mint', 'alice', 100n);
  return { kernel, ledger, chain: new Chain(kernel, ledger, options) };
}

describe('Chain', () => {
  it('produces blocks only while transactions are pending, on multiples of the block time', () => {
    const { kernel, chain } = setup();
    const blocks: [number, number][] = [];
    const tx = (label: string) => ({ from: 'alice', label, priorityFee: 0, execute: () => label, onResult: (r: TxResult) => blocks.push([r.block, r.atMs]) });
    kernel.scheduleAt(5_000, () => chain.submit(tx('a')), null);
    kernel.scheduleAt(30 * 86_400_000 + 1, () => chain.submit(tx('b')), null);
    kernel.run();
    expect(blocks).toEqual([
      [1, 12_000],
      [2, 30 * 86_400_000 + 12_000], // 30 days is a multiple of 12 s; the block after t+1 ms
    ]);
    expect(chain.stats.blocks).toBe(2);
    expect(kernel.eventsProcessed).toBeLessThan(10);
  });

  it('orders by priority fee, then arrival', () => {
    const { kernel, chain } = setup();
    const order: string[] = [];
    const tx = (label: string, priorityFee: number) => ({ from: 'x', label, priorityFee, execute: () => order.push(label) });
    kernel.scheduleAt(1, () => {
      chain.submit(tx('low-first', 1));
      chain.submit(tx('high', 5));
      chain.submit(tx('low-second', 1));
      chain.submit(tx('zero', 0));
    }, null);
    kernel.run();
    expect(order).toEqual(['high', 'low-first', 'low-second', 'zero']);
  });

  it('a seeded shuffle orders the same way for the same seed', () => {
    const run = (seed: string) => {
      const { kernel, chain } = setup({ ordering: 'seeded-shuffle', rng: new RandomStream(seed) });
      const order: number[] = [];
      kernel.scheduleAt(1, () => {
        for (let i = 0; i < 20; i++) chain.submit({ from: 'x', label: `${i}`, priorityFee: 0, execute: () => order.push(i) });
      }, null);
      kernel.run();
      return order;
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('a')).not.toEqual(run('b'));
    expect([...run('a')].sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('a reverting transaction changes nothing and reports its reason; others go on', () => {
    const { kernel, ledger, chain } = setup();
    const results: TxResult[] = [];
    kernel.scheduleAt(1, () => {
      chain.submit({
        from: 'alice',
        label: 'pay then fail',
        priorityFee: 0,
        execute: () => {
          ledger.transfer('USD', 'alice', 'bob', 60n);
          throw new RevertError('INSUFFICIENT_OUTPUT_AMOUNT');
        },
        onResult: (r) => results.push(r),
      });
      chain.submit({ from: 'alice', label: 'pay', priorityFee: 0, execute: () => ledger.transfer('USD', 'alice', 'carol', 10n), onResult: (r) => results.push(r) });
    }, null);
    kernel.run();
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    expect(results[0]).toMatchObject({ reason: 'INSUFFICIENT_OUTPUT_AMOUNT' });
    expect([ledger.balanceOf('USD', 'alice'), ledger.balanceOf('USD', 'bob'), ledger.balanceOf('USD', 'carol')]).toEqual([90n, 0n, 10n]);
    expect(chain.stats).toMatchObject({ transactions: 2, reverted: 1 });
  });

  it('a returned Refusal reverts like a thrown RevertError', () => {
    const { kernel, ledger, chain } = setup();
    const results: TxResult[] = [];
    kernel.scheduleAt(1, () => {
      chain.submit({
        from: 'alice',
        label: 'pay then refuse',
        priorityFee: 0,
        execute: () => {
          ledger.transfer('USD', 'alice', 'bob', 60n);
          return new Refusal('POSITION_CHANGED');
        },
        onResult: (r) => results.push(r),
      });
    }, null);
    kernel.run();
    expect(results).toEqual([{ ok: false, reason: 'POSITION_CHANGED', block: 1, atMs: 12_000 }]);
    expect([ledger.balanceOf('USD', 'alice'), ledger.balanceOf('USD', 'bob')]).toEqual([100n, 0n]);
    expect(chain.stats).toMatchObject({ transactions: 1, reverted: 1 });
  });

  it('a transaction that throws something other than a revert fails the run (a bug, not a revert)', () => {
    const { kernel, chain } = setup();
    kernel.scheduleAt(1, () => chain.submit({ from: 'x', label: 'buggy', priorityFee: 0, execute: () => { throw new TypeError('undefined is not a function'); } }), null);
    expect(kernel.run().error?.message).toMatch(/block production: undefined is not a function/);
  });
});
