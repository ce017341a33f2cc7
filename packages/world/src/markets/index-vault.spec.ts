import { RevertError } from '../errors';
import { Ledger } from '../ledger/ledger';
import { IndexVault, Tranches } from './index-vault';

const E18 = 10n ** 18n;

function setup() {
  const ledger = new Ledger();
  const navs: Record<string, number> = { A: 1, B: 1, C: 1 };
  for (const t of ['A', 'B', 'C']) ledger.addToken({ symbol: t, decimals: 18, issuer: `issuer-${t}` });
  ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  const fund = (t: string) => ({ id: t, shareToken: t, navPerShare: () => navs[t]!, redemptionsOpen: () => true });
  // One index share = 0.5 A + 0.3 B + 0.2 C.
  const vault = new IndexVault(ledger, {
    id: 'idx',
    shareToken: 'IDX',
    components: [
      { fund: fund('A'), unitsPerShare: (E18 * 5n) / 10n },
      { fund: fund('B'), unitsPerShare: (E18 * 3n) / 10n },
      { fund: fund('C'), unitsPerShare: (E18 * 2n) / 10n },
    ],
  });
  for (const t of ['A', 'B', 'C']) ledger.mint(t, `issuer-${t}`, 'alice', 1_000n * E18);
  return { ledger, vault, navs };
}

describe('IndexVault', () => {
  it('mints shares against the constituents in fixed weights and values them at the weighted NAV', () => {
    const { ledger, vault, navs } = setup();
    vault.deposit('alice', 100n * E18);
    expect(ledger.balanceOf('IDX', 'alice')).toBe(100n * E18);
    expect(vault.holding('A')).toBe(50n * E18);
    expect(vault.holding('C')).toBe(20n * E18);
    expect(vault.navPerShare()).toBeCloseTo(1, 12);
    navs['C'] = 0.5; // a default wave in one fund: the index loses its weight times the loss
    expect(vault.navPerShare()).toBeCloseTo(0.9, 12);
    expect(vault.audit()).toBeUndefined();
  });

  it('redeems pro rata, rounding in the vault\'s favour, and conserves every token exactly', () => {
    const { ledger, vault } = setup();
    vault.deposit('alice', 7n * E18 + 3n); // odd amounts round the constituents up
    ledger.transfer('IDX', 'alice', 'bob', 3n * E18 + 1n);
    const out = vault.redeem('bob', 3n * E18 + 1n);
    expect(out[0]).toBe(ledger.balanceOf('A', 'bob'));
    vault.redeem('alice', ledger.balanceOf('IDX', 'alice'));
    expect(vault.totalShares()).toBe(0n);
    for (const t of ['A', 'B', 'C']) {
      expect(ledger.balanceOf(t, 'alice') + ledger.balanceOf(t, 'bob') + vault.holding(t)).toBe(1_000n * E18);
      expect(vault.holding(t)).toBeLessThan(3n); // dust left from rounding up, never a deficit
    }
    expect(vault.audit()).toBeUndefined();
    expect(ledger.audit()).toBeUndefined();
  });

  it('refuses what it cannot honour and changes nothing', () => {
    const { ledger, vault } = setup();
    expect(() => vault.deposit('alice', 3_000n * E18)).toThrow(RevertError);
    expect(() => vault.redeem('alice', 1n)).toThrow(RevertError);
    expect(ledger.balanceOf('A', 'alice')).toBe(1_000n * E18);
    expect(vault.totalShares()).toBe(0n);
  });
});

describe('IndexVault pause and view', () => {
  it('paused, it refuses both mint and redeem and changes nothing; the view says so', () => {
    const { ledger, vault } = setup();
    vault.deposit('alice', 10n * E18);
    const view = vault.view();
    expect(view.components.map((c) => [c.token, c.decimals, c.unitsPerShare])).toEqual([
      ['A', 18, (E18 * 5n) / 10n],
      ['B', 18, (E18 * 3n) / 10n],
      ['C', 18, (E18 * 2n) / 10n],
    ]);
    expect(view.depositAmounts(E18)).toEqual([E18 / 2n, (E18 * 3n) / 10n, E18 / 5n]);
    vault.setOpen(false);
    expect(view.mintRedeemOpen()).toBe(false);
    expect(vault.redemptionsOpen()).toBe(false);
    expect(() => vault.deposit('alice', E18)).toThrow(RevertError);
    expect(() => vault.redeem('alice', E18)).toThrow(RevertError);
    expect(ledger.balanceOf('IDX', 'alice')).toBe(10n * E18);
    expect(vault.holding('A')).toBe(5n * E18);
    vault.setOpen(true);
    expect(vault.redeem('alice', E18)[0]).toBe(E18 / 2n);
    expect(view.totalShares()).toBe(9n * E18);
    expect(vault.audit()).toBeUndefined();
  });
});

describe('Tranches', () => {
  it('losses hit the junior claim first; the senior is capped at its principal', () => {
    const { ledger, vault } = setup();
    vault.deposit('alice', 100n * E18);
    ledger.transfer('IDX', 'alice', 'spv', 100n * E18);
    const tranches = new Tranches(ledger, vault, 'spv', 80_000_000n, 'USD'); // senior 80 USD, junior 20
    expect(tranches.values(1)).toEqual({ total: 100_000_000n, senior: 80_000_000n, junior: 20_000_000n });
    expect(tranches.values(1.2)).toEqual({ total: 120_000_000n, senior: 80_000_000n, junior: 40_000_000n });
    expect(tranches.values(0.9)).toEqual({ total: 90_000_000n, senior: 80_000_000n, junior: 10_000_000n });
    expect(tranches.values(0.5)).toEqual({ total: 50_000_000n, senior: 50_000_000n, junior: 0n });
  });
});
