import { ModelConfigError, RevertError } from '../../errors';
import { LiquidationIndex, type SlotStore } from '../index/liquidation-index';
import { BorrowContext, CircuitBreaker, LiquidationContext } from './circuit-breakers';
import { DEBT_CEILING_DECIMALS, HEALTH_FACTOR_LIQUIDATION_THRESHOLD } from './constants';
import { AAVE_V3_3_LIQUIDATION_RULES, calculateAvailableCollateralToLiquidate, leavesNoDust, maxLiquidatableDebt, type LiquidationRules } from './liquidation-math';
import { percentDiv, percentMul } from './percentage-math';
import { normalizeReserveConfig, ReserveConfig, ReserveInput } from './reserve-config';
import { ReserveState } from './reserve-state';
import { MAX_UINT256, rayDiv, rayMul, wadDiv } from './wad-ray-math';

// Aave V3.3 Pool: supply, withdraw, borrow, repay, setUserUseReserveAsCollateral,
// liquidationCall, mintToTreasury, eliminateReserveDeficit. Sources (formulas and check order
// carried over, code our own), all in aave/aave-v3-origin src/contracts/protocol/:
//   libraries/logic/SupplyLogic.sol       executeSupply, executeWithdraw, executeUseReserveAsCollateral
//   libraries/logic/BorrowLogic.sol       executeBorrow, executeRepay
//   libraries/logic/LiquidationLogic.sol  executeLiquidationCall, _burnDebtTokens, _burnBadDebt,
//                                         _burnCollateralATokens, _liquidateATokens, executeEliminateDeficit
//   libraries/logic/ValidationLogic.sol   validateSupply/Withdraw/Borrow/Repay/LiquidationCall,
//                                         validateHFAndLtv, validateUseAsCollateral, validateAutomaticUseAsCollateral
//   libraries/logic/GenericLogic.sol      calculateUserAccountData, calculateAvailableBorrows
//   libraries/logic/IsolationModeLogic.sol, libraries/logic/PoolLogic.sol (executeMintToTreasury)
//   tokenization/base/ScaledBalanceTokenBase.sol (_mintScaled/_burnScaled: amount.rayDiv(index))
// Left out: eMode, siloed borrowing, flash loans, stable debt, unbacked/bridges, grace periods,
// credit delegation, aToken transfers between users.

/** Oracle: price of one whole token of `asset` in base currency with 8 decimals (USD like Aave). */
export type PriceSource = (asset: string) => bigint;

/** Optional token custody: when given, the pool moves underlying between accounts through it. */
export interface TokenLedger {
  balanceOf(token: string, account: string): bigint;
  transfer(token: string, from: string, to: string, amount: bigint): void;
}

export interface AavePoolConfig {
  readonly reserves: readonly ReserveInput[];
  readonly priceSource: PriceSource;
  /** Pool clock at construction, integer seconds (default 0). */
  readonly startTime?: number;
  /** Account that receives liquidation protocol fees and minted reserve-factor aTokens. */
  readonly treasury?: string;
  /** The only account allowed to call eliminateReserveDeficit (Aave's Umbrella); none by default. */
  readonly umbrella?: string;
  /** When given, only these accounts may liquidate (an RWA mitigation; not in Aave). */
  readonly permissionedLiquidators?: Iterable<string>;
  /** Consulted before borrows and liquidations. */
  readonly guard?: CircuitBreaker;
  /** Token custody; without it the pool only keeps its own books and returns amounts. */
  readonly ledger?: TokenLedger;
  /** Ledger account of the pool (default 'aave:pool'). */
  readonly poolAccount?: string;
  /** Close-factor and dust rules; default Aave V3.3's. */
  readonly liquidationRules?: Partial<LiquidationRules>;
}

/** `IPool.getUserAccountData`. Base currency values have 8 decimals; health factor is a wad. */
export interface UserAccountData {
  readonly totalCollateralBase: bigint;
  readonly totalDebtBase: bigint;
  readonly availableBorrowsBase: bigint;
  /** Weighted liquidation threshold, bps. */
  readonly currentLiquidationThreshold: bigint;
  /** Weighted LTV, bps. */
  readonly ltv: bigint;
  /** MAX_UINT256 when there is no debt. */
  readonly healthFactor: bigint;
}

/** What one liquidationCall did. */
export interface LiquidationResult {
  readonly user: string;
  readonly liquidator: string;
  readonly collateralAsset: string;
  readonly debtAsset: string;
  /** Debt repaid by the liquidator (debt-asset units). */
  readonly debtRepaid: bigint;
  /** Collateral received by the liquidator (underlying, or aTokens when receiveAToken). */
  readonly collateralToLiquidator: bigint;
  /** Collateral paid to the treasury as aTokens. */
  readonly protocolFee: bigint;
  readonly receiveAToken: boolean;
  readonly healthFactorBefore: bigint;
  /** Deficit (bad debt) created, per debt asset, when the position ran out of collateral. */
  readonly deficitCreated: ReadonlyMap<string, bigint>;
}

/** Read-only picture of a reserve at the pool's current time. */
export interface ReserveView {
  readonly config: ReserveConfig;
  readonly liquidityIndex: bigint;
  readonly variableBorrowIndex: bigint;
  /** Indexes including interest pending since the last update (what balances use). */
  readonly normalizedIncome: bigint;
  readonly normalizedDebt: bigint;
  readonly liquidityRate: bigint;
  readonly variableBorrowRate: bigint;
  readonly lastUpdateTimestamp: number;
  readonly accruedToTreasury: bigint;
  readonly virtualUnderlyingBalance: bigint;
  readonly deficit: bigint;
  readonly isolationModeTotalDebt: bigint;
  readonly scaledATokenSupply: bigint;
  readonly scaledVariableDebt: bigint;
  /** aToken.totalSupply() (without accruedToTreasury). */
  readonly totalATokenSupply: bigint;
  /** variableDebtToken.totalSupply(). */
  readonly totalVariableDebt: bigint;
  readonly paused: boolean;
  readonly frozen: boolean;
}

/** A user's holding in one reserve. */
export interface PositionView {
  readonly asset: string;
  readonly scaledATokenBalance: bigint;
  readonly scaledVariableDebt: bigint;
  readonly aTokenBalance: bigint;
  readonly variableDebt: bigint;
  readonly usingAsCollateral: boolean;
  readonly borrowing: boolean;
}

/** A position with health factor below 1 that can be liquidated. */
export interface LiquidatablePosition {
  readonly user: string;
  readonly healthFactor: bigint;
  /** Set for single-collateral/single-debt positions (the indexed ones). */
  readonly collateralAsset?: string;
  readonly debtAsset?: string;
  /** Collateral price (base currency per whole token) at which HF crosses 1, as a number. */
  readonly liquidationPrice?: number;
  /** Set for indexed positions: `aTokenBalance` of the collateral and `debtBalance` of the debt asset. */
  readonly collateralBalance?: bigint;
  readonly debtBalance?: bigint;
}

/**
 * A user's holding in one reserve. A class with every field set in the constructor, so that all
 * of them (hundreds of thousands in the largest runs) share one V8 shape.
 */
class UserReserve {
  readonly reserve: ReserveState;
  scaledATokenBalance: bigint;
  scaledVariableDebt: bigint;
  usingAsCollateral: boolean;
  borrowing: boolean;
  /**
   * The user's next reserve, in the order the user first touched them: account data reads
   * prices, `positions` lists holdings and a guard sees collaterals in that order, which may
   * differ from the listing order.
   */
  next: UserReserve | undefined;

  constructor(reserve: ReserveState, scaledATokenBalance: bigint, scaledVariableDebt: bigint, usingAsCollateral: boolean, borrowing: boolean) {
    this.reserve = reserve;
    this.scaledATokenBalance = scaledATokenBalance;
    this.scaledVariableDebt = scaledVariableDebt;
    this.usingAsCollateral = usingAsCollateral;
    this.borrowing = borrowing;
    this.next = undefined;
  }
}

