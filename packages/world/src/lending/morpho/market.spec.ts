import { ModelConfigError, RevertError } from '../../errors';
import { AdaptiveCurveIrm } from './adaptive-curve-irm';
import { MorphoErrors, WAD } from './constants';
import { FixedRateIrm, UtilizationIrm } from './irm';
import { MorphoMarket, type MorphoMarketConfig } from './market';
import { MemoryLedger } from './memory-ledger';
import { toSharesDown, wMulDown, wTaylorCompounded } from './math';

const LLTV_80 = 800_000_000_000_000_000n;
const PRICE_1 = 10n ** 36n; // one collateral unit = one loan unit
const DAY_MS = 86_400_000;

/** A market on a mutable oracle price, funded through a MemoryLedger. */
function setup(overrides: Partial<MorphoMarketConfig> = {}) {
  const oracle = { price: PRICE_1 };
  const ledger = new MemoryLedger();
  const market = new MorphoMarket({
    loanToken: 'USDC',
    collateralToken: 'RWA',
    oracle: () => oracle.price,
    irm: new FixedRateIrm(0n),
    lltv: LLTV_80,
    createdAtMs: 0,
    ledger,
    ...overrides,
  });
  return { market, oracle, ledger };
}

/** Everything observable about a market, to check that a revert changed nothing. */
function snapshot(market: MorphoMarket, ledger: MemoryLedger, irm?: AdaptiveCurveIrm) {
  const positions = Object.fromEntries(market.accounts().map((a) => [a, market.position(a)]));
  return {
    market: market.market(),
    positions,
    ledger: ledger.snapshot(),
    stats: { ...market.stats },
    rateAtTarget: irm?.rateAtTarget,
  };
}

describe('MorphoMarket configuration', () => {
  it('rejects an LLTV of 100% or more, a fee above 25% and identical tokens, naming the parameter', () => {
    expect(() => setup({ lltv: WAD })).toThrow(ModelConfigError);
    expect(() => setup({ lltv: WAD })).toThrow(/^lltv: /);
    expect(() => setup({ fee: 260_000_000_000_000_000n })).toThrow(/^fee: /);
    expect(() => setup({ collateralToken: 'USDC' })).toThrow(/^collateralToken: /);
    expect(() => setup({ createdAtMs: 1.5 })).toThrow(/^createdAtMs: /);
  });
});

