import { ModelConfigError, RevertError } from '../../errors';
import { MAX_FEE, MorphoErrors, ORACLE_PRICE_SCALE, WAD } from './constants';
import type { InterestRateModel } from './irm';
import {
  checkedAdd128,
  checkedSub,
  exactlyOneZero,
  liquidationIncentiveFactor,
  minBig,
  mulDivDown,
  mulDivUp,
  toAssetsDown,
  toAssetsUp,
  toSharesDown,
  toSharesUp,
  toUint128,
  wDivUp,
  wMulDown,
  wTaylorCompounded,
  zeroFloorSub,
} from './math';
import type {
  AssetsShares,
  LiquidationResult,
  MarketState,
  MorphoMarketStats,
  MorphoOracle,
  Position,
  TokenLedger,
} from './types';

// One isolated Morpho Blue market. Source: morpho-org/morpho-blue src/Morpho.sol (supply, withdraw,
// borrow, repay, supplyCollateral, withdrawCollateral, liquidate, setFee, _accrueInterest,
// _isHealthy), with the final v1 liquidation rounding as in certora/harness/MorphoLiquidateHarness.sol
// (`repaidShares = seizedAssetsQuoted.wDivUp(LIF).toSharesUp(...)`, `badDebtAssets = min(...)`).
// Formulas carried over, code our own. Flash loans, callbacks and signatures are left out.

/** Configuration of a {@link MorphoMarket} (`MarketParams` plus the market's settings). */
export interface MorphoMarketConfig {
  readonly loanToken: string;
  readonly collateralToken: string;
  readonly oracle: MorphoOracle;
  readonly irm: InterestRateModel;
  /** Liquidation LTV in WAD, `0 <= lltv < 1e18` (e.g. `860_000_000_000_000_000n` for 86%). */
  readonly lltv: bigint;
  /** Creation time (ms); interest accrues from here. */
  readonly createdAtMs: number;
  /** Share of interest paid to `feeRecipient`, WAD, at most 25%. Default 0. */
  readonly fee?: bigint;
  readonly feeRecipient?: string;
  /** Account allowed to change the fee, fee recipient and liquidator allowlist. Default `owner`. */
  readonly owner?: string;
  /**
   * Permissioned liquidation (a Paradox option, not in Morpho Blue): when given, only these
   * accounts may call `liquidate`; everyone else reverts `liquidator not allowed`.
   */
  readonly liquidators?: readonly string[];
  readonly ledger?: TokenLedger;
  /** The market's own account in the ledger. Default `morpho`. */
  readonly address?: string;
}

/** Common arguments: who sends the transaction and when (integer ms since scenario start). */
interface TxArgs {
  readonly caller: string;
  readonly nowMs: number;
}

/** `supply` / `withdraw` / `borrow` / `repay`: exactly one of `assets`, `shares` non-zero. */
export interface AmountArgs extends TxArgs {
  readonly assets?: bigint;
  readonly shares?: bigint;
  /** Position acted on; default the caller. */
  readonly onBehalf?: string;
  /** Receiver of withdrawn or borrowed tokens; default the caller. */
  readonly receiver?: string;
}

export interface CollateralArgs extends TxArgs {
  readonly assets: bigint;
  readonly onBehalf?: string;
  readonly receiver?: string;
}

/** `liquidate`: exactly one of `seizedAssets`, `repaidShares` non-zero. */
export interface LiquidateArgs extends TxArgs {
  readonly borrower: string;
  readonly seizedAssets?: bigint;
  readonly repaidShares?: bigint;
}

interface Transfer {
  readonly token: string;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
}

/** A pending transaction: every change is staged here and written only if nothing reverts. */
interface Tx {
  readonly m: MarketState;
  readonly positions: Map<string, Position>;
  readonly transfers: Transfer[];
  irmCall: { market: MarketState; nowSec: number } | null;
  interest: bigint;
}

const ZERO_POSITION: Readonly<Position> = { supplyShares: 0n, borrowShares: 0n, collateral: 0n };

/**
 * An isolated Morpho Blue lending market: one loan token, one collateral token, one oracle, one
 * IRM and one LLTV. All arithmetic follows the contract's integer rounding exactly (virtual shares
 * 1e6, virtual assets 1, rounding always against the user). A refused action throws
 * `RevertError` with Morpho's reason and changes nothing: no accrual, no IRM update, no transfer.
 *
 * Time is integer ms; like the contract the market accrues on whole seconds
 * (`floor(nowMs / 1000)`).
 */
