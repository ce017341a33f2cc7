// Morpho Blue market and oracle feed throughput.
// Run: pnpm exec tsx packages/world/src/bench/lending-oracles.bench.ts [marketOps] [feedReads]
// Prints one JSON object per line: {"bench":"lending-oracles","case":...,"metric":...,"value":...}.
import { AdaptiveCurveIrm, MemoryLedger, MorphoMarket } from '../lending/morpho';
import { HaircutFeed, MinFeed, NavFeed, PushFeed, StalenessGuardFeed } from '../oracles';

const E18 = 10n ** 18n;

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: 'lending-oracles', case: kase, metric, value }));
}

function time(run: () => void): number {
  const t0 = performance.now();
  run();
  return (performance.now() - t0) / 1000;
}

/**
 * Borrow/repay cycles on one market with 100 borrowers, the clock advancing 12 s per operation so
 * every call accrues interest through the adaptive-curve IRM; then liquidations after a price drop.
 */
function benchMarket(ops: number): void {
  const oracle = { price: 10n ** 36n };
  const ledger = new MemoryLedger();
  const market = new MorphoMarket({
    loanToken: 'USDC',
    collateralToken: 'RWA',
    oracle: () => oracle.price,
    irm: new AdaptiveCurveIrm(),
    lltv: 860_000_000_000_000_000n,
    createdAtMs: 0,
    fee: E18 / 10n,
    ledger,
  });
  const users = Array.from({ length: 100 }, (_, i) => `b${i}`);
  ledger.mint('USDC', 'lender', 10n ** 12n * E18);
  market.supply({ caller: 'lender', assets: 10n ** 9n * E18, nowMs: 0 });
  for (const u of users) {
    ledger.mint('RWA', u, 10n ** 6n * E18);
    ledger.mint('USDC', u, 10n ** 6n * E18);
    market.supplyCollateral({ caller: u, assets: 10n ** 6n * E18, nowMs: 0 });
  }
  let now = 0;
  const cycle = (count: number): void => {
    for (let k = 0; k < count; k++) {
      now += 12_000;
      const u = users[k % users.length]!;
      if ((k / users.length) % 2 < 1) market.borrow({ caller: u, assets: 500_000n * E18 + BigInt(k), nowMs: now });
      else market.repay({ caller: u, shares: market.position(u).borrowShares, nowMs: now });
    }
  };
  cycle(Math.min(ops, 10_000)); // warm-up
  const wall = time(() => cycle(ops));
  emit('morpho borrow/repay with accrual', 'wall_s', wall);
  emit('morpho borrow/repay with accrual', 'ops_per_s', ops / wall);

  for (const u of users) if (market.position(u).borrowShares === 0n) market.borrow({ caller: u, assets: 800_000n * E18, nowMs: now });
  ledger.mint('USDC', 'liq', 10n ** 12n * E18);
  oracle.price = (oracle.price * 90n) / 100n;
  let liquidations = 0;
  const liqWall = time(() => {
    for (let round = 0; round < 50; round++) {
      for (const u of users) {
        if (market.isHealthy(u, now)) continue;
        market.liquidate({ caller: 'liq', borrower: u, seizedAssets: 1_000n * E18, nowMs: now });
        liquidations++;
      }
    }
  });
  emit('morpho isHealthy + liquidate', 'ops_per_s', (liquidations + 50 * users.length) / liqWall);
}

/** Reads of a three-level conservative composite, and keeper polls of a push feed. */
function benchFeeds(reads: number): void {
  const DAY = 86_400_000;
  const nav = new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: ['fund'] });
  const market = new PushFeed({ deviationThreshold: 0.005, heartbeatMs: DAY });
  for (let t = 0; t < 1000; t++) market.submit('keeper', t % 2 === 0 ? 100_000_000n : 101_000_000n, t * 60_000);
  const feed = new StalenessGuardFeed({ primary: new MinFeed([nav, new HaircutFeed(market, 0.02)]), maxAgeMs: 30 * DAY, fallback: market });
  let sink = 0n;
  const wall = time(() => {
    for (let k = 0; k < reads; k++) sink += feed.latest(60_000_000 + (k & 1023)).price;
  });
  if (sink <= 0n) throw new Error('feed bench sanity check failed');
  emit('guard(min(NAV, haircut(push))) latest', 'ops_per_s', reads / wall);

  const keeper = new PushFeed({ deviationThreshold: 0.005, heartbeatMs: 3_600_000 });
  let p = 100_000_000n;
  const pollWall = time(() => {
    for (let k = 0; k < reads; k++) {
      p += BigInt((k * 7919) % 200_001) - 100_000n;
      if (keeper.shouldUpdate(p, k * 1000)) keeper.submit('keeper', p, k * 1000);
    }
  });
  emit('push feed keeper poll (shouldUpdate + submit)', 'ops_per_s', reads / pollWall);
  emit('push feed keeper poll (shouldUpdate + submit)', 'rounds', keeper.roundCount);
}

const [marketOps = '100000', feedReads = '1000000'] = process.argv.slice(2);
benchMarket(Number(marketOps));
benchFeeds(Number(feedReads));
