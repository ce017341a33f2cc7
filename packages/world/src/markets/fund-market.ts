import {
  type Action,
  FUND_NAV,
  FUND_POLICY,
  FUND_REDEMPTIONS,
  FUND_REQUESTS,
  FUND_SUBSCRIPTIONS,
  FUND_WINDOWS,
  type CancelFundRequestAction,
  type FundDetailView,
  type FundGate,
  type FundMarkPolicy,
  type FundNavEvent,
  type FundPolicyEvent,
  type FundQueueView,
  type FundRequestEvent,
  type FundRequestReceipt,
  type FundRequestView,
  type FundWindowEvent,
  type MarkFundAction,
  type RedeemAction,
  type ResumeFundAction,
  type SetGateAction,
  type SubscribeAction,
  type SuspendFundAction,
} from '@paradox/sdk';
import { ModelConfigError, RevertError } from '../errors';
import { Fund, type FundConfig, type LoanBook, type WindowResult, fromBase } from '../offchain';
import { MONTH } from '../offchain/time';
import type { UniformSource } from '../random';
import type { World } from '../world/world';
import { MarkBook, MarkedAsset } from './fund-marks';
import { FundRegistry } from './fund-registry';

/** Loan-book servicer reports: before the fund deals in the same millisecond. */
export const LOAN_BOOK_PHASE = 2;
/** Dealing windows: after loan-book steps, before the block of the same millisecond. */
export const FUND_WINDOW_PHASE = 3;

/** A loan book the fund holds and the world steps on the kernel clock. */
export interface FundLoanBook {
  readonly book: LoanBook;
  /** Its randomness: a named stream, e.g. `run.seeds.stream('world/loan-book/<id>')`. */
  readonly rng: UniformSource;
  /** Time between steps (servicer reports), ms (default one month). */
  readonly stepMs?: number;
}

export interface FundMarketOptions {
  /**
   * The fund. Its assets (and `loanBooks`) are marked through the fund's mark policy. `startMs`
   * defaults to now; `cashDecimals` and `shareDecimals` default to the tokens' decimals (and
   * must match them if given). `initialHoldings` are off-chain register holders (investors
   * of record); their shares become tokens only through {@link FundMarket.tokenize}.
   */
  readonly fund: FundConfig;
  /** Ledger token of the shares; the market mints and burns it as its issuer. */
  readonly shareToken: string;
  /** Ledger token of the cash (a stablecoin). */
  readonly cashToken: string;
  /** Address allowed to gate, suspend, resume and mark the fund; receives the fees. */
  readonly manager: string;
  /** Loan books the fund holds (appended to its assets), stepped every `stepMs`. */
  readonly loanBooks?: readonly FundLoanBook[];
  /** Initial mark policy (default mark to model). */
  readonly markPolicy?: FundMarkPolicy;
  /** Register account that stands for every tokenized share (default `token:<shareToken>`). */
  readonly tokenHolder?: string;
}

/**
 * A tokenized fund placed in the world. The {@link Fund} keeps the share register, the cash and
 * the queue; the ledger holds the share token and the cash token. Every share token in
 * existence is a share held in the register by one holder of record (`tokenHolder`), so the
 * token supply is always `fund.balanceOf(tokenHolder)` plus what is escrowed by redemption
 * requests.
 *
 * - `fund.subscribe` (off-chain): cash moves from the investor to the fund's account now;
 *   shares are minted to the investor's wallet at the dealing date (at that date's NAV).
 * - `fund.redeem` (off-chain): shares move from the holder's wallet into escrow now; at each
 *   dealing date the filled part is burned and its cash paid to the wallet, the rest stays
 *   queued (or comes back, under the cancel policy). Notice periods, queue policy, gate and
 *   suspension are the Fund's.
 * - Dealing windows run on the kernel clock at the fund's dealing dates (one event each).
 * - Loan books are stepped on the kernel clock from their own random streams.
 * - Manager actions (`fund.set-gate`, `fund.suspend`, `fund.resume`, `fund.mark`) are refused
 *   unless sent by `manager`.
 *
 * The fund's initial cash and the cash it draws from its off-chain assets are minted on chain by
 * the cash token's issuer (dollars wired to the stablecoin issuer); fees go to the manager's
 * wallet.
 */
