import { ModelConfigError, RevertError } from '../../errors';
import { AavePool } from './aave-pool';
import { DivergenceBreaker, PauseGuard, RateLimitGuard, StalenessBreaker } from './circuit-breakers';
import { calculateCompoundedInterest, SECONDS_PER_YEAR } from './math-utils';
import { percentMul } from './percentage-math';
import { ReserveInput } from './reserve-config';
import { fingerprint, makeTestnetPool, MemoryLedger, Prices, TESTNET_PRICES, testnetReserves } from './test-support';
import { MAX_UINT256, rayDiv, rayMul, WAD } from './wad-ray-math';

const E6 = 10n ** 6n;
const E8 = 10n ** 8n;
const E18 = 10n ** 18n;
const YEAR = Number(SECONDS_PER_YEAR);

function expectRevert(fn: () => unknown, reason: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(RevertError);
    expect((e as RevertError).reason).toBe(reason);
    return;
  }
  throw new Error(`expected revert ${reason}`);
}

describe('AavePool construction', () => {
  const prices = new Prices(TESTNET_PRICES);
  const build = (reserves: ReserveInput[], extra: object = {}) => new AavePool({ reserves, priceSource: prices.get, ...extra });
  const usdx = testnetReserves()[0]!;

  it('refuses invalid reserves with the parameter named', () => {
    expect(() => build([{ ...usdx, liquidationThreshold: 80_00 }])).toThrow('reserves[USDX].liquidationThreshold: must be >= ltv (8250), got 8000');
    expect(() => build([{ ...usdx, liquidationBonus: 100_00 }])).toThrow(/reserves\[USDX\]\.liquidationBonus: must be > 10000/);
    expect(() => build([{ ...usdx, liquidationBonus: 120_00 }])).toThrow(/liquidationThreshold \* liquidationBonus <= 100%/);
    expect(() => build([{ ...usdx, ltv: 0.8 }])).toThrow(/reserves\[USDX\]\.ltv: must be an integer number of basis points/);
    expect(() => build([{ ...usdx, supplyCap: -1n }])).toThrow(/reserves\[USDX\]\.supplyCap/);
    expect(() => build([{ ...usdx, borrowCap: -5n }])).toThrow(/reserves\[USDX\]\.borrowCap/);
    expect(() => build([{ ...usdx, debtCeiling: -1n }])).toThrow(/reserves\[USDX\]\.debtCeiling/);
    expect(() => build([{ ...usdx, decimals: 1 }])).toThrow(/reserves\[USDX\]\.decimals/);
    expect(() => build([{ ...usdx, reserveFactor: 10_001 }])).toThrow(/reserves\[USDX\]\.reserveFactor/);
    expect(() => build([{ ...usdx, liquidationThreshold: 0, ltv: 0 }])).toThrow(/must be 0 when liquidationThreshold is 0/);
    expect(() => build([{ ...usdx, rates: { optimalUsageRatio: 50, baseVariableBorrowRate: 0, variableRateSlope1: 1, variableRateSlope2: 2 } }])).toThrow(
      /reserves\[USDX\]\.rates\.optimalUsageRatio/,
    );
    expect(() => build([usdx, { ...usdx }])).toThrow(/reserves\[USDX\]\.asset: must be unique/);
    expect(() => build([{ ...usdx, asset: '' }])).toThrow(ModelConfigError);
    expect(() => build([])).toThrow(/reserves: must be a non-empty array/);
    expect(() => new AavePool({ reserves: [usdx], priceSource: undefined as never })).toThrow(/priceSource/);
    expect(() => build([usdx], { startTime: -1 })).toThrow(/startTime/);
    expect(() => build([usdx], { guard: {} })).toThrow(/guard/);
  });

  it('accepts a non-collateral asset (LT 0, bonus 0) and LTV 0 collateral', () => {
    expect(() => build([{ ...usdx, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0 }])).not.toThrow();
    expect(() => build([{ ...usdx, ltv: 0 }])).not.toThrow();
  });

  it('refuses actions on unknown assets and time running backwards', () => {
    const { pool } = makeTestnetPool();
    expectRevert(() => pool.supply('a', 'DOGE', 1n), 'ASSET_NOT_LISTED');
    pool.setTime(10);
    expect(() => pool.setTime(9)).toThrow(RangeError);
    expect(() => pool.setTime(10.5)).toThrow(RangeError);
  });
});

