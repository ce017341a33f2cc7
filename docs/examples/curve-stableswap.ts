import assert from 'node:assert/strict';
import { StableSwapPool } from '../../packages/world/src/amm';

export default function example(): void {
  const E18 = 10n ** 18n;
  const E6 = 10n ** 6n;
  // A 3pool-like pool: DAI (18 decimals), USDC and USDT (6). A is the contract's stored value
  // (whitepaper A times n^(n-1)); fee 0.04%, half of it to the admin.
  const pool = new StableSwapPool({
    coins: ['DAI', 'USDC', 'USDT'],
    decimals: [18, 6, 6],
    A: 2000,
    fee: 4_000_000,
    adminFee: 5_000_000_000,
  });

  // A balanced first deposit mints D, which for equal normalised balances is their sum.
  const minted = pool.addLiquidity('lp', [1_000_000n * E18, 1_000_000n * E6, 1_000_000n * E6]);
  assert.equal(minted, 3_000_000n * E18);
  assert.equal(pool.getVirtualPrice(), E18);

  // Near balance, 1000 DAI buys almost exactly 1000 USDC less the 0.04% fee.
  const quoted = pool.getDy(0, 1, 1000n * E18);
  const received = pool.exchange(0, 1, 1000n * E18);
  assert.ok(received === quoted || received === quoted - 1n); // the contract rounds the fee differently
  assert.ok(received <= 999_600_000n && received > 999_599_000n);
  assert.ok(pool.adminBalance(1) > 0n); // half the fee is held for the admin

  // Fees stay in the pool, so the LP token's value grows.
  assert.ok(pool.getVirtualPrice() > E18);

  // Drain USDC: the price of USDC in DAI climbs as the pool tilts, but stays near 1 until the
  // pool is very unbalanced: the "flat" StableSwap curve.
  pool.exchange(0, 1, 600_000n * E18);
  const mid = pool.spotPrice(1, 0);
  pool.exchange(0, 1, 300_000n * E18);
  const steep = pool.spotPrice(1, 0);
  assert.ok(mid > 1 && mid < 1.01);
  assert.ok(steep > mid);
}