/**
 * Everything the pool keeps per user in one object: the reserves it touched, as a short linked
 * list (reserves are few; a Map per user cost ~200 bytes of hash table), and where the user is
 * filed in the liquidation-price index.
 */
class UserRecord {
  readonly user: string;
  first: UserReserve | undefined;
  /** The pair index holding the user (single collateral and single debt), if any. */
  pair: PairIndex | undefined;
  /** The user's heap slot in `pair.index`, -1 when not indexed (see RECORD_SLOTS). */
  slot: number;

  constructor(user: string) {
    this.user = user;
    this.first = undefined;
    this.pair = undefined;
    this.slot = -1;
  }

  find(r: ReserveState): UserReserve | undefined {
    for (let p = this.first; p !== undefined; p = p.next) if (p.reserve === r) return p;
    return undefined;
  }

  /** Names the user in the index's error messages. */
  toString(): string {
    return this.user;
  }
}

interface AccountData {
  readonly totalCollateralBase: bigint;
  readonly totalDebtBase: bigint;
  readonly avgLtv: bigint;
  readonly avgLiquidationThreshold: bigint;
  readonly healthFactor: bigint;
  readonly hasZeroLtvCollateral: boolean;
}

interface PairIndex {
  readonly collateral: ReserveState;
  readonly debt: ReserveState;
  readonly index: LiquidationIndex<UserRecord>;
}

/**
 * Heap slots of indexed users live in their records instead of a hash entry per position. One
 * field is enough because a user is in at most one pair index: `reindex` removes a user from its
 * previous pair before filing it in another.
 */
const RECORD_SLOTS: SlotStore<UserRecord> = {
  get: (rec) => (rec.slot < 0 ? undefined : rec.slot),
  set: (rec, slot) => {
    rec.slot = slot;
  },
  delete: (rec) => {
    rec.slot = -1;
  },
};

/** Marks, in a transaction's saved records, a user that did not exist before it. */
const NEW_USER = Symbol('new user');

interface Transfer {
  readonly token: string;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
}

/**
 * What the running transaction wrote, to settle it or roll it back. The pool keeps one and reuses
 * it: a liquidation cascade runs hundreds of thousands of transactions, and fresh containers per
 * transaction (or arrays emptied with `length = 0`, which drops their storage) were garbage that
 * outlived the young generation. Entries past the counts are left over from earlier transactions.
 */
class Tx {
  open = false;
  /** Users written, in first-write order; a transaction writes a handful (user, liquidator, treasury). */
  readonly users: UserRecord[] = [];
  /** For each of `users`, a copy of its reserves as they were. */
  readonly before: (UserReserve | undefined | typeof NEW_USER)[] = [];
  userCount = 0;
  readonly transfers: Transfer[] = [];
  transferCount = 0;

  /** Whether `rec` was written in this transaction already. */
  wrote(rec: UserRecord): boolean {
    for (let i = 0; i < this.userCount; i++) if (this.users[i] === rec) return true;
    return false;
  }

  addUser(rec: UserRecord, before: UserReserve | undefined | typeof NEW_USER): void {
    this.users[this.userCount] = rec;
    this.before[this.userCount] = before;
    this.userCount++;
  }

  addTransfer(transfer: Transfer): void {
    this.transfers[this.transferCount++] = transfer;
  }

  close(): void {
    this.open = false;
    this.userCount = 0;
    this.transferCount = 0;
  }
}

/**
 * The index is searched with float keys but positions are judged with the contract's integer
 * health factor. Two allowances keep the float search from hiding a liquidatable position:
 * each key is raised by the position's own balance rounding (half a token unit on each side,
 * see `reindex`), and the search threshold is lowered by this relative margin, which covers the
 * flooring of base-currency values for positions worth at least about $0.10. Candidates are then
 * re-checked exactly, so nothing is ever falsely reported.
 */
const INDEX_MARGIN = 1e-6;

const EMPTY_DEFICIT: ReadonlyMap<string, bigint> = new Map();

/** Deficit created by one liquidation, per debt asset; the map is made only once there is one. */
class DeficitBook {
  created: Map<string, bigint> | undefined = undefined;

  add(asset: string, amount: bigint): void {
    const created = (this.created ??= new Map());
    created.set(asset, (created.get(asset) ?? 0n) + amount);
  }
}

/** Thrown inside a dry run to roll everything back after reading the result. */
const DRY_RUN = Symbol('dry run');

/**
 * An Aave V3.3-style lending pool: one object holding every reserve, aToken and variable-debt
 * balance, following the contracts' integer rounding. Actions take the acting account first
 * (the `msg.sender`), throw RevertError with Aave's error names on refusal and then leave
 * everything unchanged. Time is the pool clock in integer seconds, advanced with `setTime`
 * (like `block.timestamp`); amounts are bigint base units; percentages bps; prices 8 decimals.
 */
export class AavePool {
  readonly treasury: string;
  readonly poolAccount: string;
  private readonly reserves = new Map<string, ReserveState>();
  private readonly reserveList: ReserveState[] = [];
  private readonly users = new Map<string, UserRecord>();
  private readonly priceSource: PriceSource;
  private readonly permissioned: ReadonlySet<string> | undefined;
  private readonly umbrella: string | undefined;
  private readonly ledger: TokenLedger | undefined;
  private guard: CircuitBreaker | undefined;
  private now: number;
  private readonly tx = new Tx();
  /** Pair indexes in creation order (few: at most one per collateral/debt pair in use). */
  private readonly pairs: PairIndex[] = [];
  private readonly complexUsers = new Set<string>();
  private readonly rules: LiquidationRules;
  /** Set during previewLiquidation: breakers must not count a liquidation that is rolled back. */
  private dryRun = false;

  constructor(config: AavePoolConfig) {
    if (typeof config !== 'object' || config === null) throw new ModelConfigError('config', 'must be an object', config);
    if (typeof config.priceSource !== 'function') {
      throw new ModelConfigError('priceSource', 'must be a function (asset) => bigint', config.priceSource);
    }
    if (!Array.isArray(config.reserves) || config.reserves.length === 0) {
      throw new ModelConfigError('reserves', 'must be a non-empty array', config.reserves);
    }
    const start = config.startTime ?? 0;
    if (!Number.isSafeInteger(start) || start < 0) throw new ModelConfigError('startTime', 'must be a non-negative integer (seconds)', start);
    config.reserves.forEach((input, i) => {
      const name = typeof input?.asset === 'string' && input.asset.length > 0 ? input.asset : String(i);
      const cfg = normalizeReserveConfig(input, `reserves[${name}]`);
      if (this.reserves.has(cfg.asset)) throw new ModelConfigError(`reserves[${name}].asset`, 'must be unique', cfg.asset);
      const reserve = new ReserveState(cfg, start);
      this.reserves.set(cfg.asset, reserve);
      this.reserveList.push(reserve);
    });
    for (const key of ['treasury', 'umbrella', 'poolAccount'] as const) {
      const v = config[key];
      if (v !== undefined && (typeof v !== 'string' || v.length === 0)) throw new ModelConfigError(key, 'must be a non-empty string', v);
    }
    this.treasury = config.treasury ?? 'aave:treasury';
    this.poolAccount = config.poolAccount ?? 'aave:pool';
    this.umbrella = config.umbrella;
    if (config.permissionedLiquidators !== undefined) {
      const set = new Set<string>();
      for (const l of config.permissionedLiquidators) {
        if (typeof l !== 'string') throw new ModelConfigError('permissionedLiquidators', 'must contain account ids (strings)', l);
        set.add(l);
      }
      this.permissioned = set;
    }
    if (config.guard !== undefined) this.checkGuard(config.guard);
    this.guard = config.guard;
    const ledger = config.ledger;
    if (ledger !== undefined && (typeof ledger.balanceOf !== 'function' || typeof ledger.transfer !== 'function')) {
      throw new ModelConfigError('ledger', 'must have balanceOf(token, account) and transfer(token, from, to, amount)', ledger);
    }
    this.ledger = ledger;
    this.priceSource = config.priceSource;
    this.now = start;
    this.rules = { ...AAVE_V3_3_LIQUIDATION_RULES, ...config.liquidationRules };
    const r = this.rules;
    if (r.closeFactor <= 0n || r.closeFactor > 10_000n) throw new ModelConfigError('liquidationRules.closeFactor', 'must be in (0, 10000] bps', r.closeFactor);
    for (const key of ['fullLiquidationHealthFactor', 'fullLiquidationBelowBase', 'minLeftoverBase'] as const) {
      if (r[key] < 0n) throw new ModelConfigError(`liquidationRules.${key}`, 'must be >= 0', r[key]);
    }
  }

