// AMM throughput: exact swaps per second on one Uniswap V2 pair and one Curve StableSwap pool.
// Run: pnpm exec tsx packages/world/src/bench/amm.bench.ts [uniswapSwaps] [stableswapExchanges]
// Prints one JSON object per line: {"bench":"amm","case":...,"metric":...,"value":...}.
import { StableSwapPool, UniswapV2Pair } from '../amm';

const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: 'amm', case: kase, metric, value }));
}

/**
 * Alternating-direction exact-input swaps on a 10M/10M pair, 1..~1000 token trades, the clock
 * advancing one second every 10 swaps so the TWAP accumulators update on part of the swaps, as
 * they would with several swaps per block.
 */
function benchUniswap(swaps: number): void {
  const pair = new UniswapV2Pair({ token0: 'RWA', token1: 'USDC', decimals0: 18, decimals1: 18 });
  pair.mint('lp', 10_000_000n * E18, 10_000_000n * E18, 0);
  const sizes: bigint[] = [];
  for (let k = 0; k < 1024; k++) sizes.push(BigInt(1 + ((k * 7919) % 1000)) * E18 + BigInt(k));

  let now = 1;
  const run = (count: number): bigint => {
    let sink = 0n;
    for (let k = 0; k < count; k++) {
      if (k % 10 === 0) now++;
      sink += pair.swapExactIn((k & 1) as 0 | 1, sizes[k & 1023]!, now);
    }
    return sink;
  };

  run(Math.min(swaps, 50_000)); // warm-up: let the JIT settle before timing
  const k0 = pair.reserve0 * pair.reserve1;
  const t0 = performance.now();
  const sink = run(swaps);
  const wall = (performance.now() - t0) / 1000;
  if (sink <= 0n || pair.reserve0 * pair.reserve1 < k0) throw new Error('uniswap bench sanity check failed');
  emit('uniswap-v2 swapExactIn alternating', 'wall_s', wall);
  emit('uniswap-v2 swapExactIn alternating', 'ops_per_s', swaps / wall);
}

/** Alternating exchanges on a balanced 3-coin pool (18/6/6 decimals), A = 2000, fee 0.04%. */
function benchStableSwap(exchanges: number): void {
  const pool = new StableSwapPool({
    coins: ['DAI', 'USDC', 'USDT'],
    decimals: [18, 6, 6],
    A: 2000,
    fee: 4_000_000,
    adminFee: 5_000_000_000,
  });
  pool.addLiquidity('lp', [100_000_000n * E18, 100_000_000n * E6, 100_000_000n * E6]);
  const unit = [E18, E6, E6];

  const run = (count: number): bigint => {
    let sink = 0n;
    for (let k = 0; k < count; k++) {
      const i = k % 3;
      const j = (i + 1 + (k & 1)) % 3;
      sink += pool.exchange(i, j, BigInt(1 + ((k * 7919) % 10_000)) * unit[i]!);
    }
    return sink;
  };

  run(Math.min(exchanges, 5_000));
  const t0 = performance.now();
  const sink = run(exchanges);
  const wall = (performance.now() - t0) / 1000;
  if (sink <= 0n) throw new Error('stableswap bench sanity check failed');
  emit('stableswap 3-coin exchange', 'wall_s', wall);
  emit('stableswap 3-coin exchange', 'ops_per_s', exchanges / wall);
}

const [uniArg, curveArg] = process.argv.slice(2);
benchUniswap(uniArg !== undefined ? Number(uniArg) : 1_000_000);
benchStableSwap(curveArg !== undefined ? Number(curveArg) : 100_000);
