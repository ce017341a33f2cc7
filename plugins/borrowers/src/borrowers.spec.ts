import { DAY, HOUR, NEWS, type NewsEvent, swap } from '@paradox/sdk';
import { MARKET, POOL, RWA, USD, type CollateralPricing, type RwaLendingWorld, buildRwaLendingWorld, runInline } from '@paradox/lab';
import type { RunContext } from '@paradox/lab';
import bots from '@paradox-plugins/liquidation-bots';
import borrowers from './index';

const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

function world(run: RunContext, pricing: CollateralPricing, positions: { collateral: number; debt: number }[] = []): RwaLendingWorld {
  return buildRwaLendingWorld(run, {
    pool: { rwa: 1_000_000, usd: 1_000_000 },
    navPath: [[0, 1]],
    pricing,
    ltv: 7_000,
    liquidationThreshold: 8_000,
    liquidationBonus: 10_500,
    positions,
    lenderLiquidity: 1_000_000,
  });
}

/** The positions opened at t = 0 paid their loans to the borrowers' wallets: they spent them. */
function spendLoans(w: RwaLendingWorld): void {
  for (const id of w.borrowers) w.world.ledger.transfer(USD, id, 'merchant', w.world.ledger.balanceOf(USD, id));
}

/** LTV at the market's price, as the market computes it. */
function ltvOf(w: RwaLendingWorld, id: string): number {
  const debt = w.world.ledger.toNumber(USD, w.market.pool.debtBalance(id, USD));
  const collateral = w.world.ledger.toNumber(RWA, w.market.pool.aTokenBalance(id, RWA));
  return debt / (collateral * w.market.price());
}

describe('looper', () => {
  it.each([
    ['nav', 0.3],
    ['nav', 0.5],
    ['nav', 0.65],
    ['spot', 0.5],
    ['spot', 0.65],
  ] as const)('%s-priced market: reaches a target LTV of %s within tolerance', (pricing, targetLtv) => {
    let w!: RwaLendingWorld;
    const { events } = runInline({
      plugins: [borrowers],
      horizonMs: DAY,
      build(run) {
        w = world(run, pricing);
        w.giveRwa('looper', 10_000);
        run.place({ plugin: 'borrowers', kind: 'looper', id: 'looper', config: { targetLtv, tolerance: 0.01 } });
      },
    });
    const ltv = ltvOf(w, 'looper');
    expect(Math.abs(ltv - targetLtv)).toBeLessThanOrEqual(0.01);
    expect(data(events('looper.done')[0]!).why).toBe('target reached');
    // Levered: about 1 / (1 - LTV) times the collateral it started with (less the AMM's fee and
    // slippage when priced at NAV; more when priced at spot, which its own buying lifts).
    const collateral = w.world.ledger.toNumber(RWA, w.market.pool.aTokenBalance('looper', RWA));
    expect(collateral / 10_000).toBeGreaterThan(0.95 / (1 - ltv));
    if (pricing === 'nav') expect(collateral / 10_000).toBeLessThan(1 / (1 - ltv));
    // Every purchase went through the pool; the ledger balances.
    expect(events('amm.trade').every((e) => data(e).trader === 'looper')).toBe(true);
    expect(w.world.ledger.audit() ?? w.amm.audit()).toBeUndefined();
  });
});

/**
 * A spot-priced market and four identical positions (10,000 RWA against 6,500 USD: HF 1.23):
 * borrower-0 passive, borrower-1 defends by repaying (20,000 USD in its wallet), borrower-2 by
 * topping up (30,000 RWA), borrower-3 would defend but has nothing. A seeded noise trader sells
 * the pool down over a week (about 40%); liquidation bots watch the market.
 */
function selloff(seed: number) {
  return runInline({
    plugins: [borrowers, bots],
    seed,
    horizonMs: 12 * DAY,
    build(run) {
      const w = world(run, 'spot', Array.from({ length: 4 }, () => ({ collateral: 10_000, debt: 6_500 })));
      spendLoans(w);
      const defend = { minHealthFactor: 1.15, targetHealthFactor: 1.4 };
      w.giveUsd('borrower-1', 20_000);
      run.place({ plugin: 'borrowers', kind: 'defensive', id: 'borrower-1', config: { ...defend, mode: 'repay' } });
      w.giveRwa('borrower-2', 30_000);
      run.place({ plugin: 'borrowers', kind: 'defensive', id: 'borrower-2', config: { ...defend, mode: 'top-up' } });
      run.place({ plugin: 'borrowers', kind: 'defensive', id: 'borrower-3', config: defend });
      for (const id of ['bot-0', 'bot-1']) {
        w.giveUsd(id, 1e8);
        run.place({ plugin: 'liquidation-bots', kind: 'bot', id, config: { sellOn: POOL, flashLoan: false } });
      }
      w.giveRwa('trader', 1e8);
      w.giveUsd('trader', 1e8);
      const rng = run.seeds.stream('test/noise');
      const trade = () => {
        const selling = run.kernel.now >= DAY && run.kernel.now < 8 * DAY;
        const sell = rng.bernoulli(selling ? 0.75 : 0.5);
        const size = rng.uniform(2_000, 6_000);
        w.world.submit('trader', sell ? swap(POOL, RWA, w.rwa(size)) : swap(POOL, USD, w.usd(size * w.amm.spotPrice())), () => {});
        run.kernel.scheduleIn(Math.round(rng.exponential(HOUR)), trade, null);
      };
      run.kernel.scheduleAt(0, trade, null);
      return { summary: () => ({ price: w.amm.spotPrice() }) };
    },
  });
}