export class FundMarket {
  readonly id: string;
  /** The fund's own account: cash and subscription escrow. */
  readonly address: string;
  /** Where shares escrowed by redemption requests wait. */
  readonly escrow: string;
  readonly tokenHolder: string;
  readonly shareToken: string;
  readonly cashToken: string;
  readonly manager: string;
  readonly fund: Fund;
  readonly marks = new MarkBook();

  private readonly shareIssuer: string;
  private readonly cashIssuer: string;
  private readonly assets: MarkedAsset[];
  private readonly config: FundConfig;
  /** Requests made through the world (their shares or cash are in the ledger's escrow). */
  private readonly worldRequests = new Set<number>();
  private readonly detail: FundDetailView;
  private lastWindowEvent: FundWindowEvent | undefined;
  private lastNav: number;
  private readonly recognitions = new Set<number>();

  constructor(
    private readonly world: World,
    options: FundMarketOptions,
  ) {
    const { ledger, kernel } = world;
    const config = options.fund;
    const p = `fundMarket[${config?.id}]`;
    const share = tokenSpec(world, `${p}.shareToken`, options.shareToken);
    const cash = tokenSpec(world, `${p}.cashToken`, options.cashToken);
    if (config.shareDecimals !== undefined && config.shareDecimals !== share.decimals) {
      throw new ModelConfigError(`${p}.fund.shareDecimals`, `the share token's decimals (${share.decimals})`, config.shareDecimals);
    }
    if (config.cashDecimals !== undefined && config.cashDecimals !== cash.decimals) {
      throw new ModelConfigError(`${p}.fund.cashDecimals`, `the cash token's decimals (${cash.decimals})`, config.cashDecimals);
    }
    if (ledger.totalSupply(options.shareToken) !== 0n) {
      throw new ModelConfigError(`${p}.shareToken`, 'a token with no supply yet (shares become tokens through FundMarket.tokenize)', `${options.shareToken} with supply ${ledger.totalSupply(options.shareToken)}`);
    }
    if (typeof options.manager !== 'string' || options.manager.length === 0) throw new ModelConfigError(`${p}.manager`, 'a non-empty address', options.manager);
    this.shareToken = options.shareToken;
    this.cashToken = options.cashToken;
    this.shareIssuer = share.issuer;
    this.cashIssuer = cash.issuer;
    this.manager = options.manager;
    this.tokenHolder = options.tokenHolder ?? `token:${options.shareToken}`;
    if ((config.initialHoldings?.[this.tokenHolder] ?? 0n) !== 0n) {
      throw new ModelConfigError(`${p}.fund.initialHoldings.${this.tokenHolder}`, 'no shares: tokenized shares are created with FundMarket.tokenize', config.initialHoldings?.[this.tokenHolder]);
    }
    if (options.markPolicy) {
      try {
        this.marks.set({ policy: options.markPolicy });
      } catch (error) {
        throw new ModelConfigError(`${p}.markPolicy`, error instanceof RevertError ? error.reason : 'a mark policy', options.markPolicy);
      }
    }

    const books = options.loanBooks ?? [];
    books.forEach((b, i) => {
      if (b.book.cashDecimals !== cash.decimals) throw new ModelConfigError(`${p}.loanBooks[${i}].book.cashDecimals`, `the cash token's decimals (${cash.decimals})`, b.book.cashDecimals);
      if (!b.rng || typeof b.rng.next !== 'function') throw new ModelConfigError(`${p}.loanBooks[${i}].rng`, 'a random stream with next()', b.rng);
    });
    this.assets = [...(config.assets ?? []), ...books.map((b) => b.book)].map((a) => new MarkedAsset(a, this.marks, cash.decimals));
    this.config = config;
    this.fund = new Fund({
      ...config,
      startMs: config.startMs ?? kernel.now,
      cashDecimals: cash.decimals,
      shareDecimals: share.decimals,
      assets: this.assets,
    });
    this.id = this.fund.id;
    if (FundRegistry.of(world).get(this.id)) throw new ModelConfigError(`${p}.fund.id`, 'an id no other fund of this world has', this.id);
    this.address = `fund:${this.id}`;
    this.escrow = `fund:${this.id}:escrow`;
    // A permissioned share (or cash) token must let the fund's own accounts hold it.
    if (share.permissioned) ledger.allow(this.shareToken, this.shareIssuer, this.escrow);
    if (cash.permissioned) ledger.allow(this.cashToken, this.cashIssuer, this.address);
    const initialCash = this.fund.cashBalance();
    if (initialCash > 0n) ledger.mint(this.cashToken, this.cashIssuer, this.address, initialCash);

    this.detail = this.buildView();
    FundRegistry.of(world).add(
      this.detail,
      (sender, action) => this.handleAction(sender, action),
      (address) => Object.create(this.detail, { myRequests: { value: () => this.requestsOf(address) } }) as FundDetailView,
    );
    for (const a of this.assets) a.sample(kernel.now);
    this.lastNav = this.navPerShare();
    this.record();
    this.scheduleWindow();
    books.forEach((b, i) => this.scheduleStep(b, i));
  }

