import {
  COLLATERAL_PRICES,
  LENDING_MARKETS,
  LIQUIDATIONS,
  type LendingMarketView,
  type LiquidateAction,
  type PositionView,
} from '@paradox/sdk';
import { RevertError } from '../errors';
import { AAVE_V3_3_LIQUIDATION_RULES, AavePool, type AavePoolConfig, type CircuitBreaker, type ReserveInput } from '../lending/aave';
import { type PriceFeed, priceToNumber, rescale } from '../oracles';
import type { World } from '../world/world';
import type { AmmMarket } from './amm-market';
import type { OracleRegistry } from './oracle-registry';

const MAX_UINT256 = (1n << 256n) - 1n;
const WAD = 10n ** 18n;
const BASE_DECIMALS = 8;

export interface LendingMarketOptions {
  readonly id: string;
  /** Collateral and debt reserves (Aave bps conventions). */
  readonly collateral: ReserveInput;
  readonly debt: ReserveInput;
  /** Price of one whole collateral token in the debt token's currency. */
  readonly collateralFeed: PriceFeed;
  /** Price of the debt token (default: exactly 1). */
  readonly debtFeed?: PriceFeed;
  /**
   * When the market re-reads its collateral price: after updates of these oracle feeds, and
   * after every trade on these pools (a market priced off the AMM sees every trade).
   */
  readonly repriceOn: { readonly oracles?: readonly string[]; readonly pools?: readonly AmmMarket[] };
  readonly permissionedLiquidators?: readonly string[];
  readonly guard?: CircuitBreaker;
  /** Who lends to the market (its USD supply). */
  readonly flashLender?: string;
  /** Liquidation rules other than Aave V3.3's defaults (close factor, dust thresholds). */
  readonly liquidationRules?: AavePoolConfig['liquidationRules'];
}

/**
 * An Aave V3.3-style pool with one collateral and one debt reserve placed in the world: its
 * tokens live in the ledger, its collateral price comes from a feed, and it tells agents when
 * the price it uses changes (`lending.price`), which is when positions can become liquidatable.
 * Liquidators act through `lending.liquidate`; everything liquidated is logged and published.
 */
export class LendingMarket {
  readonly pool: AavePool;
  readonly collateralToken: string;
  readonly debtToken: string;
  private lastPrice = Number.NaN;
  private liquidationCount = 0;
  private repaidTotal = 0n;
  private seizedTotal = 0n;

  constructor(
    private readonly world: World,
    private readonly options: LendingMarketOptions,
    oracles?: OracleRegistry,
  ) {
    this.collateralToken = options.collateral.asset;
    this.debtToken = options.debt.asset;
    const feeds = new Map<string, PriceFeed | undefined>([
      [this.collateralToken, options.collateralFeed],
      [this.debtToken, options.debtFeed],
    ]);
    this.pool = new AavePool({
      reserves: [options.collateral, options.debt],
      priceSource: (asset) => {
        const feed = feeds.get(asset);
        if (feed === undefined) return 10n ** BigInt(BASE_DECIMALS);
        const reading = feed.latest(world.kernel.now);
        return rescale(reading.price, feed.decimals, BASE_DECIMALS);
      },
      ledger: world.ledger,
      poolAccount: `lending:${options.id}`,
      treasury: `lending:${options.id}:treasury`,
      ...(options.permissionedLiquidators ? { permissionedLiquidators: options.permissionedLiquidators } : {}),
      ...(options.guard ? { guard: options.guard } : {}),
      ...(options.liquidationRules ? { liquidationRules: options.liquidationRules } : {}),
    });
    // The price it starts from: a later change is measured against it.
    this.lastPrice = this.price();
    for (const feedId of options.repriceOn.oracles ?? []) oracles?.onUpdate(feedId, () => this.reprice());
    for (const pool of options.repriceOn.pools ?? []) pool.onTrade(() => this.reprice());
  }

  get id(): string {
    return this.options.id;
  }