describe('defensive borrower', () => {
  it('is never liquidated where a passive one is (same seed), as long as it has funds', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { events, result } = selloff(seed);
      expect(result.summary['price']).toBeLessThan(0.75);
      const liquidated = new Set(events('lending.liquidation').map((e) => data(e).borrower));
      expect(liquidated.has('borrower-0')).toBe(true);
      expect(liquidated.has('borrower-1')).toBe(false);
      expect(liquidated.has('borrower-2')).toBe(false);
      // Without funds, defending is only a wish.
      expect(liquidated.has('borrower-3')).toBe(true);
      expect(events('defensive.out-of-funds').some((e) => e['actor'] === 'borrower-3')).toBe(true);
      // They did defend: repaid, and topped up.
      expect(events('lending.repaid').filter((e) => data(e).user === 'borrower-1').length).toBeGreaterThan(0);
      expect(events('lending.supplied').filter((e) => data(e).user === 'borrower-2').length).toBeGreaterThan(0);
    }
  });

  it('acts only below its threshold, and brings the health factor back to its target', () => {
    const { events } = selloff(1);
    const acts = events('defensive.act').filter((e) => e['actor'] === 'borrower-1').map(data);
    expect(acts.length).toBeGreaterThan(0);
    for (const a of acts) expect(a.healthFactor).toBeLessThan(1.15);
    // The first repayment restores HF 1.4 at the price it was computed with (the next trades move it a little).
    const repaid = events('lending.repaid').map(data).find((e) => e.user === 'borrower-1');
    expect(repaid.healthFactor).toBeGreaterThan(1.3);
    expect(repaid.healthFactor).toBeLessThan(1.5);
  });
});

describe('panicked borrower', () => {
  const news = (credibility: number): NewsEvent => ({ kind: 'rumor', headline: 'the fund is marking down its loans', credibility });

  it('on credible news, repays everything and takes all its collateral back; not before', () => {
    let w!: RwaLendingWorld;
    const { events } = runInline({
      plugins: [borrowers],
      horizonMs: 3 * DAY,
      build(run) {
        w = world(run, 'nav', [{ collateral: 10_000, debt: 6_500 }]);
        spendLoans(w);
        w.giveUsd('borrower-0', 10_000);
        run.place({ plugin: 'borrowers', kind: 'panicked', id: 'borrower-0' });
        run.kernel.scheduleAt(DAY / 2, () => run.bus.publish(NEWS.topic, news(0.2)), null);
        run.kernel.scheduleAt(DAY, () => run.bus.publish(NEWS.topic, news(0.9)), null);
      },
    });
    // The news lands on a block boundary: the repayment goes into that block, the withdrawal the next.
    expect(events('borrower.panic').map((e) => e['t'])).toEqual([DAY]);
    expect(events('lending.repaid').map((e) => e['t'])).toEqual([DAY]);
    expect(events('lending.withdrawn').map((e) => [e['t'], data(e).amount])).toEqual([[DAY + 12_000, 10_000]]);
    expect(w.market.pool.debtBalance('borrower-0', USD)).toBe(0n);
    expect(w.world.ledger.balanceOf(RWA, 'borrower-0')).toBe(w.rwa(10_000));
    expect(w.world.ledger.balanceOf(USD, 'borrower-0')).toBe(w.usd(3_500));
  });

  it('on a price drop, with no cash, sells collateral round after round until it owes nothing', () => {
    let w!: RwaLendingWorld;
    const { events } = runInline({
      plugins: [borrowers],
      horizonMs: 2 * DAY,
      build(run) {
        w = world(run, 'spot', [{ collateral: 10_000, debt: 5_000 }]);
        spendLoans(w);
        run.place({ plugin: 'borrowers', kind: 'panicked', id: 'borrower-0', config: { priceDrop: 0.1, sell: 'to-repay' } });
        w.giveRwa('trader', 1e6);
        // A 5% sale on day 1 (price -10%): not enough. Another on day 1.5: now it is.
        run.kernel.scheduleAt(DAY, () => w.world.submit('trader', swap(POOL, RWA, w.rwa(50_000)), () => {}), null);
        run.kernel.scheduleAt(1.5 * DAY, () => w.world.submit('trader', swap(POOL, RWA, w.rwa(50_000)), () => {}), null);
      },
    });
    const panic = events('borrower.panic');
    expect(panic.map((e) => e['t'])).toEqual([1.5 * DAY]);
    expect(w.market.pool.debtBalance('borrower-0', USD)).toBe(0n);
    const out = data(events('borrower.out')[0]!);
    expect(out.debt).toBe(0);
    expect(out.rounds).toBeGreaterThanOrEqual(2);
    // What it sold is what it got back less what is still supplied.
    const sold = events('amm.trade').map(data).filter((t) => t.trader === 'borrower-0').reduce((s, t) => s + t.amountIn, 0);
    expect(sold).toBeGreaterThan(3_000);
    expect(w.world.ledger.audit() ?? w.amm.audit()).toBeUndefined();
  });
});