  // ---- reading -----------------------------------------------------------------------------

  /** NAV per share as the fund reports it now (its mark policy applied). */
  navPerShare(): number {
    return this.fund.navPerShare(this.world.kernel.now);
  }

  /** NAV per share at the model's marks (what mark to model would report). */
  modelNavPerShare(): number {
    const now = this.world.kernel.now;
    const supply = this.fund.totalSupply();
    if (supply === 0n) return this.fund.navPerShare(now);
    let assets = 0;
    for (const a of this.assets) assets += a.modelValue(now);
    const nav = assets + fromBase(this.fund.cashBalance() - this.fund.accruedFees(now), this.fund.cashDecimals);
    return nav / fromBase(supply, this.fund.shareDecimals);
  }

  redemptionsOpen(): boolean {
    return this.fund.redemptionsOpen(this.world.kernel.now);
  }

  /** What agents see in the `funds` view (`myRequests` is empty here: agents get their own). */
  view(): FundDetailView {
    return this.detail;
  }

  /** Queued requests of `address`, in queue order (world side: agents see only their own). */
  requestsOf(address: string): FundRequestView[] {
    const fund = this.fund;
    return fund
      .pendingRequests()
      .filter((r) => r.account === address)
      .map((r) => ({
        requestId: r.id,
        kind: r.kind,
        amount: fromBase(r.amount, r.kind === 'subscription' ? fund.cashDecimals : fund.shareDecimals),
        requestedAtMs: r.requestedAtMs,
        eligibleAtMs: r.eligibleAtMs,
      }));
  }

  lastWindow(): FundWindowEvent | undefined {
    return this.lastWindowEvent;
  }

  /**
   * Ledger and register agree: the fund's cash account holds its cash plus subscription
   * escrow, the share escrow holds exactly what world requests have queued, and every share
   * token is a share of the holder of record. Returns a description of a breach, or undefined.
   */
  audit(): string | undefined {
    const { ledger } = this.world;
    const cash = ledger.balanceOf(this.cashToken, this.address);
    const expectedCash = this.fund.cashBalance() + this.fund.cashLedger().pendingSubscriptionCash;
    if (cash !== expectedCash) return `fund ${this.id}: ledger holds ${cash} cash but the fund books ${expectedCash}`;
    let escrowed = 0n;
    for (const r of this.fund.pendingRequests()) if (r.kind === 'redemption' && this.worldRequests.has(r.id)) escrowed += r.amount;
    const escrow = ledger.balanceOf(this.shareToken, this.escrow);
    if (escrow !== escrowed) return `fund ${this.id}: share escrow holds ${escrow} but queued world redemptions are ${escrowed}`;
    const supply = ledger.totalSupply(this.shareToken);
    const represented = this.fund.balanceOf(this.tokenHolder) + escrow;
    if (supply !== represented) return `fund ${this.id}: ${supply} share tokens exist but the register backs ${represented}`;
    return undefined;
  }

