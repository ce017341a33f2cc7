import { ModelConfigError, RevertError } from '../errors';
import { allocate } from './fund-allocation';
import type {
  DealingCycle,
  FundCashLedger,
  FundConfig,
  FundShareLedger,
  GateConfig,
  QueuePolicy,
  QueuedRequest,
  RedemptionFill,
  RemainderPolicy,
  SubscriptionFill,
  WindowResult,
  WindowSideStatus,
} from './fund-types';
import { fromBase, minBig, PPB, toBase, toPpb, unit } from './fixed-point';
import type { NavSource } from './nav-source';
import { DAY, MONTH, QUARTER, YEAR } from './time';
import {
  checkAmount,
  checkDecimals,
  checkFraction,
  checkId,
  checkMs,
  checkNumber,
  checkOneOf,
} from './validate';

interface MutableRequest {
  id: number;
  kind: 'subscription' | 'redemption';
  account: string;
  amount: bigint;
  originalAmount: bigint;
  requestedAtMs: number;
  eligibleAtMs: number;
}

const YEAR_BIG = BigInt(YEAR);

/**
 * A tokenized fund / SPV: a share register, cash, and assets marked through NavSource. Investors
 * subscribe cash and redeem shares through requests that wait for a notice period and are dealt
 * on dealing dates at one price per window, NAV / supply. Redemptions may be gated (a cap on the
 * share of NAV paid per window), suspended, blocked by an asset's legal status, and are paid only
 * from cash: when cash is short the fund draws what its assets can release (income, matured
 * bills, a bill sale at a haircut) and leaves the rest queued or cancelled. Nothing is sold
 * beyond what a source's drawCash offers.
 *
 * Rounding always favours the fund (the remaining holders): minted shares and paid cash round
 * down, so NAV per share never falls from a subscription or redemption.
 *
 * Time: integer ms since scenario start. Every mutating call takes `atMs`, which may not go
 * back before the latest time the fund has seen (RevertError).
 */
export class Fund {
  readonly id: string;
  readonly cashDecimals: number;
  readonly shareDecimals: number;
  readonly periodMs: number;
  readonly firstDealingMs: number;
  readonly queuePolicy: QueuePolicy;
  readonly unfilledRemainder: RemainderPolicy;

  private readonly assets: NavSource[];
  private readonly subscriptionNoticeMs: number;
  private readonly redemptionNoticeMs: number;
  private readonly subscriptionFeePpb: bigint;
  private readonly redemptionFeePpb: bigint;
  private readonly managementFeePpb: bigint;
  private readonly initialPriceBase: bigint;
  private readonly drawFromAssets: boolean;
  private readonly respectAssetStatus: boolean;

  private gatePpb: bigint | null;
  private gateConfig: GateConfig | null;
  private suspendedSubscriptions = false;
  private suspendedRedemptions = false;

  private clockMs: number;
  private nextWindowIndex = 0;
  private lastAccrualMs: number;
  private feeAccrued = 0n;

  private cash: bigint;
  private pendingSubscriptionCash = 0n;
  private readonly balances = new Map<string, bigint>();
  private supply: bigint;
  private escrowedShares = 0n;
  private queue: MutableRequest[] = [];
  /** Requests settled during the current window, dropped from the queue in one pass at its end. */
  private settled = new Set<MutableRequest>();
  private nextRequestId = 1;

  private readonly startingCash: bigint;
  private subscriptionsReceived = 0n;
  private drawnFromAssets = 0n;
  private redemptionsPaid = 0n;
  private subscriptionsRefunded = 0n;
  private feesPaid = 0n;
  private readonly initialSupply: bigint;
  private minted = 0n;
  private burned = 0n;

