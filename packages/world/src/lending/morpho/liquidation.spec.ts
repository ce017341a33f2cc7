import fc from 'fast-check';
import { RevertError } from '../../errors';
import { MAX_UINT128, MAX_UINT256, MorphoErrors, ORACLE_PRICE_SCALE } from './constants';
import { FixedRateIrm } from './irm';
import { MorphoMarket } from './market';
import { MemoryLedger } from './memory-ledger';
import {
  liquidationIncentiveFactor,
  minBig,
  mulDivDown,
  mulDivUp,
  toAssetsDown,
  toAssetsUp,
  toSharesUp,
  wDivDown,
  wDivUp,
  wMulDown,
  zeroFloorSub,
} from './math';

// Ports of morpho-org/morpho-blue test/forge/integration/LiquidateIntegrationTest.sol
// (testLiquidateHealthyPosition, testLiquidateSeizedInputNoBadDebt, testLiquidateSharesInputNoBadDebt,
// testLiquidateBadDebt) with the bounds of test/forge/BaseTest.sol (_boundUnhealthyPosition,
// MIN_TEST_AMOUNT = 100, MAX_TEST_AMOUNT = 1e28, collateral price in [1e10, 1e40], LLTV 0.8).
// The expected amounts use the final v1 rounding (certora/harness/MorphoLiquidateHarness.sol):
// repaidShares = seizedAssets.mulDivUp(price, 1e36).wDivUp(LIF).toSharesUp(...), then
// repaidAssets = repaidShares.toAssetsUp(...); by shares: seized = repaidShares.toAssetsDown(...)
// .wMulDown(LIF).mulDivDown(1e36, price). Forge fuzzes; we fuzz the same space with fast-check.

const LLTV = 800_000_000_000_000_000n;
const LIF = liquidationIncentiveFactor(LLTV);
const MIN_TEST_AMOUNT = 100n;
const MAX_TEST_AMOUNT = 10n ** 28n;
const VIRTUAL_SHARES = 1_000_000n;

/** Log-uniform bigint in [min, max], so every order of magnitude gets tested. */
function logUniform(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  const lo = min.toString().length;
  const hi = max.toString().length;
  return fc
    .integer({ min: lo, max: hi })
    .chain((digits) => fc.bigInt({ min: 10n ** BigInt(digits - 1), max: 10n ** BigInt(digits) }))
    .map((x) => (x < min ? min : x > max ? max : x));
}

interface Scenario {
  market: MorphoMarket;
  ledger: MemoryLedger;
  oracle: { price: bigint };
  supplied: bigint;
  borrowed: bigint;
  collateral: bigint;
  price: bigint;
}

/**
 * BaseTest flow: supply, post collateral, borrow at a price high enough to be healthy
 * (`type(uint256).max / amountCollateral`), then drop the price to `priceCollateral`.
 */
function openPosition(borrowed: bigint, supplied: bigint, collateral: bigint, price: bigint): Scenario {
  const oracle = { price: MAX_UINT256 / collateral };
  const ledger = new MemoryLedger();
  const market = new MorphoMarket({
    loanToken: 'loan',
    collateralToken: 'collateral',
    oracle: () => oracle.price,
    irm: new FixedRateIrm(0n),
    lltv: LLTV,
    createdAtMs: 0,
    ledger,
  });
  ledger.mint('loan', 'supplier', supplied);
  ledger.mint('collateral', 'borrower', collateral);
  ledger.mint('loan', 'liquidator', borrowed);
  market.supply({ caller: 'supplier', assets: supplied, nowMs: 0 });
  market.supplyCollateral({ caller: 'borrower', assets: collateral, nowMs: 0 });
  market.borrow({ caller: 'borrower', assets: borrowed, nowMs: 0 });
  oracle.price = price;
  return { market, ledger, oracle, supplied, borrowed, collateral, price };
}

/** `_boundUnhealthyPosition`: collateral at most borrowed / LLTV / price, at least 2. */
const unhealthy = fc
  .record({
    borrowed: logUniform(MIN_TEST_AMOUNT, MAX_TEST_AMOUNT),
    price: logUniform(10n ** 10n, 10n ** 40n),
    collateralSeed: fc.bigInt({ min: 0n, max: MAX_UINT128 }),
    supplySeed: fc.bigInt({ min: 0n, max: MAX_TEST_AMOUNT }),
  })
  .map(({ borrowed, price, collateralSeed, supplySeed }) => {
    const maxCollateral = minBig(mulDivDown(wDivDown(borrowed, LLTV), ORACLE_PRICE_SCALE, price), MAX_UINT128);
    const collateral = maxCollateral < 2n ? 0n : 2n + (collateralSeed % (maxCollateral - 1n));
    const supplied = borrowed + (supplySeed % (MAX_TEST_AMOUNT - borrowed + 1n));
    return { borrowed, price, collateral, supplied };
  })
  .filter((p) => p.collateral >= 2n);