export class MorphoMarket {
  readonly loanToken: string;
  readonly collateralToken: string;
  readonly lltv: bigint;
  /** `min(1.15, 1 / (1 - 0.3 (1 - LLTV)))` in WAD. */
  readonly liquidationIncentiveFactor: bigint;
  readonly address: string;
  readonly owner: string;
  readonly stats: MorphoMarketStats = {
    liquidations: 0,
    repaidByLiquidators: 0n,
    collateralSeized: 0n,
    badDebtRealized: 0n,
    interestAccrued: 0n,
  };
  private readonly oracle: MorphoOracle;
  private readonly irm: InterestRateModel;
  private readonly ledger: TokenLedger | undefined;
  private feeRecipientAccount: string;
  private liquidators: ReadonlySet<string> | null;
  private state: MarketState;
  private readonly positions = new Map<string, Position>();
  private readonly authorizations = new Map<string, Set<string>>();

  constructor(config: MorphoMarketConfig) {
    const { lltv, createdAtMs } = config;
    if (lltv < 0n || lltv >= WAD) throw new ModelConfigError('lltv', `must be in [0, 1e18) (${MorphoErrors.MAX_LLTV_EXCEEDED})`, lltv);
    const fee = config.fee ?? 0n;
    if (fee < 0n || fee > MAX_FEE) throw new ModelConfigError('fee', `must be in [0, ${MAX_FEE}] (25%)`, fee);
    if (!Number.isSafeInteger(createdAtMs) || createdAtMs < 0) {
      throw new ModelConfigError('createdAtMs', 'must be a non-negative integer number of ms', createdAtMs);
    }
    for (const [path, value] of [['loanToken', config.loanToken], ['collateralToken', config.collateralToken]] as const) {
      if (value === '') throw new ModelConfigError(path, 'must be a non-empty token name', value);
    }
    if (config.loanToken === config.collateralToken) {
      throw new ModelConfigError('collateralToken', 'must differ from loanToken', config.collateralToken);
    }
    this.loanToken = config.loanToken;
    this.collateralToken = config.collateralToken;
    this.oracle = config.oracle;
    this.irm = config.irm;
    this.lltv = lltv;
    this.liquidationIncentiveFactor = liquidationIncentiveFactor(lltv);
    this.ledger = config.ledger;
    this.address = config.address ?? 'morpho';
    this.owner = config.owner ?? 'owner';
    this.feeRecipientAccount = config.feeRecipient ?? this.owner;
    this.liquidators = config.liquidators === undefined ? null : new Set(config.liquidators);
    this.state = {
      totalSupplyAssets: 0n,
      totalSupplyShares: 0n,
      totalBorrowAssets: 0n,
      totalBorrowShares: 0n,
      lastUpdate: Math.floor(createdAtMs / 1000),
      fee,
    };
  }

  // ---------------------------------------------------------------- supply side

  /** `Morpho.supply`: deposit loan tokens for supply shares (shares rounded down, assets up). */
  supply(args: AmountArgs): AssetsShares {
    let { assets, shares } = amounts(args);
    const onBehalf = args.onBehalf ?? args.caller;
    if (!exactlyOneZero(assets, shares)) throw new RevertError(MorphoErrors.INCONSISTENT_INPUT);
    if (onBehalf === '') throw new RevertError(MorphoErrors.ZERO_ADDRESS);
    const tx = this.begin(args.nowMs, true);
    const m = tx.m;
    if (assets > 0n) shares = toSharesDown(assets, m.totalSupplyAssets, m.totalSupplyShares);
    else assets = toAssetsUp(shares, m.totalSupplyAssets, m.totalSupplyShares);
    this.pos(tx, onBehalf).supplyShares += shares;
    m.totalSupplyShares = checkedAdd128(m.totalSupplyShares, toUint128(shares));
    m.totalSupplyAssets = checkedAdd128(m.totalSupplyAssets, toUint128(assets));
    this.pull(tx, this.loanToken, args.caller, assets);
    this.commit(tx);
    return { assets, shares };
  }

