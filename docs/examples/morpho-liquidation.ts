import assert from 'node:assert/strict';
import {
  AdaptiveCurveIrm,
  MemoryLedger,
  MorphoMarket,
  ORACLE_PRICE_SCALE,
  WAD,
  morphoOracleFromFeed,
} from '../../packages/world/src/lending/morpho';
import { PushFeed, parseUnits } from '../../packages/world/src/oracles';

// An RWA token (18 decimals) as collateral for USDC loans (6 decimals) on an isolated Morpho
// Blue market with LLTV 86%, priced by a Chainlink-style push feed (8 decimals).
export default function example(): void {
  const HOUR = 3_600_000;
  const usdc = (x: number) => parseUnits(x, 6);
  const rwa = (x: number) => parseUnits(x, 18);
  const usd = (x: number) => parseUnits(x, 8);

  const feed = new PushFeed({ description: 'RWA/USD', deviationThreshold: 0.005, heartbeatMs: 24 * HOUR });
  feed.submit('keeper', usd(1), 0);

  const ledger = new MemoryLedger();
  const market = new MorphoMarket({
    loanToken: 'USDC',
    collateralToken: 'RWA',
    oracle: morphoOracleFromFeed(feed, 18, 6),
    irm: new AdaptiveCurveIrm(),
    lltv: parseUnits(0.86, 18),
    createdAtMs: 0,
    ledger,
  });
  // LIF = min(1.15, 1 / (1 - 0.3 (1 - 0.86))) = 1/0.958
  assert.equal(market.liquidationIncentiveFactor, 1_043_841_336_116_910_229n);

  ledger.mint('USDC', 'lender', usdc(1_000_000));
  ledger.mint('RWA', 'borrower', rwa(1_000_000));
  ledger.mint('USDC', 'liquidator', usdc(1_000_000));

  market.supply({ caller: 'lender', assets: usdc(1_000_000), nowMs: 0 });
  market.supplyCollateral({ caller: 'borrower', assets: rwa(1_000_000), nowMs: 0 });
  market.borrow({ caller: 'borrower', assets: usdc(840_000), nowMs: 0 }); // LTV 84% < 86%
  assert.equal(market.isHealthy('borrower', 0), true);

  // A day later, interest (adaptive curve at 84% utilization) has pushed the debt up a little.
  const day = 24 * HOUR;
  assert.ok(market.expectedBorrowAssets('borrower', day) > usdc(840_000));

  // The market price falls 3%; the keeper's deviation trigger fires and the oracle follows.
  assert.equal(feed.shouldUpdate(usd(0.97), day), true);
  feed.submit('keeper', usd(0.97), day);
  // Max borrow = 1,000,000 x 0.97 x 0.86 = 834,200 < debt: liquidatable.
  assert.equal(market.maxBorrowAssets('borrower', day), usdc(834_200));
  assert.equal(market.isHealthy('borrower', day), false);
  assert.ok(market.healthFactor('borrower', day) < 1);

  // Seize 100,000 RWA: repay 100,000 x 0.97 / LIF (rounded up, via shares).
  const seized = rwa(100_000);
  const r = market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: seized, nowMs: day });
  const seizedValue = (seized * market.collateralPrice(day)) / ORACLE_PRICE_SCALE; // 97,000 USDC
  assert.equal(seizedValue, usdc(97_000));
  // repaid x LIF = seized value: the liquidator's bonus is LIF - 1 = 4.38% of what it repaid.
  // Repaid rounds up (twice: to shares, then back to assets), so it pays a unit or two extra.
  const repaidTimesLif = (r.repaidAssets * market.liquidationIncentiveFactor) / WAD;
  assert.ok(repaidTimesLif >= seizedValue && repaidTimesLif - seizedValue <= 2n);
  assert.equal(r.repaidAssets, 92_926_000_002n); // 97,000 / 1.0438 = 92,926.00 USDC
  assert.equal(r.badDebtAssets, 0n);
  assert.equal(ledger.balanceOf('RWA', 'liquidator'), seized);

  // A crash: the RWA trades at 0.50. Seizing everything no longer covers the debt, and the
  // remainder is written off against the lender's supply (bad debt is socialized).
  feed.submit('keeper', usd(0.5), day + HOUR);
  const lenderBefore = market.expectedSupplyAssets('lender', day + HOUR);
  const all = market.position('borrower').collateral;
  const crash = market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: all, nowMs: day + HOUR });
  assert.ok(crash.badDebtAssets > 0n);
  assert.deepEqual(market.position('borrower'), { supplyShares: 0n, borrowShares: 0n, collateral: 0n });
  const lenderAfter = market.expectedSupplyAssets('lender', day + HOUR);
  // The lender's claim drops by the bad debt (up to share rounding).
  assert.ok(lenderBefore - lenderAfter - crash.badDebtAssets <= 1n);
  assert.equal(market.stats.badDebtRealized, crash.badDebtAssets);
}
