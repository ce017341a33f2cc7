// Memory and setup time of open positions in the Aave V3.3-style pool.
//
//   pnpm exec tsx --expose-gc packages/world/src/bench/aave-positions.bench.ts [positions]
//
// Prints one JSON object per line: {"bench":"aave-positions","case":...,"metric":...,"value":...}.
//  1. market: positions opened the way the lab's RWA lending world opens them at setup (borrower
//     minted RWA in the ledger, then LendingMarket.open: supply collateral, borrow USD), with the
//     cascade-bench shapes (collateral U[1,000, 20,000] RWA at NAV 1.00, LTV U[0.5, 0.8]).
//  2. pool: the same positions on a bare AavePool without a ledger, so the bytes are the pool's own.
// Heap figures are taken after a forced GC; bytes per position = heap growth while opening / count.
// At index 1 ray the scaled balances are the very bigints passed in, which the bench holds from
// before, so those (~56 bytes a position) are not in the figure.
import { EventBus, Kernel, MemorySink, Recorder, SeedTree } from '@paradox/engine';
import { AavePool, type ReserveInput } from '../lending/aave';
import { LendingMarket } from '../markets/lending-market';
import { NavFeed } from '../oracles';
import { seededUniform } from '../offchain/testkit';
import { createWorld } from '../world/create-world';

const BENCH = 'aave-positions';
const N = Number(process.argv[2] ?? 200_000);
const E6 = 10n ** 6n;
const ZERO_RATES = { optimalUsageRatio: 8_000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };
const COLLATERAL: ReserveInput = { asset: 'RWA', decimals: 18, ltv: 8_500, liquidationThreshold: 8_500, liquidationBonus: 10_500, rates: ZERO_RATES };
const DEBT: ReserveInput = { asset: 'USD', decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0, rates: ZERO_RATES };

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: BENCH, case: kase, metric, value: Number(value.toPrecision(4)) }));
}

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (e.g. pnpm exec tsx --expose-gc ...)');
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Collateral and debt of each position, base units, as in cascade-bench (debt = collateral x U[0.5, 0.8]). */
function positions(): { collateral: bigint[]; debt: bigint[] } {
  const draw = seededUniform(1);
  const next = () => draw.next();
  const collateral: bigint[] = [];
  const debt: bigint[] = [];
  for (let i = 0; i < N; i++) {
    const c = 1_000 + 19_000 * next();
    const d = c * (0.5 + 0.3 * next());
    collateral.push(BigInt(Math.round(c * 1e6)) * 10n ** 12n);
    debt.push(BigInt(Math.round(d * 1e6)));
  }
  return { collateral, debt };
}

function benchMarket(): void {
  const { collateral, debt } = positions();
  const kernel = new Kernel();
  const world = createWorld({ kernel, bus: new EventBus(kernel), recorder: new Recorder(new MemorySink()), seeds: new SeedTree(1) });
  world.ledger.addToken({ symbol: 'RWA', decimals: 18, issuer: 'fund' });
  world.ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  const nav = new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: ['nav-oracle'], maxChangeBps: 10_000, minUpdateWindowMs: 0 });
  const market = new LendingMarket(world, { id: 'RWA-lending', collateral: COLLATERAL, debt: DEBT, collateralFeed: nav, repriceOn: {} });
  const lent = debt.reduce((a, b) => a + b, 0n);
  world.ledger.mint('USD', 'usd-issuer', 'lender', lent);
  market.supply('lender', 'USD', lent);
  const ids = Array.from({ length: N }, (_, b) => `borrower-${b}`);
  for (let b = 0; b < N; b++) world.ledger.mint('RWA', 'fund', ids[b]!, collateral[b]!);
  const before = heapAfterGc();
  const t0 = performance.now();
  for (let b = 0; b < N; b++) market.open(ids[b]!, collateral[b]!, debt[b]!);
  const seconds = (performance.now() - t0) / 1_000;
  const after = heapAfterGc();
  const kase = `market,positions=${N}`;
  emit(kase, 'open_s', seconds);
  emit(kase, 'us_per_position', (seconds * 1e6) / N);
  emit(kase, 'bytes_per_position', (after - before) / N);
  emit(kase, 'heap_mib', after / 2 ** 20);
  if (market.pool.debtBalance(ids[N - 1]!, 'USD') !== debt[N - 1]) throw new Error('position not opened');
}

function benchPool(): void {
  const { collateral, debt } = positions();
  const pool = new AavePool({ reserves: [COLLATERAL, DEBT], priceSource: () => 100_000_000n });
  pool.supply('lender', 'USD', debt.reduce((a, b) => a + b, 0n) + E6);
  const ids = Array.from({ length: N }, (_, b) => `borrower-${b}`);
  const before = heapAfterGc();
  const t0 = performance.now();
  for (let b = 0; b < N; b++) {
    pool.supply(ids[b]!, 'RWA', collateral[b]!);
    pool.borrow(ids[b]!, 'USD', debt[b]!);
  }
  const seconds = (performance.now() - t0) / 1_000;
  const after = heapAfterGc();
  const kase = `pool,positions=${N}`;
  emit(kase, 'open_s', seconds);
  emit(kase, 'us_per_position', (seconds * 1e6) / N);
  emit(kase, 'bytes_per_position', (after - before) / N);
  if (pool.aTokenBalance(ids[0]!, 'RWA') !== collateral[0]!) throw new Error('position not opened');
}

benchMarket();
benchPool();