describe('AavePool supply / withdraw / borrow / repay', () => {
  it('accrues interest as ReserveLogic does (one year at the optimal usage)', () => {
    const { pool } = makeTestnetPool();
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WETH', 50n * E18);
    pool.borrow('alice', 'USDX', 45_000n * E6);
    // usage = 45,000 / (55,000 + 45,000) = 45% = the kink: borrow rate = 0 + rayDiv(rayMul(4%, 45%), 45%) = 4%
    // liquidity rate = percentMul(rayMul(4%, 45%), 100% - 10%) = 1.62%
    const r0 = pool.reserve('USDX');
    expect(r0.variableBorrowRate).toBe(4n * 10n ** 25n);
    expect(r0.liquidityRate).toBe(162n * 10n ** 23n);

    pool.setTime(YEAR);
    // linear:     liquidity index = rayMul(RAY + 1.62% * year/year, RAY) = 1.0162 ray
    // compounded: borrow index    = RAY + x + n(n-1)b2/2 + n(n-1)(n-2)b3/6 = 1.040810454360354976037888000 ray
    //             (e^0.04 = 1.0408107742: the 3-term binomial undercharges by ~3e-7)
    const idx = calculateCompoundedInterest(4n * 10n ** 25n, 0, YEAR);
    expect(idx).toBe(1040810454360354976037888000n);
    expect(pool.aTokenBalance('carol', 'USDX')).toBe(101_620n * E6);
    expect(pool.debtBalance('alice', 'USDX')).toBe(rayMul(45_000n * E6, idx)); // 46,836.470446 USDX
    expect(pool.debtBalance('alice', 'USDX')).toBe(46_836_470_446n);

    // A touch writes the indexes and books 10% of the accrued interest for the treasury, scaled:
    // rayDiv(percentMul(1,836,470,446, 1000), 1.0162 ray) = rayDiv(183,647,045, 1.0162 ray) = 180,719,391
    pool.supply('dave', 'USDX', 1n * E6);
    const r1 = pool.reserve('USDX');
    expect(r1.liquidityIndex).toBe(10162n * 10n ** 23n);
    expect(r1.variableBorrowIndex).toBe(idx);
    expect(r1.accruedToTreasury).toBe(180_719_391n);
    expect(rayDiv(percentMul(46_836_470_446n - 45_000n * E6, 1_000n), r1.liquidityIndex)).toBe(180_719_391n);
    pool.mintToTreasury();
    expect(pool.aTokenBalance(pool.treasury, 'USDX')).toBe(rayMul(180_719_391n, r1.liquidityIndex));
    expect(pool.reserve('USDX').accruedToTreasury).toBe(0n);
  });

  it('repay MAX clears the debt exactly; withdraw MAX empties the balance', () => {
    const { pool } = makeTestnetPool();
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WETH', 10n * E18);
    pool.borrow('alice', 'USDX', 5_000n * E6);
    pool.setTime(86_400 * 30);
    const debt = pool.debtBalance('alice', 'USDX');
    expect(debt > 5_000n * E6).toBe(true);
    expectRevert(() => pool.repay('bob', 'USDX', MAX_UINT256, 'alice'), 'NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF');
    expect(pool.repay('alice', 'USDX', MAX_UINT256)).toBe(debt);
    expect(pool.debtBalance('alice', 'USDX')).toBe(0n);
    expectRevert(() => pool.repay('alice', 'USDX', 1n), 'NO_DEBT_OF_SELECTED_TYPE');
    const bal = pool.aTokenBalance('alice', 'WETH');
    expect(pool.withdraw('alice', 'WETH', MAX_UINT256)).toBe(bal);
    expect(pool.aTokenBalance('alice', 'WETH')).toBe(0n);
    expect(pool.positions('alice').every((p) => !p.usingAsCollateral && !p.borrowing)).toBe(true);
  });

  it('enforces LTV on borrow and health factor on withdraw', () => {
    const { pool } = makeTestnetPool();
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WETH', 10n * E18); // $18,000, LTV 82.5% → $14,850
    const before = fingerprint(pool);
    expectRevert(() => pool.borrow('alice', 'USDX', 14_851n * E6), 'COLLATERAL_CANNOT_COVER_NEW_BORROW');
    expect(fingerprint(pool)).toBe(before);
    pool.borrow('alice', 'USDX', 14_850n * E6);
    const data = pool.getUserAccountData('alice');
    expect(data.totalCollateralBase).toBe(18_000n * E8);
    expect(data.totalDebtBase).toBe(14_850n * E8);
    expect(data.availableBorrowsBase).toBe(0n);
    expect(data.ltv).toBe(8250n);
    expect(data.currentLiquidationThreshold).toBe(8600n);
    // HF = wadDiv(percentMul(18,000e8, 8600), 14,850e8) = 15,480 / 14,850
    expect(data.healthFactor).toBe((15_480n * E8 * WAD + 14_850n * E8 / 2n) / (14_850n * E8));
    // Withdrawing 1 WETH would leave 17,000 * 0.86 = 14,620 < 14,850 of weighted collateral.
    expectRevert(() => pool.withdraw('alice', 'WETH', 1n * E18), 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD');
    expectRevert(() => pool.setUserUseReserveAsCollateral('alice', 'WETH', false), 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD');
    pool.withdraw('alice', 'WETH', 10n ** 17n); // 0.1 WETH is fine: 17,900 * 0.86 = 15,394
    expectRevert(() => pool.borrow('bob', 'USDX', 1n), 'COLLATERAL_BALANCE_IS_ZERO');
  });

  it('refuses what the validation logic refuses, changing nothing', () => {
    const { pool } = makeTestnetPool();
    pool.supply('carol', 'USDX', 1_000n * E6);
    pool.supply('alice', 'WETH', 10n * E18);
    const before = fingerprint(pool);
    expectRevert(() => pool.supply('x', 'USDX', 0n), 'INVALID_AMOUNT');
    expectRevert(() => pool.supply('x', 'USDX', -1n), 'INVALID_AMOUNT');
    expectRevert(() => pool.withdraw('carol', 'USDX', 1_001n * E6), 'NOT_ENOUGH_AVAILABLE_USER_BALANCE');
    // More than the reserve holds: the aToken supply check passes only up to the total supplied.
    expectRevert(() => pool.borrow('alice', 'USDX', 1_001n * E6), 'INVALID_AMOUNT');
    pool.setReserveFrozen('USDX', true);
    expectRevert(() => pool.supply('x', 'USDX', 1n), 'RESERVE_FROZEN');
    expectRevert(() => pool.borrow('alice', 'USDX', 1n), 'RESERVE_FROZEN');
    pool.setReserveFrozen('USDX', false);
    pool.setReservePaused('USDX', true);
    expectRevert(() => pool.withdraw('carol', 'USDX', 1n), 'RESERVE_PAUSED');
    pool.setReservePaused('USDX', false);
    expect(fingerprint(pool)).toBe(before);
  });

  it('available liquidity bounds borrowing and withdrawing', () => {
    const { pool } = makeTestnetPool();
    pool.supply('carol', 'USDX', 1_000n * E6);
    pool.supply('alice', 'WETH', 10n * E18);
    pool.supply('bob', 'WETH', 10n * E18);
    pool.borrow('alice', 'USDX', 600n * E6);
    expectRevert(() => pool.borrow('bob', 'USDX', 500n * E6), 'NOT_ENOUGH_AVAILABLE_LIQUIDITY');
    expectRevert(() => pool.withdraw('carol', 'USDX', 500n * E6), 'NOT_ENOUGH_AVAILABLE_LIQUIDITY');
    pool.withdraw('carol', 'USDX', 400n * E6);
    expect(pool.reserve('USDX').virtualUnderlyingBalance).toBe(0n);
  });

  it('supply and borrow caps (whole tokens)', () => {
    const reserves = testnetReserves().map((r) => (r.asset === 'USDX' ? { ...r, supplyCap: 1_000n, borrowCap: 100n } : r));
    const pool = new AavePool({ reserves, priceSource: new Prices(TESTNET_PRICES).get });
    pool.supply('carol', 'USDX', 1_000n * E6);
    expectRevert(() => pool.supply('carol', 'USDX', 1n), 'SUPPLY_CAP_EXCEEDED');
    pool.supply('alice', 'WETH', 10n * E18);
    pool.borrow('alice', 'USDX', 100n * E6);
    expectRevert(() => pool.borrow('alice', 'USDX', 1n), 'BORROW_CAP_EXCEEDED');
  });

  it('isolation mode: manual collateral, borrowable-in-isolation assets only, debt ceiling in cents', () => {
    const rwa: ReserveInput = {
      asset: 'RWA',
      decimals: 18,
      ltv: 70_00,
      liquidationThreshold: 80_00,
      liquidationBonus: 107_50,
      debtCeiling: 10_000_00n, // $10,000.00
    };
    const reserves = [...testnetReserves().map((r) => (r.asset === 'USDX' ? { ...r, borrowableInIsolation: true } : r)), rwa];
    const prices = new Prices({ ...TESTNET_PRICES, RWA: 1n * E8 });
    const pool = new AavePool({ reserves, priceSource: prices.get });
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('carol', 'WETH', 100n * E18);
    pool.supply('alice', 'RWA', 50_000n * E18);
    // Isolated assets are not switched on as collateral by a supply (no ISOLATED_COLLATERAL_SUPPLIER role).
    expect(pool.positions('alice')[0]!.usingAsCollateral).toBe(false);
    pool.setUserUseReserveAsCollateral('alice', 'RWA', true);
    expectRevert(() => pool.borrow('alice', 'WETH', E18), 'ASSET_NOT_BORROWABLE_IN_ISOLATION');
    // Ceiling units are cents: amount / 10^(6-2). 9,000 USDX = 900,000 cents.
    pool.borrow('alice', 'USDX', 9_000n * E6);
    expect(pool.reserve('RWA').isolationModeTotalDebt).toBe(9_000_00n);
    // 1,000.01 USDX = 100,001 cents: 1,000,001 > 1,000,000
    expectRevert(() => pool.borrow('alice', 'USDX', 1_000n * E6 + 10_000n), 'DEBT_CEILING_EXCEEDED');
    pool.borrow('alice', 'USDX', 1_000n * E6 + 9_999n); // 1,000.009999 → 100,000 cents: exactly the ceiling
    expect(pool.reserve('RWA').isolationModeTotalDebt).toBe(10_000_00n);
    pool.repay('alice', 'USDX', 2_000n * E6);
    expect(pool.reserve('RWA').isolationModeTotalDebt).toBe(8_000_00n);
    // A second collateral cannot join an isolated one.
    pool.supply('alice', 'WETH', E18);
    expect(pool.positions('alice').find((p) => p.asset === 'WETH')!.usingAsCollateral).toBe(false);
    expectRevert(() => pool.setUserUseReserveAsCollateral('alice', 'WETH', true), 'USER_IN_ISOLATION_MODE_OR_LTV_ZERO');
  });

  it('moves tokens through a ledger and reverts cleanly on a shortfall', () => {
    const ledger = new MemoryLedger();
    ledger.mint('USDX', 'carol', 10_000n * E6);
    ledger.mint('WETH', 'alice', 10n * E18);
    const { pool, prices } = makeTestnetPool({ ledger });
    pool.supply('carol', 'USDX', 10_000n * E6);
    pool.supply('alice', 'WETH', 10n * E18);
    pool.borrow('alice', 'USDX', 8_000n * E6);
    expect(ledger.balanceOf('USDX', 'alice')).toBe(8_000n * E6);
    expect(ledger.balanceOf('USDX', pool.poolAccount)).toBe(2_000n * E6);
    prices.set('WETH', 800n * E8); // HF = 8,000 * 0.86 / 8,000 < 1
    const before = fingerprint(pool);
    expectRevert(() => pool.liquidationCall('bob', 'WETH', 'USDX', 'alice', 1_000n * E6), 'TRANSFER_AMOUNT_EXCEEDS_BALANCE');
    expect(fingerprint(pool)).toBe(before);
    ledger.mint('USDX', 'bob', 1_000n * E6);
    const res = pool.liquidationCall('bob', 'WETH', 'USDX', 'alice', 1_000n * E6);
    expect(ledger.balanceOf('USDX', 'bob')).toBe(0n);
    expect(ledger.balanceOf('WETH', 'bob')).toBe(res.collateralToLiquidator);
    for (const asset of ['USDX', 'WETH']) {
      expect(ledger.balanceOf(asset, pool.poolAccount)).toBe(pool.reserve(asset).virtualUnderlyingBalance);
    }
  });
});

describe('AavePool liquidation controls', () => {
  function unhealthy(extra: Parameters<typeof makeTestnetPool>[0] = {}) {
    const { pool, prices } = makeTestnetPool(extra);
    pool.supply('carol', 'USDX', 100_000n * E6);
    for (const u of ['alice', 'dave']) {
      pool.supply(u, 'WBTC', 1n * E8);
      pool.borrow(u, 'USDX', 20_000n * E6);
    }
    prices.set('WBTC', 20_000n * E8);
    return { pool, prices };
  }

  it('permissioned liquidators', () => {
    const { pool } = unhealthy({ permissionedLiquidators: ['keeper'] });
    const before = fingerprint(pool);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6), 'CALLER_NOT_PERMISSIONED_LIQUIDATOR');
    expect(fingerprint(pool)).toBe(before);
    expect(pool.liquidationCall('keeper', 'WBTC', 'USDX', 'alice', 1_000n * E6).debtRepaid).toBe(1_000n * E6);
  });

  it('pause guard stops liquidations and borrows until resumed', () => {
    const guard = new PauseGuard();
    const { pool } = unhealthy({ guard });
    guard.pause('liquidations');
    const before = fingerprint(pool);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    expect(fingerprint(pool)).toBe(before);
    pool.supply('erin', 'WETH', E18);
    pool.borrow('erin', 'USDX', 100n * E6); // borrows still open
    guard.pause('borrows');
    expectRevert(() => pool.borrow('erin', 'USDX', 100n * E6), 'CIRCUIT_BREAKER_BORROW_REFUSED');
    guard.resume();
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6);
  });

  it('rate limit: N liquidations per window, sliding with the pool clock', () => {
    const guard = new RateLimitGuard({ windowSeconds: 3_600, maxLiquidations: 1 });
    const { pool } = unhealthy({ guard });
    pool.setTime(100);
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'dave', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    // A refused attempt does not count.
    expect(guard.countInWindow(100)).toBe(1);
    pool.setTime(100 + 3_599);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'dave', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    pool.setTime(100 + 3_600);
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'dave', 1_000n * E6);
  });

  it('rate limit: volume per window in base currency', () => {
    const guard = new RateLimitGuard({ windowSeconds: 60, maxVolumeBase: 1_500n * E8 });
    const { pool } = unhealthy({ guard });
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'dave', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'dave', 500n * E6);
    expect(guard.volumeInWindowAt(pool.time)).toBe(1_500n * E8);
    expect(guard.volumeInWindowAt(pool.time + 60)).toBe(0n);
  });

  it('divergence breaker pauses liquidations while market and NAV disagree by more than the threshold', () => {
    let market = 27_000n * E8;
    const nav = 27_000n * E8;
    const guard = new DivergenceBreaker({ marketPrice: () => market, navPrice: () => nav, threshold: 0.1, assets: ['WBTC'] });
    const { pool } = unhealthy({ guard });
    market = 20_000n * E8;
    expect(guard.divergence('WBTC')).toBeCloseTo(7 / 27, 12);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    // Borrowing against the diverged collateral is paused too; other collateral is not watched.
    expectRevert(() => pool.borrow('alice', 'USDX', 1n), 'CIRCUIT_BREAKER_BORROW_REFUSED');
    pool.supply('erin', 'WETH', E18);
    pool.borrow('erin', 'USDX', 100n * E6);
    market = 25_000n * E8; // |25/27 - 1| = 7.4% < 10%
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6);
    expect(() => new DivergenceBreaker({ marketPrice: () => 1n, navPrice: () => 1n, threshold: -1 })).toThrow(ModelConfigError);
  });

  it('staleness breaker pauses liquidations and borrows while the oracle answer is older than the limit', () => {
    let updatedAt = 0;
    const guard = new StalenessBreaker({ updatedAt: () => updatedAt, maxAgeSeconds: 3_600, assets: ['WBTC'] });
    const { pool } = unhealthy({ guard });
    updatedAt = pool.time - 7_200; // two hours old
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6), 'CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
    expectRevert(() => pool.borrow('alice', 'USDX', 1n), 'CIRCUIT_BREAKER_BORROW_REFUSED');
    updatedAt = pool.time - 60; // fresh again
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_000n * E6);
    updatedAt = Number.NaN; // never written counts as stale
    expect(guard.stale('WBTC', pool.time)).toBe(true);
    expect(guard.stale('WETH', pool.time)).toBe(false); // not watched
    expect(() => new StalenessBreaker({ updatedAt: () => 0, maxAgeSeconds: 0 })).toThrow(/staleness\.maxAgeSeconds/);
  });
});

