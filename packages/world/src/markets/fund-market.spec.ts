import { EventBus, Kernel, MemorySink, Recorder, SeedTree } from '@paradox/engine';
import { type Action, type ActionResult, FUNDS, type FundDetailView, isFundDetail } from '@paradox/sdk';
import { ModelConfigError } from '../errors';
import { DAY, type FundConfig, LoanBook, MONTH, QUARTER, StaticNavSource, YEAR } from '../offchain';
import { createWorld } from '../world/create-world';
import type { World } from '../world/world';
import { FundMarket, type FundMarketOptions } from './fund-market';
import { NavPathFund, installFunds } from './nav-path';

const USD = 10n ** 6n;
const SHARE = 10n ** 18n;

interface Harness {
  world: World;
  kernel: Kernel;
  sink: MemorySink;
  recorder: Recorder;
  market: FundMarket;
  view: FundDetailView;
  /** Submits an action as `agent` and returns its result (off-chain: applied at once). */
  act(agent: string, action: Action): ActionResult;
  runUntil(t: number): void;
  events(type: string): Record<string, unknown>[];
  series(name: string): [number, number][];
  usd(address: string): bigint;
  rwa(address: string): bigint;
}

/**
 * A $10m fund: 10m shares at $1 held by off-chain investors, $2m cash and an $8m asset;
 * `holder` and `whale` hold 1m and 3m of the shares as RWA tokens, `investor` has $1m of USD.
 */
function harness(fund: Partial<FundConfig> = {}, options: Partial<FundMarketOptions> = {}, seed = 1, permissioned = false): Harness {
  const kernel = new Kernel();
  const sink = new MemorySink();
  const recorder = new Recorder(sink);
  const seeds = new SeedTree(seed);
  const world = createWorld({ kernel, bus: new EventBus(kernel), recorder, seeds });
  world.ledger.addToken({ symbol: 'RWA', decimals: 18, issuer: 'fund', permissioned });
  if (permissioned) for (const a of ['holder', 'whale']) world.ledger.allow('RWA', 'fund', a);
  world.ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
  const market = new FundMarket(world, {
    fund: {
      id: 'pc',
      initialCash: 2_000_000n * USD,
      initialHoldings: { investors: 10_000_000n * SHARE },
      assets: [new StaticNavSource('loans', 8_000_000)],
      dealing: 'monthly',
      ...fund,
    },
    shareToken: 'RWA',
    cashToken: 'USD',
    manager: 'manager',
    ...options,
  });
  market.tokenize('investors', 'holder', 1_000_000n * SHARE);
  market.tokenize('investors', 'whale', 3_000_000n * SHARE);
  world.ledger.mint('USD', 'usd-issuer', 'investor', 1_000_000n * USD);
  const view = world.view('anyone', FUNDS.view) as ReadonlyMap<string, FundDetailView>;
  return {
    world,
    kernel,
    sink,
    recorder,
    market,
    view: view.get('pc')!,
    act(agent, action) {
      let result: ActionResult | undefined;
      world.submit(agent, action, (r) => (result = r));
      kernel.run({ until: kernel.now });
      return result!;
    },
    runUntil(t) {
      const outcome = kernel.run({ until: t });
      if (outcome.error) throw outcome.error;
    },
    events(type) {
      recorder.flush();
      return sink
        .rows('events')
        .filter((e) => e['type'] === type)
        .map((e) => ({ t: e['t'], actor: e['actor'], ...(JSON.parse(e['data'] as string) as Record<string, unknown>) }));
    },
    series(name) {
      recorder.flush();
      return sink
        .rows('series')
        .filter((r) => r['series'] === name)
        .map((r) => [r['t'] as number, r['value'] as number]);
    },
    usd: (a) => world.ledger.balanceOf('USD', a),
    rwa: (a) => world.ledger.balanceOf('RWA', a),
  };
}

const redeem = (shares: bigint): Action => ({ kind: 'fund.redeem', fund: 'pc', shares }) as Action;
const subscribe = (cash: bigint): Action => ({ kind: 'fund.subscribe', fund: 'pc', cash }) as Action;

