import { RevertError } from '../errors';
import { Ledger } from '../ledger/ledger';
import { NavFeed } from '../oracles';
import { TrancheFeed, TrancheVault } from './tranche-vault';

const E18 = 10n ** 18n;

function setup() {
  const ledger = new Ledger();
  ledger.addToken({ symbol: 'IDX', decimals: 18, issuer: 'index' });
  ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  ledger.mint('IDX', 'index', 'sponsor', 1_000n * E18);
  const vault = new TrancheVault(ledger, { id: 't', asset: 'IDX', seniorToken: 'SR', juniorToken: 'JR', currency: 'USD' });
  return { ledger, vault };
}

describe('TrancheVault', () => {
  it('issues one token per dollar of principal and values them through the waterfall, junior first', () => {
    const { ledger, vault } = setup();
    vault.issue('sponsor', 100n * E18, 80_000_000n, 20_000_000n); // 100 IDX at 1.00: senior 80, junior 20
    expect(ledger.balanceOf('SR', 'sponsor')).toBe(80n * E18);
    expect(ledger.balanceOf('JR', 'sponsor')).toBe(20n * E18);
    expect(vault.values(0.9)).toEqual({ total: 90_000_000n, senior: 80_000_000n, junior: 10_000_000n });
    expect(vault.tokenPrice('senior', 90_000_000n, 8)).toBe(100_000_000n); // the senior is whole
    expect(vault.tokenPrice('junior', 90_000_000n, 8)).toBe(50_000_000n); // the junior has lost half
    expect(vault.tokenPrice('senior', 60_000_000n, 8)).toBe(75_000_000n); // junior gone, senior -25%
    expect(vault.tokenPrice('junior', 60_000_000n, 8)).toBe(0n);
    expect(vault.audit()).toBeUndefined();
    expect(ledger.audit()).toBeUndefined();
  });

  it('refuses a deposit the sponsor cannot make, changing nothing', () => {
    const { ledger, vault } = setup();
    expect(() => vault.issue('sponsor', 2_000n * E18, 1n, 1n)).toThrow(RevertError);
    expect(() => vault.issue('sponsor', 0n, 1n, 1n)).toThrow(RevertError);
    expect(vault.supply('senior')).toBe(0n);
    expect(ledger.balanceOf('IDX', 'sponsor')).toBe(1_000n * E18);
  });

  it('a tranche feed follows the asset feed through the waterfall', () => {
    const { vault } = setup();
    vault.issue('sponsor', 100n * E18, 80_000_000n, 20_000_000n);
    const asset = new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: ['r'], maxChangeBps: 10_000, minUpdateWindowMs: 0 });
    const senior = new TrancheFeed(vault, 'senior', asset);
    const junior = new TrancheFeed(vault, 'junior', asset);
    expect([senior.latest(0).price, junior.latest(0).price]).toEqual([100_000_000n, 100_000_000n]);
    asset.setPrice('r', 85_000_000n, 1_000);
    expect([senior.latest(1_000).price, junior.latest(1_000).price]).toEqual([100_000_000n, 25_000_000n]);
    expect(junior.history().prices).toEqual([100_000_000n, 25_000_000n]);
  });
});