describe('MorphoMarket supply, borrow and liquidation (hand-computed, LLTV 80%, price 1)', () => {
  it('supply mints assets x 1e6 shares in an empty market and withdraw returns them', () => {
    const { market, ledger } = setup();
    ledger.mint('USDC', 'alice', 100n);
    // toSharesDown(100, 0, 0) = 100 * (0 + 1e6) / (0 + 1)
    expect(market.supply({ caller: 'alice', assets: 100n, nowMs: 0 })).toEqual({ assets: 100n, shares: 100_000_000n });
    expect(ledger.balanceOf('USDC', 'morpho')).toBe(100n);
    // toAssetsDown(100e6, 100, 100e6) = 100e6 * 101 / 101e6 = 100
    expect(market.withdraw({ caller: 'alice', shares: 100_000_000n, nowMs: 0 })).toEqual({ assets: 100n, shares: 100_000_000n });
    expect(ledger.balanceOf('USDC', 'alice')).toBe(100n);
    expect(market.market()).toMatchObject({ totalSupplyAssets: 0n, totalSupplyShares: 0n });
  });

  it('borrows up to collateral x price x LLTV, and not one unit more', () => {
    const { market, ledger } = setup();
    ledger.mint('USDC', 'alice', 1000n);
    ledger.mint('RWA', 'bob', 100n);
    market.supply({ caller: 'alice', assets: 1000n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    const before = snapshot(market, ledger);
    expect(() => market.borrow({ caller: 'bob', assets: 81n, nowMs: 0 })).toThrow(new RevertError('insufficient collateral'));
    expect(snapshot(market, ledger)).toEqual(before);
    expect(market.borrow({ caller: 'bob', assets: 80n, nowMs: 0 })).toEqual({ assets: 80n, shares: 80_000_000n });
    expect(market.isHealthy('bob', 0)).toBe(true);
    expect(market.healthFactor('bob', 0)).toBe(1);
    expect(() => market.withdrawCollateral({ caller: 'bob', assets: 1n, nowMs: 0 })).toThrow(new RevertError('insufficient collateral'));
  });

  it('liquidates an unhealthy position, then realizes bad debt against suppliers', () => {
    const { market, oracle, ledger } = setup();
    ledger.mint('USDC', 'alice', 100n);
    ledger.mint('RWA', 'bob', 100n);
    ledger.mint('USDC', 'liq', 1000n);
    market.supply({ caller: 'alice', assets: 100n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 80n, nowMs: 0 });

    expect(() => market.liquidate({ caller: 'liq', borrower: 'bob', seizedAssets: 1n, nowMs: 0 })).toThrow(
      new RevertError('position is healthy'),
    );

    // Price 0.9: max borrow = 100 * 0.9 * 0.8 = 72 < 80.
    oracle.price = 9n * 10n ** 35n;
    expect(market.isHealthy('bob', 0)).toBe(false);
    // LIF(0.8) = 1/0.94. Seize 50: quoted = ceil(50 * 0.9) = 45; 45 / LIF = 42.3 -> 43 (up);
    // shares = ceil(43 * 81e6 / 81) = 43e6; repaid = ceil(43e6 * 81 / 81e6) = 43.
    expect(market.liquidate({ caller: 'liq', borrower: 'bob', seizedAssets: 50n, nowMs: 0 })).toEqual({
      seizedAssets: 50n,
      repaidAssets: 43n,
      repaidShares: 43_000_000n,
      badDebtAssets: 0n,
      badDebtShares: 0n,
    });
    expect(market.position('bob')).toEqual({ supplyShares: 0n, borrowShares: 37_000_000n, collateral: 50n });
    expect(ledger.balanceOf('RWA', 'liq')).toBe(50n);
    expect(ledger.balanceOf('USDC', 'liq')).toBe(1000n - 43n);

    // Price 0.1: seize the remaining 50: quoted 5, 5 / LIF = 4.7 -> 5, shares 5e6, repaid 5.
    // Collateral is now 0, so the remaining 32e6 shares (32 assets) are bad debt.
    oracle.price = 10n ** 35n;
    expect(market.liquidate({ caller: 'liq', borrower: 'bob', seizedAssets: 50n, nowMs: 0 })).toEqual({
      seizedAssets: 50n,
      repaidAssets: 5n,
      repaidShares: 5_000_000n,
      badDebtAssets: 32n,
      badDebtShares: 32_000_000n,
    });
    expect(market.market()).toMatchObject({ totalSupplyAssets: 68n, totalBorrowAssets: 0n, totalBorrowShares: 0n });
    expect(market.position('bob')).toEqual({ supplyShares: 0n, borrowShares: 0n, collateral: 0n });
    expect(market.stats).toMatchObject({ liquidations: 2, badDebtRealized: 32n, repaidByLiquidators: 48n, collateralSeized: 100n });

    // The supplier bears the loss: 100e6 shares now redeem 100e6 * 69 / 101e6 = 68.
    expect(market.expectedSupplyAssets('alice', 0)).toBe(68n);
    expect(market.withdraw({ caller: 'alice', shares: 100_000_000n, nowMs: 0 }).assets).toBe(68n);
    // 100 supplied - 80 borrowed + 43 + 5 repaid = 68 held: the market ends exactly flat.
    expect(ledger.balanceOf('USDC', 'morpho')).toBe(0n);
  });

  it('caps realized bad debt at total borrow assets when shares round above it', () => {
    // After borrowing 1 asset and 1 extra share, toAssetsUp of the leftover shares exceeds the
    // market's total borrow; Morpho v1 takes min(totalBorrowAssets, ...) so nothing underflows.
    const { market, oracle, ledger } = setup();
    ledger.mint('USDC', 'alice', 10n ** 18n);
    ledger.mint('RWA', 'bob', 10n * 10n ** 18n);
    ledger.mint('USDC', 'liq', 10n ** 18n);
    market.supply({ caller: 'alice', assets: 10n ** 18n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 10n * 10n ** 18n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 10n ** 18n, nowMs: 0 });
    market.borrow({ caller: 'bob', shares: 1n, nowMs: 0 });
    oracle.price = PRICE_1 / 100n;
    const r = market.liquidate({ caller: 'liq', borrower: 'bob', seizedAssets: 10n * 10n ** 18n, nowMs: 0 });
    const m = market.market();
    expect(m.totalBorrowAssets).toBe(0n);
    expect(m.totalBorrowShares).toBe(0n);
    expect(r.badDebtAssets + r.repaidAssets).toBeLessThanOrEqual(10n ** 18n + 1n);
    expect(m.totalSupplyAssets).toBe(10n ** 18n - r.badDebtAssets);
  });

  it('liquidation by repaid shares seizes LIF x repaid assets at the oracle price', () => {
    const { market, oracle, ledger } = setup();
    ledger.mint('USDC', 'alice', 1000n);
    ledger.mint('RWA', 'bob', 100n);
    ledger.mint('USDC', 'liq', 1000n);
    market.supply({ caller: 'alice', assets: 1000n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 80n, nowMs: 0 });
    oracle.price = 5n * 10n ** 35n; // 0.5
    // repaid shares 10e6 -> toAssetsDown = 10; 10 * LIF = 10.638 floors to 10 base units; / 0.5 = 20.
    // At dust sizes the incentive rounds away, always in the protocol's favour.
    const r = market.liquidate({ caller: 'liq', borrower: 'bob', repaidShares: 10_000_000n, nowMs: 0 });
    expect(r).toMatchObject({ repaidShares: 10_000_000n, repaidAssets: 10n, seizedAssets: 20n });
    // 30e6 shares -> 30 assets; 30 * LIF = 31.9 -> 31; / 0.5 = 62.
    expect(market.liquidate({ caller: 'liq', borrower: 'bob', repaidShares: 30_000_000n, nowMs: 0 }).seizedAssets).toBe(62n);
  });

  it('a liquidation that would seize more than the collateral panics and changes nothing', () => {
    const { market, oracle, ledger } = setup();
    ledger.mint('USDC', 'alice', 1000n);
    ledger.mint('RWA', 'bob', 100n);
    ledger.mint('USDC', 'liq', 1000n);
    market.supply({ caller: 'alice', assets: 1000n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 80n, nowMs: 0 });
    oracle.price = 5n * 10n ** 35n;
    const before = snapshot(market, ledger);
    expect(() => market.liquidate({ caller: 'liq', borrower: 'bob', seizedAssets: 101n, nowMs: 0 })).toThrow(
      new RevertError(MorphoErrors.PANIC_ARITHMETIC),
    );
    expect(snapshot(market, ledger)).toEqual(before);
  });
});

describe('MorphoMarket interest (AccrueInterestIntegrationTest with IrmMock)', () => {
  // morpho-org/morpho-blue test/forge/integration/AccrueInterestIntegrationTest.sol: with IrmMock,
  // borrowRate = wDivDown(totalBorrow, totalSupply) / 365 days and
  // interest = totalBorrow.wMulDown(borrowRate.wTaylorCompounded(elapsed)); supply shares unchanged.
  const YEAR_MS = 31_536_000_000;

  function borrowed(fee?: bigint) {
    const { market, ledger } = setup({ irm: new UtilizationIrm(), ...(fee === undefined ? {} : { fee, feeRecipient: 'treasury' }) });
    ledger.mint('USDC', 'alice', 100n * WAD);
    ledger.mint('RWA', 'bob', 100n * WAD);
    market.supply({ caller: 'alice', assets: 100n * WAD, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n * WAD, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 50n * WAD, nowMs: 0 });
    return { market, ledger };
  }

  it('accrues utilization-priced interest with the Taylor compounding, hand-computed over a year', () => {
    const { market } = borrowed();
    const rate = (50n * WAD * WAD) / (100n * WAD) / 31_536_000n;
    expect(rate).toBe(15_854_895_991n);
    const interest = wMulDown(50n * WAD, wTaylorCompounded(rate, 31_536_000n));
    // 50 * (0.5 + 0.5^2/2 + 0.5^3/6) = 32.2916...
    expect(interest).toBe(32_291_666_664_405_966_650n);
    market.accrueInterest(YEAR_MS);
    expect(market.market()).toMatchObject({
      totalBorrowAssets: 50n * WAD + interest,
      totalSupplyAssets: 100n * WAD + interest,
      totalSupplyShares: 100n * WAD * 1_000_000n,
      lastUpdate: 31_536_000,
    });
    expect(market.stats.interestAccrued).toBe(interest);
  });

  it('pays the fee as supply shares priced before the fee (testAccrueInterestWithFees)', () => {
    const fee = WAD / 10n;
    const { market } = borrowed(fee);
    market.accrueInterest(YEAR_MS);
    const interest = 32_291_666_664_405_966_650n;
    const feeAmount = wMulDown(interest, fee);
    const feeShares = toSharesDown(feeAmount, 100n * WAD + interest - feeAmount, 100n * WAD * 1_000_000n);
    expect(feeShares).toBe(2_502_017_756_119_324_721_940_071n);
    expect(market.position('treasury').supplyShares).toBe(feeShares);
    expect(market.market().totalSupplyShares).toBe(100n * WAD * 1_000_000n + feeShares);
  });

  it('does not accrue within the same second or without borrows, and refuses time running backwards', () => {
    const { market } = borrowed();
    market.accrueInterest(999);
    expect(market.market().totalBorrowAssets).toBe(50n * WAD);
    market.accrueInterest(DAY_MS);
    expect(() => market.accrueInterest(DAY_MS - 1000)).toThrow(new RevertError(MorphoErrors.TIME_WENT_BACKWARDS));
    const idle = setup({ irm: new UtilizationIrm() }).market;
    idle.accrueInterest(YEAR_MS);
    expect(idle.market()).toMatchObject({ totalBorrowAssets: 0n, lastUpdate: 31_536_000 });
  });

  it('expected views accrue virtually without writing', () => {
    const { market } = borrowed();
    const debt = market.expectedBorrowAssets('bob', YEAR_MS);
    expect(debt).toBe(50n * WAD + 32_291_666_664_405_966_650n);
    expect(market.market().lastUpdate).toBe(0);
  });

  it('setFee accrues at the old fee first and is owner-only', () => {
    const { market } = borrowed();
    expect(() => market.setFee('mallory', WAD / 10n, DAY_MS)).toThrow(new RevertError('not owner'));
    expect(() => market.setFee('owner', 0n, DAY_MS)).toThrow(new RevertError('already set'));
    expect(() => market.setFee('owner', WAD / 2n, DAY_MS)).toThrow(new RevertError('max fee exceeded'));
    market.setFee('owner', WAD / 10n, DAY_MS);
    expect(market.market().lastUpdate).toBe(86_400);
    expect(market.position('owner').supplyShares).toBe(0n);
  });
});

describe('MorphoMarket permissions and reverts', () => {
  it('only allowlisted liquidators may liquidate when the option is set', () => {
    const { market, oracle, ledger } = setup({ liquidators: ['keeper'] });
    ledger.mint('USDC', 'alice', 1000n);
    ledger.mint('RWA', 'bob', 100n);
    ledger.mint('USDC', 'keeper', 1000n);
    ledger.mint('USDC', 'rando', 1000n);
    market.supply({ caller: 'alice', assets: 1000n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 80n, nowMs: 0 });
    oracle.price = 9n * 10n ** 35n;
    expect(market.isLiquidatorAllowed('rando')).toBe(false);
    expect(() => market.liquidate({ caller: 'rando', borrower: 'bob', seizedAssets: 10n, nowMs: 0 })).toThrow(
      new RevertError('liquidator not allowed'),
    );
    expect(market.liquidate({ caller: 'keeper', borrower: 'bob', seizedAssets: 10n, nowMs: 0 }).seizedAssets).toBe(10n);
    expect(() => market.setLiquidatorAllowlist('bob', null)).toThrow(new RevertError('not owner'));
    market.setLiquidatorAllowlist('owner', null);
    expect(market.liquidate({ caller: 'rando', borrower: 'bob', seizedAssets: 10n, nowMs: 0 }).seizedAssets).toBe(10n);
  });

  it('managing a position needs the owner or an authorized account', () => {
    const { market, ledger } = setup();
    ledger.mint('USDC', 'alice', 1000n);
    ledger.mint('RWA', 'bob', 100n);
    market.supply({ caller: 'alice', assets: 1000n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 100n, nowMs: 0 });
    expect(() => market.borrow({ caller: 'eve', onBehalf: 'bob', assets: 1n, nowMs: 0 })).toThrow(new RevertError('unauthorized'));
    expect(() => market.withdrawCollateral({ caller: 'eve', onBehalf: 'bob', assets: 1n, nowMs: 0 })).toThrow(
      new RevertError('unauthorized'),
    );
    market.setAuthorization('bob', 'manager', true);
    market.borrow({ caller: 'manager', onBehalf: 'bob', receiver: 'manager', assets: 10n, nowMs: 0 });
    expect(ledger.balanceOf('USDC', 'manager')).toBe(10n);
    expect(market.position('bob').borrowShares).toBe(10_000_000n);
  });

  it('reverts inconsistent inputs, zero assets and unfunded transfers with Morpho reasons', () => {
    const { market, ledger } = setup();
    expect(() => market.supply({ caller: 'a', nowMs: 0 })).toThrow(new RevertError('inconsistent input'));
    expect(() => market.supply({ caller: 'a', assets: 1n, shares: 1n, nowMs: 0 })).toThrow(new RevertError('inconsistent input'));
    expect(() => market.supplyCollateral({ caller: 'a', assets: 0n, nowMs: 0 })).toThrow(new RevertError('zero assets'));
    expect(() => market.supply({ caller: 'a', assets: 5n, nowMs: 0 })).toThrow(new RevertError('transferFrom failed'));
    expect(() => market.withdraw({ caller: 'a', assets: 1n, nowMs: 0 })).toThrow(new RevertError(MorphoErrors.PANIC_ARITHMETIC));
    expect(() => market.supply({ caller: 'a', assets: -1n, nowMs: 0 })).toThrow(RangeError);
    expect(snapshot(market, ledger)).toEqual(snapshot(setup().market, new MemoryLedger()));
  });

  it('withdrawals stop at the borrowed amount: insufficient liquidity', () => {
    const { market, ledger } = setup();
    ledger.mint('USDC', 'alice', 100n);
    ledger.mint('RWA', 'bob', 1000n);
    market.supply({ caller: 'alice', assets: 100n, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 1000n, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 60n, nowMs: 0 });
    expect(() => market.withdraw({ caller: 'alice', assets: 41n, nowMs: 0 })).toThrow(new RevertError('insufficient liquidity'));
    expect(() => market.borrow({ caller: 'bob', assets: 41n, nowMs: 0 })).toThrow(new RevertError('insufficient liquidity'));
    expect(market.withdraw({ caller: 'alice', assets: 40n, nowMs: 0 }).assets).toBe(40n);
  });

  it('an oracle that reverts (stale feed) reverts the action, and a reverted accrual leaves the IRM untouched', () => {
    const irm = new AdaptiveCurveIrm();
    const state = { stale: false, price: PRICE_1 };
    const ledger = new MemoryLedger();
    const market = new MorphoMarket({
      loanToken: 'USDC',
      collateralToken: 'RWA',
      irm,
      lltv: LLTV_80,
      createdAtMs: 0,
      ledger,
      oracle: () => {
        if (state.stale) throw new RevertError('stale price');
        return state.price;
      },
    });
    ledger.mint('USDC', 'alice', 1000n * WAD);
    ledger.mint('RWA', 'bob', 1000n * WAD);
    market.supply({ caller: 'alice', assets: 1000n * WAD, nowMs: 0 });
    market.supplyCollateral({ caller: 'bob', assets: 1000n * WAD, nowMs: 0 });
    market.borrow({ caller: 'bob', assets: 700n * WAD, nowMs: 1000 });
    market.accrueInterest(DAY_MS);
    const rateAtTarget = irm.rateAtTarget;
    expect(rateAtTarget).toBeGreaterThan(0n);
    state.stale = true;
    const before = snapshot(market, ledger, irm);
    expect(() => market.borrow({ caller: 'bob', assets: WAD, nowMs: 10 * DAY_MS })).toThrow(new RevertError('stale price'));
    expect(snapshot(market, ledger, irm)).toEqual(before);
    // A debt-free account does not read the oracle, exactly as `_isHealthy` short-circuits.
    ledger.mint('RWA', 'dave', 5n);
    market.supplyCollateral({ caller: 'dave', assets: 5n, nowMs: 10 * DAY_MS });
    market.withdrawCollateral({ caller: 'dave', assets: 5n, nowMs: 10 * DAY_MS });
    expect(irm.rateAtTarget).not.toBe(rateAtTarget);
  });
});
