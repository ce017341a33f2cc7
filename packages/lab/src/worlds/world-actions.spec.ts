import { DAY, HOUR } from '@paradox/engine';
import {
  type AccountView,
  type Action,
  type ActionResult,
  AMM_POOLS,
  type AmmPoolView,
  CUSTODY,
  type CustodianView,
  LENDING_MARKETS,
  type LendingMarketView,
  addLiquidity,
  attest,
  borrow,
  discloseBreach,
  removeLiquidity,
  repay,
  supply,
  withdraw,
} from '@paradox/sdk';
import { Custodian, CustodyDesk, StaticNavSource, installCustody } from '@paradox/world';
import { runInline } from '../testing/inline-scenario';
import { MARKET, POOL, RWA, USD, type RwaLendingWorld, buildRwaLendingWorld } from './rwa-lending-world';

const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

/** Runs `steps` (each at its time, submitting as `who`) against a small RWA world; collects results. */
function script(steps: [number, string, Action][], extra: (w: RwaLendingWorld) => void = () => {}) {
  const results: ActionResult[] = [];
  let world!: RwaLendingWorld;
  const run = runInline({
    plugins: [],
    horizonMs: 2 * DAY,
    build(r) {
      world = buildRwaLendingWorld(r, {
        pool: { rwa: 100_000, usd: 100_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 7_000,
        liquidationThreshold: 8_000,
        liquidationBonus: 10_500,
        positions: [],
        lenderLiquidity: 1_000_000,
      });
      extra(world);
      steps.forEach(([t, who, action], i) =>
        r.kernel.scheduleAt(t, () => world.world.submit(who, action, (res) => (results[i] = res)), null),
      );
    },
  });
  return { ...run, results, w: world };
}

describe('AMM liquidity actions', () => {
  it('add at the pool ratio (the rest stays in the wallet), remove it all back, conserving value', () => {
    let afterAdd: { lp: AmmPoolView; pos: ReturnType<AmmPoolView['myPosition']>; depth: number } | undefined;
    const { results, w, events, sink } = script(
      [
        [HOUR, 'alice', addLiquidity(POOL, 10n ** 22n, 20_000_000_000n)], // 10,000 RWA and 20,000 USD offered
        [2 * HOUR, 'alice', removeLiquidity(POOL, 'all')],
      ],
      (world) => {
        world.giveRwa('alice', 10_000);
        world.giveUsd('alice', 20_000);
        world.world.kernel.scheduleAt(HOUR + 30 * 60_000, () => {
          const lp = (world.world.view('alice', AMM_POOLS.view) as ReadonlyMap<string, AmmPoolView>).get(POOL)!;
          afterAdd = { lp, pos: lp.myPosition(), depth: lp.depth() };
        }, null);
      },
    );
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    // The pool is 1:1, so 10,000 of each went in; 10,000 USD stayed in the wallet.
    expect(afterAdd!.depth).toBeCloseTo(220_000, 6);
    expect(afterAdd!.pos.share).toBeCloseTo(10 / 110, 12);
    expect(afterAdd!.pos.base).toBeCloseTo(10_000, 6);
    expect(afterAdd!.pos.value).toBeCloseTo(20_000, 6);
    const added = data(events('amm.liquidity')[0]!);
    expect(added).toMatchObject({ pool: POOL, provider: 'alice', change: 'added', base: 10_000, quote: 10_000, depth: 220_000 });
    const removed = data(events('amm.liquidity')[1]!);
    expect(removed).toMatchObject({ change: 'removed', shareAfter: 0, depth: 200_000 });
    // Back to the wallet, less at most a base unit of rounding per token.
    const { ledger } = w.world;
    expect(w.rwa(10_000) - ledger.balanceOf(RWA, 'alice')).toBeLessThanOrEqual(1n);
    expect(w.usd(20_000) - ledger.balanceOf(USD, 'alice')).toBeLessThanOrEqual(1n);
    expect(w.amm.pair.balanceOf('alice')).toBe(0n);
    expect(ledger.audit() ?? w.amm.audit()).toBeUndefined();
    // Reserves and depth series: the state before the first change, then after each change.
    const depth = sink.rows('series').filter((r) => r['series'] === `amm.depth.${POOL}`).map((r) => [r['t'], r['value']]);
    expect(depth).toEqual([[HOUR, 200_000], [HOUR, 220_000], [2 * HOUR, 200_000]]);
  });

  it('a refused add or remove changes nothing', () => {
    const { results, w } = script(
      [
        [HOUR, 'bob', addLiquidity(POOL, 10n ** 22n, 10_000_000_000n)], // bob has no USD
        [HOUR, 'carol', addLiquidity(POOL, 10n ** 21n, 1_000_000_000n)],
        [2 * HOUR, 'carol', removeLiquidity(POOL, 'all', { minBase: 10n ** 24n })], // slippage guard trips
        [2 * HOUR, 'dave', removeLiquidity(POOL, 'all')], // holds no LP
      ],
      (world) => {
        world.giveRwa('bob', 10_000);
        world.giveRwa('carol', 1_000);
        world.giveUsd('carol', 1_000);
      },
    );
    expect(results.map((r) => r.ok)).toEqual([false, true, false, false]);
    expect(results[2]).toMatchObject({ reason: 'UniswapV2Router: INSUFFICIENT_A_AMOUNT' });
    expect(w.world.ledger.balanceOf(RWA, 'bob')).toBe(w.rwa(10_000));
    expect(w.amm.pair.balanceOf('carol')).toBeGreaterThan(0n);
    expect(w.amm.pair.reserve0).toBe(w.rwa(101_000));
    expect(w.world.ledger.audit() ?? w.amm.audit()).toBeUndefined();
  });
});

describe('lending user actions', () => {
  it('supply, borrow up to the LTV, repay what the wallet covers, withdraw what keeps HF >= 1', () => {
    const seen: AccountView[] = [];
    let maxWithdrawal: ActionResult | undefined;
    const look = (world: RwaLendingWorld, t: number) =>
      world.world.kernel.scheduleAt(t, () => seen.push((world.world.view('eve', LENDING_MARKETS.view) as ReadonlyMap<string, LendingMarketView>).get(MARKET)!.myPosition()), null);
    const { results, events, w } = script(
      [
        [HOUR, 'eve', supply(MARKET, RWA, 10n ** 22n)], // 10,000 RWA at NAV 1
        [2 * HOUR, 'eve', borrow(MARKET, 7_000_000_001n)], // just above the 70% LTV: refused
        [2 * HOUR, 'eve', borrow(MARKET, 6_000_000_000n)],
        [3 * HOUR, 'eve', repay(MARKET, 'all')], // wallet: the 6,000 borrowed + 500 of its own
        [4 * HOUR, 'eve', borrow(MARKET, 4_000_000_000n)],
        [5 * HOUR, 'eve', withdraw(MARKET, RWA, 5_001n * 10n ** 18n)], // would leave HF < 1
      ],
      (world) => {
        world.giveRwa('eve', 10_000);
        world.giveUsd('eve', 500);
        look(world, HOUR + 1);
        look(world, 4 * HOUR + 1);
        // Withdrawing exactly what the account says is withdrawable goes through.
        world.world.kernel.scheduleAt(6 * HOUR, () => world.world.submit('eve', withdraw(MARKET, RWA, seen[1]!.withdrawableUnits), (r) => (maxWithdrawal = r)), null);
        look(world, 7 * HOUR);
      },
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true, true, true, false]);
    expect(results[1]).toMatchObject({ reason: 'COLLATERAL_CANNOT_COVER_NEW_BORROW' });
    expect(results[5]).toMatchObject({ reason: 'HEALTH_FACTOR_LOWER_THAN_LIQUIDATION_THRESHOLD' });
    expect(seen[0]).toMatchObject({ collateralAmount: 10_000, debtAmount: 0, loanToValue: 0, healthFactor: Infinity, withdrawable: 10_000 });
    expect(seen[0]!.availableToBorrow).toBeCloseTo(7_000, 6);
    // After borrowing 4,000: HF = 10,000 x 0.8 / 4,000 = 2; 5,000 RWA keeps HF at exactly 1.
    expect(seen[1]!.healthFactor).toBeCloseTo(2, 12);
    expect(seen[1]!.loanToValue).toBeCloseTo(0.4, 12);
    expect(seen[1]!.withdrawable).toBeCloseTo(5_000, 9);
    expect(seen[1]!.withdrawableUnits).toBeLessThan(w.rwa(5_000));
    expect(seen[1]!.availableToBorrowUnits).toBe(w.usd(3_000));
    expect(maxWithdrawal).toMatchObject({ ok: true });
    expect(seen[2]!.healthFactor).toBeGreaterThanOrEqual(1);
    expect(seen[2]!.healthFactor).toBeCloseTo(1, 12);
    const repaid = data(events('lending.repaid')[0]!);
    expect(repaid).toMatchObject({ market: MARKET, user: 'eve', asset: USD, amount: 6_000, debt: 0, healthFactor: null });
    expect(events('lending.supplied').length).toBe(1);
    expect(events('lending.borrowed').map((e) => data(e).amount)).toEqual([6_000, 4_000]);
    expect(w.world.ledger.balanceOf(USD, 'eve')).toBe(w.usd(4_500));
    expect(w.world.ledger.audit()).toBeUndefined();
  });
});