describe('FundMarket: redemptions through the ledger', () => {
  it('escrows shares at the request, burns them and pays cash at the dealing date', () => {
    const h = harness();
    expect(h.view.navPerShare()).toBe(1);
    const r = h.act('holder', redeem(400_000n * SHARE));
    expect(r).toMatchObject({ ok: true, value: { requestId: 1, dealingMs: MONTH } });
    expect(h.rwa('holder')).toBe(600_000n * SHARE);
    expect(h.rwa(h.market.escrow)).toBe(400_000n * SHARE);
    expect(h.view.queue()).toMatchObject({ redemptionRequests: 1, redemptionShares: 400_000 });
    // Each agent sees its own requests only.
    const viewOf = (agent: string) => (h.world.view(agent, FUNDS.view) as ReadonlyMap<string, FundDetailView>).get('pc')!;
    expect(viewOf('holder').myRequests()).toEqual([{ requestId: 1, kind: 'redemption', amount: 400_000, requestedAtMs: 0, eligibleAtMs: 0 }]);
    expect(viewOf('whale').myRequests()).toEqual([]);
    expect(viewOf('whale').queue().redemptionShares).toBe(400_000);
    expect(h.market.audit()).toBeUndefined();

    h.runUntil(MONTH - 1);
    expect(h.usd('holder')).toBe(0n); // nothing before the dealing date
    h.runUntil(MONTH);
    expect(h.usd('holder')).toBe(400_000n * USD);
    expect(h.rwa(h.market.escrow)).toBe(0n);
    expect(h.world.ledger.totalSupply('RWA')).toBe(3_600_000n * SHARE);
    expect(h.market.fund.totalSupply()).toBe(9_600_000n * SHARE);
    expect(h.market.audit()).toBeUndefined();
    expect(h.world.ledger.audit()).toBeUndefined();

    const [window] = h.events('fund.window');
    expect(window).toMatchObject({ t: MONTH, fund: 'pc', index: 0, paid: 400_000, sharesRedeemed: 400_000, queued: 0, gated: false, limitedBy: 'none' });
    expect(h.events('fund.redemption')).toEqual([expect.objectContaining({ holder: 'holder', shares: 400_000, cash: 400_000, remainder: 'none' })]);
    expect(h.events('fund.request')).toEqual([expect.objectContaining({ kind: 'redemption', change: 'requested', account: 'holder', amount: 400_000, queueShares: 400_000 })]);
    expect(h.series('fund.paid.pc')).toEqual([[MONTH, 400_000]]);
    expect(h.view.lastWindow()).toMatchObject({ index: 0, paid: 400_000 });
  });

  it('refuses what it cannot do and changes nothing', () => {
    const h = harness();
    const before = h.rwa('holder');
    expect(h.act('holder', redeem(2_000_000n * SHARE))).toMatchObject({ ok: false, reason: expect.stringMatching(/exceeds balance/) });
    expect(h.act('holder', redeem(0n))).toMatchObject({ ok: false });
    expect(h.act('holder', { kind: 'fund.redeem', fund: 'nope', shares: 1n } as Action)).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown fund "nope"/) });
    expect(h.act('nobody', subscribe(5n * USD))).toMatchObject({ ok: false });
    expect(h.rwa('holder')).toBe(before);
    expect(h.market.fund.pendingRequests()).toEqual([]);
    expect(h.market.audit()).toBeUndefined();
  });

  it('works with a permissioned share token: only allowlisted investors may subscribe', () => {
    const h = harness({}, {}, 1, true);
    expect(h.act('holder', redeem(1_000n * SHARE))).toMatchObject({ ok: true });
    expect(h.act('investor', subscribe(1_000n * USD))).toMatchObject({ ok: false, reason: expect.stringMatching(/may not hold/) });
    h.runUntil(MONTH);
    expect(h.usd('holder')).toBe(1_000n * USD);
    expect(h.market.audit()).toBeUndefined();
  });

  it('a gate pays its share of NAV per window and keeps the rest queued, in order', () => {
    const h = harness({ gate: { maxShareOfNav: 0.05 }, queuePolicy: 'pro-rata' });
    h.act('whale', redeem(3_000_000n * SHARE));
    h.act('holder', redeem(1_000_000n * SHARE));
    h.runUntil(2 * MONTH);
    const windows = h.events('fund.window');
    // 5% of 10m shares, then 5% of the 9.5m left: shared 3:1.
    expect(windows.map((w) => [w['paid'], w['gated'], w['limitedBy']])).toEqual([
      [500_000, true, 'gate'],
      [475_000, true, 'gate'],
    ]);
    expect(h.usd('whale')).toBe(375_000n * USD + 356_250n * USD);
    expect(h.view.queue().redemptionShares).toBe(4_000_000 - 975_000);
    expect(h.series('fund.queue.pc').at(-1)).toEqual([2 * MONTH, 3_025_000]);
    expect(h.market.audit()).toBeUndefined();
  });

  it('under the cancel policy the unfilled remainder comes back to the wallet', () => {
    const h = harness({ gate: { maxShareOfNav: 0.05 }, unfilledRemainder: 'cancel' });
    h.act('whale', redeem(3_000_000n * SHARE));
    h.runUntil(MONTH);
    expect(h.rwa('whale')).toBe(2_500_000n * SHARE);
    expect(h.usd('whale')).toBe(500_000n * USD);
    expect(h.events('fund.redemption')[0]).toMatchObject({ shares: 500_000, remainder: 'cancelled', remaining: 0 });
    expect(h.market.audit()).toBeUndefined();
  });

  it('a queued request can be cancelled by its owner only', () => {
    const h = harness();
    h.act('holder', redeem(100n * SHARE));
    expect(h.act('whale', { kind: 'fund.cancel', fund: 'pc', requestId: 1 } as Action)).toMatchObject({ ok: false, reason: expect.stringMatching(/not whale's/) });
    expect(h.act('holder', { kind: 'fund.cancel', fund: 'pc', requestId: 1 } as Action)).toMatchObject({ ok: true });
    expect(h.rwa('holder')).toBe(1_000_000n * SHARE);
    expect(h.market.audit()).toBeUndefined();
  });

  it('pays from cash only, drawing from assets that release it (cash minted on chain as it arrives)', () => {
    const book = new LoanBook({
      id: 'book',
      pdByGrade: { A: 0 },
      recoveryRate: 0.5,
      rho: 0.1,
      initialCash: 500_000n * USD,
      loans: [{ id: 'L', principal: 7_500_000n * USD, annualRate: 0, maturityMs: 10 * YEAR, grade: 'A' }],
    });
    const h = harness({ initialCash: 0n, assets: [], drawFromAssets: true }, { loanBooks: [{ book, rng: { next: () => 0.5 } }] });
    expect(h.view.nav()).toBe(8_000_000);
    h.act('whale', redeem(3_000_000n * SHARE));
    h.runUntil(MONTH);
    // The fund held no cash: the book's $500k collected cash is all it could pay ($0.80/share).
    expect(h.events('fund.window')[0]).toMatchObject({ paid: 500_000, drawn: 500_000, limitedBy: 'cash' });
    expect(h.usd('whale')).toBe(500_000n * USD);
    expect(h.world.ledger.totalSupply('USD')).toBe(1_500_000n * USD); // the investor's $1m + $500k brought on chain
    expect(h.market.audit()).toBeUndefined();
  });
});

describe('FundMarket: subscriptions', () => {
  it('takes cash now and mints shares into the wallet at the next dealing date, at its NAV', () => {
    const h = harness({ subscriptionFee: 0.01 });
    expect(h.act('investor', subscribe(101_000n * USD))).toMatchObject({ ok: true, value: { dealingMs: MONTH } });
    expect(h.usd('investor')).toBe(899_000n * USD);
    expect(h.usd(h.market.address)).toBe(2_101_000n * USD);
    h.runUntil(MONTH);
    // 1% fee to the manager, 99,990 net at $1.00.
    expect(h.rwa('investor')).toBe(99_990n * SHARE);
    expect(h.usd('manager')).toBe(1_010n * USD);
    expect(h.events('fund.subscription')).toEqual([expect.objectContaining({ investor: 'investor', shares: 99_990, cash: 101_000, fee: 1_010, status: 'filled' })]);
    expect(h.market.audit()).toBeUndefined();
    expect(h.world.ledger.audit()).toBeUndefined();
  });

  it('a notice period pushes the request to a later dealing date', () => {
    const h = harness({ redemptionNoticeMs: 45 * DAY });
    expect(h.act('holder', redeem(SHARE))).toMatchObject({ ok: true, value: { eligibleAtMs: 45 * DAY, dealingMs: 2 * MONTH } });
    expect(h.view.firstDealingFor('redemption')).toBe(2 * MONTH);
    expect(h.view.firstDealingFor('subscription')).toBe(MONTH);
    h.runUntil(MONTH);
    expect(h.usd('holder')).toBe(0n);
    h.runUntil(2 * MONTH);
    expect(h.usd('holder')).toBe(USD);
  });
});

describe('FundMarket: the manager', () => {
  it('only the manager may gate, suspend, resume or mark', () => {
    const h = harness();
    for (const action of [
      { kind: 'fund.set-gate', fund: 'pc', gate: { maxShareOfNav: 0 } },
      { kind: 'fund.suspend', fund: 'pc' },
      { kind: 'fund.resume', fund: 'pc' },
      { kind: 'fund.mark', fund: 'pc', writeDown: 0.2 },
    ]) {
      expect(h.act('whale', action as Action)).toMatchObject({ ok: false, reason: expect.stringMatching(/only its manager/) });
    }
    expect(h.view.gate()).toBeNull();
    expect(h.view.navPerShare()).toBe(1);
    expect(h.act('manager', { kind: 'fund.set-gate', fund: 'pc', gate: { maxShareOfNav: 1.5 } } as Action)).toMatchObject({ ok: false });
    expect(h.act('manager', { kind: 'fund.set-gate', fund: 'pc', gate: { maxShareOfNav: 0 } } as Action)).toMatchObject({ ok: true });
    expect(h.view.redemptionsOpen()).toBe(false);
    expect(h.events('fund.policy')).toEqual([expect.objectContaining({ change: 'set-gate', gate: { maxShareOfNav: 0 }, manager: 'manager' })]);
  });

  it('suspension refuses new requests and stops payouts until resumed', () => {
    const h = harness();
    h.act('holder', redeem(100_000n * SHARE));
    expect(h.act('manager', { kind: 'fund.suspend', fund: 'pc', redemptions: true } as Action)).toMatchObject({ ok: true, value: { redemptions: true, subscriptions: false } });
    expect(h.view.redemptionsOpen()).toBe(false);
    expect(h.act('whale', redeem(SHARE))).toMatchObject({ ok: false, reason: expect.stringMatching(/suspended/) });
    h.runUntil(2 * MONTH);
    expect(h.events('fund.window').map((w) => [w['redemptionStatus'], w['paid']])).toEqual([
      ['suspended', 0],
      ['suspended', 0],
    ]);
    h.act('manager', { kind: 'fund.resume', fund: 'pc' } as Action);
    h.runUntil(3 * MONTH);
    expect(h.usd('holder')).toBe(100_000n * USD);
  });

  it('a manual write-down lowers the reported NAV at once', () => {
    const h = harness();
    h.act('manager', { kind: 'fund.mark', fund: 'pc', writeDown: 0.25 } as Action);
    // $8m of assets marked 25% down: NAV $8m on 10m shares.
    expect(h.view.navPerShare()).toBeCloseTo(0.8, 12);
    expect(h.view.writeDown()).toBe(0.25);
    expect(h.events('fund.nav')).toEqual([expect.objectContaining({ navPerShare: 0.8, previous: 1, reason: 'mark' })]);
  });
});

describe('FundMarket: a loan book on the kernel clock', () => {
  const loanBook = (): LoanBook =>
    new LoanBook({
      id: 'book',
      pdByGrade: { B: 0.05 },
      recoveryRate: 0.4,
      rho: 0.2,
      writeDown: { dpd30: 0.5, dpd60: 0.5 },
      loans: Array.from({ length: 200 }, (_, i) => ({ id: `L${i}`, principal: 40_000n * USD, annualRate: 0, maturityMs: 5 * YEAR, grade: 'B' })),
    });

  function withBook(seed: number, policy?: FundMarketOptions['markPolicy']) {
    const book = loanBook();
    // A severe credit event in month 2 (Z = -3, PDs x 10).
    book.applyShock({ atMs: 2 * MONTH, systematicZ: -3, pdMultiplier: 10 });
    const kernelSeeds = new SeedTree(seed);
    const h = harness({ assets: [] }, { loanBooks: [{ book, rng: kernelSeeds.stream('world/loan-book/book') }], ...(policy ? { markPolicy: policy } : {}) }, seed);
    return { h, book };
  }

  it('steps monthly from its own stream: the NAV follows the marks, the same for the same seed', () => {
    const a = withBook(7);
    a.h.runUntil(6 * MONTH);
    const steps = a.h.events('fund.nav').filter((e) => e['reason'] === 'loan-book');
    expect(steps.map((e) => e['t'])).toEqual([1, 2, 3, 4, 5, 6].map((m) => m * MONTH));
    const nav = a.h.series('fund.nav.pc');
    // The shock's missed payments (month 2) are written down once 30 days past due (month 3).
    const shock = steps.find((e) => e['t'] === 2 * MONTH)!;
    expect(shock['newDelinquencies']).toBeGreaterThan(10);
    expect(steps.find((e) => e['t'] === 3 * MONTH)!['navPerShare']).toBeLessThan(0.97);
    // Reported = model under mark to model.
    expect(a.h.series('fund.model-nav.pc').at(-1)![1]).toBeCloseTo(nav.at(-1)![1], 9);
    const b = withBook(7);
    b.h.runUntil(6 * MONTH);
    expect(b.h.series('fund.nav.pc')).toEqual(nav);
    expect(a.book.summary()).toEqual(b.book.summary());
  });

  it('"extend and pretend": write-downs reach the reported NAV only after the delay', () => {
    const model = withBook(3);
    const pretend = withBook(3, { kind: 'delay-write-downs', days: 90 });
    model.h.runUntil(8 * MONTH);
    pretend.h.runUntil(8 * MONTH);
    const at = (h: Harness, name: string, t: number) => h.series(name).filter(([s]) => s <= t).at(-1)![1];
    // Same loans, same draws: the model NAV paths agree.
    expect(at(pretend.h, 'fund.model-nav.pc', 8 * MONTH)).toBeCloseTo(at(model.h, 'fund.model-nav.pc', 8 * MONTH), 9);
    // Month 3's write-downs (of month 2's missed payments) are hidden for 90 days, then
    // recognised on the day.
    const hit = 3 * MONTH;
    expect(at(pretend.h, 'fund.nav.pc', hit)).toBeGreaterThan(at(model.h, 'fund.nav.pc', hit) + 0.02);
    expect(at(pretend.h, 'fund.nav.pc', hit + 89 * DAY)).toBeGreaterThan(at(pretend.h, 'fund.model-nav.pc', hit + 89 * DAY) + 0.02);
    const recognised = pretend.h.events('fund.nav').filter((e) => e['reason'] === 'mark');
    expect(recognised.map((e) => e['t'])).toContain(hit + 90 * DAY);
    expect(recognised.find((e) => e['t'] === hit + 90 * DAY)!['navPerShare']).toBeLessThan(at(model.h, 'fund.nav.pc', hit) + 0.01);
  });
});

describe('the funds registry', () => {
  it('serves scripted and dealing funds in one view and routes actions by fund', () => {
    const h = harness();
    const scripted = new NavPathFund(h.world, 'scripted', 'RWA', [[0, 1]]);
    installFunds(h.world, [scripted, h.market]);
    const funds = h.world.view('a', FUNDS.view) as ReadonlyMap<string, FundDetailView>;
    expect([...funds.keys()]).toEqual(['pc', 'scripted']);
    expect(isFundDetail(funds.get('pc'))).toBe(true);
    expect(isFundDetail(funds.get('scripted'))).toBe(false);
    expect(h.act('holder', { kind: 'fund.redeem', fund: 'scripted', shares: 1n } as Action)).toMatchObject({ ok: false, reason: expect.stringMatching(/takes no requests/) });
    expect(() => installFunds(h.world, [new NavPathFund(h.world, 'pc', 'RWA', [[0, 1]])])).toThrow(/added twice/);
  });

  it('months of quiet cost one queue event per dealing date', () => {
    const h = harness({ dealing: 'quarterly' });
    h.runUntil(2 * YEAR);
    expect(h.kernel.eventsProcessed).toBe(8);
    expect(h.events('fund.window').map((w) => w['dealingMs'])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((q) => q * QUARTER));
  });

  it('bad configuration is refused naming the path', () => {
    expect(() => harness({}, { shareToken: 'NOPE' })).toThrow(ModelConfigError);
    expect(() => harness({ cashDecimals: 18 })).toThrow(/fundMarket\[pc\]\.fund\.cashDecimals/);
    expect(() => harness({ initialHoldings: { 'token:RWA': 1n } })).toThrow(/tokenize/);
  });
});
