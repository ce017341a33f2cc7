// Liquidation-price index and Aave pool liquidation throughput.
//
//   pnpm exec tsx packages/world/src/bench/liquidation-index.bench.ts
//
// Prints one JSON object per line: {"bench":"liquidation-index","case":...,"metric":...,"value":...}.
//  1. LiquidationIndex with 100,000 positions: cost of a price update (crossed(price)) when
//     0 / 10 / 1,000 / 10,000 positions crossed, against a full scan in the same process.
//  2. AavePool with 100,000 single-collateral positions (cascade-bench shape: RWA collateral,
//     USD debt, LT 85%, bonus 5%): liquidatablePositions() per price update, and liquidations/s.
import { AavePool } from '../lending/aave';
import { LiquidationIndex } from '../lending/index';

const BENCH = 'liquidation-index';
const N = 100_000;
const CROSSED = [0, 10, 1_000, 10_000];

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: BENCH, case: kase, metric, value: Number(value.toPrecision(4)) }));
}

/** Deterministic uniform draws (mulberry32); the bench needs no engine stream. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mean microseconds per call of `fn`, repeating until at least `minMs` have passed. */
function timeUs(fn: () => void, minMs = 200): number {
  fn(); // warm up
  let reps = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    reps++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (elapsed * 1_000) / reps;
}

function benchIndex(): void {
  const next = rng(1);
  const index = new LiquidationIndex<number>();
  const keys: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    // Liquidation prices of positions opened at price 1 with LTV U[0.5, 0.8] and LT 0.85.
    const key = (0.5 + 0.3 * next()) / 0.85;
    keys.push(key);
    index.upsert(i, key);
  }
  emit(`n=${N}`, 'ns_per_insert', ((performance.now() - t0) * 1e6) / N);
  const sorted = [...keys].sort((a, b) => b - a);

  for (const c of CROSSED) {
    const price = sorted[c]!; // exactly c keys strictly above (keys are distinct draws)
    const got = index.crossed(price).length;
    if (got !== c) throw new Error(`expected ${c} crossed, got ${got}`);
    const us = timeUs(() => index.crossed(price));
    const scanUs = timeUs(() => {
      const hits: number[] = [];
      for (const k of keys) if (k > price) hits.push(k);
      hits.sort((a, b) => b - a);
    });
    emit(`n=${N},crossed=${c}`, 'us_per_update', us);
    emit(`n=${N},crossed=${c}`, 'us_per_update_full_scan', scanUs);
    emit(`n=${N},crossed=${c},ratio=scan/index`, 'ratio', scanUs / us);
    // A price update followed by liquidating every crossed position (each moves below the price).
    const entries = index.crossed(price);
    const rekeyUs = timeUs(() => {
      for (const e of index.crossed(price)) index.upsert(e.id, e.key * 0.5);
      for (const e of entries) index.upsert(e.id, e.key);
    });
    emit(`n=${N},crossed=${c}`, 'us_per_update_and_rekey', rekeyUs);
  }

  let j = 0;
  const upsertUs = timeUs(() => {
    for (let i = 0; i < 1_000; i++) {
      const id = (j = (j * 7919 + 13) % N);
      index.upsert(id, keys[id]! * (0.9 + 0.2 * next()));
    }
  });
  emit(`n=${N}`, 'ns_per_upsert', upsertUs);
}

function benchPool(): void {
  const E6 = 10n ** 6n;
  const E18 = 10n ** 18n;
  let rwaPrice = 100_000_000n; // $1.00, 8 decimals
  const pool = new AavePool({
    reserves: [
      { asset: 'RWA', decimals: 18, ltv: 80_00, liquidationThreshold: 85_00, liquidationBonus: 105_00, borrowingEnabled: false },
      { asset: 'USD', decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0 },
    ],
    priceSource: (a) => (a === 'RWA' ? rwaPrice : 100_000_000n),
  });
  const next = rng(2);
  pool.supply('lender', 'USD', 10_000_000_000n * E6);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const user = `b${i}`;
    const collateral = BigInt(Math.floor(1_000 + 19_000 * next())) * E18;
    // LTV U[0.50, 0.80] in parts per billion, so that liquidation prices rarely tie.
    const ltvPpb = BigInt(Math.floor(500_000_000 + 300_000_000 * next()));
    pool.supply(user, 'RWA', collateral);
    pool.borrow(user, 'USD', (collateral * ltvPpb) / 10n ** 9n / 10n ** 12n);
  }
  emit(`positions=${N}`, 'us_per_open_position', ((performance.now() - t0) * 1_000) / N);

  const liqPrices = pool
    .accounts()
    .map((u) => pool.liquidationPrice(u))
    .filter((p): p is number => p !== undefined)
    .sort((a, b) => b - a);
  // Halfway between the c-th and (c+1)-th highest liquidation prices: c positions are unhealthy.
  const priceFor = (c: number) => BigInt(Math.floor(c === 0 ? liqPrices[0]! * 1.01 : (liqPrices[c - 1]! + liqPrices[c]!) / 2));
  for (const c of CROSSED) {
    rwaPrice = priceFor(c);
    const found = pool.liquidatablePositions().length;
    const us = timeUs(() => pool.liquidatablePositions());
    emit(`positions=${N},crossed=${c},found=${found}`, 'us_per_update', us);
  }

  // Liquidate every crossed position once (close factor and dust rules as in v3.3).
  rwaPrice = priceFor(10_000);
  const targets = pool.liquidatablePositions();
  const t1 = performance.now();
  let done = 0;
  for (const t of targets) {
    pool.liquidationCall('bot', 'RWA', 'USD', t.user, 2n ** 256n - 1n);
    done++;
  }
  const seconds = (performance.now() - t1) / 1_000;
  emit(`positions=${N},liquidations=${done}`, 'liquidations_per_s', done / seconds);
}

benchIndex();
benchPool();
