import { DAY, HOUR, pushPrice, swap } from '@paradox/sdk';
import { NAV_FEED, NAV_REPORTER, POOL, RWA, USD, buildRwaLendingWorld, runInline } from '@paradox/lab';
import lps from './index';

const BLOCK = 12_000;
const SEEDS = [1, 2, 3, 4, 5];
const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

/**
 * A 1M/1M RWA/USD pool, 30% of it from the LP under test (the rest from a setup account that
 * never moves). A noise trader (the scenario's, seeded) trades small and balanced for five days,
 * then sells hard for two (a crash: about 40% of the pool), then trades small and balanced again.
 * The fund's NAV stays at 1 throughout.
 */
function crash(seed: number, config: Record<string, unknown>) {
  return runInline({
    plugins: [lps],
    seed,
    horizonMs: 20 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1_000_000, usd: 1_000_000, providers: { lp: 0.7, 'lp-under-test': 0.3 } },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 7_000,
        liquidationThreshold: 8_000,
        liquidationBonus: 10_500,
        positions: [],
      });
      run.place({ plugin: 'amm-lps', kind: 'lp', id: 'lp-under-test', config: { pool: POOL, ...config } });
      w.giveRwa('trader', 1e8);
      w.giveUsd('trader', 1e8);
      const rng = run.seeds.stream('test/noise');
      const trade = () => {
        const now = run.kernel.now;
        const crashing = now >= 5 * DAY && now < 7 * DAY;
        const sell = rng.bernoulli(crashing ? 0.9 : 0.5);
        const size = crashing ? rng.uniform(5_000, 15_000) : rng.uniform(200, 1_000);
        const price = w.amm.spotPrice();
        w.world.submit('trader', sell ? swap(POOL, RWA, w.rwa(size)) : swap(POOL, USD, w.usd(size * price)), () => {});
        run.kernel.scheduleIn(Math.round(rng.exponential(HOUR)), trade, null);
      };
      run.kernel.scheduleAt(0, trade, null);
    },
  });
}

/**
 * The pool's trades as the LP observed them (time, price after, base flow into the pool), each
 * with the pool's base reserve after it (trades and liquidity changes replayed in log order).
 */
function trades(events: (type: string) => Record<string, number | string>[]) {
  const log = [...events('amm.trade'), ...events('amm.liquidity')].sort((a, b) => (a['id'] as number) - (b['id'] as number));
  const out: { t: number; price: number; flow: number; reserve: number }[] = [];
  let reserve = 1_000_000;
  for (const e of log) {
    const d = data(e);
    if (e['type'] === 'amm.liquidity') {
      reserve = d.reserves.base;
      continue;
    }
    const flow = d.tokenIn === RWA ? (d.amountIn as number) : -(d.amountOut as number);
    reserve += flow;
    out.push({ t: e['t'] as number, price: d.priceAfter, flow, reserve });
  }
  return out;
}

/** Times of the trades at which a trailing-window metric exceeds its threshold (computed independently). */
function firings(ts: ReturnType<typeof trades>, metric: (window: ReturnType<typeof trades>, reserve: number, price: number) => number, threshold: number, windowMs = DAY) {
  const out: number[] = [];
  ts.forEach((x, i) => {
    const window = ts.slice(0, i + 1).filter((y) => y.t > x.t - windowMs);
    if (metric(window, x.reserve, x.price) > threshold) out.push(x.t);
  });
  return out;
}

const volatility = (ts: ReturnType<typeof trades>) => (window: ReturnType<typeof trades>) => {
  let sum = 0;
  for (const x of window) {
    const i = ts.indexOf(x);
    const r = Math.log(x.price / (i === 0 ? 1 : ts[i - 1]!.price));
    sum += r * r;
  }
  return Math.sqrt(sum);
};
const toxicFlow = (window: ReturnType<typeof trades>, reserve: number) => Math.abs(window.reduce((s, x) => s + x.flow, 0)) / reserve;
const departure = (_w: unknown, _r: number, price: number) => Math.abs(price - 1);

function lpMoves(events: (type: string) => Record<string, number | string>[]) {
  return events('amm.liquidity')
    .map((e) => ({ t: e['t'] as number, ...data(e) }))
    .filter((e) => e.provider === 'lp-under-test');
}