  constructor(config: FundConfig) {
    this.id = checkId('fund.id', config.id);
    const p = `fund[${this.id}]`;
    this.cashDecimals = checkDecimals(`${p}.cashDecimals`, config.cashDecimals ?? 6);
    this.shareDecimals = checkDecimals(`${p}.shareDecimals`, config.shareDecimals ?? 18);
    const startMs = checkMs(`${p}.startMs`, config.startMs ?? 0);
    this.cash = checkAmount(`${p}.initialCash`, config.initialCash ?? 0n);
    this.startingCash = this.cash;

    let supply = 0n;
    for (const [holder, shares] of Object.entries(config.initialHoldings ?? {})) {
      checkId(`${p}.initialHoldings`, holder);
      supply += checkAmount(`${p}.initialHoldings[${holder}]`, shares);
      if (shares > 0n) this.balances.set(holder, shares);
    }
    this.supply = supply;
    this.initialSupply = supply;

    const ids = new Set<string>();
    this.assets = [...(config.assets ?? [])];
    this.assets.forEach((a, i) => {
      if (a === null || typeof a !== 'object' || typeof a.value !== 'function') {
        throw new ModelConfigError(`${p}.assets[${i}]`, 'must be a NavSource with value(nowMs)', a);
      }
      if (ids.has(a.id)) throw new ModelConfigError(`${p}.assets[${i}].id`, 'must be unique among the fund assets', a.id);
      ids.add(a.id);
    });

    const price = checkNumber(`${p}.initialNavPerShare`, config.initialNavPerShare ?? 1, { min: 0, minExclusive: true });
    this.initialPriceBase = toBase(price, this.cashDecimals);
    if (this.initialPriceBase <= 0n) {
      throw new ModelConfigError(`${p}.initialNavPerShare`, `must be at least one cash base unit (1e-${this.cashDecimals})`, price);
    }

    const { periodMs, firstDealingMs } = resolveCycle(`${p}.dealing`, config.dealing, startMs);
    this.periodMs = periodMs;
    this.firstDealingMs = firstDealingMs;

    this.subscriptionNoticeMs = checkMs(`${p}.subscriptionNoticeMs`, config.subscriptionNoticeMs ?? 0);
    this.redemptionNoticeMs = checkMs(`${p}.redemptionNoticeMs`, config.redemptionNoticeMs ?? 0);
    this.subscriptionFeePpb = toPpb(checkFraction(`${p}.subscriptionFee`, config.subscriptionFee ?? 0, true));
    this.redemptionFeePpb = toPpb(checkFraction(`${p}.redemptionFee`, config.redemptionFee ?? 0, true));
    this.managementFeePpb = toPpb(checkFraction(`${p}.managementFeeAnnual`, config.managementFeeAnnual ?? 0, true));
    this.queuePolicy = checkOneOf(`${p}.queuePolicy`, config.queuePolicy ?? 'fifo', ['fifo', 'pro-rata'] as const);
    this.unfilledRemainder = checkOneOf(`${p}.unfilledRemainder`, config.unfilledRemainder ?? 'queue', ['queue', 'cancel'] as const);
    this.gateConfig = config.gate ? { maxShareOfNav: checkFraction(`${p}.gate.maxShareOfNav`, config.gate.maxShareOfNav) } : null;
    this.gatePpb = this.gateConfig ? toPpb(this.gateConfig.maxShareOfNav) : null;
    this.drawFromAssets = config.drawFromAssets ?? true;
    this.respectAssetStatus = config.respectAssetStatus ?? true;

    this.clockMs = startMs;
    this.lastAccrualMs = startMs;
  }

  // ---- views ---------------------------------------------------------------------------------

  /** Shares held by `holder` in the register (excluding shares escrowed by its requests). */
  balanceOf(holder: string): bigint {
    return this.balances.get(holder) ?? 0n;
  }

  /** Register balances, non-zero only. */
  holders(): ReadonlyMap<string, bigint> {
    return new Map(this.balances);
  }

  totalSupply(): bigint {
    return this.supply;
  }

  /** Fund cash, base units (excludes subscription cash waiting in escrow). */
  cashBalance(): bigint {
    return this.cash;
  }