  // ---------------------------------------------------------------- clock and admin

  /** Pool clock, integer seconds. */
  get time(): number {
    return this.now;
  }

  /** Advances the pool clock (the block timestamp of the next actions). Never goes back. */
  setTime(now: number): void {
    if (!Number.isSafeInteger(now)) throw new RangeError(`AavePool.setTime: expected integer seconds, got ${now}`);
    if (now < this.now) throw new RangeError(`AavePool.setTime: time runs backwards (${now} < ${this.now})`);
    this.now = now;
  }

  /** Replaces (or removes) the circuit breaker. */
  setGuard(guard: CircuitBreaker | undefined): void {
    if (guard !== undefined) this.checkGuard(guard);
    this.guard = guard;
  }

  /** `PoolConfigurator.setReservePause`: a paused reserve refuses every action touching it. */
  setReservePaused(asset: string, paused: boolean): void {
    this.reserveOf(asset).paused = paused;
  }

  /** `PoolConfigurator.setReserveFreeze`: a frozen reserve refuses supply and borrow only. */
  setReserveFrozen(asset: string, frozen: boolean): void {
    this.reserveOf(asset).frozen = frozen;
  }

  // ---------------------------------------------------------------- actions

  /**
   * `Pool.supply`: deposits `amount` of `asset` from `user`, minting aTokens to `onBehalfOf`.
   * The first supply of a non-isolated asset with LTV > 0 is enabled as collateral.
   */
  supply(user: string, asset: string, amount: bigint, onBehalfOf: string = user): bigint {
    return this.atomic(() => {
      const r = this.reserveOf(asset);
      r.updateState(this.now);
      // ValidationLogic.validateSupply
      if (amount <= 0n) throw new RevertError('INVALID_AMOUNT');
      if (r.paused) throw new RevertError('RESERVE_PAUSED');
      if (r.frozen) throw new RevertError('RESERVE_FROZEN');
      const cap = r.config.supplyCap;
      if (cap !== 0n && rayMul(r.scaledATokenSupply + r.accruedToTreasury, r.liquidityIndex) + amount > cap * r.config.unit) {
        throw new RevertError('SUPPLY_CAP_EXCEEDED');
      }
      r.updateInterestRatesAndVirtualBalance(amount, 0n);
      this.pull(asset, user, amount);
      const isFirstSupply = this.mintAToken(r, onBehalfOf, amount, r.liquidityIndex);
      if (isFirstSupply && this.validateAutomaticUseAsCollateral(onBehalfOf, r)) {
        this.writePos(onBehalfOf, r).usingAsCollateral = true;
      }
      return amount;
    });
  }

  /**
   * `Pool.withdraw`: burns `user`'s aTokens and pays out the underlying; `MAX_UINT256` withdraws
   * everything. Returns the amount withdrawn.
   */
  withdraw(user: string, asset: string, amount: bigint): bigint {
    return this.atomic(() => {
      const r = this.reserveOf(asset);
      r.updateState(this.now);
      const p = this.readPos(user, r);
      const userBalance = rayMul(p?.scaledATokenBalance ?? 0n, r.liquidityIndex);
      const amountToWithdraw = amount === MAX_UINT256 ? userBalance : amount;
      // ValidationLogic.validateWithdraw
      if (amountToWithdraw <= 0n) throw new RevertError('INVALID_AMOUNT');
      if (amountToWithdraw > userBalance) throw new RevertError('NOT_ENOUGH_AVAILABLE_USER_BALANCE');
      if (r.paused) throw new RevertError('RESERVE_PAUSED');
      r.updateInterestRatesAndVirtualBalance(0n, amountToWithdraw);
      const isCollateral = p?.usingAsCollateral ?? false;
      if (isCollateral && amountToWithdraw === userBalance) this.writePos(user, r).usingAsCollateral = false;
      this.burnAToken(r, user, amountToWithdraw, r.liquidityIndex);
      if (isCollateral && this.isBorrowingAny(user)) this.validateHFAndLtv(user, r);
      this.push(asset, user, amountToWithdraw);
      return amountToWithdraw;
    });
  }

  /** `Pool.borrow` (variable rate, on the borrower's own behalf). Returns the amount borrowed. */
  borrow(user: string, asset: string, amount: bigint): bigint {
    let ctx: BorrowContext | undefined;
    const result = this.atomic(() => {
      const r = this.reserveOf(asset);
      r.updateState(this.now);
      const isolation = this.isolationModeState(user);
      // ValidationLogic.validateBorrow
      if (amount <= 0n) throw new RevertError('INVALID_AMOUNT');
      if (r.paused) throw new RevertError('RESERVE_PAUSED');
      if (r.frozen) throw new RevertError('RESERVE_FROZEN');
      if (!r.config.borrowingEnabled) throw new RevertError('BORROWING_NOT_ENABLED');
      if (rayMul(r.scaledATokenSupply, r.normalizedIncome(this.now)) < amount) throw new RevertError('INVALID_AMOUNT');
      const price = this.price(asset);
      if (this.guard !== undefined) {
        ctx = { now: this.now, user, asset, amount, price, collateralAssets: this.collateralAssets(user) };
        if (!this.guard.allowBorrow(ctx)) throw new RevertError('CIRCUIT_BREAKER_BORROW_REFUSED');
      }
      if (r.config.borrowCap !== 0n && rayMul(r.scaledVariableDebt, r.variableBorrowIndex) + amount > r.config.borrowCap * r.config.unit) {
        throw new RevertError('BORROW_CAP_EXCEEDED');
      }
      if (isolation !== undefined) {
        if (!r.config.borrowableInIsolation) throw new RevertError('ASSET_NOT_BORROWABLE_IN_ISOLATION');
        if (isolation.isolationModeTotalDebt + this.toCeilingUnits(r, amount) > isolation.config.debtCeiling) {
          throw new RevertError('DEBT_CEILING_EXCEEDED');
        }
      }
      const acct = this.accountData(user);
      if (acct.totalCollateralBase === 0n) throw new RevertError('COLLATERAL_BALANCE_IS_ZERO');
      if (acct.avgLtv === 0n) throw new RevertError('LTV_VALIDATION_FAILED');
      if (acct.healthFactor <= HEALTH_FACTOR_LIQUIDATION_THRESHOLD) throw new RevertError('HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD');
      const amountInBase = (price * amount) / r.config.unit;
      const collateralNeeded = percentDiv(acct.totalDebtBase + amountInBase, acct.avgLtv);
      if (collateralNeeded > acct.totalCollateralBase) throw new RevertError('COLLATERAL_CANNOT_COVER_NEW_BORROW');
      // BorrowLogic.executeBorrow
      const isFirstBorrowing = this.mintDebt(r, user, amount);
      if (isFirstBorrowing) this.writePos(user, r).borrowing = true;
      if (isolation !== undefined) isolation.isolationModeTotalDebt += this.toCeilingUnits(r, amount);
      r.updateInterestRatesAndVirtualBalance(0n, amount);
      this.push(asset, user, amount);
      return amount;
    });
    if (ctx !== undefined) this.guard?.onBorrow?.(ctx);
    return result;
  }