  /** `Morpho.withdraw`: burn supply shares for loan tokens (shares rounded up, assets down). */
  withdraw(args: AmountArgs): AssetsShares {
    const { onBehalf, receiver, ...requested } = this.checkOutflow(args);
    let { assets, shares } = requested;
    const tx = this.begin(args.nowMs, true);
    const m = tx.m;
    if (assets > 0n) shares = toSharesUp(assets, m.totalSupplyAssets, m.totalSupplyShares);
    else assets = toAssetsDown(shares, m.totalSupplyAssets, m.totalSupplyShares);
    const p = this.pos(tx, onBehalf);
    p.supplyShares = checkedSub(p.supplyShares, shares);
    m.totalSupplyShares = checkedSub(m.totalSupplyShares, toUint128(shares));
    m.totalSupplyAssets = checkedSub(m.totalSupplyAssets, toUint128(assets));
    if (m.totalBorrowAssets > m.totalSupplyAssets) throw new RevertError(MorphoErrors.INSUFFICIENT_LIQUIDITY);
    this.push(tx, this.loanToken, receiver, assets);
    this.commit(tx);
    return { assets, shares };
  }

  /**
   * The checks `withdraw` and `borrow` share, in the contract's order: exactly one of assets
   * and shares, a receiver, and a caller authorized for the account.
   */
  private checkOutflow(args: AmountArgs): { assets: bigint; shares: bigint; onBehalf: string; receiver: string } {
    const { assets, shares } = amounts(args);
    const onBehalf = args.onBehalf ?? args.caller;
    const receiver = args.receiver ?? args.caller;
    if (!exactlyOneZero(assets, shares)) throw new RevertError(MorphoErrors.INCONSISTENT_INPUT);
    if (receiver === '') throw new RevertError(MorphoErrors.ZERO_ADDRESS);
    if (!this.isSenderAuthorized(args.caller, onBehalf)) throw new RevertError(MorphoErrors.UNAUTHORIZED);
    return { assets, shares, onBehalf, receiver };
  }

  // ---------------------------------------------------------------- borrow side

  /** `Morpho.borrow`: borrow loan tokens against collateral (shares rounded up, assets down). */
  borrow(args: AmountArgs): AssetsShares {
    const { onBehalf, receiver, ...requested } = this.checkOutflow(args);
    let { assets, shares } = requested;
    const tx = this.begin(args.nowMs, true);
    const m = tx.m;
    if (assets > 0n) shares = toSharesUp(assets, m.totalBorrowAssets, m.totalBorrowShares);
    else assets = toAssetsDown(shares, m.totalBorrowAssets, m.totalBorrowShares);
    const p = this.pos(tx, onBehalf);
    p.borrowShares = checkedAdd128(p.borrowShares, toUint128(shares));
    m.totalBorrowShares = checkedAdd128(m.totalBorrowShares, toUint128(shares));
    m.totalBorrowAssets = checkedAdd128(m.totalBorrowAssets, toUint128(assets));
    if (!this.isHealthyIn(tx, onBehalf, args.nowMs)) throw new RevertError(MorphoErrors.INSUFFICIENT_COLLATERAL);
    if (m.totalBorrowAssets > m.totalSupplyAssets) throw new RevertError(MorphoErrors.INSUFFICIENT_LIQUIDITY);
    this.push(tx, this.loanToken, receiver, assets);
    this.commit(tx);
    return { assets, shares };
  }

  /** `Morpho.repay`: repay debt (shares rounded down, assets up); anyone may repay for anyone. */
  repay(args: AmountArgs): AssetsShares {
    let { assets, shares } = amounts(args);
    const onBehalf = args.onBehalf ?? args.caller;
    if (!exactlyOneZero(assets, shares)) throw new RevertError(MorphoErrors.INCONSISTENT_INPUT);
    if (onBehalf === '') throw new RevertError(MorphoErrors.ZERO_ADDRESS);
    const tx = this.begin(args.nowMs, true);
    const m = tx.m;
    if (assets > 0n) shares = toSharesDown(assets, m.totalBorrowAssets, m.totalBorrowShares);
    else assets = toAssetsUp(shares, m.totalBorrowAssets, m.totalBorrowShares);
    const p = this.pos(tx, onBehalf);
    p.borrowShares = checkedSub(p.borrowShares, toUint128(shares));
    m.totalBorrowShares = checkedSub(m.totalBorrowShares, toUint128(shares));
    // `assets` may exceed totalBorrowAssets by 1 after rounding up.
    m.totalBorrowAssets = toUint128(zeroFloorSub(m.totalBorrowAssets, assets));
    this.pull(tx, this.loanToken, args.caller, assets);
    this.commit(tx);
    return { assets, shares };
  }