describe('AMM liquidity providers', () => {
  it.each([
    ['volatility', { strategy: 'volatility', maxVolatility: 0.05, windowHours: 24, calmHours: 72 }, 0.05],
    ['toxic-flow', { strategy: 'toxic-flow', maxFlowShare: 0.1, windowHours: 24, calmHours: 72 }, 0.1],
    ['nav-departure', { strategy: 'nav-departure', maxDeparture: 0.05, nav: { fund: 'fund' }, calmHours: 72 }, 0.05],
  ] as const)('%s: withdraws in the block after its trigger first fires, never before, and the pool loses its share', (name, config, threshold) => {
    for (const seed of SEEDS) {
      const { events, sink } = crash(seed, config);
      const ts = trades(events);
      const metric = name === 'volatility' ? volatility(ts) : name === 'toxic-flow' ? toxicFlow : departure;
      const fired = firings(ts, metric, threshold);
      // The crash (from day 5) sets every trigger off; the calm before it does not.
      expect(fired.length).toBeGreaterThan(0);
      expect(fired[0]).toBeGreaterThanOrEqual(5 * DAY);
      const moves = lpMoves(events);
      const exit = moves[0]!;
      expect(exit.change).toBe('removed');
      expect(exit.t).toBe(fired[0]! + BLOCK);
      expect(events('lp.exit').map((e) => e['t'])[0]).toBe(fired[0]);
      // The pool's depth falls by the LP's share (30% of the pool, less the locked minimum).
      const depth = sink.rows('series').filter((r) => r['series'] === `amm.depth.${POOL}` && r['t'] === exit.t).map((r) => r['value'] as number);
      expect(depth.length).toBe(2);
      expect(depth[1]! / depth[0]!).toBeCloseTo(0.7, 6);
      expect(exit.depth).toBeCloseTo(depth[1]!, 6);
      if (name === 'nav-departure') {
        // The market never comes back to NAV here: neither does this LP.
        expect(moves.length).toBe(1);
        continue;
      }
      // It comes back once calm: calmHours after the last firing it saw (the check at the end of
      // the calm period lands its deposit in the next block), with all its wallet at the new ratio.
      const back = moves[1]!;
      expect(back.change).toBe('added');
      const lastFiring = Math.max(...fired.filter((t) => t < back.t));
      expect(back.t).toBeGreaterThanOrEqual(lastFiring + 72 * HOUR);
      expect(back.t).toBeLessThanOrEqual(lastFiring + 72 * HOUR + BLOCK);
      expect(back.shareAfter).toBeGreaterThan(0.2);
    }
  });

  it('nav-departure reading an oracle: leaves in the block after a NAV markdown reaches the feed, with no trade at all', () => {
    const { events } = runInline({
      plugins: [lps],
      horizonMs: 3 * DAY,
      build(run) {
        const w = buildRwaLendingWorld(run, { pool: { rwa: 1e6, usd: 1e6, providers: { lp: 0.7, 'lp-under-test': 0.3 } }, navPath: [[0, 1]], pricing: 'nav', ltv: 7_000, liquidationThreshold: 8_000, liquidationBonus: 10_500, positions: [] });
        run.place({ plugin: 'amm-lps', kind: 'lp', id: 'lp-under-test', config: { strategy: 'nav-departure', nav: { oracle: NAV_FEED }, maxDeparture: 0.05, checkEveryMinutes: 0 } });
        // A 3% markdown does not move it (|1 / 0.97 - 1| = 3.1%); a further one to 0.9 does (11%).
        run.kernel.scheduleAt(DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.97), () => {}), null);
        run.kernel.scheduleAt(2 * DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.9), () => {}), null);
      },
    });
    expect(events('amm.trade')).toEqual([]);
    expect(events('oracle.update').map((e) => e['t'])).toEqual([DAY, 2 * DAY]);
    expect(lpMoves(events).map((m) => [m.t, m.change])).toEqual([[2 * DAY + BLOCK, 'removed']]);
  });

  it('a passive LP never leaves, whatever the crash', () => {
    for (const seed of SEEDS.slice(0, 2)) {
      const { events } = crash(seed, { strategy: 'passive' });
      expect(lpMoves(events)).toEqual([]);
      expect(events('lp.exit')).toEqual([]);
    }
  });

  it('deposits its wallet at start at the pool ratio; a one-way LP does not come back', () => {
    const { events } = runInline({
      plugins: [lps],
      horizonMs: 10 * DAY,
      build(run) {
        const w = buildRwaLendingWorld(run, { pool: { rwa: 1_000_000, usd: 1_000_000 }, navPath: [[0, 1]], pricing: 'nav', ltv: 7_000, liquidationThreshold: 8_000, liquidationBonus: 10_500, positions: [] });
        w.giveRwa('newcomer', 50_000);
        w.giveUsd('newcomer', 80_000);
        w.giveRwa('trader', 1e6);
        run.place({ plugin: 'amm-lps', kind: 'lp', id: 'newcomer', config: { strategy: 'toxic-flow', maxFlowShare: 0.1, oneWay: true, calmHours: 1 } });
        // A single sale of 15% of the pool on day 1.
        run.kernel.scheduleAt(DAY, () => w.world.submit('trader', swap(POOL, RWA, w.rwa(150_000)), () => {}), null);
      },
    });
    const moves = events('amm.liquidity').map(data).filter((e) => e.provider === 'newcomer');
    expect(moves.map((m) => [m.change, Math.round(m.base), Math.round(m.quote)])).toEqual([
      ['added', 50_000, 50_000],
      ['removed', expect.any(Number), expect.any(Number)],
    ]);
    expect(moves[1].shareAfter).toBe(0);
  });
});
