import { ModelConfigError, RevertError } from '../errors';
import { allocate } from './fund-allocation';
import { Fund } from './fund';
import type { FundConfig } from './fund-types';
import type { NavSource } from './nav-source';
import { StaticNavSource } from './nav-source';
import { DAY, MONTH, QUARTER, YEAR } from './time';

const USD = 1_000_000n; // 6 decimals
const SH = 10n ** 18n; // 18 decimals

function fund(overrides: Partial<FundConfig> = {}): Fund {
  return new Fund({
    id: 'pc',
    initialCash: 1000n * USD,
    initialHoldings: { alice: 600n * SH, bob: 400n * SH },
    dealing: 'monthly',
    ...overrides,
  });
}

/** A source holding `cash` it releases on request, valued at what it still holds. */
class CashPool implements NavSource {
  constructor(
    readonly id: string,
    public held: bigint,
  ) {}
  value(): number {
    return Number(this.held) / 1e6;
  }
  drawCash(_nowMs: number, max: bigint): bigint {
    const out = this.held < max ? this.held : max;
    this.held -= out;
    return out;
  }
}

describe('Fund construction', () => {
  it.each([
    [{ initialCash: -1n }, 'fund[pc].initialCash'],
    [{ gate: { maxShareOfNav: 1.5 } }, 'fund[pc].gate.maxShareOfNav'],
    [{ gate: { maxShareOfNav: -0.1 } }, 'fund[pc].gate.maxShareOfNav'],
    [{ redemptionFee: 1 }, 'fund[pc].redemptionFee'],
    [{ managementFeeAnnual: Number.NaN }, 'fund[pc].managementFeeAnnual'],
    [{ dealing: { periodMs: 0 } }, 'fund[pc].dealing.periodMs'],
    [{ dealing: 'weekly' as never }, 'fund[pc].dealing'],
    [{ queuePolicy: 'lifo' as never }, 'fund[pc].queuePolicy'],
    [{ initialHoldings: { alice: -5n } }, 'fund[pc].initialHoldings[alice]'],
    [{ redemptionNoticeMs: 1.5 }, 'fund[pc].redemptionNoticeMs'],
    [{ initialNavPerShare: 0 }, 'fund[pc].initialNavPerShare'],
    [{ assets: [new StaticNavSource('x', 1), new StaticNavSource('x', 2)] }, 'fund[pc].assets[1].id'],
  ] as Array<[Partial<FundConfig>, string]>)('rejects %p naming %s', (bad, path) => {
    let err: unknown;
    try {
      fund(bad);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModelConfigError);
    expect((err as ModelConfigError).path).toBe(path);
    expect((err as Error).message).toContain(path);
  });

  it('starts with NAV = cash + assets and the stated dealing calendar', () => {
    const f = fund({ assets: [new StaticNavSource('loans', 1000)], dealing: 'quarterly' });
    expect(f.nav(0)).toBe(2000n * USD);
    expect(f.navPerShare(0)).toBe(2);
    expect(f.nextDealingMs()).toBe(QUARTER);
    expect(f.dealingDate(3)).toBe(YEAR);
    expect(fund({ dealing: { periodMs: 7 * DAY, firstDealingMs: 2 * DAY } }).dealingDate(1)).toBe(9 * DAY);
  });
});

describe('Fund subscriptions', () => {
  it('mints at NAV per share net of the fee, rounding shares down', () => {
    const f = fund({ subscriptionFee: 0.01, assets: [new StaticNavSource('loans', 2000)] }); // NAV 3000, 1000 shares
    f.requestSubscription({ investor: 'carol', cash: 301n * USD, atMs: 10 * DAY });
    expect(f.nav(10 * DAY)).toBe(3000n * USD); // escrowed cash is not NAV
    const [w] = f.processWindows(MONTH);
    // fee = 3.01, net = 297.99; shares = 297.99e6 * 1000e18 / 3000e6 = 99.33e18
    expect(w!.subscriptions.fills).toEqual([
      { requestId: 1, investor: 'carol', cash: 301n * USD, fee: 3_010_000n, sharesMinted: 99_330_000_000_000_000_000n, status: 'filled' },
    ]);
    expect(f.balanceOf('carol')).toBe(99_330_000_000_000_000_000n);
    expect(f.cashBalance()).toBe(1000n * USD + 297_990_000n);
    expect(f.navPerShare(MONTH)).toBeCloseTo(3, 12);
  });

  it('prices the first subscription at initialNavPerShare when there are no shares', () => {
    const f = new Fund({ id: 'new', dealing: 'daily', initialNavPerShare: 10 });
    f.requestSubscription({ investor: 'a', cash: 25n * USD, atMs: 0 });
    f.processWindows(DAY);
    expect(f.totalSupply()).toBe(25n * SH / 10n);
    expect(f.navPerShare(DAY)).toBe(10);
  });

  it('refunds a subscription too small to buy one share unit', () => {
    const f = new Fund({ id: 'x', dealing: 'daily', shareDecimals: 0, initialNavPerShare: 100 });
    f.requestSubscription({ investor: 'a', cash: 99n * USD, atMs: 0 });
    const [w] = f.processWindows(DAY);
    expect(w!.subscriptions.fills[0]!.status).toBe('refunded');
    expect(f.cashLedger().subscriptionsRefunded).toBe(99n * USD);
    expect(f.totalSupply()).toBe(0n);
  });
});

