import fc from 'fast-check';
import { Ledger, toUnits } from './ledger';
import { ModelConfigError, RevertError } from '../errors';

function ledger() {
  const l = new Ledger();
  l.addToken({ symbol: 'USD', decimals: 6, issuer: 'circle' });
  l.addToken({ symbol: 'RWA', decimals: 18, issuer: 'fund', permissioned: true });
  return l;
}

describe('Ledger', () => {
  it('mints and burns by the issuer only', () => {
    const l = ledger();
    l.mint('USD', 'circle', 'alice', 5_000_000n);
    expect(l.balanceOf('USD', 'alice')).toBe(5_000_000n);
    expect(() => l.mint('USD', 'alice', 'alice', 1n)).toThrow(new RevertError('USD: only the issuer may mint'));
    expect(() => l.burn('USD', 'alice', 'alice', 1n)).toThrow(/only the issuer may burn/);
    l.burn('USD', 'circle', 'alice', 1_000_000n);
    expect(l.totalSupply('USD')).toBe(4_000_000n);
  });

  it('enforces the allowlist of a permissioned token on both ends', () => {
    const l = ledger();
    expect(() => l.mint('RWA', 'fund', 'alice', 1n)).toThrow('RWA: alice is not on the allowlist');
    l.allow('RWA', 'fund', 'alice');
    l.mint('RWA', 'fund', 'alice', 10n);
    expect(() => l.transfer('RWA', 'alice', 'bob', 1n)).toThrow('RWA: bob is not on the allowlist');
    l.allow('RWA', 'fund', 'bob');
    l.transfer('RWA', 'alice', 'bob', 4n);
    l.disallow('RWA', 'fund', 'alice');
    expect(() => l.transfer('RWA', 'alice', 'bob', 1n)).toThrow(/alice is not on the allowlist/);
    expect(() => l.allow('RWA', 'alice', 'carol')).toThrow(/only the issuer/);
  });

  it('refuses overdrafts, negative amounts and unknown tokens', () => {
    const l = ledger();
    expect(() => l.transfer('USD', 'alice', 'bob', 1n)).toThrow(/exceeds balance/);
    expect(() => l.transfer('USD', 'alice', 'bob', -1n)).toThrow(/negative amount/);
    expect(() => l.balanceOf('EUR', 'alice')).toThrow('unknown token "EUR"');
  });

  it('refuses bad token specs at construction with the parameter named', () => {
    const l = ledger();
    expect(() => l.addToken({ symbol: 'X', decimals: 40, issuer: 'i' })).toThrow(new ModelConfigError('tokens.X.decimals', 'an integer in [0, 36]', 40));
    expect(() => l.addToken({ symbol: 'USD', decimals: 6, issuer: 'i' })).toThrow(/tokens.USD/);
  });

  it('rolls back exactly what a reverted transaction changed, also nested', () => {
    const l = ledger();
    l.mint('USD', 'circle', 'alice', 100n);
    const outer = l.checkpoint();
    l.transfer('USD', 'alice', 'bob', 30n);
    const inner = l.checkpoint();
    l.mint('USD', 'circle', 'bob', 5n);
    l.rollback(inner);
    expect(l.balanceOf('USD', 'bob')).toBe(30n);
    l.transfer('USD', 'bob', 'carol', 10n);
    l.rollback(outer);
    expect([l.balanceOf('USD', 'alice'), l.balanceOf('USD', 'bob'), l.balanceOf('USD', 'carol'), l.totalSupply('USD')]).toEqual([100n, 0n, 0n, 100n]);
  });

  it('conserves value and never goes negative over random operations (property)', () => {
    const who = fc.constantFrom('a', 'b', 'c', 'd');
    const op = fc.oneof(
      fc.record({ op: fc.constant('mint' as const), to: who, amount: fc.bigInt(0n, 10n ** 20n) }),
      fc.record({ op: fc.constant('burn' as const), to: who, amount: fc.bigInt(0n, 10n ** 20n) }),
      fc.record({ op: fc.constant('transfer' as const), from: who, to: who, amount: fc.bigInt(-5n, 10n ** 20n) }),
      fc.record({ op: fc.constant('tx' as const), from: who, to: who, amount: fc.bigInt(0n, 10n ** 20n), revert: fc.boolean() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const l = ledger();
        let minted = 0n;
        for (const o of ops) {
          try {
            if (o.op === 'mint') {
              l.mint('USD', 'circle', o.to, o.amount);
              minted += o.amount;
            } else if (o.op === 'burn') {
              l.burn('USD', 'circle', o.to, o.amount);
              minted -= o.amount;
            } else if (o.op === 'transfer') {
              l.transfer('USD', o.from, o.to, o.amount);
            } else {
              const before = ['a', 'b', 'c', 'd'].map((x) => l.balanceOf('USD', x));
              const mark = l.checkpoint();
              l.transfer('USD', o.from, o.to, 0n);
              try {
                l.transfer('USD', o.from, o.to, o.amount);
                if (o.revert) throw new RevertError('test');
                l.commit(mark);
              } catch (e) {
                l.rollback(mark);
                expect(['a', 'b', 'c', 'd'].map((x) => l.balanceOf('USD', x))).toEqual(before);
                throw e;
              }
            }
          } catch (e) {
            if (!(e instanceof RevertError)) throw e;
          }
        }
        expect(l.audit()).toBeUndefined();
        expect(l.totalSupply('USD')).toBe(minted);
      }),
      { seed: 20261121, numRuns: 300 },
    );
  });
});

describe('toUnits', () => {
  it('converts whole-token amounts to base units exactly', () => {
    expect(toUnits(1.5, 6)).toBe(1_500_000n);
    expect(toUnits(0.1, 18)).toBe(100_000_000_000_000_000n);
    expect(toUnits(2_000_000, 18)).toBe(2_000_000n * 10n ** 18n);
    expect(toUnits(-3, 2)).toBe(-300n);
    expect(toUnits(1e-7, 6)).toBe(0n);
    expect(toUnits(1.23e-5, 8)).toBe(1230n);
    expect(toUnits(1e21, 0)).toBe(10n ** 21n);
  });
});
