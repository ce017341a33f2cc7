import {
  type AccountView,
  BORROWS,
  type BorrowAction,
  COLLATERAL_PRICES,
  type CollateralPriceEvent,
  LENDING_MARKETS,
  LIQUIDATIONS,
  type LendingActivityEvent,
  type LendingMarketView,
  type LiquidateAction,
  type PositionView,
  REPAYMENTS,
  type RepayAction,
  SUPPLIES,
  type SupplyAction,
  type TopicKey,
  WITHDRAWALS,
  type WithdrawAction,
} from '@paradox/sdk';
import { Refusal, RevertError } from '../errors';
import { AAVE_V3_3_LIQUIDATION_RULES, AavePool, type AavePoolConfig, type CircuitBreaker, type LiquidationResult, type ReserveInput } from '../lending/aave';
import { type PriceFeed, priceToNumber, rescale } from '../oracles';
import type { World } from '../world/world';
import type { AmmMarket } from './amm-market';
import type { OracleRegistry } from './oracle-registry';

const MAX_UINT256 = (1n << 256n) - 1n;
const WAD = 10n ** 18n;
const BASE_DECIMALS = 8;
/** A rival liquidated the position first: the usual fate of a racing liquidator, so not thrown. */
const POSITION_CHANGED = new Refusal('POSITION_CHANGED');
/** A price of exactly 1 in the pool's base currency. */
const BASE_ONE = 10n ** BigInt(BASE_DECIMALS);

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
  private lastDebtPrice = 1;
  private liquidationCount = 0;
  private repaidTotal = 0n;
  private seizedTotal = 0n;
  /** Bumped by every call that may change the pool's books (see {@link unhealthy}'s cache). */
  private version = 0;
  private unhealthyCache: { key: string; positions: readonly PositionView[] } | undefined;
  /** The highest priority fee bid on each borrower's liquidation by transactions in the mempool. */
  private readonly bids = new Map<string, number>();
  /** The chain's block count when {@link bids} was last written. */
  private bidsBlock = 0;
  /** Series of the market's price (a point per change, each trade when priced by the AMM). */
  private readonly priceSeries: string;

  constructor(
    private readonly world: World,
    private readonly options: LendingMarketOptions,
    oracles?: OracleRegistry,
  ) {
    this.collateralToken = options.collateral.asset;
    this.debtToken = options.debt.asset;
    this.priceSeries = `price.lending.${options.id}`;
    const feeds = new Map<string, PriceFeed | undefined>([
      [this.collateralToken, options.collateralFeed],
      [this.debtToken, options.debtFeed],
    ]);
    this.pool = new AavePool({
      reserves: [options.collateral, options.debt],
      priceSource: (asset) => {
        const feed = feeds.get(asset);
        if (feed === undefined) return BASE_ONE;
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
    if (options.debtFeed) this.lastDebtPrice = this.debtPrice();
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

  /**
   * Re-reads the price (and, with a debt feed, the debt token's); if either moved, tells the world
   * (this is when liquidations become possible: a debt token regaining its peg lowers health
   * factors as surely as a falling collateral price).
   */
  reprice(): void {
    const price = this.price();
    const debtPrice = this.options.debtFeed ? this.debtPrice() : 1;
    if ((price === this.lastPrice && debtPrice === this.lastDebtPrice) || Number.isNaN(price)) return;
    const previous = this.lastPrice;
    this.lastDebtPrice = debtPrice;
    if (price !== previous) {
      this.lastPrice = price;
      this.world.recorder.point(this.world.kernel.now, this.priceSeries, price);
    }
    const market = this.id;
    const asset = this.collateralToken;
    const before = Number.isNaN(previous) ? price : previous;
    const event: CollateralPriceEvent = this.options.debtFeed
      ? { market, asset, price, previous: before, debtPrice }
      : { market, asset, price, previous: before };
    this.world.emit(COLLATERAL_PRICES.topic, market, event);
  }

  /** Opens a position for setup: supplies collateral from the borrower's wallet and borrows. */
  open(borrower: string, collateral: bigint, debt: bigint): void {
    this.version++;
    this.syncClock();
    this.pool.supply(borrower, this.collateralToken, collateral);
    if (debt > 0n) this.pool.borrow(borrower, this.debtToken, debt);
  }

  supply(lender: string, asset: string, amount: bigint): void {
    this.version++;
    this.syncClock();
    this.pool.supply(lender, asset, amount);
  }

  // ------------------------------------------------ user actions (each one transaction, logged)

  /** `lending.supply`: `user` deposits `amount` of either reserve (collateral, or debt to lend). */
  supplyAs(user: string, asset: string, amount: bigint): bigint {
    this.version++;
    this.checkAsset(asset);
    this.syncClock();
    const supplied = this.pool.supply(user, asset, amount);
    this.logActivity(SUPPLIES, user, asset, supplied);
    return supplied;
  }

  /** `lending.withdraw`: `amount` of `asset`, or all of it; refused if the health factor would fall below 1. */
  withdrawAs(user: string, asset: string, amount: bigint | 'all'): bigint {
    this.version++;
    this.checkAsset(asset);
    this.syncClock();
    const withdrawn = this.pool.withdraw(user, asset, amount === 'all' ? MAX_UINT256 : amount);
    this.logActivity(WITHDRAWALS, user, asset, withdrawn);
    return withdrawn;
  }

  /** `lending.borrow`: `amount` of the debt token against the user's collateral. */
  borrowAs(user: string, amount: bigint): bigint {
    this.version++;
    this.syncClock();
    const borrowed = this.pool.borrow(user, this.debtToken, amount);
    this.logActivity(BORROWS, user, this.debtToken, borrowed);
    return borrowed;
  }

  /** `lending.repay`: `amount` of the user's own debt, or (`'all'`) as much as its wallet covers. */
  repayAs(user: string, amount: bigint | 'all'): bigint {
    this.version++;
    this.syncClock();
    let due = amount;
    if (due === 'all') {
      const wallet = this.world.ledger.balanceOf(this.debtToken, user);
      const debt = this.pool.debtBalance(user, this.debtToken);
      due = wallet < debt ? wallet : debt;
    }
    const repaid = this.pool.repay(user, this.debtToken, due);
    this.logActivity(REPAYMENTS, user, this.debtToken, repaid);
    return repaid;
  }

  /**
   * `user`'s account as the user reads it: balances, values at the market's collateral price,
   * what it may still borrow, and how much collateral it could withdraw keeping HF >= 1.
   */
  account(user: string): AccountView {
    this.syncClock();
    const ledger = this.world.ledger;
    const collateral = this.pool.aTokenBalance(user, this.collateralToken);
    const debt = this.pool.debtBalance(user, this.debtToken);
    const collateralAmount = ledger.toNumber(this.collateralToken, collateral);
    const debtAmount = ledger.toNumber(this.debtToken, debt);
    const price = this.price();
    const debtPrice = this.debtPrice();
    const collateralValue = (collateralAmount * price) / debtPrice;
    const base = { borrower: user, collateral, debt, collateralAmount, debtAmount, collateralValue, debtValue: debtAmount };
    if (Number.isNaN(price)) {
      return { ...base, healthFactor: Number.NaN, loanToValue: Number.NaN, availableToBorrow: 0, availableToBorrowUnits: 0n, withdrawable: 0, withdrawableUnits: 0n };
    }
    const data = this.pool.getUserAccountData(user);
    const hf = data.healthFactor >= MAX_UINT256 / 2n ? Infinity : Number(data.healthFactor) / Number(WAD);
    const loanToValue = debt === 0n ? 0 : collateralValue === 0 ? Infinity : debtAmount / collateralValue;
    const debtPriceBase = this.debtPriceBase();
    const availableToBorrowUnits = debtPriceBase === 0n ? 0n : (data.availableBorrowsBase * 10n ** BigInt(this.options.debt.decimals)) / debtPriceBase;
    // Collateral beyond what keeps HF >= 1: excess base value / collateral price, rounded down,
    // less one base unit for the contract's own rounding.
    let withdrawableUnits = collateral;
    if (debt > 0n) {
      const lt = BigInt(this.options.collateral.liquidationThreshold);
      const needed = lt === 0n ? data.totalCollateralBase : (data.totalDebtBase * 10_000n + lt - 1n) / lt;
      const excess = data.totalCollateralBase > needed ? data.totalCollateralBase - needed : 0n;
      const priceBase = this.collateralPriceBase();
      const units = priceBase === 0n ? 0n : (excess * 10n ** BigInt(this.options.collateral.decimals)) / priceBase;
      withdrawableUnits = units > 1n ? units - 1n : 0n;
      if (withdrawableUnits > collateral) withdrawableUnits = collateral;
    }
    return {
      ...base,
      healthFactor: hf,
      loanToValue,
      availableToBorrow: ledger.toNumber(this.debtToken, availableToBorrowUnits),
      availableToBorrowUnits,
      withdrawable: ledger.toNumber(this.collateralToken, withdrawableUnits),
      withdrawableUnits,
    };
  }

  /** Debt tokens the pool holds (lendable now), whole tokens. */
  availableLiquidity(): number {
    const ledger = this.world.ledger;
    return ledger.toNumber(this.debtToken, ledger.balanceOf(this.debtToken, `lending:${this.id}`));
  }

  private logActivity(topic: TopicKey<LendingActivityEvent>, user: string, asset: string, amount: bigint): void {
    const ledger = this.world.ledger;
    const hf = this.pool.healthFactor(user);
    const event: LendingActivityEvent = {
      market: this.id,
      user,
      asset,
      amount: ledger.toNumber(asset, amount),
      collateral: ledger.toNumber(this.collateralToken, this.pool.aTokenBalance(user, this.collateralToken)),
      debt: ledger.toNumber(this.debtToken, this.pool.debtBalance(user, this.debtToken)),
      healthFactor: hf >= MAX_UINT256 / 2n ? Infinity : Number(hf) / Number(WAD),
    };
    this.world.emit(topic.topic, user, event);
  }

  private checkAsset(asset: string): void {
    if (asset !== this.collateralToken && asset !== this.debtToken) throw new RevertError(`market ${this.id} has no reserve ${asset}`);
  }

  private debtPrice(): number {
    const feed = this.options.debtFeed;
    return feed ? priceToNumber(feed.latest(this.world.kernel.now).price, feed.decimals) : 1;
  }

  private debtPriceBase(): bigint {
    const feed = this.options.debtFeed;
    return feed ? rescale(feed.latest(this.world.kernel.now).price, feed.decimals, BASE_DECIMALS) : BASE_ONE;
  }

  private collateralPriceBase(): bigint {
    const feed = this.options.collateralFeed;
    return rescale(feed.latest(this.world.kernel.now).price, feed.decimals, BASE_DECIMALS);
  }

  /**
   * A liquidation, optionally funded by a flash loan and followed by the sale of the seized
   * collateral, as one transaction. Everything that can refuse is checked before anything
   * changes (the pool and the pair keep their own books, which the ledger's rollback does not
   * cover): the position as the liquidator saw it, the liquidation itself, the pool, and that the
   * sale repays the flash loan (inside the pool's call, which it reverts). A position changed
   * since the liquidator saw it is refused by returning a Refusal; other refusals throw.
   */
  liquidate(liquidator: string, action: LiquidateAction, pools: ReadonlyMap<string, AmmMarket>): unknown {
    this.version++;
    this.syncClock();
    const { borrower } = action;
    const debtToCover = action.debtToCover ?? MAX_UINT256;
    const debtBefore = this.pool.debtBalance(borrower, this.debtToken);
    if (action.expectedDebt !== undefined && debtBefore !== action.expectedDebt) return POSITION_CHANGED;
    const sellOn = action.sellOn === undefined ? undefined : pools.get(action.sellOn);
    if (action.sellOn !== undefined && !sellOn) throw new RevertError(`unknown pool "${action.sellOn}"`);
    const ledger = this.world.ledger;
    const lender = this.options.flashLender;
    let flashLoan = 0n;
    let result: LiquidationResult;
    if (action.flashLoan) {
      if (!lender) throw new RevertError('NO_FLASH_LENDER');
      // The pool's ledger moves come after this: the loan is what the liquidator repays with.
      result = this.pool.fundedLiquidationCall(liquidator, this.collateralToken, this.debtToken, borrower, debtToCover, (repay, seize) => {
        const proceeds = sellOn ? sellOn.quoteOut(this.collateralToken, seize) : 0n;
        if (ledger.balanceOf(this.debtToken, liquidator) + proceeds < repay) throw new RevertError('FLASH_LOAN_NOT_REPAID');
        flashLoan = repay;
        ledger.transfer(this.debtToken, lender, liquidator, flashLoan);
      });
    } else {
      // Atomic in the pool: it refuses (changing nothing) or liquidates.
      result = this.pool.liquidationCall(liquidator, this.collateralToken, this.debtToken, borrower, debtToCover);
    }
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
    if (flashLoan > 0n) ledger.transfer(this.debtToken, liquidator, lender!, flashLoan);
    return { repaid: result.debtRepaid, seized: result.collateralToLiquidator, proceeds, badDebt };
  }

  /** @internal Watches the mempool: `action` is a liquidation just submitted. */
  notePendingLiquidation(action: LiquidateAction): void {
    const bids = this.pendingBids();
    const fee = action.priorityFee ?? 0;
    const best = bids.get(action.borrower);
    if (best === undefined || fee > best) bids.set(action.borrower, fee);
  }

  /**
   * Whether a liquidation of `borrower` sent now with `priorityFee` is sure to land after one
   * already waiting in the mempool: one that bids at least as much (it came first, and ties go
   * by arrival). Never, when the chain orders transactions at random.
   */
  outbid(borrower: string, priorityFee: number): boolean {
    if (this.world.chain.ordering !== 'priority-fee') return false;
    const best = this.pendingBids().get(borrower);
    return best !== undefined && best >= priorityFee;
  }

  /**
   * The bids still waiting. A block takes every pending transaction, so bids from before the
   * last block have all landed: the map is emptied when the block count moves on.
   */
  private pendingBids(): Map<string, number> {
    const block = this.world.chain.block;
    if (block !== this.bidsBlock) {
      this.bids.clear();
      this.bidsBlock = block;
    }
    return this.bids;
  }

  position(borrower: string): PositionView | undefined {
    this.syncClock();
    return this.positionWith(borrower, this.pool.healthFactor(borrower));
  }

  /**
   * Positions with health factor below 1, found through the pool's liquidation-price index.
   *
   * Every liquidator scans after the same price change, at the same instant, before any of
   * their transactions lands: the answer is computed once and shared (each caller gets its own
   * array of frozen positions). It is recomputed when the time, either price or the pool's books
   * (any call through this market that may change them) differ.
   */
  unhealthy(limit = Infinity): PositionView[] {
    this.syncClock();
    const key = `${this.world.kernel.now}|${limit}|${this.price()}|${this.options.debtFeed ? this.debtPrice() : 1}|${this.version}`;
    const cached = this.unhealthyCache;
    if (cached !== undefined && cached.key === key) return cached.positions.slice();
    const out: PositionView[] = [];
    for (const p of this.pool.liquidatablePositions(limit)) {
      // The index knows the balances of the positions it files; others are looked up.
      const indexed = p.collateralAsset === this.collateralToken && p.debtAsset === this.debtToken;
      const view = indexed ? this.positionWith(p.user, p.healthFactor, p.collateralBalance, p.debtBalance) : this.positionWith(p.user, p.healthFactor);
      if (view) out.push(Object.freeze(view));
    }
    this.unhealthyCache = { key, positions: out };
    return out.slice();
  }

  private positionWith(
    borrower: string,
    hf: bigint,
    collateral = this.pool.aTokenBalance(borrower, this.collateralToken),
    debt = this.pool.debtBalance(borrower, this.debtToken),
  ): PositionView | undefined {
    if (collateral === 0n && debt === 0n) return undefined;
    return { borrower, collateral, debt, healthFactor: hf >= MAX_UINT256 / 2n ? Infinity : Number(hf) / Number(WAD) };
  }

  stats(): { liquidations: number; repaid: bigint; seized: bigint; deficit: bigint } {
    return { liquidations: this.liquidationCount, repaid: this.repaidTotal, seized: this.seizedTotal, deficit: this.pool.reserve(this.debtToken).deficit };
  }

  /** The market as agents read it; `myPosition()` is the account of `caller` (an address). */
  view(caller?: string): LendingMarketView {
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
      outbid: (borrower, priorityFee) => market.outbid(borrower, priorityFee),
      liquidationBonus: bonusBps / 10_000 - 1,
      closeFactor: Number(this.options.liquidationRules?.closeFactor ?? AAVE_V3_3_LIQUIDATION_RULES.closeFactor) / 10_000,
      canLiquidate: (address) => !this.options.permissionedLiquidators || this.options.permissionedLiquidators.includes(address),
      ltv: this.options.collateral.ltv / 10_000,
      liquidationThreshold: this.options.collateral.liquidationThreshold / 10_000,
      availableLiquidity: () => market.availableLiquidity(),
      units: (token, amount) => {
        if (token !== market.collateralToken && token !== market.debtToken) throw new Error(`market ${market.id} has no reserve ${token}`);
        return this.world.ledger.units(token, amount);
      },
      myPosition: () => {
        if (caller === undefined) throw new Error(`market ${this.id}: this view was built for no agent`);
        return market.account(caller);
      },
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

/**
 * Registers `lending.liquidate`, the user actions `lending.supply`, `lending.withdraw`,
 * `lending.borrow`, `lending.repay`, and the `lending.markets` view (per agent, for
 * `myPosition()`) for a set of markets.
 */
export function installLendingMarkets(world: World, markets: readonly LendingMarket[], pools: ReadonlyMap<string, AmmMarket>): void {
  const byId = new Map(markets.map((m) => [m.id, m] as const));
  world.registerAction<LiquidateAction>(
    'lending.liquidate',
    (sender, action) => {
      const market = byId.get(action.market);
      if (!market) throw new RevertError(`unknown market "${action.market}"`);
      return market.liquidate(sender, action, pools);
    },
    { onChain: true, watchMempool: (_sender, action) => byId.get(action.market)?.notePendingLiquidation(action) },
  );
  const marketOf = (id: string): LendingMarket => {
    const market = byId.get(id);
    if (!market) throw new RevertError(`unknown market "${id}"`);
    return market;
  };
  world.registerAction<SupplyAction>('lending.supply', (sender, a) => marketOf(a.market).supplyAs(sender, a.asset, a.amount), { onChain: true });
  world.registerAction<WithdrawAction>('lending.withdraw', (sender, a) => marketOf(a.market).withdrawAs(sender, a.asset, a.amount), { onChain: true });
  world.registerAction<BorrowAction>('lending.borrow', (sender, a) => marketOf(a.market).borrowAs(sender, a.amount), { onChain: true });
  world.registerAction<RepayAction>('lending.repay', (sender, a) => marketOf(a.market).repayAs(sender, a.amount), { onChain: true });
  // One shared view per market; each agent's read adds its own myPosition().
  const shared = markets.map((m) => [m, m.view()] as const);
  world.registerView(LENDING_MARKETS.view, (agentId) => {
    const address = world.addressOf(agentId);
    return new Map(shared.map(([m, view]) => [m.id, { ...view, myPosition: () => m.account(address) }] as const));
  });
}
