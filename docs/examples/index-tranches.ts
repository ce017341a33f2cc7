import assert from 'node:assert/strict';
import { IndexVault, Ledger, TrancheVault } from '../../packages/world/src';

export default function example(): void {
  const E18 = 10n ** 18n;
  const ledger = new Ledger();
  ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  const navs: Record<string, number> = { 'FUND-A': 1, 'FUND-B': 1, 'FUND-C': 1 };
  const fund = (token: string) => ({ id: token, shareToken: token, navPerShare: () => navs[token]!, redemptionsOpen: () => true });
  for (const token of Object.keys(navs)) {
    ledger.addToken({ symbol: token, decimals: 18, issuer: `${token}-issuer` });
    ledger.mint(token, `${token}-issuer`, 'sponsor', 1_000n * E18);
  }

  // One IDX share is a third of each fund token (rounded so three thirds never exceed a share).
  const third = E18 / 3n;
  const index = new IndexVault(ledger, {
    id: 'index',
    shareToken: 'IDX',
    components: Object.keys(navs).map((token) => ({ fund: fund(token), unitsPerShare: third })),
  });
  index.deposit('sponsor', 900n * E18);
  assert.equal(ledger.balanceOf('IDX', 'sponsor'), 900n * E18);

  // Fund C writes its loans down by 45%: the index loses a third of that.
  navs['FUND-C'] = 0.55;
  assert.ok(Math.abs(index.navPerShare() - 0.85) < 1e-9);

  // The sponsor tranches 600 IDX: 480 USD of senior principal, 120 USD of junior.
  const tranches = new TrancheVault(ledger, { id: 'tranches', asset: 'IDX', seniorToken: 'IDX-SR', juniorToken: 'IDX-JR', currency: 'USD' });
  tranches.issue('sponsor', 600n * E18, 480_000_000n, 120_000_000n);
  assert.equal(ledger.balanceOf('IDX-SR', 'sponsor'), 480n * E18); // one token per dollar of principal

  // At par the pool is worth 600 USD; at the index's NAV after the default, 510: the junior
  // absorbs the 90 USD loss first, the senior is whole.
  const atPar = tranches.values(1);
  assert.deepEqual([atPar.total, atPar.senior, atPar.junior], [600_000_000n, 480_000_000n, 120_000_000n]);
  const afterDefault = tranches.values(index.navPerShare());
  assert.deepEqual([afterDefault.senior, afterDefault.junior], [480_000_000n, 30_000_000n]);

  // Only a loss beyond the junior's 20% reaches the senior: at 0.70 the pool is worth 420.
  const deeper = tranches.values(0.7);
  assert.deepEqual([deeper.senior, deeper.junior], [420_000_000n, 0n]);

  // Every token is conserved exactly through minting, depositing and tranching.
  assert.equal(index.audit(), undefined);
  assert.equal(tranches.audit(), undefined);
  assert.equal(ledger.audit(), undefined);
}
