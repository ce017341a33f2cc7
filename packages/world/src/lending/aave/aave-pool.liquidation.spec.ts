import { RevertError } from '../../errors';
import { MAX_UINT256 } from './wad-ray-math';
import { fingerprint, makeTestnetPool } from './test-support';

// Liquidation scenarios modelled on aave-dao/aave-v3-origin (v3.3)
//   tests/protocol/pool/Pool.Liquidations.t.sol             (partial/full, bad debt, receiveAToken)
//   tests/protocol/pool/Pool.Liquidations.CloseFactor.t.sol (50% vs 100% close factor)
// on the market of tests/mocks/AaveV3TestListing.sol: WBTC $27,000 (8 dec), USDX $1 (6 dec),
// LT 86%, bonus 105%, protocol fee 10% of the bonus. No time passes inside a scenario, so every
// index stays at 1 ray and balances equal scaled balances. Expected numbers are derived by hand
// in the comments with the contract's integer rules:
//   percentMul(v, p) = floor((v*p + 5000) / 10000)      percentDiv(v, p) = floor((v*10000 + p/2) / p)
//   wadDiv(a, b)     = floor((a*1e18 + b/2) / b)

const E6 = 10n ** 6n;
const E8 = 10n ** 8n;

function setup() {
  const { pool, prices } = makeTestnetPool();
  pool.setTime(1_000);
  // carol provides the USDX that alice borrows (setUp of Pool.Liquidations.t.sol).
  pool.supply('carol', 'USDX', 100_000n * E6);
  return { pool, prices };
}

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