  // ---- setup -------------------------------------------------------------------------------

  /**
   * Setup (not an action): turns `shares` held in the register by `from` (an off-chain
   * investor of record) into share tokens in `to`'s wallet.
   */
  tokenize(from: string, to: string, shares: bigint): void {
    const now = this.world.kernel.now;
    if (this.fund.balanceOf(from) < shares) {
      throw new RevertError(`fund ${this.id}: ${from} holds ${this.fund.balanceOf(from)} shares in the register, cannot tokenize ${shares}`);
    }
    this.world.ledger.mint(this.shareToken, this.shareIssuer, to, shares);
    this.fund.transfer(from, this.tokenHolder, shares, now);
  }

  /**
   * Samples the assets' economic value now (the fund re-marks): call it after changing an asset
   * outside the world's clock (a scenario's revaluation), so a delayed mark policy dates the
   * write-down from now. Emits `fund.nav` if the reported NAV moved.
   */
  remark(): void {
    this.sampleMarks();
    this.emitNav('mark');
  }

  // ---- actions -----------------------------------------------------------------------------

  handleAction(sender: string, action: Action & { readonly fund: string }): unknown {
    switch (action.kind) {
      case 'fund.subscribe':
        return this.subscribe(sender, (action as SubscribeAction).cash);
      case 'fund.redeem':
        return this.redeem(sender, (action as RedeemAction).shares);
      case 'fund.cancel':
        return this.cancel(sender, (action as CancelFundRequestAction).requestId);
      case 'fund.set-gate':
        return this.setGate(sender, (action as SetGateAction).gate);
      case 'fund.suspend':
        return this.suspend(sender, action as SuspendFundAction);
      case 'fund.resume':
        return this.resume(sender, action as ResumeFundAction);
      case 'fund.mark':
        return this.mark(sender, action as MarkFundAction);
      default:
        throw new RevertError(`fund ${this.id} does not handle "${action.kind}"`);
    }
  }

  subscribe(investor: string, cash: bigint): FundRequestReceipt {
    const { ledger, kernel } = this.world;
    if (typeof cash !== 'bigint' || cash <= 0n) throw new RevertError('subscription cash must be a positive bigint (base units)');
    if (this.fund.suspension().subscriptions) throw new RevertError(`fund ${this.id}: subscriptions suspended`);
    if (!ledger.isAllowed(this.shareToken, investor)) throw new RevertError(`${this.shareToken}: ${investor} may not hold the fund's shares`);
    ledger.transfer(this.cashToken, investor, this.address, cash);
    const req = this.fund.requestSubscription({ investor, cash, atMs: kernel.now });
    this.worldRequests.add(req.id);
    this.emitRequest(req.id, 'subscription', 'requested', investor, cash, req.eligibleAtMs);
    return { requestId: req.id, eligibleAtMs: req.eligibleAtMs, dealingMs: this.firstDealingAt(req.eligibleAtMs) };
  }

  redeem(holder: string, shares: bigint): FundRequestReceipt {
    const { ledger, kernel } = this.world;
    if (typeof shares !== 'bigint' || shares <= 0n) throw new RevertError('redemption shares must be a positive bigint (base units)');
    if (this.fund.suspension().redemptions) throw new RevertError(`fund ${this.id}: redemptions suspended`);
    // The ledger move reverts on an insufficient balance, and the world rolls it back if
    // anything after it refuses; the register changes only once nothing can.
    ledger.transfer(this.shareToken, holder, this.escrow, shares);
    this.fund.transfer(this.tokenHolder, holder, shares, kernel.now);
    const req = this.fund.requestRedemption({ holder, shares, atMs: kernel.now });
    this.worldRequests.add(req.id);
    this.emitRequest(req.id, 'redemption', 'requested', holder, shares, req.eligibleAtMs);
    return { requestId: req.id, eligibleAtMs: req.eligibleAtMs, dealingMs: this.firstDealingAt(req.eligibleAtMs) };
  }