describe('custody desk', () => {
  it('only operators attest and disclose; a breach is hidden from all but them until disclosed', () => {
    // What each side reads, at the time it reads it (views are live).
    const views: { operatorHidden: number[]; outsiderHidden: number[]; outsiderDisclosed: (number | null)[]; age: number; status: string }[] = [];
    let desk!: CustodyDesk;
    const { results, events } = script(
      [
        [DAY, 'mallory', attest('vault')],
        [DAY, 'vault-operator', attest('vault')],
        [DAY + 3 * HOUR, 'vault-operator', discloseBreach('vault', 1)],
      ],
      (world) => {
        const custodian = new Custodian({ id: 'vault', attestationIntervalMs: 12 * HOUR, graceMs: HOUR });
        custodian.hold({ asset: new StaticNavSource('reserves', 1_000_000), spvId: 'fund', atMs: 0 });
        desk = new CustodyDesk(world.world, custodian, { operators: ['vault-operator'] });
        installCustody(world.world, [desk]);
        const { kernel } = world.world;
        const read = () => {
          const operator = (world.world.view('vault-operator', CUSTODY.view) as ReadonlyMap<string, CustodianView>).get('vault')!;
          const outsider = (world.world.view('mallory', CUSTODY.view) as ReadonlyMap<string, CustodianView>).get('vault')!;
          return {
            operatorHidden: operator.undisclosedBreaches().map((b) => b.breach),
            outsiderHidden: outsider.undisclosedBreaches().map((b) => b.breach),
            outsiderDisclosed: outsider.disclosedBreaches().map((b) => b.disclosedAtMs),
            age: outsider.attestationAgeMs(),
            status: outsider.status(),
          };
        };
        kernel.scheduleAt(DAY + HOUR, () => desk.breach({ lostShare: 0.25 }), null);
        kernel.scheduleAt(DAY + 2 * HOUR, () => views.push(read()), null);
        kernel.scheduleAt(DAY + 4 * HOUR, () => views.push(read()), null);
      },
    );
    expect(results.map((r) => r.ok)).toEqual([false, true, true]);
    // Logged but never published before disclosure; the disclosure says how long it stayed hidden.
    expect(events('custody.breach').map((e) => e['t'])).toEqual([DAY + HOUR]);
    const disclosed = events('custody.breach-disclosed').map(data);
    expect(disclosed).toEqual([{ custodian: 'vault', breach: 1, frozenShare: 0, lostShare: 0.25, assetIds: ['reserves'], occurredAtMs: DAY + HOUR, delayMs: 2 * HOUR }]);
    expect(views[0]).toEqual({ operatorHidden: [1], outsiderHidden: [], outsiderDisclosed: [], age: 2 * HOUR, status: 'on-schedule' });
    expect(views[1]).toEqual({ operatorHidden: [], outsiderHidden: [], outsiderDisclosed: [DAY + 3 * HOUR], age: 4 * HOUR, status: 'on-schedule' });
    // The attestation was honest and before the breach: the full million.
    expect(data(events('custody.attestation')[0]!)).toMatchObject({ custodian: 'vault', assets: [{ assetId: 'reserves', amount: 1_000_000, nextDueMs: DAY + 12 * HOUR }] });
    // A day after the only attestation, past due plus grace, the custodian is late.
    expect(desk.view('anyone').status()).toBe('late');
  });
});
