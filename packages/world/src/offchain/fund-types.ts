import type { NavSource } from './nav-source';

/** How often the fund deals. A month is YEAR / 12 (see time.ts). */
export type DealingCycle =
  | 'daily'
  | 'monthly'
  | 'quarterly'
  | {
      /** Time between dealing dates, integer ms > 0. */
      periodMs: number;
      /** First dealing date (default startMs + periodMs). */
      firstDealingMs?: number;
    };

/** Order in which a limited window capacity is shared among eligible redemption requests. */
export type QueuePolicy = 'fifo' | 'pro-rata';

/** What happens to the unfilled part of a redemption request (gate or cash shortfall). */
export type RemainderPolicy = 'queue' | 'cancel';

/** A cap on what one dealing window may pay out. */
export interface GateConfig {
  /**
   * Largest share of NAV paid out per window, in [0, 1] (e.g. 0.05 for a 5% quarterly tender
   * cap). Enforced in shares: at most floor(supply * maxShareOfNav) shares are redeemed, which at
   * one dealing price is the same share of NAV.
   */
  maxShareOfNav: number;
}

/** Construction parameters of a Fund. Cash and shares are bigint base units. */
export interface FundConfig {
  id: string;
  /** Decimals of the cash asset (default 6, like USDC). */
  cashDecimals?: number;
  /** Decimals of fund shares (default 18). */
  shareDecimals?: number;
  /** Scenario time the fund starts at (default 0). */
  startMs?: number;
  /** Cash the fund holds at start, base units (default 0). */
  initialCash?: bigint;
  /** Share register at start: holder -> shares. Total supply is the sum. */
  initialHoldings?: Readonly<Record<string, bigint>>;
  /** Assets held, marked through NavSource.value. Drawn for cash in this order. */
  assets?: readonly NavSource[];
  /** Price, in whole cash units per whole share, used while supply is zero (default 1). */
  initialNavPerShare?: number;
  dealing: DealingCycle;
  /** A subscription is eligible at the first dealing date >= request time + notice (default 0). */
  subscriptionNoticeMs?: number;
  /** A redemption is eligible at the first dealing date >= request time + notice (default 0). */
  redemptionNoticeMs?: number;
  /** Fraction of subscribed cash taken as a fee, in [0, 1) (default 0). Paid to the manager. */
  subscriptionFee?: number;
  /** Fraction of gross redemption proceeds taken as a fee, in [0, 1) (default 0). Paid to the manager. */
  redemptionFee?: number;
  /** Annual management fee on NAV, in [0, 1), accrued between dealing dates (default 0). */
  managementFeeAnnual?: number;
  /** Default 'fifo'. */
  queuePolicy?: QueuePolicy;
  /** Redemption gate; omit or null for none. Can be changed later with setGate. */
  gate?: GateConfig | null;
  /** Unfilled redemption remainder: stays queued (default) or is cancelled and returned. */
  unfilledRemainder?: RemainderPolicy;
  /** Draw cash from assets (in order) when fund cash cannot meet a window (default true). */
  drawFromAssets?: boolean;
  /** Skip redemptions in a window when any asset reports redemptionAllowed false (default true). */
  respectAssetStatus?: boolean;
}

/** A request waiting in the fund's queue. */
export interface QueuedRequest {
  readonly id: number;
  readonly kind: 'subscription' | 'redemption';
  /** Investor (subscription) or holder (redemption). */
  readonly account: string;
  /** Subscription: cash in escrow. Redemption: shares in escrow (what is still unfilled). */
  readonly amount: bigint;
  /** Amount at the time of the request. */
  readonly originalAmount: bigint;
  readonly requestedAtMs: number;
  /** Earliest dealing date that may process it: request time + notice. */
  readonly eligibleAtMs: number;
}

/** One subscription's outcome in a window. */
export interface SubscriptionFill {
  readonly requestId: number;
  readonly investor: string;
  /** Gross cash subscribed. */
  readonly cash: bigint;
  readonly fee: bigint;
  readonly sharesMinted: bigint;
  /** 'refunded' when the cash would buy zero shares: it is returned, not kept. */
  readonly status: 'filled' | 'refunded';
}