  /** The latest time the fund has seen. */
  get nowMs(): number {
    return this.clockMs;
  }

  /** Assets held, in draw order. */
  holdings(): readonly NavSource[] {
    return this.assets.slice();
  }

  /** Sum of asset marks at `nowMs`, cash base units. */
  assetValue(nowMs: number): bigint {
    let total = 0n;
    for (const a of this.assets) {
      const v = a.value(nowMs);
      if (!Number.isFinite(v)) throw new RangeError(`fund[${this.id}]: asset ${a.id} value(${nowMs}) is ${v}`);
      total += toBase(v, this.cashDecimals);
    }
    return total;
  }

  /** Management fee accrued and unpaid, including accrual up to `nowMs` not yet booked. */
  accruedFees(nowMs: number): bigint {
    return this.feeAccrued + this.pendingAccrual(nowMs, this.assetValue(nowMs));
  }

  /** Net asset value at `nowMs`: assets + cash - accrued management fee, cash base units. */
  nav(nowMs: number): bigint {
    const assets = this.assetValue(nowMs);
    return assets + this.cash - this.feeAccrued - this.pendingAccrual(nowMs, assets);
  }

  /** NAV per whole share in whole cash units; the initial price while supply is zero. */
  navPerShare(nowMs: number): number {
    if (this.supply === 0n) return fromBase(this.initialPriceBase, this.cashDecimals);
    return fromBase(this.nav(nowMs), this.cashDecimals) / fromBase(this.supply, this.shareDecimals);
  }

  /** Dealing date number `index` (0-based). */
  dealingDate(index: number): number {
    return this.firstDealingMs + index * this.periodMs;
  }

  /** The next dealing date not yet processed: when the world should call processWindows. */
  nextDealingMs(): number {
    return this.dealingDate(this.nextWindowIndex);
  }

  /** Queued requests in queue (arrival) order. */
  pendingRequests(): readonly QueuedRequest[] {
    return this.queue.map((r) => ({ ...r }));
  }

  /** Shares escrowed by queued redemptions. */
  queuedRedemptionShares(): bigint {
    return this.escrowedShares;
  }

  gate(): GateConfig | null {
    return this.gateConfig ? { ...this.gateConfig } : null;
  }

  suspension(): { subscriptions: boolean; redemptions: boolean } {
    return { subscriptions: this.suspendedSubscriptions, redemptions: this.suspendedRedemptions };
  }

  /**
   * Whether a redemption request would be accepted and could be paid at the next window: not
   * suspended, not gated to zero, and no asset forbidding redemptions at `nowMs`.
   */
  redemptionsOpen(nowMs: number): boolean {
    if (this.suspendedRedemptions || this.gatePpb === 0n) return false;
    return !(this.respectAssetStatus && this.assets.some((a) => a.redemptionAllowed?.(nowMs) === false));
  }

  cashLedger(): FundCashLedger {
    return {
      startingCash: this.startingCash,
      subscriptionsReceived: this.subscriptionsReceived,
      drawnFromAssets: this.drawnFromAssets,
      redemptionsPaid: this.redemptionsPaid,
      subscriptionsRefunded: this.subscriptionsRefunded,
      feesPaid: this.feesPaid,
      cash: this.cash,
      pendingSubscriptionCash: this.pendingSubscriptionCash,
    };
  }

  shareLedger(): FundShareLedger {
    return {
      initialSupply: this.initialSupply,
      minted: this.minted,
      burned: this.burned,
      supply: this.supply,
      escrowedShares: this.escrowedShares,
    };
  }

  // ---- requests ------------------------------------------------------------------------------