  /**
   * `Pool.repay` (variable debt): `payer` repays up to `amount` of `onBehalfOf`'s debt;
   * `MAX_UINT256` repays it all (only on one's own behalf). Returns the amount repaid.
   */
  repay(payer: string, asset: string, amount: bigint, onBehalfOf: string = payer): bigint {
    return this.atomic(() => {
      const r = this.reserveOf(asset);
      r.updateState(this.now);
      const scaled = this.readPos(onBehalfOf, r)?.scaledVariableDebt ?? 0n;
      const variableDebt = scaled === 0n ? 0n : rayMul(scaled, r.variableBorrowIndex);
      // ValidationLogic.validateRepay
      if (amount <= 0n) throw new RevertError('INVALID_AMOUNT');
      if (amount === MAX_UINT256 && payer !== onBehalfOf) throw new RevertError('NO_EXPLICIT_AMOUNT_TO_REPAY_ON_BEHALF');
      if (r.paused) throw new RevertError('RESERVE_PAUSED');
      if (variableDebt === 0n) throw new RevertError('NO_DEBT_OF_SELECTED_TYPE');
      const paybackAmount = amount < variableDebt ? amount : variableDebt;
      this.burnDebt(r, onBehalfOf, paybackAmount);
      r.updateInterestRatesAndVirtualBalance(paybackAmount, 0n);
      if (variableDebt - paybackAmount === 0n) this.writePos(onBehalfOf, r).borrowing = false;
      const isolation = this.isolationModeState(onBehalfOf);
      if (isolation !== undefined) this.updateIsolatedDebt(isolation, r, paybackAmount);
      this.pull(asset, payer, paybackAmount);
      return paybackAmount;
    });
  }

  /** `Pool.setUserUseReserveAsCollateral`. */
  setUserUseReserveAsCollateral(user: string, asset: string, useAsCollateral: boolean): void {
    this.atomic(() => {
      const r = this.reserveOf(asset);
      const p = this.readPos(user, r);
      const userBalance = this.aTokensOf(p, r);
      if (userBalance === 0n) throw new RevertError('UNDERLYING_BALANCE_ZERO');
      if (r.paused) throw new RevertError('RESERVE_PAUSED');
      if (useAsCollateral === (p?.usingAsCollateral ?? false)) return;
      if (useAsCollateral) {
        if (!this.validateUseAsCollateral(user, r)) throw new RevertError('USER_IN_ISOLATION_MODE_OR_LTV_ZERO');
        this.writePos(user, r).usingAsCollateral = true;
      } else {
        this.writePos(user, r).usingAsCollateral = false;
        this.validateHFAndLtv(user, r);
      }
    });
  }

  /**
   * `Pool.liquidationCall`: `liquidator` repays up to `debtToCover` of `user`'s `debtAsset` debt
   * (`MAX_UINT256` = as much as allowed) and receives `collateralAsset` plus the bonus, less the
   * protocol fee. Allowed only when the health factor is below 1. When the user has no collateral
   * left afterwards, all their remaining debt is burned and booked as reserve deficit.
   */
  liquidationCall(
    liquidator: string,
    collateralAsset: string,
    debtAsset: string,
    user: string,
    debtToCover: bigint,
    receiveAToken = false,
  ): LiquidationResult {
    return this.liquidate(liquidator, collateralAsset, debtAsset, user, debtToCover, receiveAToken, undefined);
  }

  /**
   * `liquidationCall` (collateral received as underlying) by a liquidator who pays with what the
   * liquidation yields, like a flash loan repaid from selling the seized collateral: `fund`
   * learns the debt to repay and the collateral seized once every check of the pool has passed,
   * before any token moves, and may throw RevertError to revert the whole call. One call where a
   * dry run followed by the real one would do the work twice.
   */
  fundedLiquidationCall(
    liquidator: string,
    collateralAsset: string,
    debtAsset: string,
    user: string,
    debtToCover: bigint,
    fund: (debtRepaid: bigint, collateralSeized: bigint) => void,
  ): LiquidationResult {
    return this.liquidate(liquidator, collateralAsset, debtAsset, user, debtToCover, false, fund);
  }

  private liquidate(
    liquidator: string,
    collateralAsset: string,
    debtAsset: string,
    user: string,
    debtToCover: bigint,
    receiveAToken: boolean,
    fund: ((debtRepaid: bigint, collateralSeized: bigint) => void) | undefined,
  ): LiquidationResult {
    if (this.permissioned !== undefined && !this.permissioned.has(liquidator)) {
      throw new RevertError('CALLER_NOT_PERMISSIONED_LIQUIDATOR');
    }
    let ctx: LiquidationContext | undefined;
    const result = this.atomic((): LiquidationResult => {
      const cr = this.reserveOf(collateralAsset);
      const dr = this.reserveOf(debtAsset);
      if (debtToCover < 0n) throw new RevertError('INVALID_AMOUNT');
      dr.updateState(this.now);
      const acct = this.accountData(user);
      const cpos = this.readPos(user, cr);
      const userCollateralBalance = this.aTokensOf(cpos, cr);
      const userReserveDebt = this.debtOf(this.readPos(user, dr), dr);

      // ValidationLogic.validateLiquidationCall (the circuit breaker runs below, once amounts are known)
      if (cr.paused || dr.paused) throw new RevertError('RESERVE_PAUSED');
      if (acct.healthFactor >= HEALTH_FACTOR_LIQUIDATION_THRESHOLD) throw new RevertError('HEALTH_FACTOR_NOT_BELOW_THRESHOLD');
      if (cr.config.liquidationThreshold === 0n || !(cpos?.usingAsCollateral ?? false)) {
        throw new RevertError('COLLATERAL_CANNOT_BE_LIQUIDATED');
      }
      if (userReserveDebt === 0n) throw new RevertError('SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER');

      const liquidationBonus = cr.config.liquidationBonus;
      const collateralPrice = this.price(collateralAsset);
      const debtPrice = this.price(debtAsset);
      const collateralUnit = cr.config.unit;
      const debtUnit = dr.config.unit;
      const userReserveDebtInBase = (userReserveDebt * debtPrice) / debtUnit;
      const userReserveCollateralInBase = (userCollateralBalance * collateralPrice) / collateralUnit;
      const maxDebt = maxLiquidatableDebt({
        userReserveDebt,
        userReserveDebtInBase,
        userReserveCollateralInBase,
        totalDebtInBase: acct.totalDebtBase,
        healthFactor: acct.healthFactor,
        debtAssetPrice: debtPrice,
        debtAssetUnit: debtUnit,
      }, this.rules);
      const requested = debtToCover > maxDebt ? maxDebt : debtToCover;
      const available = calculateAvailableCollateralToLiquidate({
        collateralAssetPrice: collateralPrice,
        collateralAssetUnit: collateralUnit,
        debtAssetPrice: debtPrice,
        debtAssetUnit: debtUnit,
        debtToCover: requested,
        userCollateralBalance,
        liquidationBonus,
        liquidationProtocolFee: cr.config.liquidationProtocolFee,
      });
      const actualDebtToLiquidate = available.debtAmountNeeded;
      const actualCollateralToLiquidate = available.collateralAmount;
      let protocolFee = available.liquidationProtocolFee;
      if (
        !leavesNoDust({
          userReserveDebt,
          actualDebtToLiquidate,
          userCollateralBalance,
          actualCollateralToLiquidate,
          liquidationProtocolFee: protocolFee,
          debtAssetPrice: debtPrice,
          debtAssetUnit: debtUnit,
          collateralAssetPrice: collateralPrice,
          collateralAssetUnit: collateralUnit,
        }, this.rules.minLeftoverBase)
      ) {
        throw new RevertError('MUST_NOT_LEAVE_DUST');
      }
      if (this.guard !== undefined) {
        ctx = {
          now: this.now,
          liquidator,
          user,
          collateralAsset,
          debtAsset,
          healthFactor: acct.healthFactor,
          debtToCover: actualDebtToLiquidate,
          debtValueBase: (actualDebtToLiquidate * debtPrice) / debtUnit,
          collateralSeized: actualCollateralToLiquidate + protocolFee,
          collateralPrice,
          debtPrice,
        };
        if (!this.guard.allowLiquidation(ctx)) throw new RevertError('CIRCUIT_BREAKER_LIQUIDATION_REFUSED');
      }

      if (actualCollateralToLiquidate + protocolFee === userCollateralBalance) {
        this.writePos(user, cr).usingAsCollateral = false;
      }
      const hasNoCollateralLeft = acct.totalCollateralBase === available.collateralToLiquidateInBaseCurrency;
      const deficits = new DeficitBook();
      this.burnDebtTokens(dr, user, userReserveDebt, actualDebtToLiquidate, hasNoCollateralLeft, deficits);
      // Only an isolated collateral carries a ceiling; the user was then in isolation mode.
      if (cr.config.debtCeiling !== 0n) this.updateIsolatedDebt(cr, dr, actualDebtToLiquidate);

      if (receiveAToken) {
        // _liquidateATokens: collateral stays supplied and changes hands as aTokens.
        const index = cr.normalizedIncome(this.now);
        const liquidatorPrevious = rayMul(this.readPos(liquidator, cr)?.scaledATokenBalance ?? 0n, index);
        this.transferAToken(cr, user, liquidator, actualCollateralToLiquidate, index);
        if (
          liquidatorPrevious === 0n ||
          (liquidator === user && actualCollateralToLiquidate + protocolFee === userCollateralBalance)
        ) {
          if (this.validateAutomaticUseAsCollateral(liquidator, cr)) this.writePos(liquidator, cr).usingAsCollateral = true;
        }
      } else {
        // _burnCollateralATokens
        cr.updateState(this.now);
        cr.updateInterestRatesAndVirtualBalance(0n, actualCollateralToLiquidate);
        this.burnAToken(cr, user, actualCollateralToLiquidate, cr.liquidityIndex);
      }

      if (protocolFee !== 0n) {
        const index = cr.normalizedIncome(this.now);
        const scaledFee = rayDiv(protocolFee, index);
        const scaledUser = this.readPos(user, cr)?.scaledATokenBalance ?? 0n;
        // One wei of imprecision may leave less than the fee on the balance.
        if (scaledFee > scaledUser) protocolFee = rayMul(scaledUser, index);
        this.transferAToken(cr, user, this.treasury, protocolFee, index);
      }

      if (hasNoCollateralLeft && this.isBorrowingAny(user)) this.burnBadDebt(user, deficits);

      fund?.(actualDebtToLiquidate, actualCollateralToLiquidate);
      this.pull(debtAsset, liquidator, actualDebtToLiquidate);
      if (!receiveAToken) this.push(collateralAsset, liquidator, actualCollateralToLiquidate);
      return {
        user,
        liquidator,
        collateralAsset,
        debtAsset,
        debtRepaid: actualDebtToLiquidate,
        collateralToLiquidator: actualCollateralToLiquidate,
        protocolFee,
        receiveAToken,
        healthFactorBefore: acct.healthFactor,
        deficitCreated: deficits.created ?? EMPTY_DEFICIT,
      };
    });
    if (ctx !== undefined && !this.dryRun) this.guard?.onLiquidation?.(ctx);
    return result;
  }

