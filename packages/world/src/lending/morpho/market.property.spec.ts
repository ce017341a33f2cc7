import fc from 'fast-check';
import { RevertError } from '../../errors';
import { AdaptiveCurveIrm } from './adaptive-curve-irm';
import { MorphoErrors, WAD } from './constants';
import { MorphoMarket } from './market';
import { MemoryLedger } from './memory-ledger';
import { toAssetsDown } from './math';

// Random action sequences against one market (adaptive-curve IRM, moving oracle, shared ledger).
// After every step: no negative amounts; share sums match totals; borrow <= supply; the market
// holds at least what suppliers are owed net of loans (rounding never leaks value out of the
// protocol); collateral is fully backed. Every reverted step must leave everything unchanged, and
// liquidate must revert "position is healthy" exactly when isHealthy says so.

const USERS = ['u0', 'u1', 'u2'] as const;
const FUNDING = 10n ** 27n;

const amount = fc.oneof(fc.bigInt({ min: 0n, max: 1_000n }), fc.bigInt({ min: 0n, max: 10n ** 24n }));
const user = fc.constantFrom(...USERS);
const byAssets = fc.boolean();

const action = fc.oneof(
  fc.record({ kind: fc.constant('supply' as const), who: user, x: amount, byAssets }),
  fc.record({ kind: fc.constant('withdraw' as const), who: user, x: amount, byAssets }),
  fc.record({ kind: fc.constant('supplyCollateral' as const), who: user, x: amount }),
  fc.record({ kind: fc.constant('withdrawCollateral' as const), who: user, x: amount }),
  fc.record({ kind: fc.constant('borrow' as const), who: user, x: amount, byAssets }),
  fc.record({ kind: fc.constant('repay' as const), who: user, x: amount, byAssets }),
  fc.record({ kind: fc.constant('repayAll' as const), who: user }),
  fc.record({ kind: fc.constant('liquidate' as const), who: user, x: amount, byAssets }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 3 * 86_400_000 }) }),
  fc.record({ kind: fc.constant('roundTripSupply' as const), who: user, x: amount }),
  fc.record({ kind: fc.constant('roundTripBorrow' as const), who: user, x: amount }),
  // Weighted towards the path that matters most: borrow near the limit, price falls, liquidate.
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('borrowNearMax' as const), who: user, pct: fc.integer({ min: 50, max: 100 }) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('price' as const), pct: fc.integer({ min: 10, max: 140 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('liquidateFraction' as const),
      who: user,
      pct: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 100 })),
      byAssets,
    }),
  },
);

type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

function world() {
  const irm = new AdaptiveCurveIrm();
  const oracle = { price: 10n ** 36n };
  const ledger = new MemoryLedger();
  const market = new MorphoMarket({
    loanToken: 'USD',
    collateralToken: 'RWA',
    oracle: () => oracle.price,
    irm,
    lltv: 860_000_000_000_000_000n,
    createdAtMs: 0,
    fee: WAD / 10n,
    feeRecipient: 'treasury',
    ledger,
  });
  for (const u of [...USERS, 'liq']) {
    ledger.mint('USD', u, FUNDING);
    ledger.mint('RWA', u, FUNDING);
  }
  // Start from a live market so borrowing, price moves and liquidations all happen.
  for (const u of USERS) {
    market.supply({ caller: u, assets: 10n ** 23n, nowMs: 0 });
    market.supplyCollateral({ caller: u, assets: 10n ** 22n, nowMs: 0 });
  }
  return { irm, oracle, ledger, market, nowMs: 0, liquidations: 0, badDebts: 0 };
}

type World = ReturnType<typeof world>;

function snapshot(w: World) {
  return {
    market: w.market.market(),
    positions: Object.fromEntries(w.market.accounts().map((a) => [a, w.market.position(a)])),
    ledger: w.ledger.snapshot(),
    rateAtTarget: w.irm.rateAtTarget,
    stats: { ...w.market.stats },
  };
}

function checkInvariants(w: World): void {
  const m = w.market.market();
  let supplyShares = 0n;
  let borrowShares = 0n;
  let collateral = 0n;
  let owed = 0n;
  for (const a of w.market.accounts()) {
    const p = w.market.position(a);
    expect(p.supplyShares >= 0n && p.borrowShares >= 0n && p.collateral >= 0n).toBe(true);
    supplyShares += p.supplyShares;
    borrowShares += p.borrowShares;
    collateral += p.collateral;
    owed += toAssetsDown(p.supplyShares, m.totalSupplyAssets, m.totalSupplyShares);
  }
  expect(m.totalSupplyAssets >= 0n && m.totalBorrowAssets >= 0n).toBe(true);
  expect(supplyShares).toBe(m.totalSupplyShares);
  expect(borrowShares).toBe(m.totalBorrowShares);
  expect(m.totalBorrowAssets <= m.totalSupplyAssets).toBe(true);
  expect(owed <= m.totalSupplyAssets).toBe(true);
  expect(w.ledger.balanceOf('USD', 'morpho') >= m.totalSupplyAssets - m.totalBorrowAssets).toBe(true);
  expect(w.ledger.balanceOf('RWA', 'morpho')).toBe(collateral);
}

