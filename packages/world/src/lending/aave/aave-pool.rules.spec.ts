import { ModelConfigError } from '../../errors';
import { MAX_UINT256 } from './wad-ray-math';
import { makeTestnetPool } from './test-support';

// Configurable liquidation rules (an extension: Aave V3.3 hard-codes them) and the dry-run
// preview. Same market and hand arithmetic conventions as aave-pool.liquidation.spec.ts.
const E6 = 10n ** 6n;
const E8 = 10n ** 8n;

const BENCH_RULES = { closeFactor: 5_000n, fullLiquidationHealthFactor: 0n, fullLiquidationBelowBase: 0n, minLeftoverBase: 0n };

function badDebtSetup(rules?: typeof BENCH_RULES) {
  const { pool, prices } = makeTestnetPool(rules ? { liquidationRules: rules } : {});
  pool.setTime(1_000);
  pool.supply('carol', 'USDX', 100_000n * E6);
  pool.supply('alice', 'WBTC', 1n * E8);
  pool.borrow('alice', 'USDX', 20_500n * E6);
  prices.set('WBTC', 20_250n * E8); // HF 0.8495: Aave would allow 100%
  return pool;
}

describe('AavePool liquidation rules', () => {
  it('with a fixed 50% close factor, HF 0.85 repays only half (Aave V3.3 would repay all)', () => {
    const aave = badDebtSetup();
    expect(aave.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256).debtRepaid).toBe(19_285_714_286n);

    const pool = badDebtSetup(BENCH_RULES);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    // half of 20,500e6 = 10,250e6 (percentMul of the base value, then back to USDX at $1)
    expect(res.debtRepaid).toBe(10_250n * E6);
    // base = 1e8 * 10,250e6 * 1e8 / (20,250e8 * 1e6) = 50,617,283; x1.05 = percentMul(.., 10500) = 53,148,147
    // fee = percentMul(53,148,147 - percentDiv(53,148,147, 10500), 1000) = percentMul(2,530,864, 1000) = 253,086
    expect(res.protocolFee).toBe(253_086n);
    expect(res.collateralToLiquidator).toBe(53_148_147n - 253_086n);
    expect(res.deficitCreated.size).toBe(0);
    expect(pool.debtBalance('alice', 'USDX')).toBe(10_250n * E6);
  });

  it('disabling the $1,000 leftover rule allows a partial liquidation that leaves dust', () => {
    const { pool, prices } = makeTestnetPool({ liquidationRules: BENCH_RULES });
    pool.setTime(1_000);
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WBTC', 5_000_000n); // $1,350
    pool.borrow('alice', 'USDX', 1_100n * E6);
    prices.set('WBTC', 25_000n * E8);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    expect(res.debtRepaid).toBe(550n * E6); // 50%, although under $2,000 and leaving $550 of debt
  });

  it('refuses invalid rules at construction, naming them', () => {
    expect(() => makeTestnetPool({ liquidationRules: { closeFactor: 0n } })).toThrow(ModelConfigError);
    expect(() => makeTestnetPool({ liquidationRules: { closeFactor: 10_001n } })).toThrow(/liquidationRules.closeFactor/);
    expect(() => makeTestnetPool({ liquidationRules: { minLeftoverBase: -1n } })).toThrow(/liquidationRules.minLeftoverBase/);
  });
});

describe('AavePool.previewLiquidation', () => {
  it('returns what the real call then does, and changes nothing', () => {
    const pool = badDebtSetup(BENCH_RULES);
    const before = [pool.debtBalance('alice', 'USDX'), pool.aTokenBalance('alice', 'WBTC'), pool.reserve('USDX').totalVariableDebt];
    const preview = pool.previewLiquidation('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    expect([pool.debtBalance('alice', 'USDX'), pool.aTokenBalance('alice', 'WBTC'), pool.reserve('USDX').totalVariableDebt]).toEqual(before);
    const res = pool.liquidationCall('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256);
    expect(preview).toEqual({ repay: res.debtRepaid, seize: res.collateralToLiquidator });
  });

  it('is undefined when the call would revert', () => {
    const { pool } = makeTestnetPool();
    pool.setTime(1_000);
    pool.supply('carol', 'USDX', 100_000n * E6);
    pool.supply('alice', 'WBTC', 1n * E8);
    pool.borrow('alice', 'USDX', 1_000n * E6);
    expect(pool.previewLiquidation('bob', 'WBTC', 'USDX', 'alice', MAX_UINT256)).toBeUndefined();
  });
});
