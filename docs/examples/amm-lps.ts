import assert from 'node:assert/strict';
import { DAY, HOUR, swap } from '@paradox/sdk';
import { POOL, RWA, buildRwaLendingWorld, runInline } from '@paradox/lab';
import lps from '@paradox-plugins/amm-lps';

/**
 * A flash crash made by liquidity leaving. A 1M/1M RWA/USD pool is 90% provided by three LP
 * agents (30% each). On day 1 a seller unloads 120,000 RWA in twelve hourly clips. Run it twice:
 * with passive LPs, and with LPs that leave on volatility, on toxic flow, and on a departure
 * from NAV. Same seller, same clips: the second market falls much further.
 */
function sellOff(strategies: readonly string[]) {
  let finalPrice = 0;
  const run = runInline({
    plugins: [lps],
    horizonMs: 2 * DAY,
    build(run) {
      const providers = Object.fromEntries(strategies.map((_, i) => [`lp-${i}`, 0.3]));
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1_000_000, usd: 1_000_000, providers: { ...providers, lp: 0.1 } },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 7_000,
        liquidationThreshold: 8_000,
        liquidationBonus: 10_500,
        positions: [],
      });
      strategies.forEach((strategy, i) =>
        run.place({ plugin: 'amm-lps', kind: 'lp', id: `lp-${i}`, config: { strategy, windowHours: 6, maxVolatility: 0.04, maxFlowShare: 0.04, maxDeparture: 0.04, calmHours: 48 } }),
      );
      w.giveRwa('seller', 120_000);
      for (let clip = 0; clip < 12; clip++) {
        run.kernel.scheduleAt(DAY + clip * HOUR, () => w.world.submit('seller', swap(POOL, RWA, w.rwa(10_000)), () => {}), null);
      }
      return { summary: () => ({ price: (finalPrice = w.amm.spotPrice()), depth: w.amm.depth() }) };
    },
  });
  return { ...run, finalPrice };
}

export default function example(): void {
  const passive = sellOff(['passive', 'passive', 'passive']);
  const nervous = sellOff(['volatility', 'toxic-flow', 'nav-departure']);

  // Passive LPs absorb the sale: 120k into a 1M pool moves the price about 21%.
  assert.ok(passive.finalPrice > 0.75 && passive.finalPrice < 0.8, `passive: ${passive.finalPrice}`);
  assert.equal(passive.events('lp.exit').length, 0);

  // Nervous LPs leave one after the other as their triggers fire: NAV departure after the third
  // clip (2 h into the sale), volatility and toxic flow after the fourth. The rest of the sale
  // hits a pool a tenth of the size, and the price collapses (to about 0.29).
  const exits = nervous.events('lp.exit').map((e) => [e['actor'], ((e['t'] as number) - DAY) / HOUR]);
  assert.deepEqual(exits, [['lp-2', 2], ['lp-0', 3], ['lp-1', 3]]);
  assert.ok(nervous.finalPrice < passive.finalPrice * 0.5, `nervous: ${nervous.finalPrice}`);

  // The depth series (pool value in USD) shows the liquidity leaving.
  const depth = nervous.sink.rows('series').filter((r) => r['series'] === `amm.depth.${POOL}`).map((r) => r['value'] as number);
  assert.ok(depth[depth.length - 1]! < 0.1 * depth[0]!);
}