describe('AavePool liquidation-price index', () => {
  it('prices each single-collateral position and finds exactly the crossed ones', () => {
    const { pool, prices } = makeTestnetPool();
    pool.supply('carol', 'USDX', 1_000_000n * E6);
    const debts = [10_000n, 15_000n, 20_000n, 22_000n];
    debts.forEach((d, i) => {
      pool.supply(`u${i}`, 'WBTC', 1n * E8);
      pool.borrow(`u${i}`, 'USDX', d * E6);
    });
    // liquidation price = debt / (1 WBTC * 0.86): 11,627.9 / 17,441.9 / 23,255.8 / 25,581.4 dollars
    expect(pool.liquidationPrice('u2')! / 1e8).toBeCloseTo(20_000 / 0.86, 6);
    expect(pool.liquidatablePositions()).toEqual([]);
    prices.set('WBTC', 20_000n * E8);
    expect(pool.positionsCrossedAt('WBTC', 'USDX', 20_000n * E8)).toEqual(['u3', 'u2']);
    expect(pool.liquidatablePositions().map((p) => p.user)).toEqual(['u3', 'u2']);
    // Interest moves every liquidation price of the pair at once, without re-keying.
    pool.setTime(10 * YEAR);
    const grown = pool.liquidationPrice('u1')!;
    expect(grown).toBeGreaterThan(15_000e8 / 0.86);
    const hfs = pool.accounts().map((u) => [u, pool.healthFactor(u) < WAD] as const);
    const expected = hfs.filter(([u, bad]) => bad && pool.getUserAccountData(u).totalCollateralBase > 0n).map(([u]) => u);
    expect(pool.liquidatablePositions().map((p) => p.user).sort()).toEqual(expected.sort());
  });

  it('keeps multi-asset positions out of the index but still reports them', () => {
    const { pool, prices } = makeTestnetPool();
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.supply('alice', 'WETH', 1n * E18);
    pool.borrow('alice', 'USDX', 22_000n * E6);
    expect(pool.liquidationPrice('alice')).toBeUndefined();
    prices.set('WBTC', 20_000n * E8);
    expect(pool.liquidatablePositions()).toEqual([{ user: 'alice', healthFactor: pool.healthFactor('alice') }]);
  });
});
