import type { Action } from '../action';
import { defineTopic } from '../keys';
import type { RedeemAction, SubscribeAction } from './actions';
import type { FundView } from './views';

// ---- views -------------------------------------------------------------------------------------

/** A redemption gate: at most this share of NAV is paid out per dealing window. */
export interface FundGate {
  readonly maxShareOfNav: number;
}

/**
 * How the fund marks its assets. `model`: at the model's value, at once (mark to model).
 * `delay-write-downs`: a fall in an asset's economic value is recognised only `days` later;
 * rises at once ("extend and pretend").
 */
export type FundMarkPolicy = { readonly kind: 'model' } | { readonly kind: 'delay-write-downs'; readonly days: number };

/** What is waiting in a fund's queue. Amounts in whole tokens. */
export interface FundQueueView {
  readonly redemptionRequests: number;
  /** Shares escrowed by queued redemptions. */
  readonly redemptionShares: number;
  /** redemptionShares / supply: the queue as a share of NAV at one price. */
  readonly redemptionShareOfNav: number;
  readonly subscriptionRequests: number;
  /** Cash escrowed by queued subscriptions. */
  readonly subscriptionCash: number;
}

/** One account's requests waiting in a fund's queue. */
export interface FundRequestView {
  readonly requestId: number;
  readonly kind: 'subscription' | 'redemption';
  /** Redemption: shares still unfilled. Subscription: cash in escrow. Whole tokens. */
  readonly amount: number;
  readonly requestedAtMs: number;
  /** Earliest dealing date that may deal it (request time + notice). */
  readonly eligibleAtMs: number;
}

/**
 * A fund that takes requests (a `FundMarket` in the world), as agents read it. Everything a
 * fund document or the fund's transfer agent would tell an investor; nothing about the assets'
 * true (model) value, which only the NAV it reports reveals. Amounts are plain numbers of whole
 * tokens, for decisions; the ledger is exact.
 */
export interface FundDetailView extends FundView {
  readonly kind: 'fund';
  readonly cashToken: string;
  readonly shareDecimals: number;
  readonly cashDecimals: number;
  /** The address allowed to gate, suspend, resume and mark the fund. */
  readonly manager: string;
  readonly dealingPeriodMs: number;
  readonly subscriptionNoticeMs: number;
  readonly redemptionNoticeMs: number;
  readonly subscriptionFee: number;
  readonly redemptionFee: number;
  readonly queuePolicy: 'fifo' | 'pro-rata';
  /** NAV the fund reports now (marks as its mark policy says), whole cash units. */
  nav(): number;
  /** Shares outstanding (including those escrowed by queued redemptions). */
  supply(): number;
  /** The fund's own cash (part of NAV), whole cash units. */
  cash(): number;
  /** The next dealing date not yet dealt, ms. */
  nextDealingMs(): number;
  /** The dealing date a request made now would be dealt at first (notice period included). */
  firstDealingFor(kind: 'subscription' | 'redemption'): number;
  queue(): FundQueueView;
  gate(): FundGate | null;
  suspended(): { readonly subscriptions: boolean; readonly redemptions: boolean };
  subscriptionsOpen(): boolean;
  markPolicy(): FundMarkPolicy;
  /** Standing manual write-down, a fraction of asset value (0 = none). */
  writeDown(): number;
  /**
   * The calling agent's own queued requests, in queue order (empty outside an agent's view).
   * Other investors' requests are private; the queue's totals are in {@link queue}.
   */
  myRequests(): readonly FundRequestView[];
  /** The last dealing window, or undefined before the first. */
  lastWindow(): FundWindowEvent | undefined;
}

/** Whether a fund in the `funds` view takes requests and offers the detailed view. */
export function isFundDetail(fund: FundView | undefined): fund is FundDetailView {
  return fund !== undefined && (fund as Partial<FundDetailView>).kind === 'fund';
}

// ---- actions -----------------------------------------------------------------------------------

/** Withdraw one of the sender's queued requests; escrowed shares or cash go back. Off-chain. */
export interface CancelFundRequestAction extends Action {
  readonly kind: 'fund.cancel';
  readonly fund: string;
  readonly requestId: number;
}

/** Manager only: impose, change or lift (null) the redemption gate from the next window on. */
export interface SetGateAction extends Action {
  readonly kind: 'fund.set-gate';
  readonly fund: string;
  readonly gate: FundGate | null;
}

/**
 * Manager only: halt dealing and new requests on the given sides (both when neither is given).
 * Queued requests wait.
 */
export interface SuspendFundAction extends Action {
  readonly kind: 'fund.suspend';
  readonly fund: string;
  readonly subscriptions?: boolean;
  readonly redemptions?: boolean;
}

/** Manager only: lift a suspension on the given sides (both when neither is given). */
export interface ResumeFundAction extends Action {
  readonly kind: 'fund.resume';
  readonly fund: string;
  readonly subscriptions?: boolean;
  readonly redemptions?: boolean;
}

/**
 * Manager only: set the mark policy and/or a standing manual write-down (a fraction of asset
 * value in [0, 1); 0 lifts it).
 */
export interface MarkFundAction extends Action {
  readonly kind: 'fund.mark';
  readonly fund: string;
  readonly policy?: FundMarkPolicy;
  readonly writeDown?: number;
}

/** What a subscribe or redeem request returns when accepted. */
export interface FundRequestReceipt {
  readonly requestId: number;
  readonly eligibleAtMs: number;
  /** The dealing date it is expected to be dealt at first (later if gated or short of cash). */
  readonly dealingMs: number;
}