  /**
   * Queue a subscription: `cash` (base units) goes into escrow now; shares are minted at the
   * first dealing date >= atMs + subscriptionNoticeMs (unless subscriptions are suspended then).
   */
  requestSubscription(args: { investor: string; cash: bigint; atMs: number }): QueuedRequest {
    this.checkTime(args.atMs);
    if (typeof args.investor !== 'string' || args.investor.length === 0) throw new RevertError('investor must be a non-empty string');
    if (typeof args.cash !== 'bigint' || args.cash <= 0n) throw new RevertError('subscription cash must be a positive bigint');
    if (this.suspendedSubscriptions) throw new RevertError(`fund ${this.id}: subscriptions suspended`);
    this.clockMs = args.atMs;
    this.pendingSubscriptionCash += args.cash;
    this.subscriptionsReceived += args.cash;
    return this.enqueue('subscription', args.investor, args.cash, args.atMs, this.subscriptionNoticeMs);
  }

  /**
   * Queue a redemption: `shares` move from the holder's balance into escrow now; they are burned
   * as they are filled and returned if the request is cancelled.
   */
  requestRedemption(args: { holder: string; shares: bigint; atMs: number }): QueuedRequest {
    this.checkTime(args.atMs);
    if (typeof args.shares !== 'bigint' || args.shares <= 0n) throw new RevertError('redemption shares must be a positive bigint');
    const balance = this.balanceOf(args.holder);
    if (balance < args.shares) throw new RevertError(`insufficient shares: ${args.holder} holds ${balance}, asked ${args.shares}`);
    if (this.suspendedRedemptions) throw new RevertError(`fund ${this.id}: redemptions suspended`);
    this.clockMs = args.atMs;
    this.setBalance(args.holder, balance - args.shares);
    this.escrowedShares += args.shares;
    return this.enqueue('redemption', args.holder, args.shares, args.atMs, this.redemptionNoticeMs);
  }

  /** Withdraw a queued request; escrowed cash or shares go back. Returns the request as it was. */
  cancelRequest(id: number, atMs: number): QueuedRequest {
    this.checkTime(atMs);
    const idx = this.queue.findIndex((r) => r.id === id);
    if (idx < 0) throw new RevertError(`no queued request ${id}`);
    this.clockMs = atMs;
    const req = this.queue[idx] as MutableRequest;
    this.queue.splice(idx, 1);
    this.release(req);
    return { ...req };
  }

  /** Move shares between register accounts. */
  transfer(from: string, to: string, shares: bigint, atMs: number): void {
    this.checkTime(atMs);
    if (typeof to !== 'string' || to.length === 0) throw new RevertError('recipient must be a non-empty string');
    if (typeof shares !== 'bigint' || shares < 0n) throw new RevertError('transfer amount must be a non-negative bigint');
    const balance = this.balanceOf(from);
    if (balance < shares) throw new RevertError(`insufficient shares: ${from} holds ${balance}, asked ${shares}`);
    this.clockMs = atMs;
    this.setBalance(from, balance - shares);
    this.setBalance(to, this.balanceOf(to) + shares);
  }

  // ---- manager actions -----------------------------------------------------------------------

  /** Impose, change or lift (null) the redemption gate from the next window on. */
  setGate(gate: GateConfig | null, atMs: number): void {
    this.checkTime(atMs);
    if (gate !== null) {
      const g = gate.maxShareOfNav;
      if (typeof g !== 'number' || !(g >= 0 && g <= 1)) throw new RevertError(`gate.maxShareOfNav must be in [0, 1], got ${g}`);
    }
    this.clockMs = atMs;
    this.gateConfig = gate ? { maxShareOfNav: gate.maxShareOfNav } : null;
    this.gatePpb = gate ? toPpb(gate.maxShareOfNav) : null;
  }

  /** Halt new requests and dealing on the given sides; queued requests wait. */
  suspend(sides: { subscriptions?: boolean; redemptions?: boolean }, atMs: number): void {
    this.checkTime(atMs);
    this.clockMs = atMs;
    if (sides.subscriptions) this.suspendedSubscriptions = true;
    if (sides.redemptions) this.suspendedRedemptions = true;
  }