  cancel(sender: string, requestId: number): { requestId: number; returned: bigint } {
    const { ledger, kernel } = this.world;
    const req = this.fund.pendingRequests().find((r) => r.id === requestId);
    if (!req || !this.worldRequests.has(requestId)) throw new RevertError(`fund ${this.id}: no queued request ${requestId}`);
    if (req.account !== sender) throw new RevertError(`fund ${this.id}: request ${requestId} is not ${sender}'s`);
    this.fund.cancelRequest(requestId, kernel.now);
    this.worldRequests.delete(requestId);
    if (req.kind === 'subscription') {
      ledger.transfer(this.cashToken, this.address, sender, req.amount);
    } else {
      ledger.transfer(this.shareToken, this.escrow, sender, req.amount);
      this.fund.transfer(sender, this.tokenHolder, req.amount, kernel.now);
    }
    this.emitRequest(requestId, req.kind, 'cancelled', sender, req.amount, req.eligibleAtMs);
    return { requestId, returned: req.amount };
  }

  private setGate(sender: string, gate: FundGate | null): FundGate | null {
    this.checkManager(sender);
    if (gate !== null && (typeof gate !== 'object' || gate === undefined)) throw new RevertError('gate must be { maxShareOfNav } or null');
    this.fund.setGate(gate === null ? null : { maxShareOfNav: gate.maxShareOfNav }, this.world.kernel.now);
    const now = this.fund.gate();
    this.world.recorder.point(this.world.kernel.now, `fund.gate.${this.id}`, now ? now.maxShareOfNav : 1);
    this.emitPolicy({ change: 'set-gate', gate: now });
    return now;
  }

  private suspend(sender: string, sides: SuspendFundAction): { subscriptions: boolean; redemptions: boolean } {
    this.checkManager(sender);
    this.fund.suspend(bothIfNeither(sides), this.world.kernel.now);
    const state = this.fund.suspension();
    this.emitPolicy({ change: 'suspend', suspended: state });
    return state;
  }

  private resume(sender: string, sides: ResumeFundAction): { subscriptions: boolean; redemptions: boolean } {
    this.checkManager(sender);
    this.fund.resume(bothIfNeither(sides), this.world.kernel.now);
    const state = this.fund.suspension();
    this.emitPolicy({ change: 'resume', suspended: state });
    return state;
  }

  private mark(sender: string, action: MarkFundAction): { policy: FundMarkPolicy; writeDown: number } {
    this.checkManager(sender);
    const change = { ...(action.policy === undefined ? {} : { policy: action.policy }), ...(action.writeDown === undefined ? {} : { writeDown: action.writeDown }) };
    MarkBook.check(change);
    // Date what the assets are worth before the policy changes, so a new delay counts from now.
    this.sampleMarks();
    this.marks.set(change);
    this.sampleMarks();
    this.emitPolicy({ change: 'mark', markPolicy: this.marks.current(), writeDown: this.marks.writeDown() });
    this.emitNav('mark');
    return { policy: this.marks.current(), writeDown: this.marks.writeDown() };
  }

  private checkManager(sender: string): void {
    if (sender !== this.manager) throw new RevertError(`fund ${this.id}: only its manager (${this.manager}) may do that, not ${sender}`);
  }

  // ---- the slow clock ----------------------------------------------------------------------

  private scheduleWindow(): void {
    const { kernel } = this.world;
    const at = Math.max(this.fund.nextDealingMs(), kernel.now);
    kernel.scheduleAt(at, () => this.deal(), null, { phase: FUND_WINDOW_PHASE, owner: undefined, label: `fund ${this.id}: dealing window` });
  }

  private deal(): void {
    const now = this.world.kernel.now;
    this.sampleMarks();
    for (const w of this.fund.processWindows(now)) this.settle(w);
    const breach = this.audit();
    if (breach) throw new Error(`conservation broken after a dealing window: ${breach}`);
    this.lastNav = this.navPerShare();
    this.record();
    this.scheduleWindow();
  }

