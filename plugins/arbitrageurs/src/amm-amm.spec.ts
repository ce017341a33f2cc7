import { HOUR } from '@paradox/sdk';
import { runInline } from '@paradox/lab';
import { AmmMarket, UniswapV2Pair, createWorld, installAmmMarkets } from '@paradox/world';
import arbitrageurs from './index';

/**
 * Two RWA/USD pools (Uniswap V2, 0.3% fee), one at $1.00 and one at $1.10, and an arbitrageur
 * with `usd` (and optionally `rwa` inventory). Returns prices at the horizon (default an hour)
 * and its wallet.
 */
function simulate(options: { usd: number; rwa?: number; config?: Record<string, unknown>; pools?: [[number, number], [number, number]]; horizonMs?: number }) {
  let result: { a: number; b: number; usd: number; rwa: number } | undefined;
  const out = runInline({
    plugins: [arbitrageurs],
    horizonMs: options.horizonMs ?? HOUR,
    build(run) {
      const world = createWorld(run);
      run.attachWorld(world);
      const { ledger } = world;
      ledger.addToken({ symbol: 'RWA', decimals: 18, issuer: 'fund' });
      ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
      const [[ra, ua], [rb, ub]] = options.pools ?? [
        [1_000_000, 1_000_000],
        [1_000_000, 1_100_000],
      ];
      const pool = (id: string, rwa: number, usd: number) => {
        const market = new AmmMarket(world, id, new UniswapV2Pair({ token0: 'RWA', token1: 'USD', decimals0: 18, decimals1: 6 }), 'RWA', 'USD');
        ledger.mint('RWA', 'fund', 'lp', ledger.units('RWA', rwa));
        ledger.mint('USD', 'usd-issuer', 'lp', ledger.units('USD', usd));
        market.addLiquidity('lp', ledger.units('RWA', rwa), ledger.units('USD', usd));
        return market;
      };
      const a = pool('A', ra, ua);
      const b = pool('B', rb, ub);
      installAmmMarkets(world, [a, b]);
      ledger.mint('USD', 'usd-issuer', 'arb', ledger.units('USD', options.usd));
      if (options.rwa) ledger.mint('RWA', 'fund', 'arb', ledger.units('RWA', options.rwa));
      run.place({ plugin: 'arbitrageurs', kind: 'amm-amm', id: 'arb', config: { pools: ['A', 'B'], ...options.config } });
      return {
        summary() {
          const audit = ledger.audit() ?? a.audit() ?? b.audit();
          if (audit) throw new Error(audit);
          result = { a: a.spotPrice(), b: b.spotPrice(), usd: ledger.toNumber('USD', ledger.balanceOf('USD', 'arb')), rwa: ledger.toNumber('RWA', ledger.balanceOf('RWA', 'arb')) };
          return {};
        },
      };
    },
  });
  const trades = out.events('amm.trade').map((e) => ({ t: e['t'] as number, ...(JSON.parse(e['data'] as string) as { pool: string; tokenIn: string }) }));
  return { ...result!, trades, logs: out.events('arb-pools') };
}

describe('amm-amm arbitrageur', () => {
  it('buys where cheap and sells where dear until the prices differ by no more than the fees', () => {
    const s = simulate({ usd: 500_000 });
    // Within two pools' fees (0.3% each) of each other.
    expect(s.b / s.a - 1).toBeLessThan(0.0061);
    expect(s.b / s.a - 1).toBeGreaterThan(0.004);
    // No inventory: it bought on A first and sold what it received on B in a later block.
    expect(s.trades.map((t) => [t.pool, t.tokenIn])).toEqual([
      ['A', 'USD'],
      ['B', 'RWA'],
    ]);
    expect(s.trades[1]!.t).toBeGreaterThan(s.trades[0]!.t);
    expect(s.rwa).toBe(0);
    // Profit: about a 4.7% spread on the ~$24k traded, less slippage.
    expect(s.usd - 500_000).toBeGreaterThan(500);
  });

  it('with inventory it sends both legs at once (one block) and keeps its inventory', () => {
    const s = simulate({ usd: 500_000, rwa: 100_000 });
    expect(s.trades).toHaveLength(2);
    expect(s.trades[0]!.t).toBe(s.trades[1]!.t);
    expect(s.b / s.a - 1).toBeLessThan(0.0061);
    expect(s.rwa).toBeCloseTo(100_000, 6);
    expect(s.usd - 500_000).toBeGreaterThan(500);
  });

  it('capital-limited: a small budget closes the gap only as fast as its capital turns over', () => {
    // $1k a round (a buy block, then a sell block): after a minute the gap is barely touched...
    const minute = simulate({ usd: 1_000, horizonMs: 60_000 });
    expect(minute.b / minute.a - 1).toBeGreaterThan(0.08); // from 10%: ~0.4% a round
    expect(minute.logs.length).toBeLessThanOrEqual(6); // a round spans two blocks (12 s each)
    // Each round spends all it has: its $1k, then that plus the ~9% the round made.
    const spends = minute.logs.map((l) => JSON.parse(l['data'] as string).spend as number);
    expect(spends[0]).toBeCloseTo(1_000, 3);
    for (let i = 1; i < spends.length; i++) expect(spends[i]! / spends[i - 1]!).toBeLessThan(1.1);
    // ... and it takes many rounds (its capital compounding) to close it.
    const hour = simulate({ usd: 1_000 });
    expect(hour.b / hour.a - 1).toBeLessThan(0.0061);
    expect(hour.logs.length).toBeGreaterThan(10);
    expect(hour.usd).toBeGreaterThan(1_000);
  });

  it('does nothing when the gap is inside the fees', () => {
    const s = simulate({ usd: 500_000, pools: [[1_000_000, 1_000_000], [1_000_000, 1_005_000]] });
    expect(s.trades).toEqual([]);
    expect(s.usd).toBe(500_000);
  });
});