  /** Lift a suspension on the given sides. */
  resume(sides: { subscriptions?: boolean; redemptions?: boolean }, atMs: number): void {
    this.checkTime(atMs);
    this.clockMs = atMs;
    if (sides.subscriptions) this.suspendedSubscriptions = false;
    if (sides.redemptions) this.suspendedRedemptions = false;
  }

  /** Hold another asset from now on (drawn for cash after the existing ones). */
  addAsset(source: NavSource, atMs: number): void {
    this.checkTime(atMs);
    if (this.assets.some((a) => a.id === source.id)) throw new RevertError(`fund ${this.id} already holds asset ${source.id}`);
    this.clockMs = atMs;
    this.assets.push(source);
  }

  // ---- dealing -------------------------------------------------------------------------------

  /**
   * Deal every window whose date is <= nowMs and not yet dealt, each at its own date, in order.
   * Returns one result per window (empty when none is due).
   */
  processWindows(nowMs: number): WindowResult[] {
    this.checkTime(nowMs);
    const results: WindowResult[] = [];
    while (this.dealingDate(this.nextWindowIndex) <= nowMs) {
      results.push(this.dealWindow(this.nextWindowIndex, this.dealingDate(this.nextWindowIndex)));
      this.nextWindowIndex++;
    }
    this.clockMs = nowMs;
    return results;
  }

  private dealWindow(index: number, d: number): WindowResult {
    const assetsAtD = this.assetValue(d);
    const accrued = this.pendingAccrual(d, assetsAtD);
    this.feeAccrued += accrued;
    this.lastAccrualMs = Math.max(this.lastAccrualMs, d);
    const nav = assetsAtD + this.cash - this.feeAccrued;
    const supply = this.supply;
    const priced = supply === 0n || nav > 0n;

    const subscriptions = this.dealSubscriptions(d, nav, supply, priced);
    const redemptions = this.dealRedemptions(d, nav, supply, priced);
    if (this.settled.size > 0) {
      this.queue = this.queue.filter((r) => !this.settled.has(r));
      this.settled = new Set();
    }

    const feePaid = minBig(this.feeAccrued, this.cash);
    this.cash -= feePaid;
    this.feeAccrued -= feePaid;
    this.feesPaid += feePaid;

    return {
      fundId: this.id,
      index,
      dealingMs: d,
      nav,
      supply,
      navPerShare:
        supply === 0n
          ? fromBase(this.initialPriceBase, this.cashDecimals)
          : fromBase(nav, this.cashDecimals) / fromBase(supply, this.shareDecimals),
      subscriptions,
      redemptions: redemptions.result,
      cashDrawn: redemptions.drawn,
      managementFee: { accrued, paid: feePaid, outstanding: this.feeAccrued },
      cashAfter: this.cash,
      supplyAfter: this.supply,
    };
  }

  private dealSubscriptions(d: number, nav: bigint, supply: bigint, priced: boolean): WindowResult['subscriptions'] {
    const fills: SubscriptionFill[] = [];
    let cashIn = 0n;
    let fees = 0n;
    let sharesMinted = 0n;
    let refunded = 0n;
    const status: WindowSideStatus = this.suspendedSubscriptions ? 'suspended' : priced ? 'processed' : 'nav-non-positive';
    if (status === 'processed') {
      for (const req of this.eligible('subscription', d)) {
        const fee = (req.amount * this.subscriptionFeePpb) / PPB;
        const net = req.amount - fee;
        const shares = supply === 0n ? (net * unit(this.shareDecimals)) / this.initialPriceBase : (net * supply) / nav;
        this.removeFromQueue(req);
        this.pendingSubscriptionCash -= req.amount;
        if (shares === 0n) {
          this.subscriptionsRefunded += req.amount;
          refunded += req.amount;
          fills.push({ requestId: req.id, investor: req.account, cash: req.amount, fee: 0n, sharesMinted: 0n, status: 'refunded' });
          continue;
        }
        this.cash += net;
        this.feesPaid += fee;
        this.supply += shares;
        this.minted += shares;
        this.setBalance(req.account, this.balanceOf(req.account) + shares);
        cashIn += net;
        fees += fee;
        sharesMinted += shares;
        fills.push({ requestId: req.id, investor: req.account, cash: req.amount, fee, sharesMinted: shares, status: 'filled' });
      }
    }
    return { status, fills, cashIn, fees, sharesMinted, refunded };
  }