  /** The collateral price the market uses now, in whole debt-currency units. */
  price(): number {
    try {
      const feed = this.options.collateralFeed;
      return priceToNumber(feed.latest(this.world.kernel.now).price, feed.decimals);
    } catch (error) {
      if (error instanceof RevertError) return Number.NaN;
      throw error;
    }
  }

  /** Re-reads the price; if it moved, tells the world (this is when liquidations become possible). */
  reprice(): void {
    const price = this.price();
    if (price === this.lastPrice || Number.isNaN(price)) return;
    const previous = this.lastPrice;
    this.lastPrice = price;
    this.world.recorder.point(this.world.kernel.now, `price.lending.${this.id}`, price);
    this.world.emit(COLLATERAL_PRICES.topic, this.id, { market: this.id, asset: this.collateralToken, price, previous: Number.isNaN(previous) ? price : previous });
  }

  /** Opens a position for setup: supplies collateral from the borrower's wallet and borrows. */
  open(borrower: string, collateral: bigint, debt: bigint): void {
    this.syncClock();
    this.pool.supply(borrower, this.collateralToken, collateral);
    if (debt > 0n) this.pool.borrow(borrower, this.debtToken, debt);
  }

  supply(lender: string, asset: string, amount: bigint): void {
    this.syncClock();
    this.pool.supply(lender, asset, amount);
  }

  /**
   * A liquidation, optionally funded by a flash loan and followed by the sale of the seized
   * collateral, as one transaction. Everything that can refuse is checked before anything
   * changes (the pool and the pair keep their own books, which the ledger's rollback does not
   * cover): the position as the liquidator saw it, the liquidation itself (a dry run), the pool,
   * and that the sale repays the flash loan.
   */
  liquidate(liquidator: string, action: LiquidateAction, pools: ReadonlyMap<string, AmmMarket>): unknown {
    this.syncClock();
    const { borrower } = action;
    const debtToCover = action.debtToCover ?? MAX_UINT256;
    const debtBefore = this.pool.debtBalance(borrower, this.debtToken);
    if (action.expectedDebt !== undefined && debtBefore !== action.expectedDebt) throw new RevertError('POSITION_CHANGED');
    const sellOn = action.sellOn === undefined ? undefined : pools.get(action.sellOn);
    if (action.sellOn !== undefined && !sellOn) throw new RevertError(`unknown pool "${action.sellOn}"`);
    const ledger = this.world.ledger;
    const lender = this.options.flashLender;
    const preview = this.pool.previewLiquidation(liquidator, this.collateralToken, this.debtToken, borrower, debtToCover);
    if (preview === undefined) {
      // Not liquidatable: the real call reverts with the pool's reason and changes nothing.
      this.pool.liquidationCall(liquidator, this.collateralToken, this.debtToken, borrower, debtToCover);
      throw new RevertError('LIQUIDATION_REFUSED');
    }
    if (action.flashLoan) {
      if (!lender) throw new RevertError('NO_FLASH_LENDER');
      const proceeds = sellOn ? sellOn.quoteOut(this.collateralToken, preview.seize) : 0n;
      if (ledger.balanceOf(this.debtToken, liquidator) + proceeds < preview.repay) throw new RevertError('FLASH_LOAN_NOT_REPAID');
      ledger.transfer(this.debtToken, lender, liquidator, preview.repay);
    }
    const result = this.pool.liquidationCall(liquidator, this.collateralToken, this.debtToken, borrower, debtToCover);
    const badDebt = result.deficitCreated.get(this.debtToken) ?? 0n;
    this.liquidationCount++;
    this.repaidTotal += result.debtRepaid;
    this.seizedTotal += result.collateralToLiquidator;
    const toDebt = (x: bigint) => ledger.toNumber(this.debtToken, x);
    // Emitted before the sale so that the sale, the price move and any liquidation it triggers
    // link back to this liquidation: that chain is the cascade.
    this.world.emit(LIQUIDATIONS.topic, liquidator, {
      market: this.id,
      borrower,
      liquidator,
      repaid: toDebt(result.debtRepaid),
      seized: ledger.toNumber(this.collateralToken, result.collateralToLiquidator),
      badDebt: toDebt(badDebt),
      price: this.lastPrice,
    });
    const proceeds = sellOn && result.collateralToLiquidator > 0n ? sellOn.swap(liquidator, this.collateralToken, result.collateralToLiquidator) : 0n;
    if (action.flashLoan) ledger.transfer(this.debtToken, liquidator, lender!, preview.repay);
    return { repaid: result.debtRepaid, seized: result.collateralToLiquidator, proceeds, badDebt };
  }

