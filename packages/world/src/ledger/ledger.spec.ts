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

/** The definition toUnits must match: the printed digits of the number, shifted by `decimals`. */
function toUnitsByText(amount: number, decimals: number): bigint {
  const text = String(Math.abs(amount));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : mantissa.length - dot - 1;
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const shift = (e < 0 ? 0 : Number(text.slice(e + 1))) - fractionDigits + decimals;
  const units = shift >= 0 ? BigInt(digits) * 10n ** BigInt(shift) : BigInt(digits) / 10n ** BigInt(-shift);
  return amount < 0 ? -units : units;
}

describe('toUnits fast paths', () => {
  it('equal the printed-digits definition for any finite double and decimals (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 36 }), (x, d) => {
        expect(toUnits(x, d)).toBe(toUnitsByText(x, d));
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('equal it for the amounts scenarios draw: uniform in ranges, scaled prices (property)', () => {
    const amount = fc.oneof(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1e-3, max: 1e7, noNaN: true })).map(([u, scale]) => u * scale),
      fc.tuple(fc.integer({ min: 1, max: 2 ** 53 }), fc.integer({ min: 0, max: 20 })).map(([n, k]) => n / 10 ** k),
      fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
    );
    fc.assert(
      fc.property(amount, fc.constantFrom(0, 2, 6, 8, 18, 27), (x, d) => {
        expect(toUnits(x, d)).toBe(toUnitsByText(x, d));
      }),
      { seed: 20261123, numRuns: 300 },
    );
    // Edges of the fast paths: 2^50 and 2^53 digits, 17 significant digits, tiny and huge.
    for (const x of [2 ** 50 / 1e3, (2 ** 50 - 1) / 1e3, 2 ** 53, 2 ** 53 + 2, 0.1 + 0.2, 123456.78901234567, 1e-6, 1.5e-7, 9.999999999999999e20, -0, 5e-324]) {
      for (const d of [0, 6, 18]) expect(toUnits(x, d)).toBe(toUnitsByText(x, d));
    }
  });
});

describe('Ledger account ids', () => {
  it('looks ids up without registering, and counts accounts', () => {
    const l = ledger();
    const before = l.accountCount;
    expect(l.lookup('alice')).toBeUndefined();
    expect(l.accountCount).toBe(before);
    l.mint('USD', 'circle', 'alice', 1n);
    expect(l.lookup('alice')).toBe(l.account('alice'));
    expect(l.accountCount).toBe(before + 1);
  });

  it('keeps balances right when accounts are first paid far apart and out of order', () => {
    const l = ledger();
    const ids = Array.from({ length: 5_000 }, (_, i) => `h${i}`);
    for (const id of ids) l.account(id);
    const mark = l.checkpoint();
    for (let i = ids.length - 1; i >= 0; i -= 997) l.mint('USD', 'circle', ids[i]!, BigInt(i + 1));
    l.rollback(mark);
    expect(l.totalSupply('USD')).toBe(0n);
    for (let i = ids.length - 1; i >= 0; i -= 997) l.mint('USD', 'circle', ids[i]!, BigInt(i + 1));
    expect(ids.map((id) => l.balanceOf('USD', id))).toEqual(ids.map((_, i) => ((ids.length - 1 - i) % 997 === 0 ? BigInt(i + 1) : 0n)));
    expect(l.audit()).toBeUndefined();
  });
});