/** Subscribe `cash` (base units of the fund's cash token) at the NAV of the next dealing date. */
export function subscribeToFund(fund: string, cash: bigint): SubscribeAction {
  return { kind: 'fund.subscribe', fund, cash };
}

/** Ask the fund to redeem `shares` (base units) at the NAV of a dealing date; they go into escrow now. */
export function redeemFromFund(fund: string, shares: bigint): RedeemAction {
  return { kind: 'fund.redeem', fund, shares };
}

export function cancelFundRequest(fund: string, requestId: number): CancelFundRequestAction {
  return { kind: 'fund.cancel', fund, requestId };
}

export function setFundGate(fund: string, gate: FundGate | null): SetGateAction {
  return { kind: 'fund.set-gate', fund, gate };
}

export function suspendFund(fund: string, sides: { subscriptions?: boolean; redemptions?: boolean } = {}): SuspendFundAction {
  return { kind: 'fund.suspend', fund, ...sides };
}

export function resumeFund(fund: string, sides: { subscriptions?: boolean; redemptions?: boolean } = {}): ResumeFundAction {
  return { kind: 'fund.resume', fund, ...sides };
}

export function markFund(fund: string, change: { policy?: FundMarkPolicy; writeDown?: number }): MarkFundAction {
  return { kind: 'fund.mark', fund, ...change };
}

// ---- topics ------------------------------------------------------------------------------------

/** A subscription or redemption request was accepted (or cancelled) by a fund. Whole tokens. */
export interface FundRequestEvent {
  readonly fund: string;
  readonly requestId: number;
  readonly kind: 'subscription' | 'redemption';
  readonly change: 'requested' | 'cancelled';
  readonly account: string;
  /** Redemption: shares. Subscription: cash. */
  readonly amount: number;
  readonly eligibleAtMs: number;
  /** Queued redemption shares after the change, and as a share of supply. */
  readonly queueShares: number;
  readonly queueShareOfNav: number;
}
export const FUND_REQUESTS = defineTopic<FundRequestEvent>('fund.request');

/** What a dealing window did. Whole tokens. */
export interface FundWindowEvent {
  readonly fund: string;
  readonly index: number;
  readonly dealingMs: number;
  /** Dealing price: NAV per share at the window. */
  readonly navPerShare: number;
  readonly nav: number;
  /** Redemptions: how the side was dealt (`suspended`, `blocked-by-asset`, ...). */
  readonly redemptionStatus: 'processed' | 'suspended' | 'blocked-by-asset' | 'nav-non-positive';
  readonly subscriptionStatus: 'processed' | 'suspended' | 'blocked-by-asset' | 'nav-non-positive';
  /** Shares eligible for redemption at the window, and redeemed. */
  readonly eligibleShares: number;
  readonly sharesRedeemed: number;
  /** Cash paid to redeeming holders (net of fees). */
  readonly paid: number;
  /** Redemption shares still queued after the window (eligible or not). */
  readonly queued: number;
  /** Whether the gate bound (paid less than was eligible because of it). */
  readonly gated: boolean;
  /** The binding limit: none, the gate, or the fund's cash. */
  readonly limitedBy: 'none' | 'gate' | 'cash';
  /** Subscription cash dealt (net of fees) and shares minted for it. */
  readonly subscribed: number;
  readonly sharesMinted: number;
  /** Cash drawn from the fund's assets to pay this window. */
  readonly drawn: number;
  readonly cashAfter: number;
  readonly supplyAfter: number;
}
export const FUND_WINDOWS = defineTopic<FundWindowEvent>('fund.window');

/** One redemption request's fill in a window. */
export interface FundRedemptionEvent {
  readonly fund: string;
  readonly requestId: number;
  readonly holder: string;
  readonly shares: number;
  /** Cash paid to the holder (net of fee). */
  readonly cash: number;
  readonly fee: number;
  /** Shares left queued (0 when filled or cancelled). */
  readonly remaining: number;
  readonly remainder: 'none' | 'queued' | 'cancelled';
  readonly navPerShare: number;
}
export const FUND_REDEMPTIONS = defineTopic<FundRedemptionEvent>('fund.redemption');

/** One subscription's fill in a window. */
export interface FundSubscriptionEvent {
  readonly fund: string;
  readonly requestId: number;
  readonly investor: string;
  readonly cash: number;
  readonly fee: number;
  readonly shares: number;
  /** `refunded` when the cash would buy no share. */
  readonly status: 'filled' | 'refunded';
  readonly navPerShare: number;
}
export const FUND_SUBSCRIPTIONS = defineTopic<FundSubscriptionEvent>('fund.subscription');

/** The manager changed the fund's gate, suspension or marks. */
export interface FundPolicyEvent {
  readonly fund: string;
  readonly manager: string;
  readonly change: 'set-gate' | 'suspend' | 'resume' | 'mark';
  readonly gate?: FundGate | null;
  readonly suspended?: { readonly subscriptions: boolean; readonly redemptions: boolean };
  readonly markPolicy?: FundMarkPolicy;
  readonly writeDown?: number;
}
export const FUND_POLICY = defineTopic<FundPolicyEvent>('fund.policy');

/**
 * The fund re-marked its assets: a loan-book step (servicer report), a change of mark policy or
 * write-down. `navPerShare` is what it reports; `previous` what it reported before.
 */
export interface FundNavEvent {
  readonly fund: string;
  readonly navPerShare: number;
  readonly previous: number;
  readonly reason: 'loan-book' | 'mark';
  /** Loan-book steps: credit events seen in the step. */
  readonly newDelinquencies?: number;
  readonly newDefaults?: number;
}
export const FUND_NAV = defineTopic<FundNavEvent>('fund.nav');