  private scheduleStep(entry: FundLoanBook, index: number): void {
    const stepMs = entry.stepMs ?? MONTH;
    if (!Number.isInteger(stepMs) || stepMs <= 0) throw new ModelConfigError(`fundMarket[${this.id}].loanBooks[${index}].stepMs`, 'an integer number of ms > 0', stepMs);
    const { kernel } = this.world;
    const at = Math.max(entry.book.lastStepAtMs + stepMs, kernel.now);
    kernel.scheduleAt(
      at,
      () => {
        const report = entry.book.step(kernel.now, entry.rng);
        this.sampleMarks();
        this.world.recorder.point(kernel.now, `fund.loan-book.${entry.book.id}`, report.value);
        this.emitNav('loan-book', { newDelinquencies: report.newDelinquencies.length, newDefaults: report.newDefaults.length });
        this.scheduleStep(entry, index);
      },
      null,
      { phase: LOAN_BOOK_PHASE, owner: undefined, label: `loan book ${entry.book.id}: monthly step` },
    );
  }

  /** Samples every asset; under a delay, schedules the day a fall seen now is recognised. */
  private sampleMarks(): void {
    const { kernel } = this.world;
    const now = kernel.now;
    let fell = false;
    for (const a of this.assets) fell = a.sample(now) || fell;
    const delay = this.marks.delayMs();
    if (fell && delay > 0 && !this.recognitions.has(now + delay)) {
      const at = now + delay;
      this.recognitions.add(at);
      kernel.scheduleAt(
        at,
        () => {
          this.recognitions.delete(at);
          this.sampleMarks();
          this.emitNav('mark');
        },
        null,
        { phase: LOAN_BOOK_PHASE, owner: undefined, label: `fund ${this.id}: a delayed write-down is recognised` },
      );
    }
  }