  /**
   * What `liquidationCall` would do now, without doing it: the debt repaid and the collateral
   * the liquidator would receive, or undefined when it would revert (healthy position, paused
   * reserve, dust, breaker...). A dry run of the real call, so it cannot disagree with it.
   */
  previewLiquidation(liquidator: string, collateralAsset: string, debtAsset: string, user: string, debtToCover: bigint): { repay: bigint; seize: bigint } | undefined {
    let preview: { repay: bigint; seize: bigint } | undefined;
    this.dryRun = true;
    try {
      this.atomic(() => {
        const result = this.liquidationCall(liquidator, collateralAsset, debtAsset, user, debtToCover);
        preview = { repay: result.debtRepaid, seize: result.collateralToLiquidator };
        throw DRY_RUN;
      });
    } catch (error) {
      if (error === DRY_RUN) return preview;
      if (error instanceof RevertError) return undefined;
      throw error;
    } finally {
      this.dryRun = false;
    }
    return undefined;
  }

  /**
   * `PoolLogic.executeMintToTreasury`: turns the reserve-factor share accrued in `assets`
   * (default all) into treasury aTokens.
   */
  mintToTreasury(assets?: Iterable<string>): void {
    this.atomic(() => {
      const list = assets === undefined ? this.reserveList : [...assets].map((a) => this.reserveOf(a));
      for (const r of list) {
        const accrued = r.accruedToTreasury;
        if (accrued === 0n) continue;
        r.accruedToTreasury = 0n;
        const income = r.normalizedIncome(this.now);
        this.mintAToken(r, this.treasury, rayMul(accrued, income), income);
      }
    });
  }

  /**
   * `Pool.eliminateReserveDeficit` (v3.3, Umbrella only): burns `caller`'s aTokens to write off
   * up to `amount` of the reserve's deficit. Returns the amount written off.
   */
  eliminateReserveDeficit(caller: string, asset: string, amount: bigint): bigint {
    if (this.umbrella === undefined || caller !== this.umbrella) throw new RevertError('CALLER_NOT_UMBRELLA');
    return this.atomic(() => {
      if (amount <= 0n) throw new RevertError('INVALID_AMOUNT');
      const r = this.reserveOf(asset);
      const currentDeficit = r.deficit;
      if (currentDeficit === 0n) throw new RevertError('RESERVE_NOT_IN_DEFICIT');
      if (this.isBorrowingAny(caller)) throw new RevertError('USER_CANNOT_HAVE_DEBT');
      r.updateState(this.now);
      const writeOff = amount > currentDeficit ? currentDeficit : amount;
      const p = this.readPos(caller, r);
      const userBalance = rayMul(p?.scaledATokenBalance ?? 0n, r.liquidityIndex);
      if (writeOff > userBalance) throw new RevertError('NOT_ENOUGH_AVAILABLE_USER_BALANCE');
      if ((p?.usingAsCollateral ?? false) && writeOff === userBalance) this.writePos(caller, r).usingAsCollateral = false;
      this.burnAToken(r, caller, writeOff, r.liquidityIndex);
      r.deficit -= writeOff;
      r.updateInterestRatesAndVirtualBalance(0n, 0n);
      return writeOff;
    });
  }

  // ---------------------------------------------------------------- views

  /** Listed assets in listing order. */
  assets(): string[] {
    return this.reserveList.map((r) => r.config.asset);
  }

  /** Accounts that hold or owe anything, in first-seen order. */
  accounts(): string[] {
    return [...this.users.keys()];
  }

  /** `Pool.getUserAccountData` at the pool's current time. */
  getUserAccountData(user: string): UserAccountData {
    const a = this.accountData(user);
    // GenericLogic.calculateAvailableBorrows (v3.3: half-up percentMul)
    const cap = percentMul(a.totalCollateralBase, a.avgLtv);
    return {
      totalCollateralBase: a.totalCollateralBase,
      totalDebtBase: a.totalDebtBase,
      availableBorrowsBase: cap > a.totalDebtBase ? cap - a.totalDebtBase : 0n,
      currentLiquidationThreshold: a.avgLiquidationThreshold,
      ltv: a.avgLtv,
      healthFactor: a.healthFactor,
    };
  }

  /** Health factor (wad) at the pool's current time; MAX_UINT256 without debt. */
  healthFactor(user: string): bigint {
    return this.accountData(user).healthFactor;
  }