function snapshot(s: Scenario) {
  return {
    market: s.market.market(),
    borrower: s.market.position('borrower'),
    ledger: s.ledger.snapshot(),
  };
}

describe('Morpho liquidation (LiquidateIntegrationTest ports)', () => {
  it('testLiquidateHealthyPosition: a healthy position reverts "position is healthy"', () => {
    // _boundHealthyPosition: collateral >= borrowed.wDivUp(lltv).mulDivUp(1e36, price).
    fc.assert(
      fc.property(logUniform(MIN_TEST_AMOUNT, MAX_TEST_AMOUNT), logUniform(10n ** 10n, 10n ** 40n), fc.bigInt({ min: 1n, max: 10n ** 20n }), (borrowed, price, seized) => {
        const collateral = mulDivUp(wDivUp(borrowed, LLTV), ORACLE_PRICE_SCALE, price);
        fc.pre(collateral <= MAX_UINT128 && collateral > 0n);
        const s = openPosition(borrowed, borrowed, collateral, price);
        const before = snapshot(s);
        expect(() => s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: minBig(seized, collateral), nowMs: 0 })).toThrow(
          new RevertError(MorphoErrors.HEALTHY_POSITION),
        );
        expect(snapshot(s)).toEqual(before);
      }),
      { seed: 101, numRuns: 200 },
    );
  });

  it('testLiquidateSeizedInputNoBadDebt: seized assets fix repaid shares and assets', () => {
    fc.assert(
      fc.property(unhealthy, fc.bigInt({ min: 0n, max: MAX_UINT128 }), (p, seizedSeed) => {
        const s = openPosition(p.borrowed, p.supplied, p.collateral, p.price);
        fc.pre(!s.market.isHealthy('borrower', 0));
        const maxSeized = mulDivDown(wMulDown(p.borrowed, LIF), ORACLE_PRICE_SCALE, p.price);
        const cap = minBig(maxSeized, p.collateral - 1n);
        fc.pre(cap >= 1n);
        const seized = 1n + (seizedSeed % cap);
        const borrowShares = p.borrowed * VIRTUAL_SHARES; // amountBorrowed.toSharesUp(0, 0)
        const expectedRepaidShares = toSharesUp(wDivUp(mulDivUp(seized, p.price, ORACLE_PRICE_SCALE), LIF), p.borrowed, borrowShares);
        const expectedRepaid = toAssetsUp(expectedRepaidShares, p.borrowed, borrowShares);
        if (expectedRepaidShares > borrowShares) {
          // Rounding up past the whole debt underflows borrowShares: the contract panics.
          const before = snapshot(s);
          expect(() => s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: seized, nowMs: 0 })).toThrow(RevertError);
          expect(snapshot(s)).toEqual(before);
          return;
        }
        const r = s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: seized, nowMs: 0 });
        expect(r).toEqual({ seizedAssets: seized, repaidAssets: expectedRepaid, repaidShares: expectedRepaidShares, badDebtAssets: 0n, badDebtShares: 0n });
        expect(s.market.position('borrower')).toEqual({ supplyShares: 0n, borrowShares: borrowShares - expectedRepaidShares, collateral: p.collateral - seized });
        expect(s.market.market()).toMatchObject({ totalBorrowAssets: zeroFloorSub(p.borrowed, expectedRepaid), totalBorrowShares: borrowShares - expectedRepaidShares });
        expect(s.ledger.balanceOf('loan', 'borrower')).toBe(p.borrowed);
        expect(s.ledger.balanceOf('loan', 'liquidator')).toBe(p.borrowed - expectedRepaid);
        expect(s.ledger.balanceOf('loan', 'morpho')).toBe(p.supplied - p.borrowed + expectedRepaid);
        expect(s.ledger.balanceOf('collateral', 'morpho')).toBe(p.collateral - seized);
        expect(s.ledger.balanceOf('collateral', 'liquidator')).toBe(seized);
      }),
      { seed: 102, numRuns: 300 },
    );
  });

  it('testLiquidateSharesInputNoBadDebt: repaid shares fix seized collateral', () => {
    fc.assert(
      fc.property(unhealthy, fc.bigInt({ min: 0n, max: MAX_UINT128 }), (p, sharesSeed) => {
        const s = openPosition(p.borrowed, p.supplied, p.collateral, p.price);
        fc.pre(!s.market.isHealthy('borrower', 0));
        const borrowShares = p.borrowed * VIRTUAL_SHARES;
        const maxRepaidShares = wDivDown(mulDivDown(p.collateral, p.price, ORACLE_PRICE_SCALE), LIF);
        const cap = minBig(maxRepaidShares, borrowShares);
        fc.pre(cap >= 1n);
        const sharesRepaid = 1n + (sharesSeed % cap);
        const expectedRepaid = toAssetsUp(sharesRepaid, p.borrowed, borrowShares);
        const expectedSeized = mulDivDown(wMulDown(toAssetsDown(sharesRepaid, p.borrowed, borrowShares), LIF), ORACLE_PRICE_SCALE, p.price);
        fc.pre(expectedSeized < p.collateral);
        const r = s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', repaidShares: sharesRepaid, nowMs: 0 });
        expect(r).toEqual({ seizedAssets: expectedSeized, repaidAssets: expectedRepaid, repaidShares: sharesRepaid, badDebtAssets: 0n, badDebtShares: 0n });
        expect(s.market.position('borrower')).toEqual({ supplyShares: 0n, borrowShares: borrowShares - sharesRepaid, collateral: p.collateral - expectedSeized });
        expect(s.market.market().totalBorrowAssets).toBe(zeroFloorSub(p.borrowed, expectedRepaid));
        expect(s.ledger.balanceOf('loan', 'morpho')).toBe(p.supplied - p.borrowed + expectedRepaid);
        expect(s.ledger.balanceOf('collateral', 'liquidator')).toBe(expectedSeized);
      }),
      { seed: 103, numRuns: 300 },
    );
  });

  it('testLiquidateBadDebt: seizing all collateral writes the rest off against total supply', () => {
    fc.assert(
      fc.property(unhealthy, (p) => {
        const expectedRepaidSharesGuess = toSharesUp(wDivUp(mulDivUp(p.collateral, p.price, ORACLE_PRICE_SCALE), LIF), p.borrowed, p.borrowed * VIRTUAL_SHARES);
        // BaseTest bounds amountBorrowed above the repaid amount so some debt is left over.
        fc.pre(expectedRepaidSharesGuess < p.borrowed * VIRTUAL_SHARES);
        const s = openPosition(p.borrowed, p.supplied, p.collateral, p.price);
        fc.pre(!s.market.isHealthy('borrower', 0));
        const borrowShares = p.borrowed * VIRTUAL_SHARES;
        const repaidShares = expectedRepaidSharesGuess;
        const repaid = toAssetsUp(repaidShares, p.borrowed, borrowShares);
        const borrowAfter = zeroFloorSub(p.borrowed, repaid);
        const sharesAfter = borrowShares - repaidShares;
        const badDebtShares = sharesAfter;
        const badDebt = minBig(borrowAfter, toAssetsUp(badDebtShares, borrowAfter, sharesAfter));
        const r = s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: p.collateral, nowMs: 0 });
        expect(r).toEqual({ seizedAssets: p.collateral, repaidAssets: repaid, repaidShares, badDebtAssets: badDebt, badDebtShares });
        expect(s.market.position('borrower')).toEqual({ supplyShares: 0n, borrowShares: 0n, collateral: 0n });
        expect(s.market.market()).toMatchObject({
          totalBorrowShares: 0n,
          totalBorrowAssets: borrowAfter - badDebt,
          totalSupplyAssets: p.supplied - badDebt,
        });
        expect(s.ledger.balanceOf('collateral', 'liquidator')).toBe(p.collateral);
        expect(s.ledger.balanceOf('loan', 'morpho')).toBe(p.supplied - p.borrowed + repaid);
      }),
      { seed: 104, numRuns: 300 },
    );
  });

  it('liquidation is possible exactly when the position is unhealthy', () => {
    fc.assert(
      fc.property(
        logUniform(MIN_TEST_AMOUNT, MAX_TEST_AMOUNT),
        logUniform(10n ** 10n, 10n ** 40n),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        (borrowed, price, collateralSeed) => {
          // Collateral around the healthy boundary, from well below to well above it.
          const boundary = mulDivUp(wDivUp(borrowed, LLTV), ORACLE_PRICE_SCALE, price);
          const collateral = minBig(MAX_UINT128, (boundary * collateralSeed) / 10n ** 15n + 1n);
          // BaseTest: vm.assume(amountCollateral < type(uint256).max / priceCollateral), else the
          // health check itself overflows, in the contract as here.
          fc.pre(collateral < MAX_UINT256 / price);
          const s = openPosition(borrowed, borrowed, collateral, price);
          const healthy = s.market.isHealthy('borrower', 0);
          let reason: string | null = null;
          try {
            s.market.liquidate({ caller: 'liquidator', borrower: 'borrower', seizedAssets: 1n, nowMs: 0 });
          } catch (err) {
            if (!(err instanceof RevertError)) throw err;
            reason = err.reason;
          }
          expect(reason === MorphoErrors.HEALTHY_POSITION).toBe(healthy);
        },
      ),
      { seed: 105, numRuns: 300 },
    );
  });
});