  private dealRedemptions(
    d: number,
    nav: bigint,
    supply: bigint,
    priced: boolean,
  ): { result: WindowResult['redemptions']; drawn: bigint } {
    const eligible = this.eligible('redemption', d);
    const eligibleShares = eligible.reduce((s, r) => s + r.amount, 0n);
    const notYetEligibleShares = this.escrowedShares - eligibleShares;
    const gateCapacityShares = this.gatePpb === null ? null : (supply * this.gatePpb) / PPB;
    const idle = (status: WindowSideStatus): { result: WindowResult['redemptions']; drawn: bigint } => ({
      result: {
        status,
        fills: [],
        eligibleShares,
        notYetEligibleShares,
        gateCapacityShares,
        cashCapacityShares: 0n,
        limitedBy: 'none',
        sharesRedeemed: 0n,
        cashPaid: 0n,
        fees: 0n,
        sharesQueued: eligibleShares,
        sharesCancelled: 0n,
      },
      drawn: 0n,
    });
    if (this.suspendedRedemptions) return idle('suspended');
    if (this.respectAssetStatus && this.assets.some((a) => a.redemptionAllowed?.(d) === false)) return idle('blocked-by-asset');
    if (eligibleShares === 0n) return idle('processed');
    if (!priced || nav <= 0n) return idle('nav-non-positive');

    // Shares are priced at nav/supply from the window start; every cash figure rounds down.
    const target = gateCapacityShares === null ? eligibleShares : minBig(eligibleShares, gateCapacityShares);
    const need = (target * nav) / supply;
    let drawn = 0n;
    if (this.drawFromAssets && this.cash < need) drawn = this.draw(d, need - this.cash);
    const cashCapacityShares = (this.cash * supply) / nav;
    const capacity = minBig(target, cashCapacityShares);
    const limitedBy =
      capacity >= eligibleShares ? 'none' : gateCapacityShares !== null && gateCapacityShares <= cashCapacityShares ? 'gate' : 'cash';

    const filled = allocate(
      eligible.map((r) => r.amount),
      capacity,
      this.queuePolicy,
    );
    const fills: RedemptionFill[] = [];
    let sharesRedeemed = 0n;
    let cashPaid = 0n;
    let fees = 0n;
    let sharesQueued = 0n;
    let sharesCancelled = 0n;
    eligible.forEach((req, i) => {
      const take = filled[i] as bigint;
      const requestedShares = req.amount;
      const grossCash = (take * nav) / supply;
      const fee = (grossCash * this.redemptionFeePpb) / PPB;
      this.cash -= grossCash;
      this.feesPaid += fee;
      this.redemptionsPaid += grossCash - fee;
      this.escrowedShares -= take;
      this.supply -= take;
      this.burned += take;
      req.amount -= take;
      let remainder: RedemptionFill['remainder'] = 'none';
      if (req.amount === 0n) {
        this.removeFromQueue(req);
      } else if (this.unfilledRemainder === 'cancel') {
        remainder = 'cancelled';
        sharesCancelled += req.amount;
        this.removeFromQueue(req);
        this.release(req);
      } else {
        remainder = 'queued';
        sharesQueued += req.amount;
      }
      sharesRedeemed += take;
      cashPaid += grossCash - fee;
      fees += fee;
      fills.push({
        requestId: req.id,
        holder: req.account,
        requestedShares,
        filledShares: take,
        grossCash,
        fee,
        cashPaid: grossCash - fee,
        remainingShares: remainder === 'cancelled' ? 0n : req.amount,
        remainder,
      });
    });
    return {
      result: {
        status: 'processed',
        fills,
        eligibleShares,
        notYetEligibleShares,
        gateCapacityShares,
        cashCapacityShares,
        limitedBy,
        sharesRedeemed,
        cashPaid,
        fees,
        sharesQueued,
        sharesCancelled,
      },
      drawn,
    };
  }