function amounts(x: bigint, assets: boolean): { assets: bigint } | { shares: bigint } {
  return assets ? { assets: x } : { shares: x * 1_000_000n };
}

function step(w: World, a: Action): void {
  const { market } = w;
  const nowMs = w.nowMs;
  switch (a.kind) {
    case 'supply':
      market.supply({ caller: a.who, ...amounts(a.x, a.byAssets), nowMs });
      return;
    case 'withdraw':
      market.withdraw({ caller: a.who, ...amounts(a.x, a.byAssets), nowMs });
      return;
    case 'supplyCollateral':
      market.supplyCollateral({ caller: a.who, assets: a.x, nowMs });
      return;
    case 'withdrawCollateral':
      market.withdrawCollateral({ caller: a.who, assets: a.x, nowMs });
      return;
    case 'borrow':
      market.borrow({ caller: a.who, ...amounts(a.x, a.byAssets), nowMs });
      return;
    case 'repay':
      market.repay({ caller: a.who, ...amounts(a.x, a.byAssets), nowMs });
      return;
    case 'repayAll':
      market.repay({ caller: a.who, shares: market.position(a.who).borrowShares, nowMs });
      return;
    case 'borrowNearMax': {
      const m = market.expectedMarket(nowMs);
      const room = market.maxBorrowAssets(a.who, nowMs) - market.expectedBorrowAssets(a.who, nowMs);
      const liquidity = m.totalSupplyAssets - m.totalBorrowAssets;
      const cap = room < liquidity ? room : liquidity;
      market.borrow({ caller: a.who, assets: cap > 0n ? (cap * BigInt(a.pct)) / 100n : 0n, nowMs });
      return;
    }
    case 'liquidate':
    case 'liquidateFraction': {
      const healthy = market.isHealthy(a.who, nowMs);
      const p = market.position(a.who);
      const input =
        a.kind === 'liquidate'
          ? a.byAssets
            ? { seizedAssets: a.x }
            : { repaidShares: a.x * 1_000_000n }
          : a.byAssets
            ? { seizedAssets: (p.collateral * BigInt(a.pct)) / 100n }
            : { repaidShares: (p.borrowShares * BigInt(a.pct)) / 100n };
      try {
        const r = market.liquidate({ caller: 'liq', borrower: a.who, ...input, nowMs });
        expect(healthy).toBe(false);
        w.liquidations += 1;
        if (r.badDebtAssets > 0n) w.badDebts += 1;
      } catch (err) {
        if (err instanceof RevertError && err.reason !== MorphoErrors.INCONSISTENT_INPUT) {
          expect(err.reason === MorphoErrors.HEALTHY_POSITION).toBe(healthy);
        }
        throw err;
      }
      return;
    }
    case 'price':
      w.oracle.price = (w.oracle.price * BigInt(a.pct)) / 100n + 1n;
      return;
    case 'wait':
      w.nowMs += a.ms;
      return;
    case 'roundTripSupply': {
      // Supply then immediately withdraw every new share: never get back more than was paid.
      const { assets, shares } = market.supply({ caller: a.who, assets: a.x, nowMs });
      if (shares === 0n) return; // dust below one share's price: the whole deposit went to the pool
      const back = market.withdraw({ caller: a.who, shares, nowMs });
      expect(back.assets <= assets).toBe(true);
      return;
    }
    case 'roundTripBorrow': {
      // Borrow then immediately repay the new shares: repaying costs at least what was received.
      const { assets, shares } = market.borrow({ caller: a.who, assets: a.x, nowMs });
      const paid = market.repay({ caller: a.who, shares, nowMs });
      expect(paid.assets >= assets).toBe(true);
      return;
    }
  }
}

describe('MorphoMarket under random action sequences', () => {
  it('keeps its invariants, and every reverted action changes nothing', () => {
    let reverts = 0;
    let successes = 0;
    let liquidations = 0;
    let badDebts = 0;
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 60 }), (actions) => {
        const w = world();
        for (const a of actions) {
          const before = snapshot(w);
          try {
            step(w, a);
            successes += 1;
          } catch (err) {
            if (!(err instanceof RevertError)) throw err;
            reverts += 1;
            expect(snapshot(w)).toEqual(before);
          }
          checkInvariants(w);
        }
        liquidations += w.liquidations;
        badDebts += w.badDebts;
      }),
      { seed: 2024, numRuns: 150 },
    );
    // Both paths must actually be exercised for the property to mean anything.
    expect(successes).toBeGreaterThan(1000);
    expect(reverts).toBeGreaterThan(200);
    expect(liquidations).toBeGreaterThan(10);
    expect(badDebts).toBeGreaterThan(0);
  });
});