  // ---------------------------------------------------------------- collateral

  /** `Morpho.supplyCollateral` (no accrual, as in the contract). */
  supplyCollateral(args: CollateralArgs): void {
    const assets = nonNegative(args.assets, 'assets');
    const onBehalf = args.onBehalf ?? args.caller;
    if (assets === 0n) throw new RevertError(MorphoErrors.ZERO_ASSETS);
    if (onBehalf === '') throw new RevertError(MorphoErrors.ZERO_ADDRESS);
    const tx = this.begin(args.nowMs, false);
    const p = this.pos(tx, onBehalf);
    p.collateral = checkedAdd128(p.collateral, toUint128(assets));
    this.pull(tx, this.collateralToken, args.caller, assets);
    this.commit(tx);
  }

  /** `Morpho.withdrawCollateral`: reverts `insufficient collateral` if it leaves the position unhealthy. */
  withdrawCollateral(args: CollateralArgs): void {
    const assets = nonNegative(args.assets, 'assets');
    const onBehalf = args.onBehalf ?? args.caller;
    const receiver = args.receiver ?? args.caller;
    if (assets === 0n) throw new RevertError(MorphoErrors.ZERO_ASSETS);
    if (receiver === '') throw new RevertError(MorphoErrors.ZERO_ADDRESS);
    if (!this.isSenderAuthorized(args.caller, onBehalf)) throw new RevertError(MorphoErrors.UNAUTHORIZED);
    const tx = this.begin(args.nowMs, true);
    const p = this.pos(tx, onBehalf);
    p.collateral = checkedSub(p.collateral, toUint128(assets));
    if (!this.isHealthyIn(tx, onBehalf, args.nowMs)) throw new RevertError(MorphoErrors.INSUFFICIENT_COLLATERAL);
    this.push(tx, this.collateralToken, receiver, assets);
    this.commit(tx);
  }

  // ---------------------------------------------------------------- liquidation

  /**
   * `Morpho.liquidate`: repay part of an unhealthy borrower's debt and seize collateral worth
   * `LIF` times as much at the oracle price. Give `seizedAssets` (collateral to take) or
   * `repaidShares` (debt shares to repay). If the borrower's collateral reaches zero, the rest of
   * the debt is bad debt: it is removed from total borrow *and* total supply, so every supplier
   * loses pro rata.
   */
  liquidate(args: LiquidateArgs): LiquidationResult {
    let seizedAssets = nonNegative(args.seizedAssets ?? 0n, 'seizedAssets');
    let repaidShares = nonNegative(args.repaidShares ?? 0n, 'repaidShares');
    if (this.liquidators !== null && !this.liquidators.has(args.caller)) {
      throw new RevertError(MorphoErrors.LIQUIDATOR_NOT_ALLOWED);
    }
    if (!exactlyOneZero(seizedAssets, repaidShares)) throw new RevertError(MorphoErrors.INCONSISTENT_INPUT);
    const tx = this.begin(args.nowMs, true);
    const m = tx.m;
    const collateralPrice = this.oracle(args.nowMs);
    const p = this.pos(tx, args.borrower);
    if (healthy(m, p, collateralPrice, this.lltv)) throw new RevertError(MorphoErrors.HEALTHY_POSITION);
    const lif = this.liquidationIncentiveFactor;
    if (seizedAssets > 0n) {
      const seizedAssetsQuoted = mulDivUp(seizedAssets, collateralPrice, ORACLE_PRICE_SCALE);
      repaidShares = toSharesUp(wDivUp(seizedAssetsQuoted, lif), m.totalBorrowAssets, m.totalBorrowShares);
    } else {
      const repaidQuoted = wMulDown(toAssetsDown(repaidShares, m.totalBorrowAssets, m.totalBorrowShares), lif);
      seizedAssets = mulDivDown(repaidQuoted, ORACLE_PRICE_SCALE, collateralPrice);
    }
    const repaidAssets = toAssetsUp(repaidShares, m.totalBorrowAssets, m.totalBorrowShares);

    p.borrowShares = checkedSub(p.borrowShares, toUint128(repaidShares));
    m.totalBorrowShares = checkedSub(m.totalBorrowShares, toUint128(repaidShares));
    m.totalBorrowAssets = toUint128(zeroFloorSub(m.totalBorrowAssets, repaidAssets));
    p.collateral = checkedSub(p.collateral, toUint128(seizedAssets));

    let badDebtShares = 0n;
    let badDebtAssets = 0n;
    if (p.collateral === 0n) {
      badDebtShares = p.borrowShares;
      badDebtAssets = minBig(m.totalBorrowAssets, toAssetsUp(badDebtShares, m.totalBorrowAssets, m.totalBorrowShares));
      m.totalBorrowAssets = checkedSub(m.totalBorrowAssets, toUint128(badDebtAssets));
      m.totalSupplyAssets = checkedSub(m.totalSupplyAssets, toUint128(badDebtAssets));
      m.totalBorrowShares = checkedSub(m.totalBorrowShares, toUint128(badDebtShares));
      p.borrowShares = 0n;
    }

    this.push(tx, this.collateralToken, args.caller, seizedAssets);
    this.pull(tx, this.loanToken, args.caller, repaidAssets);
    this.commit(tx);
    this.stats.liquidations += 1;
    this.stats.repaidByLiquidators += repaidAssets;
    this.stats.collateralSeized += seizedAssets;
    this.stats.badDebtRealized += badDebtAssets;
    return { seizedAssets, repaidAssets, repaidShares, badDebtAssets, badDebtShares };
  }