  private settle(w: WindowResult): void {
    const { ledger, kernel, recorder } = this.world;
    const now = kernel.now;
    const cashDec = this.fund.cashDecimals;
    const shareDec = this.fund.shareDecimals;
    const cashN = (x: bigint) => fromBase(x, cashDec);
    const sharesN = (x: bigint) => fromBase(x, shareDec);
    if (w.cashDrawn > 0n) ledger.mint(this.cashToken, this.cashIssuer, this.address, w.cashDrawn);

    const windowEvent: FundWindowEvent = {
      fund: this.id,
      index: w.index,
      dealingMs: w.dealingMs,
      navPerShare: w.navPerShare,
      nav: cashN(w.nav),
      redemptionStatus: w.redemptions.status,
      subscriptionStatus: w.subscriptions.status,
      eligibleShares: sharesN(w.redemptions.eligibleShares),
      sharesRedeemed: sharesN(w.redemptions.sharesRedeemed),
      paid: cashN(w.redemptions.cashPaid),
      queued: sharesN(this.fund.queuedRedemptionShares()),
      gated: w.redemptions.limitedBy === 'gate',
      limitedBy: w.redemptions.limitedBy,
      subscribed: cashN(w.subscriptions.cashIn),
      sharesMinted: sharesN(w.subscriptions.sharesMinted),
      drawn: cashN(w.cashDrawn),
      cashAfter: cashN(w.cashAfter),
      supplyAfter: sharesN(w.supplyAfter),
    };
    this.lastWindowEvent = windowEvent;
    const windowId = this.world.emit(FUND_WINDOWS.topic, this.address, windowEvent);

    for (const fill of w.subscriptions.fills) {
      this.world.kernel.cause = windowId;
      const mine = this.worldRequests.delete(fill.requestId);
      if (fill.status === 'refunded') {
        ledger.transfer(this.cashToken, this.address, fill.investor, fill.cash);
      } else {
        if (fill.fee > 0n) ledger.transfer(this.cashToken, this.address, this.manager, fill.fee);
        if (mine) {
          this.fund.transfer(fill.investor, this.tokenHolder, fill.sharesMinted, now);
          ledger.mint(this.shareToken, this.shareIssuer, fill.investor, fill.sharesMinted);
        }
      }
      this.world.emit(FUND_SUBSCRIPTIONS.topic, fill.investor, {
        fund: this.id,
        requestId: fill.requestId,
        investor: fill.investor,
        cash: cashN(fill.cash),
        fee: cashN(fill.fee),
        shares: sharesN(fill.sharesMinted),
        status: fill.status,
        navPerShare: w.navPerShare,
      });
    }

    for (const fill of w.redemptions.fills) {
      this.world.kernel.cause = windowId;
      const mine = this.worldRequests.has(fill.requestId);
      if (mine && fill.filledShares > 0n) ledger.burn(this.shareToken, this.shareIssuer, this.escrow, fill.filledShares);
      if (fill.cashPaid > 0n) ledger.transfer(this.cashToken, this.address, fill.holder, fill.cashPaid);
      if (fill.fee > 0n) ledger.transfer(this.cashToken, this.address, this.manager, fill.fee);
      if (fill.remainder === 'cancelled') {
        const back = fill.requestedShares - fill.filledShares;
        if (mine) {
          ledger.transfer(this.shareToken, this.escrow, fill.holder, back);
          this.fund.transfer(fill.holder, this.tokenHolder, back, now);
        }
      }
      if (fill.remainder !== 'queued') this.worldRequests.delete(fill.requestId);
      if (fill.filledShares === 0n && fill.remainder === 'queued') continue;
      this.world.emit(FUND_REDEMPTIONS.topic, fill.holder, {
        fund: this.id,
        requestId: fill.requestId,
        holder: fill.holder,
        shares: sharesN(fill.filledShares),
        cash: cashN(fill.cashPaid),
        fee: cashN(fill.fee),
        remaining: sharesN(fill.remainingShares),
        remainder: fill.remainder,
        navPerShare: w.navPerShare,
      });
    }
    if (w.managementFee.paid > 0n) ledger.transfer(this.cashToken, this.address, this.manager, w.managementFee.paid);

    recorder.point(now, `fund.paid.${this.id}`, windowEvent.paid);
    recorder.point(now, `fund.subscribed.${this.id}`, windowEvent.subscribed);
    this.world.kernel.cause = windowId;
  }

  // ---- events and series ---------------------------------------------------------------------

  private emitRequest(requestId: number, kind: 'subscription' | 'redemption', change: 'requested' | 'cancelled', account: string, amount: bigint, eligibleAtMs: number): void {
    const decimals = kind === 'subscription' ? this.fund.cashDecimals : this.fund.shareDecimals;
    const queue = this.queueView();
    const event: FundRequestEvent = {
      fund: this.id,
      requestId,
      kind,
      change,
      account,
      amount: fromBase(amount, decimals),
      eligibleAtMs,
      queueShares: queue.redemptionShares,
      queueShareOfNav: queue.redemptionShareOfNav,
    };
    this.world.emit(FUND_REQUESTS.topic, account, event);
    this.world.recorder.point(this.world.kernel.now, `fund.queue.${this.id}`, queue.redemptionShares);
  }

  private emitPolicy(change: Omit<FundPolicyEvent, 'fund' | 'manager'>): void {
    this.world.emit(FUND_POLICY.topic, this.manager, { fund: this.id, manager: this.manager, ...change });
  }

  private emitNav(reason: FundNavEvent['reason'], credit: { newDelinquencies?: number; newDefaults?: number } = {}): void {
    const nav = this.navPerShare();
    const previous = this.lastNav;
    this.lastNav = nav;
    this.record();
    if (nav === previous && reason === 'mark') return;
    this.world.emit(FUND_NAV.topic, this.address, { fund: this.id, navPerShare: nav, previous, reason, ...credit });
  }