  position(borrower: string): PositionView | undefined {
    this.syncClock();
    return this.positionWith(borrower, this.pool.healthFactor(borrower));
  }

  /** Positions with health factor below 1, found through the pool's liquidation-price index. */
  unhealthy(limit = Infinity): PositionView[] {
    this.syncClock();
    const out: PositionView[] = [];
    for (const p of this.pool.liquidatablePositions(limit)) {
      const view = this.positionWith(p.user, p.healthFactor);
      if (view) out.push(view);
    }
    return out;
  }

  private positionWith(borrower: string, hf: bigint): PositionView | undefined {
    const collateral = this.pool.aTokenBalance(borrower, this.collateralToken);
    const debt = this.pool.debtBalance(borrower, this.debtToken);
    if (collateral === 0n && debt === 0n) return undefined;
    return { borrower, collateral, debt, healthFactor: hf >= MAX_UINT256 / 2n ? Infinity : Number(hf) / Number(WAD) };
  }

  stats(): { liquidations: number; repaid: bigint; seized: bigint; deficit: bigint } {
    return { liquidations: this.liquidationCount, repaid: this.repaidTotal, seized: this.seizedTotal, deficit: this.pool.reserve(this.debtToken).deficit };
  }

  view(): LendingMarketView {
    const market = this;
    const bonusBps = this.options.collateral.liquidationBonus;
    return {
      id: this.id,
      collateralToken: this.collateralToken,
      debtToken: this.debtToken,
      price: () => market.price(),
      unhealthy: (limit) => market.unhealthy(limit),
      position: (borrower) => market.position(borrower),
      previewLiquidation: (borrower, liquidator) => market.previewLiquidation(borrower, liquidator),
      liquidationBonus: bonusBps / 10_000 - 1,
      closeFactor: Number(this.options.liquidationRules?.closeFactor ?? AAVE_V3_3_LIQUIDATION_RULES.closeFactor) / 10_000,
      canLiquidate: (address) => !this.options.permissionedLiquidators || this.options.permissionedLiquidators.includes(address),
    };
  }

  /** What a liquidation would repay and seize now (a dry run that changes nothing). */
  previewLiquidation(borrower: string, liquidator: string): { repay: bigint; seize: bigint } | undefined {
    this.syncClock();
    return this.pool.previewLiquidation(liquidator, this.collateralToken, this.debtToken, borrower, MAX_UINT256);
  }

  private syncClock(): void {
    const seconds = Math.floor(this.world.kernel.now / 1000);
    if (seconds > this.pool.time) this.pool.setTime(seconds);
  }
}

/** Registers `lending.liquidate` and the `lending.markets` view for a set of markets. */
export function installLendingMarkets(world: World, markets: readonly LendingMarket[], pools: ReadonlyMap<string, AmmMarket>): void {
  const byId = new Map(markets.map((m) => [m.id, m] as const));
  world.registerAction<LiquidateAction>(
    'lending.liquidate',
    (sender, action) => {
      const market = byId.get(action.market);
      if (!market) throw new RevertError(`unknown market "${action.market}"`);
      return market.liquidate(sender, action, pools);
    },
    { onChain: true },
  );
  const views = new Map(markets.map((m) => [m.id, m.view()] as const));
  world.registerView(LENDING_MARKETS.view, () => views);
}
