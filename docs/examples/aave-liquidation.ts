import assert from 'node:assert/strict';
import { RevertError } from '../../packages/world/src/errors';
import { AavePool, DivergenceBreaker, MAX_UINT256, WAD } from '../../packages/world/src/lending/aave';

export default function example(): void {
  const E6 = 10n ** 6n;
  const E18 = 10n ** 18n;
  const USD = 100_000_000n; // $1 in the oracle's 8-decimal base currency

  // The pool prices RWA at the market (AMM) price; a breaker compares it with the NAV oracle.
  let market = 1n * USD;
  let nav = 1n * USD;
  const breaker = new DivergenceBreaker({ marketPrice: () => market, navPrice: () => nav, threshold: 0.1, assets: ['RWA'] });
  const pool = new AavePool({
    reserves: [
      // RWA: LTV 70%, liquidation threshold 80%, bonus 5%, 10% of the bonus to the treasury.
      { asset: 'RWA', decimals: 18, ltv: 70_00, liquidationThreshold: 80_00, liquidationBonus: 105_00, liquidationProtocolFee: 10_00, borrowingEnabled: false },
      // USDC: borrowable, not a collateral.
      { asset: 'USDC', decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0 },
    ],
    priceSource: (asset) => (asset === 'RWA' ? market : 1n * USD),
    guard: breaker,
  });

  pool.supply('lender', 'USDC', 1_000_000n * E6);
  pool.supply('alice', 'RWA', 10_000n * E18);
  pool.borrow('alice', 'USDC', 7_000n * E6);
  pool.supply('bob', 'RWA', 10_000n * E18);
  pool.borrow('bob', 'USDC', 5_000n * E6);

  // Liquidation price = debt / (collateral * LT): alice 7,000 / 8,000 = $0.875, bob $0.625.
  assert.ok(Math.abs(pool.liquidationPrice('alice')! / 1e8 - 0.875) < 1e-12);
  assert.ok(Math.abs(pool.liquidationPrice('bob')! / 1e8 - 0.625) < 1e-12);

  // Rumours: the market falls to $0.85 while the monthly NAV still says $1.00.
  market = 85_000_000n;
  const unhealthy = pool.liquidatablePositions(); // found through the index, not a scan
  assert.deepEqual(unhealthy.map((p) => p.user), ['alice']);
  // HF = wadDiv(percentMul(8,500e8, 8000), 7,000e8) = 0.971428571428571429
  assert.equal(pool.healthFactor('alice'), 971428571428571429n);

  // Market 15% under NAV: the breaker holds liquidations back; nothing changes.
  assert.throws(() => pool.liquidationCall('keeper', 'RWA', 'USDC', 'alice', MAX_UINT256), (e: unknown) => e instanceof RevertError && e.reason === 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
  assert.equal(pool.debtBalance('alice', 'USDC'), 7_000n * E6);

  // The NAV oracle publishes $0.90: |0.85 / 0.90 - 1| = 5.6% < 10%, liquidations resume.
  nav = 90_000_000n;
  const first = pool.liquidationCall('keeper', 'RWA', 'USDC', 'alice', MAX_UINT256);
  // HF > 0.95 and both sides over $2,000: close factor 50% → 3,500 USDC repaid.
  assert.equal(first.debtRepaid, 3_500n * E6);
  // Seized: 3,500 / 0.85 = 4,117.647... RWA, times 1.05 = 4,323.529... RWA; the treasury takes 10%
  // of the 205.88 RWA bonus; the keeper gets the rest.
  assert.equal(first.collateralToLiquidator + first.protocolFee, 4_323_529411764705882352n);
  assert.equal(first.protocolFee, 20_588235294117647059n);
  assert.ok(pool.healthFactor('alice') > WAD);

  // Crash: market and NAV at $0.30. Alice's 5,676.47 RWA is worth $1,702.94 < $2,000, so the
  // whole debt may go, but the collateral covers only 5,676.47 * 0.30 / 1.05 = 1,621.85 USDC.
  market = 30_000_000n;
  nav = 30_000_000n;
  const second = pool.liquidationCall('keeper', 'RWA', 'USDC', 'alice', MAX_UINT256);
  assert.equal(second.debtRepaid, 1_621_848739n);
  // The rest of the debt is burned and booked as the reserve's deficit (bad debt).
  assert.equal(second.deficitCreated.get('USDC'), 3_500n * E6 - 1_621_848739n);
  assert.equal(pool.reserve('USDC').deficit, 1_878_151261n);
  assert.equal(pool.debtBalance('alice', 'USDC'), 0n);

  // Bob is now under water too; the index reports him.
  assert.deepEqual(pool.liquidatablePositions().map((p) => p.user), ['bob']);
}