  /** `aToken.balanceOf(user)`. */
  aTokenBalance(user: string, asset: string): bigint {
    const r = this.reserveOf(asset);
    return this.aTokensOf(this.readPos(user, r), r);
  }

  /** `variableDebtToken.balanceOf(user)`. */
  debtBalance(user: string, asset: string): bigint {
    const r = this.reserveOf(asset);
    return this.debtOf(this.readPos(user, r), r);
  }

  /** `aToken.balanceOf` of position `p` (none: 0) in reserve `r`, now. */
  private aTokensOf(p: UserReserve | undefined, r: ReserveState): bigint {
    return rayMul(p?.scaledATokenBalance ?? 0n, r.normalizedIncome(this.now));
  }

  /** `variableDebtToken.balanceOf` of position `p` (none: 0) in reserve `r`, now. */
  private debtOf(p: UserReserve | undefined, r: ReserveState): bigint {
    const scaled = p?.scaledVariableDebt ?? 0n;
    return scaled === 0n ? 0n : rayMul(scaled, r.normalizedDebt(this.now));
  }

  /** Every reserve the user touches, with scaled and current balances. */
  positions(user: string): PositionView[] {
    const out: PositionView[] = [];
    for (let p = this.users.get(user)?.first; p !== undefined; p = p.next) {
      const r = p.reserve;
      out.push({
        asset: r.config.asset,
        scaledATokenBalance: p.scaledATokenBalance,
        scaledVariableDebt: p.scaledVariableDebt,
        aTokenBalance: this.aTokensOf(p, r),
        variableDebt: this.debtOf(p, r),
        usingAsCollateral: p.usingAsCollateral,
        borrowing: p.borrowing,
      });
    }
    return out;
  }

  /** The reserve's state at the pool's current time. */
  reserve(asset: string): ReserveView {
    const r = this.reserveOf(asset);
    const normalizedIncome = r.normalizedIncome(this.now);
    const normalizedDebt = r.normalizedDebt(this.now);
    return {
      config: r.config,
      liquidityIndex: r.liquidityIndex,
      variableBorrowIndex: r.variableBorrowIndex,
      normalizedIncome,
      normalizedDebt,
      liquidityRate: r.currentLiquidityRate,
      variableBorrowRate: r.currentVariableBorrowRate,
      lastUpdateTimestamp: r.lastUpdateTimestamp,
      accruedToTreasury: r.accruedToTreasury,
      virtualUnderlyingBalance: r.virtualUnderlyingBalance,
      deficit: r.deficit,
      isolationModeTotalDebt: r.isolationModeTotalDebt,
      scaledATokenSupply: r.scaledATokenSupply,
      scaledVariableDebt: r.scaledVariableDebt,
      totalATokenSupply: rayMul(r.scaledATokenSupply, normalizedIncome),
      totalVariableDebt: r.scaledVariableDebt === 0n ? 0n : rayMul(r.scaledVariableDebt, normalizedDebt),
      paused: r.paused,
      frozen: r.frozen,
    };
  }

  // ---------------------------------------------------------------- liquidation-price index

  /**
   * Collateral price (base currency per whole collateral token, as a number) at which a
   * single-collateral/single-debt position's health factor crosses 1, at current indexes and
   * debt price; undefined for other positions.
   */
  liquidationPrice(user: string): number | undefined {
    const rec = this.users.get(user);
    if (rec?.pair === undefined) return undefined;
    return this.rawKey(rec, rec.pair) * this.pairFactor(rec.pair);
  }

  /**
   * Positions with health factor below 1 that have collateral to seize, found through the
   * liquidation-price index: cost grows with the number of crossed positions (plus any
   * multi-asset positions, which are checked one by one), not with the number of positions.
   * Indexed positions come first, highest liquidation price first within a collateral/debt pair.
   */
  liquidatablePositions(limit = Infinity): LiquidatablePosition[] {
    const out: LiquidatablePosition[] = [];
    for (const pair of this.pairs) {
      if (out.length >= limit) break;
      if (pair.index.size === 0) continue;
      const factor = this.pairFactor(pair);
      const price = Number(this.price(pair.collateral.config.asset));
      const threshold = (price / factor) * (1 - INDEX_MARGIN);
      for (const entry of pair.index.crossed(threshold)) {
        if (out.length >= limit) break;
        const rec = entry.id;
        const hf = this.accountOf(rec).healthFactor;
        if (hf < HEALTH_FACTOR_LIQUIDATION_THRESHOLD) {
          out.push({
            user: rec.user,
            healthFactor: hf,
            collateralAsset: pair.collateral.config.asset,
            debtAsset: pair.debt.config.asset,
            liquidationPrice: this.rawKey(rec, pair) * factor,
            collateralBalance: this.aTokensOf(rec.find(pair.collateral), pair.collateral),
            debtBalance: this.debtOf(rec.find(pair.debt), pair.debt),
          });
        }
      }
    }
    for (const user of this.complexUsers) {
      if (out.length >= limit) break;
      const hf = this.accountData(user).healthFactor;
      if (hf < HEALTH_FACTOR_LIQUIDATION_THRESHOLD) out.push({ user, healthFactor: hf });
    }
    return out;
  }

  /**
   * Indexed users of a collateral/debt pair whose liquidation price is above `collateralPrice`
   * (what a price update to that level would make unhealthy), highest first. Pure index lookup:
   * no exact health-factor check and no oracle call for the collateral, so positions within
   * rounding (a fraction of a token unit) of that price may be included.
   */
  positionsCrossedAt(collateralAsset: string, debtAsset: string, collateralPrice: bigint): string[] {
    const pair = this.pairs.find((p) => p.collateral.config.asset === collateralAsset && p.debt.config.asset === debtAsset);
    if (pair === undefined) return [];
    const threshold = Number(collateralPrice) / this.pairFactor(pair);
    return pair.index.crossed(threshold).map((e) => e.id.user);
  }

  // ---------------------------------------------------------------- internals: accounting

  private atomic<T>(fn: () => T): T {
    const tx = this.tx;
    if (tx.open) return fn();
    for (const r of this.reserveList) r.save();
    tx.open = true;
    try {
      const result = fn();
      this.settle(tx.transfers, tx.transferCount);
      tx.open = false;
      for (let i = 0; i < tx.userCount; i++) this.reindex(tx.users[i]!);
      return result;
    } catch (e) {
      for (const r of this.reserveList) r.rollback();
      // Records stay the same objects (the index holds them); only their reserves are put back.
      for (let i = 0; i < tx.userCount; i++) {
        const rec = tx.users[i]!;
        const before = tx.before[i];
        if (before === NEW_USER) this.users.delete(rec.user);
        else rec.first = before;
      }
      throw e;
    } finally {
      tx.close();
    }
  }

  /**
   * Moves the first `count` legs through the ledger after checking every one, so a shortfall
   * reverts cleanly.
   */
  private settle(transfers: readonly Transfer[], count: number): void {
    const ledger = this.ledger;
    if (ledger === undefined || count === 0) return;
    if (count === 1) {
      // Most actions move one leg, whose sender's balance is then the only thing to check.
      const t = transfers[0]!;
      if (ledger.balanceOf(t.token, t.from) < t.amount) throw new RevertError('TRANSFER_AMOUNT_EXCEEDS_BALANCE');
      ledger.transfer(t.token, t.from, t.to, t.amount);
      return;
    }
    // Each leg is checked against the balance left by the legs before it. An account is the
    // sender of an earlier leg or the receiver of one, or it has its ledger balance: legs are
    // few, so looking back through them costs less than keying a map by token and account.
    for (let i = 0; i < count; i++) {
      const t = transfers[i]!;
      if (balanceBefore(ledger, transfers, i, t.token, t.from) < t.amount) throw new RevertError('TRANSFER_AMOUNT_EXCEEDS_BALANCE');
    }
    for (let i = 0; i < count; i++) {
      const t = transfers[i]!;
      ledger.transfer(t.token, t.from, t.to, t.amount);
    }
  }