  private record(): void {
    const { recorder, kernel } = this.world;
    const now = kernel.now;
    recorder.point(now, `fund.nav.${this.id}`, this.lastNav);
    recorder.point(now, `fund.model-nav.${this.id}`, this.modelNavPerShare());
    recorder.point(now, `fund.queue.${this.id}`, fromBase(this.fund.queuedRedemptionShares(), this.fund.shareDecimals));
    recorder.point(now, `fund.cash.${this.id}`, fromBase(this.fund.cashBalance(), this.fund.cashDecimals));
  }

  // ---- the view ------------------------------------------------------------------------------

  private firstDealingAt(eligibleAtMs: number): number {
    const next = this.fund.nextDealingMs();
    if (eligibleAtMs <= next) return next;
    const k = Math.ceil((eligibleAtMs - this.fund.firstDealingMs) / this.fund.periodMs);
    return this.fund.dealingDate(k);
  }

  private queueView(): FundQueueView {
    let redemptionRequests = 0;
    let subscriptionRequests = 0;
    let subscriptionCash = 0n;
    for (const r of this.fund.pendingRequests()) {
      if (r.kind === 'redemption') redemptionRequests++;
      else {
        subscriptionRequests++;
        subscriptionCash += r.amount;
      }
    }
    const escrowed = this.fund.queuedRedemptionShares();
    const supply = this.fund.totalSupply();
    return {
      redemptionRequests,
      redemptionShares: fromBase(escrowed, this.fund.shareDecimals),
      redemptionShareOfNav: supply === 0n ? 0 : Number(escrowed) / Number(supply),
      subscriptionRequests,
      subscriptionCash: fromBase(subscriptionCash, this.fund.cashDecimals),
    };
  }

  private buildView(): FundDetailView {
    const market = this;
    const fund = this.fund;
    const config = this.config;
    const now = () => this.world.kernel.now;
    const cashN = (x: bigint) => fromBase(x, fund.cashDecimals);
    return {
      kind: 'fund',
      id: fund.id,
      shareToken: this.shareToken,
      cashToken: this.cashToken,
      shareDecimals: fund.shareDecimals,
      cashDecimals: fund.cashDecimals,
      manager: this.manager,
      dealingPeriodMs: fund.periodMs,
      subscriptionNoticeMs: config.subscriptionNoticeMs ?? 0,
      redemptionNoticeMs: config.redemptionNoticeMs ?? 0,
      subscriptionFee: config.subscriptionFee ?? 0,
      redemptionFee: config.redemptionFee ?? 0,
      queuePolicy: fund.queuePolicy,
      navPerShare: () => market.navPerShare(),
      redemptionsOpen: () => market.redemptionsOpen(),
      nav: () => cashN(fund.nav(now())),
      supply: () => fromBase(fund.totalSupply(), fund.shareDecimals),
      cash: () => cashN(fund.cashBalance()),
      nextDealingMs: () => fund.nextDealingMs(),
      firstDealingFor: (kind) => market.firstDealingAt(now() + (kind === 'subscription' ? (config.subscriptionNoticeMs ?? 0) : (config.redemptionNoticeMs ?? 0))),
      queue: () => market.queueView(),
      gate: () => fund.gate(),
      suspended: () => fund.suspension(),
      subscriptionsOpen: () => !fund.suspension().subscriptions,
      markPolicy: () => market.marks.current(),
      writeDown: () => market.marks.writeDown(),
      myRequests: () => [],
      lastWindow: () => market.lastWindowEvent,
    };
  }
}

function tokenSpec(world: World, path: string, symbol: string): { decimals: number; issuer: string; permissioned?: boolean } {
  try {
    return world.ledger.token(symbol);
  } catch {
    throw new ModelConfigError(path, `a token of the ledger (${world.ledger.symbols().join(', ')})`, symbol);
  }
}

function bothIfNeither(sides: { subscriptions?: boolean; redemptions?: boolean }): { subscriptions: boolean; redemptions: boolean } {
  if (sides.subscriptions === undefined && sides.redemptions === undefined) return { subscriptions: true, redemptions: true };
  return { subscriptions: sides.subscriptions ?? false, redemptions: sides.redemptions ?? false };
}