  // ---------------------------------------------------------------- admin and authorization

  /** `Morpho.accrueInterest`. */
  accrueInterest(nowMs: number): void {
    this.commit(this.begin(nowMs, true));
  }

  /** `Morpho.setAuthorization`: let `authorized` manage the caller's position. */
  setAuthorization(caller: string, authorized: string, isAuthorized: boolean): void {
    let set = this.authorizations.get(caller);
    if (isAuthorized) {
      if (set === undefined) this.authorizations.set(caller, (set = new Set()));
      set.add(authorized);
    } else {
      set?.delete(authorized);
    }
  }

  isAuthorized(authorizer: string, authorized: string): boolean {
    return this.authorizations.get(authorizer)?.has(authorized) ?? false;
  }

  /** `Morpho.setFee`: accrues with the old fee first. */
  setFee(caller: string, newFee: bigint, nowMs: number): void {
    if (caller !== this.owner) throw new RevertError(MorphoErrors.NOT_OWNER);
    if (newFee === this.state.fee) throw new RevertError(MorphoErrors.ALREADY_SET);
    if (newFee < 0n || newFee > MAX_FEE) throw new RevertError(MorphoErrors.MAX_FEE_EXCEEDED);
    const tx = this.begin(nowMs, true);
    tx.m.fee = newFee;
    this.commit(tx);
  }

  /** `Morpho.setFeeRecipient`. Like the contract, interest not yet accrued goes to the new recipient. */
  setFeeRecipient(caller: string, newFeeRecipient: string): void {
    if (caller !== this.owner) throw new RevertError(MorphoErrors.NOT_OWNER);
    if (newFeeRecipient === this.feeRecipientAccount) throw new RevertError(MorphoErrors.ALREADY_SET);
    this.feeRecipientAccount = newFeeRecipient;
  }

  get feeRecipient(): string {
    return this.feeRecipientAccount;
  }

  /** Replace the liquidator allowlist (`null` = permissionless). Owner only. */
  setLiquidatorAllowlist(caller: string, liquidators: readonly string[] | null): void {
    if (caller !== this.owner) throw new RevertError(MorphoErrors.NOT_OWNER);
    this.liquidators = liquidators === null ? null : new Set(liquidators);
  }

  /** May `account` liquidate? Always true when the market is permissionless. */
  isLiquidatorAllowed(account: string): boolean {
    return this.liquidators === null || this.liquidators.has(account);
  }

  // ---------------------------------------------------------------- views

  /** Stored totals (as of the last accrual). */
  market(): Readonly<MarketState> {
    return { ...this.state };
  }

  /**
   * Totals with interest accrued up to `nowMs` without writing anything
   * (`MorphoBalancesLib.expectedMarketBalances`).
   */
  expectedMarket(nowMs: number): Readonly<MarketState> {
    return this.begin(nowMs, true).m;
  }

  position(account: string): Readonly<Position> {
    const p = this.positions.get(account);
    return p === undefined ? { ...ZERO_POSITION } : { ...p };
  }

  /** Every account with a non-empty position. */
  accounts(): string[] {
    return [...this.positions.keys()];
  }

