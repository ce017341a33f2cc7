import assert from 'node:assert/strict';
import { RevertError } from '../../packages/world/src/errors';
import { UniswapV2Pair, getAmountOut, twapFromCumulatives } from '../../packages/world/src/amm';

export default function example(): void {
  const E18 = 10n ** 18n;
  const pair = new UniswapV2Pair({ token0: 'RWA', token1: 'USDC', decimals0: 18, decimals1: 18 });

  // First mint: sqrt(5e18 * 10e18) LP, of which 1000 are locked at address(0) forever.
  const t0 = 1_000;
  const liquidity = pair.mint('lp', 5n * E18, 10n * E18, t0);
  assert.equal(liquidity, 7071067811865475244n - 1000n);
  assert.equal(pair.spotPrice(), 2); // 2 USDC per RWA

  // Sell 1 RWA: the v2-core test vector, exact to the unit.
  assert.equal(getAmountOut(E18, 5n * E18, 10n * E18), 1662497915624478906n);
  const out = pair.swapExactIn(0, E18, t0 + 12);
  assert.equal(out, 1662497915624478906n);
  assert.equal(pair.reserve0, 6n * E18);

  // Asking for one unit more than the invariant allows reverts with the contract's reason,
  // and the pair is left exactly as it was.
  const before = [pair.reserve0, pair.reserve1, pair.price0CumulativeLast];
  assert.throws(() => pair.swap(0n, pair.getAmountOut(0, E18) + 1n, 0n, 0n, t0 + 24), RevertError);
  assert.throws(() => pair.swap(0n, pair.getAmountOut(0, E18) + 1n, E18, 0n, t0 + 24), {
    name: 'RevertError',
    message: 'UniswapV2: K',
  });
  assert.deepEqual([pair.reserve0, pair.reserve1, pair.price0CumulativeLast], before);

  // TWAP: 12 s at price 2, then 48 s at the post-swap price; the accumulators integrate it.
  const c0 = pair.price0CumulativeLast; // covers [t0, t0 + 12) at price 2
  pair.sync(t0 + 60);
  const postSwap = Number(pair.reserve1) / Number(pair.reserve0);
  const twap = twapFromCumulatives(c0, pair.price0CumulativeLast, 48);
  assert.ok(Math.abs(twap - postSwap) < 1e-12);
  const fullTwap = twapFromCumulatives(0n, pair.price0CumulativeLast, 60);
  assert.ok(Math.abs(fullTwap - (12 * 2 + 48 * postSwap) / 60) < 1e-12);
}
