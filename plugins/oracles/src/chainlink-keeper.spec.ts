import { DAY, HOUR, MINUTE, swap } from '@paradox/sdk';
import { buildRwaLendingWorld, runInline } from '@paradox/lab';
import { PushFeed, TwapFeed } from '@paradox/world';
import oracles from './index';

// A keeper writing a push feed from the AMM's price, with a 1% deviation threshold and a
// 6-hour heartbeat. A whale trades at chosen times; the test checks when rounds are written.
function keep(trades: { atMs: number; rwa: number }[], horizonMs = DAY) {
  return runInline({
    plugins: [oracles],
    horizonMs,
    build(run) {
      const w = buildRwaLendingWorld(run, { pool: { rwa: 1e6, usd: 1e6 }, navPath: [[0, 1]], pricing: 'nav', ltv: 8_000, liquidationThreshold: 8_500, liquidationBonus: 10_500, positions: [] });
      w.oracles.add('RWA-MKT', new PushFeed({ deviationThreshold: 0.01, heartbeatMs: 6 * HOUR, reporters: ['keeper'] }));
      w.giveRwa('whale', 1e6);
      for (const t of trades) run.kernel.scheduleAt(t.atMs, () => w.world.submit('whale', swap('RWA/USD', 'RWA', w.rwa(t.rwa)), () => {}), null);
      run.place({ plugin: 'oracles', kind: 'chainlink-keeper', id: 'keeper', config: { feed: 'RWA-MKT', pool: 'RWA/USD', deviationThreshold: 0.01, heartbeatMinutes: 360 } });
    },
  }).events('oracle.update').map((e) => [(e['t'] as number) / MINUTE, JSON.parse(e['data'] as string).price as number] as const);
}

describe('Chainlink-style keeper', () => {
  it('writes on heartbeat when the market is quiet', () => {
    expect(keep([]).map(([m]) => m)).toEqual([0, 360, 720, 1080, 1440]);
  });

  it('writes on deviation before the heartbeat, and restarts the heartbeat from that round', () => {
    // A 0.4% move (below 1%) at 1h does nothing; a further move past 1% at 2h triggers a round.
    const rounds = keep([
      { atMs: HOUR, rwa: 2_000 },
      { atMs: 2 * HOUR, rwa: 8_000 },
    ]);
    const minutes = rounds.map(([m]) => m);
    expect(minutes[0]).toBe(0);
    expect(minutes[1]).toBe(120.2); // next 12-second block after the trade's block
    expect(minutes[2]).toBe(120.2 + 360);
    expect(rounds[1]![1]).toBeLessThan(0.99);
  });

  it('a deviation check reads the feed: moves that net out below the threshold write nothing', () => {
    const minutes = keep([{ atMs: HOUR, rwa: 4_000 }]).map(([m]) => m);
    expect(minutes).toEqual([0, 360, 720, 1080, 1440]);
  });
});

describe('TWAP poker', () => {
  it('pokes the feed on its schedule and the feed averages the pool price', () => {
    const updates = runInline({
      plugins: [oracles],
      horizonMs: 4 * HOUR,
      build(run) {
        const w = buildRwaLendingWorld(run, { pool: { rwa: 1e6, usd: 1e6 }, navPath: [[0, 1]], pricing: 'nav', ltv: 8_000, liquidationThreshold: 8_500, liquidationBonus: 10_500, positions: [] });
        const pair = w.amm.pair;
        // Uniswap's accumulator sums UQ112x112 ratios of base units (USD has 6 decimals, RWA 18):
        // scaled by 10^12 it sums whole-token prices, at 2^112 per unit.
        const source = (nowMs: number) => {
          const sec = Math.floor(nowMs / 1000);
          return { cumulative: pair.currentCumulativePrices(sec).price0Cumulative * 10n ** 12n, timestampSec: sec };
        };
        w.oracles.add('RWA-TWAP', new TwapFeed({ source, periodSec: 3600, startMs: 0, decimals: 8, cumulativeScale: 2n ** 112n }));
        run.place({ plugin: 'oracles', kind: 'twap-poker', id: 'poker', config: { feed: 'RWA-TWAP', everyMinutes: 60 } });
      },
    }).events('oracle.update');
    expect(updates.map((e) => (e['t'] as number) / HOUR)).toEqual([1, 2, 3, 4]);
    for (const e of updates) expect(JSON.parse(e['data'] as string).price).toBeCloseTo(1, 6);
  });
});