describe('Fund notice periods and windows', () => {
  it('holds a request until the first dealing date after its notice period', () => {
    const f = fund({ redemptionNoticeMs: 10 * DAY });
    f.requestRedemption({ holder: 'alice', shares: 10n * SH, atMs: MONTH - 5 * DAY });
    const [first] = f.processWindows(MONTH);
    expect(first!.redemptions.eligibleShares).toBe(0n);
    expect(first!.redemptions.notYetEligibleShares).toBe(10n * SH);
    const [second] = f.processWindows(2 * MONTH);
    expect(second!.redemptions.sharesRedeemed).toBe(10n * SH);
    expect(f.cashLedger().redemptionsPaid).toBe(10n * USD);
  });

  it('catches up on every missed window, each at its own date', () => {
    const f = fund();
    const results = f.processWindows(3 * MONTH + DAY);
    expect(results.map((r) => r.dealingMs)).toEqual([MONTH, 2 * MONTH, 3 * MONTH]);
    expect(f.nextDealingMs()).toBe(4 * MONTH);
    expect(f.processWindows(3 * MONTH + 2 * DAY)).toEqual([]);
  });

  it('refuses a request dated before the fund clock and leaves state unchanged', () => {
    const f = fund();
    f.processWindows(MONTH);
    const before = JSON.stringify(f.cashLedger(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    expect(() => f.requestSubscription({ investor: 'c', cash: USD, atMs: MONTH - 1 })).toThrow(RevertError);
    expect(() => f.requestRedemption({ holder: 'alice', shares: 601n * SH, atMs: MONTH })).toThrow(/insufficient shares/);
    expect(JSON.stringify(f.cashLedger(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toBe(before);
    expect(f.balanceOf('alice')).toBe(600n * SH);
    expect(f.pendingRequests()).toEqual([]);
  });

  it('cancels a queued request and returns the escrow', () => {
    const f = fund();
    const s = f.requestSubscription({ investor: 'c', cash: 5n * USD, atMs: 1 });
    const r = f.requestRedemption({ holder: 'bob', shares: 7n * SH, atMs: 2 });
    expect(f.balanceOf('bob')).toBe(393n * SH);
    f.cancelRequest(r.id, 3);
    f.cancelRequest(s.id, 3);
    expect(f.balanceOf('bob')).toBe(400n * SH);
    expect(f.cashLedger().subscriptionsRefunded).toBe(5n * USD);
    expect(() => f.cancelRequest(r.id, 4)).toThrow(/no queued request/);
  });
});

describe('Fund gates and queue policies', () => {
  // NAV 1000 cash, 1000 shares: $1 per share. Gate 5% of NAV = 50 shares per window.
  it('FIFO fills in arrival order up to the gate and queues the rest', () => {
    const f = fund({ gate: { maxShareOfNav: 0.05 } });
    f.requestRedemption({ holder: 'alice', shares: 40n * SH, atMs: 1 });
    f.requestRedemption({ holder: 'bob', shares: 60n * SH, atMs: 2 });
    const [w] = f.processWindows(MONTH);
    expect(w!.redemptions.gateCapacityShares).toBe(50n * SH);
    expect(w!.redemptions.limitedBy).toBe('gate');
    expect(w!.redemptions.fills.map((x) => [x.holder, x.filledShares, x.remainingShares, x.remainder])).toEqual([
      ['alice', 40n * SH, 0n, 'none'],
      ['bob', 10n * SH, 50n * SH, 'queued'],
    ]);
    // Next window: supply 950, cap 47.5 shares, bob's 50 still first in line.
    const [w2] = f.processWindows(2 * MONTH);
    expect(w2!.redemptions.fills[0]!.filledShares).toBe(47_500_000_000_000_000_000n);
    expect(w2!.redemptions.fills[0]!.cashPaid).toBe(47_500_000n);
  });

  it('pro-rata gives each eligible request the same fraction', () => {
    const f = fund({ gate: { maxShareOfNav: 0.05 }, queuePolicy: 'pro-rata' });
    f.requestRedemption({ holder: 'alice', shares: 40n * SH, atMs: 1 });
    f.requestRedemption({ holder: 'bob', shares: 60n * SH, atMs: 2 });
    const [w] = f.processWindows(MONTH);
    expect(w!.redemptions.fills.map((x) => x.filledShares)).toEqual([20n * SH, 30n * SH]);
  });

  it('cancels the unfilled remainder under the cancel policy, returning shares', () => {
    const f = fund({ gate: { maxShareOfNav: 0.05 }, unfilledRemainder: 'cancel', redemptionFee: 0.02 });
    f.requestRedemption({ holder: 'bob', shares: 200n * SH, atMs: 1 });
    const [w] = f.processWindows(MONTH);
    const fill = w!.redemptions.fills[0]!;
    expect([fill.filledShares, fill.grossCash, fill.fee, fill.cashPaid, fill.remainder]).toEqual([50n * SH, 50n * USD, USD, 49n * USD, 'cancelled']);
    expect(f.balanceOf('bob')).toBe(350n * SH);
    expect(f.pendingRequests()).toEqual([]);
    expect(f.totalSupply()).toBe(950n * SH);
  });

  it('a gate set by the manager applies from the next window; null lifts it', () => {
    const f = fund();
    f.setGate({ maxShareOfNav: 0 }, 1);
    f.requestRedemption({ holder: 'bob', shares: 10n * SH, atMs: 1 });
    expect(f.processWindows(MONTH)[0]!.redemptions.sharesRedeemed).toBe(0n);
    f.setGate(null, MONTH + 1);
    expect(f.processWindows(2 * MONTH)[0]!.redemptions.sharesRedeemed).toBe(10n * SH);
    expect(() => f.setGate({ maxShareOfNav: 2 }, 2 * MONTH)).toThrow(RevertError);
  });
});

describe('Fund liquidity', () => {
  it('pays only from cash, queues the rest, and reports the cash limit', () => {
    // NAV 1000 = 100 cash + 900 illiquid loans: $1/share, only 100 shares payable.
    const f = fund({ initialCash: 100n * USD, assets: [new StaticNavSource('loans', 900)] });
    f.requestRedemption({ holder: 'alice', shares: 300n * SH, atMs: 1 });
    const [w] = f.processWindows(MONTH);
    expect(w!.redemptions.limitedBy).toBe('cash');
    expect(w!.redemptions.cashCapacityShares).toBe(100n * SH);
    expect(w!.redemptions.sharesRedeemed).toBe(100n * SH);
    expect(w!.redemptions.sharesQueued).toBe(200n * SH);
    expect(f.cashBalance()).toBe(0n);
  });

  it('nets new subscriptions against redemptions in the same window', () => {
    const f = fund({ initialCash: 0n, assets: [new StaticNavSource('loans', 1000)] });
    f.requestSubscription({ investor: 'carol', cash: 30n * USD, atMs: 1 });
    f.requestRedemption({ holder: 'alice', shares: 50n * SH, atMs: 1 });
    const [w] = f.processWindows(MONTH);
    expect(w!.subscriptions.sharesMinted).toBe(30n * SH);
    expect(w!.redemptions.sharesRedeemed).toBe(30n * SH);
  });

  it('draws cash from assets in order when short', () => {
    const pool = new CashPool('income', 40n * USD);
    const f = fund({ initialCash: 10n * USD, assets: [new StaticNavSource('loans', 950), pool] });
    f.requestRedemption({ holder: 'alice', shares: 100n * SH, atMs: 1 });
    const [w] = f.processWindows(MONTH);
    expect(w!.cashDrawn).toBe(40n * USD);
    expect(w!.redemptions.sharesRedeemed).toBe(50n * SH);
    expect(pool.held).toBe(0n);
    expect(f.cashLedger().drawnFromAssets).toBe(40n * USD);
  });

  it('skips redemptions while an asset forbids them, keeping the queue', () => {
    let allowed = false;
    const frozen: NavSource = { id: 'bldg', value: () => 0, redemptionAllowed: () => allowed };
    const f = fund({ assets: [frozen] });
    f.requestRedemption({ holder: 'alice', shares: 10n * SH, atMs: 1 });
    expect(f.processWindows(MONTH)[0]!.redemptions.status).toBe('blocked-by-asset');
    allowed = true;
    expect(f.processWindows(2 * MONTH)[0]!.redemptions.sharesRedeemed).toBe(10n * SH);
  });

  it('does not deal while NAV is not positive', () => {
    const hole = new StaticNavSource('hole', -2000);
    const f = fund({ assets: [hole] });
    f.requestRedemption({ holder: 'alice', shares: 10n * SH, atMs: 1 });
    f.requestSubscription({ investor: 'c', cash: USD, atMs: 1 });
    const [w] = f.processWindows(MONTH);
    expect(w!.redemptions.status).toBe('nav-non-positive');
    expect(w!.subscriptions.status).toBe('nav-non-positive');
    expect(f.pendingRequests()).toHaveLength(2);
  });
});

describe('Fund suspension', () => {
  it('refuses new requests and holds queued ones until resumed', () => {
    const f = fund();
    f.requestRedemption({ holder: 'alice', shares: 10n * SH, atMs: 1 });
    f.suspend({ redemptions: true }, 2);
    expect(() => f.requestRedemption({ holder: 'bob', shares: SH, atMs: 3 })).toThrow(/redemptions suspended/);
    f.requestSubscription({ investor: 'c', cash: USD, atMs: 3 }); // other side still open
    const [w] = f.processWindows(MONTH);
    expect(w!.redemptions.status).toBe('suspended');
    expect(w!.subscriptions.sharesMinted).toBe(SH);
    f.resume({ redemptions: true }, MONTH + 1);
    expect(f.processWindows(2 * MONTH)[0]!.redemptions.sharesRedeemed).toBe(10n * SH);
    f.suspend({ subscriptions: true }, 2 * MONTH);
    expect(() => f.requestSubscription({ investor: 'c', cash: USD, atMs: 2 * MONTH })).toThrow(/subscriptions suspended/);
    expect(f.suspension()).toEqual({ subscriptions: true, redemptions: false });
    expect(f.redemptionsOpen(2 * MONTH)).toBe(true);
    f.setGate({ maxShareOfNav: 0 }, 2 * MONTH);
    expect(f.redemptionsOpen(2 * MONTH)).toBe(false);
  });
});

describe('Fund management fee', () => {
  it('accrues on NAV between dealing dates as a drag and is paid from cash', () => {
    // 2% a year on $1000 over a quarter: 1000e6 * 0.02 * 0.25 = 5e6 exactly.
    const f = fund({ dealing: 'quarterly', managementFeeAnnual: 0.02 });
    expect(f.nav(QUARTER / 2)).toBe(1000n * USD - 2_500_000n);
    const [w] = f.processWindows(QUARTER);
    expect(w!.managementFee).toEqual({ accrued: 5_000_000n, paid: 5_000_000n, outstanding: 0n });
    expect(w!.nav).toBe(995n * USD);
    expect(f.cashLedger().feesPaid).toBe(5_000_000n);
  });

  it('leaves the fee outstanding as a liability when there is no cash', () => {
    const f = fund({ initialCash: 0n, assets: [new StaticNavSource('loans', 1000)], managementFeeAnnual: 0.02, dealing: 'quarterly' });
    const [w] = f.processWindows(QUARTER);
    expect(w!.managementFee.outstanding).toBe(5_000_000n);
    expect(f.nav(QUARTER)).toBe(995n * USD);
  });
});

describe('allocate', () => {
  it('pro-rata uses the capacity exactly, largest remainder first', () => {
    expect(allocate([1n, 1n, 1n], 2n, 'pro-rata')).toEqual([1n, 1n, 0n]);
    expect(allocate([10n, 20n, 30n], 7n, 'pro-rata')).toEqual([1n, 2n, 4n]);
    expect(allocate([5n, 5n], 100n, 'pro-rata')).toEqual([5n, 5n]);
    expect(allocate([5n, 5n], 0n, 'fifo')).toEqual([0n, 0n]);
    expect(allocate([5n, 5n], 7n, 'fifo')).toEqual([5n, 2n]);
  });
});