/** One redemption's outcome in a window. */
export interface RedemptionFill {
  readonly requestId: number;
  readonly holder: string;
  /** Unfilled shares at the start of the window. */
  readonly requestedShares: bigint;
  /** Shares redeemed (and burned) in this window. */
  readonly filledShares: bigint;
  /** filledShares at the dealing price, before the fee. */
  readonly grossCash: bigint;
  readonly fee: bigint;
  /** grossCash - fee, paid to the holder. */
  readonly cashPaid: bigint;
  /** Shares left after this window. */
  readonly remainingShares: bigint;
  /** What happened to remainingShares: still queued, cancelled (returned), or none left. */
  readonly remainder: 'none' | 'queued' | 'cancelled';
}

/** Why a window did not process one side. */
export type WindowSideStatus = 'processed' | 'suspended' | 'blocked-by-asset' | 'nav-non-positive';

/** Everything a dealing window did, for the world to turn into events. */
export interface WindowResult {
  readonly fundId: string;
  /** Index k of the dealing date firstDealingMs + k * periodMs. */
  readonly index: number;
  readonly dealingMs: number;
  /** NAV at the dealing price (after management fee accrual, before any flows), cash base units. */
  readonly nav: bigint;
  /** Share supply at the dealing price. */
  readonly supply: bigint;
  /** Dealing price in whole cash units per whole share (for display; fills use nav/supply exactly). */
  readonly navPerShare: number;
  readonly subscriptions: {
    readonly status: WindowSideStatus;
    readonly fills: readonly SubscriptionFill[];
    /** Net cash added to fund cash. */
    readonly cashIn: bigint;
    readonly fees: bigint;
    readonly sharesMinted: bigint;
    readonly refunded: bigint;
  };
  readonly redemptions: {
    readonly status: WindowSideStatus;
    readonly fills: readonly RedemptionFill[];
    /** Shares in eligible requests at the start of the window. */
    readonly eligibleShares: bigint;
    /** Shares still waiting for their notice period to pass. */
    readonly notYetEligibleShares: bigint;
    /** Gate capacity in shares, or null without a gate. */
    readonly gateCapacityShares: bigint | null;
    /** Shares the available cash could pay. */
    readonly cashCapacityShares: bigint;
    /** The binding limit: 'none' when every eligible request was filled. */
    readonly limitedBy: 'none' | 'gate' | 'cash';
    readonly sharesRedeemed: bigint;
    readonly cashPaid: bigint;
    readonly fees: bigint;
    /** Shares of eligible requests left queued / cancelled after the window. */
    readonly sharesQueued: bigint;
    readonly sharesCancelled: bigint;
  };
  /** Cash drawn from assets in this window. */
  readonly cashDrawn: bigint;
  readonly managementFee: { readonly accrued: bigint; readonly paid: bigint; readonly outstanding: bigint };
  /** Fund cash after the window. */
  readonly cashAfter: bigint;
  readonly supplyAfter: bigint;
}

/**
 * Cash flows since start. Conservation (checked by tests):
 * startingCash + subscriptionsReceived + drawnFromAssets ==
 * redemptionsPaid + subscriptionsRefunded + feesPaid + cash + pendingSubscriptionCash.
 */
export interface FundCashLedger {
  readonly startingCash: bigint;
  /** Cash deposited with subscription requests. */
  readonly subscriptionsReceived: bigint;
  readonly drawnFromAssets: bigint;
  /** Net cash paid to redeeming holders. */
  readonly redemptionsPaid: bigint;
  /** Subscription cash returned (cancelled or would-buy-zero requests). */
  readonly subscriptionsRefunded: bigint;
  /** Subscription, redemption and management fees paid to the manager. */
  readonly feesPaid: bigint;
  /** Fund cash (part of NAV). */
  readonly cash: bigint;
  /** Subscription cash in escrow (not part of NAV until dealt). */
  readonly pendingSubscriptionCash: bigint;
}

/**
 * Share flows since start: initialSupply + minted - burned == supply, and
 * supply == sum of register balances + escrowedShares.
 */
export interface FundShareLedger {
  readonly initialSupply: bigint;
  readonly minted: bigint;
  readonly burned: bigint;
  readonly supply: bigint;
  /** Shares held in escrow by queued redemption requests. */
  readonly escrowedShares: bigint;
}