  private pull(token: string, from: string, amount: bigint): void {
    if (this.ledger !== undefined && amount > 0n) this.tx.addTransfer({ token, from, to: this.poolAccount, amount });
  }

  private push(token: string, to: string, amount: bigint): void {
    if (this.ledger !== undefined && amount > 0n) this.tx.addTransfer({ token, from: this.poolAccount, to, amount });
  }

  private reserveOf(asset: string): ReserveState {
    const r = this.reserves.get(asset);
    if (r === undefined) throw new RevertError('ASSET_NOT_LISTED');
    return r;
  }

  private price(asset: string): bigint {
    const p = this.priceSource(asset);
    if (typeof p !== 'bigint' || p <= 0n) throw new RevertError('ORACLE_PRICE_NOT_POSITIVE');
    return p;
  }

  private readPos(user: string, r: ReserveState): UserReserve | undefined {
    return this.users.get(user)?.find(r);
  }

  /**
   * The user's holding in `r`, created if needed (last in the user's order). The user's reserves
   * are copied into the transaction before its first write, for rollback.
   */
  private writePos(user: string, r: ReserveState): UserReserve {
    const tx = this.tx;
    let rec = this.users.get(user);
    if (rec === undefined) {
      rec = new UserRecord(user);
      this.users.set(user, rec);
      tx.addUser(rec, NEW_USER);
    } else if (!tx.wrote(rec)) {
      tx.addUser(rec, cloneReserves(rec.first));
    }
    let last: UserReserve | undefined;
    for (let p = rec.first; p !== undefined; p = p.next) {
      if (p.reserve === r) return p;
      last = p;
    }
    const p = new UserReserve(r, 0n, 0n, false, false);
    if (last === undefined) rec.first = p;
    else last.next = p;
    return p;
  }

  /** `AToken.mint` → `_mintScaled`; returns whether the previous balance was zero. */
  private mintAToken(r: ReserveState, user: string, amount: bigint, index: bigint): boolean {
    const scaled = rayDiv(amount, index);
    if (scaled === 0n) throw new RevertError('INVALID_MINT_AMOUNT');
    const p = this.writePos(user, r);
    const before = p.scaledATokenBalance;
    p.scaledATokenBalance = before + scaled;
    r.scaledATokenSupply += scaled;
    return before === 0n;
  }

  /** `AToken.burn` → `_burnScaled`. */
  private burnAToken(r: ReserveState, user: string, amount: bigint, index: bigint): void {
    const scaled = rayDiv(amount, index);
    if (scaled === 0n) throw new RevertError('INVALID_BURN_AMOUNT');
    const p = this.writePos(user, r);
    if (scaled > p.scaledATokenBalance) throw new RevertError('NOT_ENOUGH_AVAILABLE_USER_BALANCE');
    p.scaledATokenBalance -= scaled;
    r.scaledATokenSupply -= scaled;
  }

  /** `AToken.transferOnLiquidation` → ScaledBalanceTokenBase._transfer (no HF validation). */
  private transferAToken(r: ReserveState, from: string, to: string, amount: bigint, index: bigint): void {
    const scaled = rayDiv(amount, index);
    const src = this.writePos(from, r);
    if (scaled > src.scaledATokenBalance) throw new RevertError('NOT_ENOUGH_AVAILABLE_USER_BALANCE');
    src.scaledATokenBalance -= scaled;
    this.writePos(to, r).scaledATokenBalance += scaled;
  }

  /** `VariableDebtToken.mint` at the current borrow index; returns whether it is a first borrow. */
  private mintDebt(r: ReserveState, user: string, amount: bigint): boolean {
    const scaled = rayDiv(amount, r.variableBorrowIndex);
    if (scaled === 0n) throw new RevertError('INVALID_MINT_AMOUNT');
    const p = this.writePos(user, r);
    const before = p.scaledVariableDebt;
    p.scaledVariableDebt = before + scaled;
    r.scaledVariableDebt += scaled;
    return before === 0n;
  }

  /** `VariableDebtToken.burn` at the current borrow index. */
  private burnDebt(r: ReserveState, user: string, amount: bigint): void {
    const scaled = rayDiv(amount, r.variableBorrowIndex);
    if (scaled === 0n) throw new RevertError('INVALID_BURN_AMOUNT');
    const p = this.writePos(user, r);
    if (scaled > p.scaledVariableDebt) throw new RevertError('NOT_ENOUGH_AVAILABLE_USER_BALANCE');
    p.scaledVariableDebt -= scaled;
    r.scaledVariableDebt -= scaled;
  }

  /** `LiquidationLogic._burnDebtTokens`. */
  private burnDebtTokens(
    r: ReserveState,
    user: string,
    userReserveDebt: bigint,
    actualDebtToLiquidate: bigint,
    hasNoCollateralLeft: boolean,
    deficits: DeficitBook,
  ): void {
    if (userReserveDebt !== 0n) this.burnDebt(r, user, hasNoCollateralLeft ? userReserveDebt : actualDebtToLiquidate);
    let outstanding = userReserveDebt - actualDebtToLiquidate;
    if (hasNoCollateralLeft && outstanding !== 0n) {
      r.deficit += outstanding;
      deficits.add(r.config.asset, outstanding);
      outstanding = 0n;
    }
    if (outstanding === 0n) this.writePos(user, r).borrowing = false;
    r.updateInterestRatesAndVirtualBalance(actualDebtToLiquidate, 0n);
  }

  /** `LiquidationLogic._burnBadDebt`: every remaining debt of a user with no collateral becomes deficit. */
  private burnBadDebt(user: string, deficits: DeficitBook): void {
    for (const r of this.reserveList) {
      const p = this.readPos(user, r);
      if (p === undefined || !p.borrowing) continue;
      r.updateState(this.now);
      const balance = p.scaledVariableDebt === 0n ? 0n : rayMul(p.scaledVariableDebt, r.variableBorrowIndex);
      this.burnDebtTokens(r, user, balance, 0n, true, deficits);
    }
  }

  /** `IsolationModeLogic.updateIsolatedDebt`: repaid debt frees room under the collateral's ceiling. */
  private updateIsolatedDebt(collateral: ReserveState, debt: ReserveState, repayAmount: bigint): void {
    const repaid = this.toCeilingUnits(debt, repayAmount);
    collateral.isolationModeTotalDebt = collateral.isolationModeTotalDebt <= repaid ? 0n : collateral.isolationModeTotalDebt - repaid;
  }

  private toCeilingUnits(r: ReserveState, amount: bigint): bigint {
    return amount / 10n ** BigInt(r.config.decimals - DEBT_CEILING_DECIMALS);
  }

  private isBorrowingAny(user: string): boolean {
    for (let p = this.users.get(user)?.first; p !== undefined; p = p.next) if (p.borrowing) return true;
    return false;
  }

  private collateralAssets(user: string): string[] {
    const out: string[] = [];
    for (let p = this.users.get(user)?.first; p !== undefined; p = p.next) if (p.usingAsCollateral) out.push(p.reserve.config.asset);
    return out;
  }

  /** The user's only collateral, or undefined when it has none or several. */
  private soleCollateral(user: string): ReserveState | undefined {
    let sole: ReserveState | undefined;
    for (let p = this.users.get(user)?.first; p !== undefined; p = p.next) {
      if (!p.usingAsCollateral) continue;
      if (sole !== undefined) return undefined;
      sole = p.reserve;
    }
    return sole;
  }

  /** `UserConfiguration.getIsolationModeState`: the single collateral, if it has a debt ceiling. */
  private isolationModeState(user: string): ReserveState | undefined {
    const r = this.soleCollateral(user);
    return r !== undefined && r.config.debtCeiling !== 0n ? r : undefined;
  }

  /** `ValidationLogic.validateUseAsCollateral`. */
  private validateUseAsCollateral(user: string, r: ReserveState): boolean {
    if (r.config.ltv === 0n) return false;
    if (!this.hasCollateral(user)) return true;
    return this.isolationModeState(user) === undefined && r.config.debtCeiling === 0n;
  }