  /** Accounts that currently owe debt (what a liquidation bot scans). */
  borrowers(): string[] {
    const out: string[] = [];
    for (const [account, p] of this.positions) if (p.borrowShares > 0n) out.push(account);
    return out;
  }

  /** Supply assets of `account` at `nowMs`, rounded down (`MorphoBalancesLib.expectedSupplyAssets`). */
  expectedSupplyAssets(account: string, nowMs: number): bigint {
    const m = this.expectedMarket(nowMs);
    return toAssetsDown(this.position(account).supplyShares, m.totalSupplyAssets, m.totalSupplyShares);
  }

  /** Debt of `account` at `nowMs`, rounded up (`MorphoBalancesLib.expectedBorrowAssets`). */
  expectedBorrowAssets(account: string, nowMs: number): bigint {
    const m = this.expectedMarket(nowMs);
    return toAssetsUp(this.position(account).borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
  }

  /** The oracle's price at `nowMs` (1e36-scaled loan units per collateral unit); reverts if the oracle does. */
  collateralPrice(nowMs: number): bigint {
    return this.oracle(nowMs);
  }

  /** Most the position may owe at the current oracle price: `collateral · price / 1e36 · LLTV`, rounded down. */
  maxBorrowAssets(account: string, nowMs: number): bigint {
    return maxBorrow(this.position(account), this.oracle(nowMs), this.lltv);
  }

  /**
   * `_isHealthy` at `nowMs` with interest accrued: true when `maxBorrow >= debt`. A position
   * with no debt is healthy without reading the oracle. `liquidate` succeeds exactly when this is
   * false (for the same oracle answer).
   */
  isHealthy(account: string, nowMs: number): boolean {
    const p = this.position(account);
    if (p.borrowShares === 0n) return true;
    return healthy(this.expectedMarket(nowMs), p, this.oracle(nowMs), this.lltv);
  }

  /** `maxBorrow / debt` as a plain number for agents: < 1 means liquidatable, Infinity with no debt. */
  healthFactor(account: string, nowMs: number): number {
    const debt = this.expectedBorrowAssets(account, nowMs);
    if (debt === 0n) return Infinity;
    const max = this.maxBorrowAssets(account, nowMs);
    return Number((max * WAD) / debt) / 1e18;
  }

  /** Borrowed / supplied at `nowMs` as a plain number (0 with no supply). */
  utilization(nowMs: number): number {
    const m = this.expectedMarket(nowMs);
    if (m.totalSupplyAssets === 0n) return 0;
    return Number((m.totalBorrowAssets * WAD) / m.totalSupplyAssets) / 1e18;
  }

  /** Current borrow rate per second (WAD) from the IRM, as the next accrual would see it. */
  borrowRate(nowMs: number): bigint {
    return this.irm.borrowRateView(this.state, Math.floor(nowMs / 1000));
  }

  // ---------------------------------------------------------------- internals

  private isSenderAuthorized(caller: string, onBehalf: string): boolean {
    return caller === onBehalf || this.isAuthorized(onBehalf, caller);
  }

  /** Staged copy of a position inside `tx`. */
  private pos(tx: Tx, account: string): Position {
    let p = tx.positions.get(account);
    if (p === undefined) {
      p = { ...(this.positions.get(account) ?? ZERO_POSITION) };
      tx.positions.set(account, p);
    }
    return p;
  }

  /** Three-argument `_isHealthy`: skips the oracle when there is no debt. */
  private isHealthyIn(tx: Tx, account: string, nowMs: number): boolean {
    const p = this.pos(tx, account);
    if (p.borrowShares === 0n) return true;
    return healthy(tx.m, p, this.oracle(nowMs), this.lltv);
  }

  /** Start a transaction; with `accrue`, run `_accrueInterest` on the staged copy. */
  private begin(nowMs: number, accrue: boolean): Tx {
    if (!Number.isSafeInteger(nowMs) || nowMs < 0) {
      throw new RangeError(`time must be a non-negative integer number of ms, got ${nowMs}`);
    }
    const tx: Tx = { m: { ...this.state }, positions: new Map(), transfers: [], irmCall: null, interest: 0n };
    if (!accrue) return tx;
    const m = tx.m;
    const nowSec = Math.floor(nowMs / 1000);
    if (nowSec < m.lastUpdate) throw new RevertError(MorphoErrors.TIME_WENT_BACKWARDS);
    const elapsed = nowSec - m.lastUpdate;
    if (elapsed === 0) return tx;
    if (m.totalBorrowAssets !== 0n) {
      const before = { ...m };
      const rate = this.irm.borrowRateView(before, nowSec);
      tx.irmCall = { market: before, nowSec };
      const interest = wMulDown(m.totalBorrowAssets, wTaylorCompounded(rate, BigInt(elapsed)));
      m.totalBorrowAssets = checkedAdd128(m.totalBorrowAssets, toUint128(interest));
      m.totalSupplyAssets = checkedAdd128(m.totalSupplyAssets, toUint128(interest));
      tx.interest = interest;
      if (m.fee !== 0n) {
        const feeAmount = wMulDown(interest, m.fee);
        // Supply already includes the whole interest; price the fee shares as if it did not.
        const feeShares = toSharesDown(feeAmount, m.totalSupplyAssets - feeAmount, m.totalSupplyShares);
        this.pos(tx, this.feeRecipientAccount).supplyShares += feeShares;
        m.totalSupplyShares = checkedAdd128(m.totalSupplyShares, toUint128(feeShares));
      }
    }
    m.lastUpdate = nowSec;
    return tx;
  }

  private pull(tx: Tx, token: string, from: string, amount: bigint): void {
    if (amount > 0n) tx.transfers.push({ token, from, to: this.address, amount });
  }

  private push(tx: Tx, token: string, to: string, amount: bigint): void {
    if (amount > 0n) tx.transfers.push({ token, from: this.address, to, amount });
  }

  /** Check every transfer can settle, then write the staged state, the IRM update and the transfers. */
  private commit(tx: Tx): void {
    const ledger = this.ledger;
    if (ledger !== undefined && tx.transfers.length > 0) {
      const net = new Map<string, { token: string; account: string; delta: bigint }>();
      for (const t of tx.transfers) {
        for (const [account, delta] of [[t.from, -t.amount], [t.to, t.amount]] as const) {
          const key = `${t.token}\u0000${account}`;
          const entry = net.get(key) ?? { token: t.token, account, delta: 0n };
          entry.delta += delta;
          net.set(key, entry);
        }
      }
      for (const { token, account, delta } of net.values()) {
        if (delta < 0n && ledger.balanceOf(token, account) < -delta) {
          throw new RevertError(account === this.address ? MorphoErrors.TRANSFER_FAILED : MorphoErrors.TRANSFER_FROM_FAILED);
        }
      }
    }
    this.state = tx.m;
    for (const [account, p] of tx.positions) {
      if (p.supplyShares === 0n && p.borrowShares === 0n && p.collateral === 0n) this.positions.delete(account);
      else this.positions.set(account, p);
    }
    if (tx.irmCall !== null) this.irm.commit?.(tx.irmCall.market, tx.irmCall.nowSec);
    this.stats.interestAccrued += tx.interest;
    if (ledger !== undefined) {
      // Pulls first, so the market holds what it pays out even on a shared ledger.
      const ordered = [...tx.transfers.filter((t) => t.to === this.address), ...tx.transfers.filter((t) => t.to !== this.address)];
      for (const t of ordered) ledger.transfer(t.token, t.from, t.to, t.amount);
    }
  }
}

/** `collateral · price / 1e36 · LLTV`, both steps rounded down (`_isHealthy`'s `maxBorrow`). */
function maxBorrow(p: Readonly<Position>, collateralPrice: bigint, lltv: bigint): bigint {
  return wMulDown(mulDivDown(p.collateral, collateralPrice, ORACLE_PRICE_SCALE), lltv);
}

/** Four-argument `_isHealthy`: debt rounded up, max borrow rounded down, healthy when `max >= debt`. */
function healthy(m: Readonly<MarketState>, p: Readonly<Position>, collateralPrice: bigint, lltv: bigint): boolean {
  const borrowed = toAssetsUp(p.borrowShares, m.totalBorrowAssets, m.totalBorrowShares);
  return maxBorrow(p, collateralPrice, lltv) >= borrowed;
}

function nonNegative(x: bigint, name: string): bigint {
  if (x < 0n) throw new RangeError(`${name} is a uint256 amount, got ${x}`);
  return x;
}

function amounts(args: AmountArgs): { assets: bigint; shares: bigint } {
  return { assets: nonNegative(args.assets ?? 0n, 'assets'), shares: nonNegative(args.shares ?? 0n, 'shares') };
}