describe('AavePool.liquidationCall (v3.3 rules)', () => {
  it('close factor 50%: HF in (0.95, 1) with collateral and debt above $2,000', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 23_500n * E8);
    // collateral 1 WBTC * 23,500 = 23,500e8 base; debt 20,500e8.
    // HF = wadDiv(percentMul(23,500e8, 8600), 20,500e8) = wadDiv(20,210e8, 20,500e8) = 0.985853658536585366e18
    expect(pool.healthFactor('alice')).toBe(985853658536585366n);

    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    // HF > 0.95 and both sides >= $2,000: max = percentMul(20,500e8, 5000) * 1e6 / 1e8 = 10,250e6
    expect(res.debtRepaid).toBe(10_250n * E6);
    // base collateral = 1e8 * 10,250e6 * 1e8 / (23,500e8 * 1e6) = 43,617,021 sat
    // with bonus     = percentMul(43,617,021, 10500)               = 45,797,872 sat
    // bonus part     = 45,797,872 - percentDiv(45,797,872, 10500)  = 45,797,872 - 43,617,021 = 2,180,851
    // protocol fee   = percentMul(2,180,851, 1000)                 = 218,085 sat
    // liquidator     = 45,797,872 - 218,085                        = 45,579,787 sat
    expect(res.protocolFee).toBe(218_085n);
    expect(res.collateralToLiquidator).toBe(45_579_787n);
    expect(res.deficitCreated.size).toBe(0);
    expect(pool.aTokenBalance('alice', 'WBTC')).toBe(100_000_000n - 45_797_872n); // 54,202,128
    expect(pool.aTokenBalance(pool.treasury, 'WBTC')).toBe(218_085n);
    expect(pool.debtBalance('alice', 'USDX')).toBe(10_250n * E6);
    // HF after = wadDiv(percentMul(54,202,128 * 23,500, 8600), 10,250e8) = 1.068707323785365854e18
    expect(pool.healthFactor('alice')).toBe(1068707323785365854n);
    // The pool paid out the seized WBTC (no longer in the reserve) and took the repaid USDX.
    expect(pool.reserve('WBTC').virtualUnderlyingBalance).toBe(100_000_000n - 45_579_787n);
    expect(pool.reserve('USDX').virtualUnderlyingBalance).toBe(100_000n * E6 - 20_500n * E6 + 10_250n * E6);
  });

  it('close factor 100% when HF <= 0.95; collateral runs out first and the rest becomes deficit', () => {
    // As test_liquidate_borrow_bad_debt: the collateral price falls 25% (27,000 → 20,250).
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 20_250n * E8);
    // HF = wadDiv(percentMul(20,250e8, 8600), 20,500e8) = wadDiv(17,415e8, 20,500e8) = 0.849512195121951220e18
    expect(pool.healthFactor('alice')).toBe(849512195121951220n);

    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    // HF <= 0.95: the whole 20,500e6 may be repaid.
    // base = 1e8 * 20,500e6 * 1e8 / (20,250e8 * 1e6) = 101,234,567; with bonus 106,296,295 > 1e8 held,
    // so the collateral is capped at 1e8 and the debt repaid shrinks to
    //   percentDiv(20,250e8 * 1e8 * 1e6 / (1e8 * 1e8), 10500) = percentDiv(20,250e6, 10500) = 19,285,714,286
    expect(res.debtRepaid).toBe(19_285_714_286n);
    // fee: bonus part = 1e8 - percentDiv(1e8, 10500) = 1e8 - 95,238,095 = 4,761,905; fee = percentMul(.., 1000) = 476,191
    expect(res.protocolFee).toBe(476_191n);
    expect(res.collateralToLiquidator).toBe(100_000_000n - 476_191n);
    // All collateral is gone (seized value 20,250e8 == total collateral): the remaining
    // 20,500e6 - 19,285,714,286 = 1,214,285,714 is burned and booked as deficit.
    expect(res.deficitCreated.get('USDX')).toBe(1_214_285_714n);
    expect(pool.reserve('USDX').deficit).toBe(1_214_285_714n);
    expect(pool.debtBalance('alice', 'USDX')).toBe(0n);
    expect(pool.aTokenBalance('alice', 'WBTC')).toBe(0n);
    expect(pool.healthFactor('alice')).toBe(MAX_UINT256);
    expect(pool.positions('alice').every((p) => !p.borrowing && !p.usingAsCollateral)).toBe(true);
  });

  it('close factor 100% for a small position (collateral below $2,000) even with HF > 0.95', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 5_000_000n); // 0.05 WBTC = $1,350
    pool.borrow('alice', 'USDX', 1_100n * E6);
    prices.set('WBTC', 25_000n * E8);
    // collateral 0.05 * 25,000 = 1,250e8 < MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD (2,000e8)
    // HF = wadDiv(percentMul(1,250e8, 8600), 1,100e8) = 0.977272727272727273e18 > 0.95
    expect(pool.healthFactor('alice')).toBe(977272727272727273n);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    // full debt: base = 1e8 * 1,100e6 * 1e8 / (25,000e8 * 1e6) = 4,400,000; with bonus 4,620,000
    // bonus part 220,000, fee 22,000, liquidator 4,598,000
    expect(res.debtRepaid).toBe(1_100n * E6);
    expect(res.collateralToLiquidator).toBe(4_598_000n);
    expect(res.protocolFee).toBe(22_000n);
    expect(pool.aTokenBalance('alice', 'WBTC')).toBe(5_000_000n - 4_620_000n);
    expect(pool.debtBalance('alice', 'USDX')).toBe(0n);
    expect(pool.positions('alice').find((p) => p.asset === 'USDX')?.borrowing).toBe(false);
  });

  it('MUST_NOT_LEAVE_DUST: a partial liquidation may not leave less than $1,000 of debt', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 10_000_000n); // 0.1 WBTC
    pool.borrow('alice', 'USDX', 2_200n * E6);
    prices.set('WBTC', 24_000n * E8);
    // HF = wadDiv(percentMul(2,400e8, 8600), 2,200e8) = 0.938181818181818182e18 <= 0.95: close factor 100%
    expect(pool.healthFactor('alice')).toBe(938181818181818182n);
    const before = fingerprint(pool);
    // Repaying 1,500 would leave 700e8 < MIN_LEFTOVER_BASE (1,000e8) of debt.
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_500n * E6), 'MUST_NOT_LEAVE_DUST');
    expect(fingerprint(pool)).toBe(before);
    // Repaying 1,100 leaves 1,100e8 of debt and (1e7 - 4,812,500) * 24,000 = 1,245e8 of collateral.
    // base = 1e8 * 1,100e6 * 1e8 / (24,000e8 * 1e6) = 4,583,333; with bonus percentMul(.., 10500) = 4,812,500
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 1_100n * E6);
    expect(res.debtRepaid).toBe(1_100n * E6);
    // fee = percentMul(4,812,500 - percentDiv(4,812,500, 10500), 1000) = percentMul(229,167, 1000) = 22,917
    expect(res.protocolFee).toBe(22_917n);
    expect(res.collateralToLiquidator).toBe(4_812_500n - 22_917n);
  });

  it('partial liquidation with an explicit amount (test_partial_liquidate_variable_borrow: 106 USDX)', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 20_250n * E8);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 106n * E6);
    // base = 1e8 * 106e6 * 1e8 / (20,250e8 * 1e6) = 523,456; with bonus percentMul(523,456, 10500) = 549,629
    // bonus part = 549,629 - percentDiv(549,629, 10500) = 549,629 - 523,456 = 26,173; fee = percentMul(26,173, 1000) = 2,617
    expect(res.debtRepaid).toBe(106n * E6);
    expect(res.protocolFee).toBe(2_617n);
    expect(res.collateralToLiquidator).toBe(549_629n - 2_617n);
    expect(pool.debtBalance('alice', 'USDX')).toBe((20_500n - 106n) * E6);
  });

  it('receiveAToken: the liquidator receives aTokens, enabled as its collateral', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 20_250n * E8);
    const wbtcCash = pool.reserve('WBTC').virtualUnderlyingBalance;
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 106n * E6, true);
    expect(pool.aTokenBalance('bob', 'WBTC')).toBe(res.collateralToLiquidator);
    expect(pool.positions('bob').find((p) => p.asset === 'WBTC')?.usingAsCollateral).toBe(true);
    // The collateral stays in the reserve.
    expect(pool.reserve('WBTC').virtualUnderlyingBalance).toBe(wbtcCash);
  });

  it('refuses healthy positions, wrong assets and non-collateral, changing nothing', () => {
    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    const healthy = fingerprint(pool);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256), 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD');
    expect(fingerprint(pool)).toBe(healthy);
    prices.set('WBTC', 20_250n * E8);
    const before = fingerprint(pool);
    expectRevert(() => pool.liquidationCall('bob', 'USDX', 'USDX', 'alice', MAX_UINT256), 'COLLATERAL_CANNOT_BE_LIQUIDATED');
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'WETH', 'alice', MAX_UINT256), 'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER');
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'DOGE', 'alice', MAX_UINT256), 'ASSET_NOT_LISTED');
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', 0n), 'INVALID_BURN_AMOUNT');
    pool.setReservePaused('WBTC', true);
    expectRevert(() => pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256), 'RESERVE_PAUSED');
    pool.setReservePaused('WBTC', false);
    expect(fingerprint(pool)).toBe(before);
  });

  it('deficit on every debt asset when the last collateral goes (test_liquidate_borrow_burn_multiple_assets_bad_debt)', () => {
    const { pool, prices } = setup();
    pool.supply('carol', 'WETH', 100n * 10n ** 18n);
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_000n * E6);
    pool.borrow('alice', 'WETH', 10n ** 18n); // $1,800
    prices.set('WBTC', 15_000n * E8);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    // All WBTC seized ⇒ the unrepaid USDX and the whole WETH debt become deficit.
    expect(pool.aTokenBalance('alice', 'WBTC')).toBe(0n);
    expect(res.deficitCreated.get('WETH')).toBe(10n ** 18n);
    expect(res.deficitCreated.get('USDX')).toBe(20_000n * E6 - res.debtRepaid);
    expect(pool.debtBalance('alice', 'WETH')).toBe(0n);
    expect(pool.reserve('WETH').deficit).toBe(10n ** 18n);
  });

  it('eliminateReserveDeficit: the umbrella burns its aTokens against the deficit', () => {
    const { pool, prices } = makeTestnetPool({ umbrella: 'umbrella' });
    pool.setTime(1_000);
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 20_250n * E8);
    pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    const deficit = pool.reserve('USDX').deficit;
    expectRevert(() => pool.eliminateReserveDeficit('mallory', 'USDX', deficit), 'CALLER_NOT_UMBRELLA');
    pool.supply('umbrella', 'USDX', deficit + 1_000n);
    expect(pool.eliminateReserveDeficit('umbrella', 'USDX', deficit + 1_000n)).toBe(deficit);
    expect(pool.reserve('USDX').deficit).toBe(0n);
    expect(pool.aTokenBalance('umbrella', 'USDX')).toBe(1_000n);
    expectRevert(() => pool.eliminateReserveDeficit('umbrella', 'USDX', 1n), 'RESERVE_NOT_IN_DEFICIT');
  });
  it('fundedLiquidationCall: the funder sees the amounts of the plain call; its revert changes nothing', () => {
    const liquidate = (fund?: (repay: bigint, seize: bigint) => void) => {
      const { pool, prices } = setup();
      pool.supply('alice', 'WBTC', 1n * E8);
      pool.borrow('alice', 'USDX', 20_500n * E6);
      prices.set('WBTC', 23_500n * E8);
      const res = fund ? pool.fundedLiquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256, fund) : pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
      return { pool, res };
    };
    const plain = liquidate();
    const seen: bigint[] = [];
    const funded = liquidate((repay, seize) => seen.push(repay, seize));
    expect(seen).toEqual([plain.res.debtRepaid, plain.res.collateralToLiquidator]);
    expect(fingerprint(funded.pool)).toBe(fingerprint(plain.pool));

    const { pool, prices } = setup();
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 20_500n * E6);
    prices.set('WBTC', 23_500n * E8);
    const before = fingerprint(pool);
    expectRevert(
      () =>
        pool.fundedLiquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256, () => {
          throw new RevertError('FLASH_LOAN_NOT_REPAID');
        }),
      'FLASH_LOAN_NOT_REPAID',
    );
    expect(fingerprint(pool)).toBe(before);
  });
});