  private draw(d: number, shortfall: bigint): bigint {
    let drawn = 0n;
    for (const a of this.assets) {
      if (drawn >= shortfall) break;
      if (!a.drawCash) continue;
      const ask = shortfall - drawn;
      const got = a.drawCash(d, ask);
      if (typeof got !== 'bigint' || got < 0n || got > ask) {
        throw new RangeError(`fund[${this.id}]: asset ${a.id} drawCash(${d}, ${ask}) returned ${String(got)}`);
      }
      drawn += got;
    }
    this.cash += drawn;
    this.drawnFromAssets += drawn;
    return drawn;
  }

  // ---- internals -----------------------------------------------------------------------------

  private pendingAccrual(nowMs: number, assets: bigint): bigint {
    const dt = nowMs - this.lastAccrualMs;
    if (this.managementFeePpb === 0n || dt <= 0) return 0n;
    const base = assets + this.cash - this.feeAccrued;
    if (base <= 0n) return 0n;
    return (base * this.managementFeePpb * BigInt(dt)) / (PPB * YEAR_BIG);
  }

  private eligible(kind: MutableRequest['kind'], d: number): MutableRequest[] {
    return this.queue.filter((r) => r.kind === kind && r.eligibleAtMs <= d);
  }

  private enqueue(kind: MutableRequest['kind'], account: string, amount: bigint, atMs: number, noticeMs: number): QueuedRequest {
    const req: MutableRequest = {
      id: this.nextRequestId++,
      kind,
      account,
      amount,
      originalAmount: amount,
      requestedAtMs: atMs,
      eligibleAtMs: atMs + noticeMs,
    };
    this.queue.push(req);
    return { ...req };
  }

  private removeFromQueue(req: MutableRequest): void {
    this.settled.add(req);
  }

  /** Give back what a request holds in escrow. */
  private release(req: MutableRequest): void {
    if (req.kind === 'subscription') {
      this.pendingSubscriptionCash -= req.amount;
      this.subscriptionsRefunded += req.amount;
    } else {
      this.escrowedShares -= req.amount;
      this.setBalance(req.account, this.balanceOf(req.account) + req.amount);
    }
  }

  private setBalance(holder: string, shares: bigint): void {
    if (shares === 0n) this.balances.delete(holder);
    else this.balances.set(holder, shares);
  }

  private checkTime(atMs: number): void {
    if (!Number.isInteger(atMs)) throw new RevertError(`time must be integer ms, got ${atMs}`);
    if (atMs < this.clockMs) throw new RevertError(`time ${atMs} is before fund ${this.id} clock ${this.clockMs}`);
  }
}

function resolveCycle(path: string, cycle: DealingCycle, startMs: number): { periodMs: number; firstDealingMs: number } {
  if (cycle === 'daily') return { periodMs: DAY, firstDealingMs: startMs + DAY };
  if (cycle === 'monthly') return { periodMs: MONTH, firstDealingMs: startMs + MONTH };
  if (cycle === 'quarterly') return { periodMs: QUARTER, firstDealingMs: startMs + QUARTER };
  if (cycle === null || typeof cycle !== 'object') {
    throw new ModelConfigError(path, `must be 'daily', 'monthly', 'quarterly' or { periodMs, firstDealingMs? }`, cycle);
  }
  const periodMs = checkMs(`${path}.periodMs`, cycle.periodMs, 1);
  const firstDealingMs = checkMs(`${path}.firstDealingMs`, cycle.firstDealingMs ?? startMs + periodMs, startMs);
  return { periodMs, firstDealingMs };
}
