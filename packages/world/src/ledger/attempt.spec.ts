import { Ledger } from './ledger';
import { attempt } from './attempt';
import { Refusal, RevertError } from '../errors';

function ledger(): Ledger {
  const l = new Ledger();
  l.addToken({ symbol: 'USD', decimals: 6, issuer: 'mint' });
  l.mint('USD', 'mint', 'alice', 100n);
  return l;
}

const paying = (l: Ledger, outcome: () => unknown) => ({
  execute: () => {
    l.transfer('USD', 'alice', 'bob', 60n);
    return outcome();
  },
});

describe('attempt', () => {
  it('keeps what went through and returns its value', () => {
    const l = ledger();
    expect(attempt(l, paying(l, () => 'done'))).toBe('done');
    expect(l.balanceOf('USD', 'bob')).toBe(60n);
  });

  it('rolls back a returned Refusal and returns it', () => {
    const l = ledger();
    const refusal = new Refusal('POSITION_CHANGED');
    expect(attempt(l, paying(l, () => refusal))).toBe(refusal);
    expect([l.balanceOf('USD', 'alice'), l.balanceOf('USD', 'bob')]).toEqual([100n, 0n]);
  });

  it('rolls back a thrown RevertError and returns it as a Refusal with its reason', () => {
    const l = ledger();
    const value = attempt(l, paying(l, () => { throw new RevertError('TOO_LATE'); }));
    expect(value).toBeInstanceOf(Refusal);
    expect((value as Refusal).reason).toBe('TOO_LATE');
    expect(l.balanceOf('USD', 'bob')).toBe(0n);
  });

  it('rolls back anything else it throws and throws it on (a bug, not a revert)', () => {
    const l = ledger();
    expect(() => attempt(l, paying(l, () => { throw new TypeError('oops'); }))).toThrow('oops');
    expect(l.balanceOf('USD', 'bob')).toBe(0n);
  });
});