  private hasCollateral(user: string): boolean {
    for (let p = this.users.get(user)?.first; p !== undefined; p = p.next) if (p.usingAsCollateral) return true;
    return false;
  }

  /**
   * `ValidationLogic.validateAutomaticUseAsCollateral`. Isolated assets are enabled automatically
   * only for holders of ISOLATED_COLLATERAL_SUPPLIER_ROLE, which nobody holds here: users call
   * setUserUseReserveAsCollateral for them.
   */
  private validateAutomaticUseAsCollateral(user: string, r: ReserveState): boolean {
    if (r.config.debtCeiling !== 0n) return false;
    return this.validateUseAsCollateral(user, r);
  }

  /** `ValidationLogic.validateHFAndLtv`. */
  private validateHFAndLtv(user: string, r: ReserveState): void {
    const a = this.accountData(user);
    if (a.healthFactor < HEALTH_FACTOR_LIQUIDATION_THRESHOLD) throw new RevertError('HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD');
    if (a.hasZeroLtvCollateral && r.config.ltv !== 0n) throw new RevertError('LTV_VALIDATION_FAILED');
  }

  /** `GenericLogic.calculateUserAccountData` (v3.3) at the pool's current time. */
  private accountData(user: string): AccountData {
    return this.accountOf(this.users.get(user));
  }

  private accountOf(rec: UserRecord | undefined): AccountData {
    let totalCollateralBase = 0n;
    let totalDebtBase = 0n;
    let avgLtv = 0n;
    let avgLiquidationThreshold = 0n;
    let hasZeroLtvCollateral = false;
    let empty = true;
    for (let p = rec?.first; p !== undefined; p = p.next) {
      if (!p.usingAsCollateral && !p.borrowing) continue;
      empty = false;
      const r = p.reserve;
      const cfg = r.config;
      const price = this.price(cfg.asset);
      if (cfg.liquidationThreshold !== 0n && p.usingAsCollateral) {
        const value = (this.aTokensOf(p, r) * price) / cfg.unit;
        totalCollateralBase += value;
        if (cfg.ltv !== 0n) avgLtv += value * cfg.ltv;
        else hasZeroLtvCollateral = true;
        avgLiquidationThreshold += value * cfg.liquidationThreshold;
      }
      if (p.borrowing && p.scaledVariableDebt !== 0n) {
        totalDebtBase += (this.debtOf(p, r) * price) / cfg.unit;
      }
    }
    if (empty) {
      return { totalCollateralBase: 0n, totalDebtBase: 0n, avgLtv: 0n, avgLiquidationThreshold: 0n, healthFactor: MAX_UINT256, hasZeroLtvCollateral: false };
    }
    if (totalCollateralBase !== 0n) {
      avgLtv /= totalCollateralBase;
      avgLiquidationThreshold /= totalCollateralBase;
    } else {
      avgLtv = 0n;
      avgLiquidationThreshold = 0n;
    }
    const healthFactor =
      totalDebtBase === 0n ? MAX_UINT256 : wadDiv(percentMul(totalCollateralBase, avgLiquidationThreshold), totalDebtBase);
    return { totalCollateralBase, totalDebtBase, avgLtv, avgLiquidationThreshold, healthFactor, hasZeroLtvCollateral };
  }

  // ---------------------------------------------------------------- internals: index

  /**
   * Base-currency liquidation price per unit of index key for a pair. Keys are
   * scaledDebt/scaledCollateral, which only change when the position does; the price at which
   * HF = 1 is key * ND * pDebt * unitC * 1e4 / (unitD * NI * LT), so interest and debt-price
   * moves change one factor shared by the whole pair instead of every key.
   */
  private pairFactor(pair: PairIndex): number {
    const c = pair.collateral;
    const d = pair.debt;
    const nd = Number(d.normalizedDebt(this.now)) / 1e27;
    const ni = Number(c.normalizedIncome(this.now)) / 1e27;
    const debtPrice = Number(this.price(d.config.asset));
    return (nd * debtPrice * 10 ** c.config.decimals * 1e4) / (10 ** d.config.decimals * ni * Number(c.config.liquidationThreshold));
  }

  /** scaledDebt / scaledCollateral of an indexed user, without the rounding allowance. */
  private rawKey(rec: UserRecord, pair: PairIndex): number {
    const scaledC = rec.find(pair.collateral)!.scaledATokenBalance;
    const scaledD = rec.find(pair.debt)!.scaledVariableDebt;
    return Number(scaledD) / Number(scaledC);
  }

  /** Re-files a user after an action: in its pair index, in the multi-asset set, or nowhere. */
  private reindex(rec: UserRecord): void {
    const previous = rec.pair;
    let collateral: UserReserve | undefined;
    let debt: UserReserve | undefined;
    let collaterals = 0;
    let debts = 0;
    for (let p = rec.first; p !== undefined; p = p.next) {
      if (p.usingAsCollateral && p.scaledATokenBalance !== 0n && p.reserve.config.liquidationThreshold !== 0n) {
        collaterals++;
        collateral = p;
      }
      if (p.scaledVariableDebt !== 0n) {
        debts++;
        debt = p;
      }
    }
    if (debts === 1 && collaterals === 1) {
      const pair = this.pairOf(collateral!.reserve, debt!.reserve);
      if (previous !== undefined && previous !== pair) previous.index.remove(rec);
      this.complexUsers.delete(rec.user);
      const scaledC = Number(collateral!.scaledATokenBalance);
      const scaledD = Number(debt!.scaledVariableDebt);
      // Raised by the relative rounding of the two balances (rayMul is off by up to half a unit
      // and balances are at least their scaled amounts), so the key never understates.
      pair.index.upsert(rec, (scaledD / scaledC) * (1 + 0.5 / scaledC + 0.5 / scaledD));
      rec.pair = pair;
      return;
    }
    if (previous !== undefined) {
      previous.index.remove(rec);
      rec.pair = undefined;
    }
    if (debts > 0 && collaterals > 0) this.complexUsers.add(rec.user);
    else this.complexUsers.delete(rec.user);
  }

  /** The index of a collateral/debt pair, created on first use. */
  private pairOf(collateral: ReserveState, debt: ReserveState): PairIndex {
    for (const pair of this.pairs) if (pair.collateral === collateral && pair.debt === debt) return pair;
    const pair: PairIndex = { collateral, debt, index: new LiquidationIndex<UserRecord>(RECORD_SLOTS) };
    this.pairs.push(pair);
    return pair;
  }

  private checkGuard(guard: CircuitBreaker): void {
    if (typeof guard.allowBorrow !== 'function' || typeof guard.allowLiquidation !== 'function') {
      throw new ModelConfigError('guard', 'must implement allowBorrow(ctx) and allowLiquidation(ctx)', guard);
    }
  }
}

/** `account`'s balance of `token` once the first `n` legs have moved. */
function balanceBefore(ledger: TokenLedger, transfers: readonly Transfer[], n: number, token: string, account: string): bigint {
  let balance = ledger.balanceOf(token, account);
  for (let j = 0; j < n; j++) {
    const t = transfers[j]!;
    if (t.token !== token) continue;
    if (t.from === account) balance -= t.amount;
    if (t.to === account) balance += t.amount;
  }
  return balance;
}

/** Copies of a user's reserves, in the same order. */
function cloneReserves(first: UserReserve | undefined): UserReserve | undefined {
  let head: UserReserve | undefined;
  let tail: UserReserve | undefined;
  for (let p = first; p !== undefined; p = p.next) {
    const copy = new UserReserve(p.reserve, p.scaledATokenBalance, p.scaledVariableDebt, p.usingAsCollateral, p.borrowing);
    if (tail === undefined) head = copy;
    else tail.next = copy;
    tail = copy;
  }
  return head;
}
