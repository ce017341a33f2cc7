import assert from 'node:assert/strict';
import { DAY, pushPrice } from '@paradox/sdk';
import { NAV_FEED, NAV_REPORTER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import bots from '@paradox-plugins/liquidation-bots';

// Two bots race for the same liquidations after a NAV markdown: the chain orders a block by
// priority fee, then arrival, so the higher bid wins even from a slower bot.
export default function example(): void {
  const { events } = runInline({
    plugins: [bots],
    horizonMs: 2 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1e6, usd: 1e6 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 8_500,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [{ collateral: 10_000, debt: 8_000 }, { collateral: 5_000, debt: 4_000 }],
      });
      w.giveUsd('fast', 1e9);
      w.giveUsd('rich', 1e9);
      run.place({ plugin: 'liquidation-bots', kind: 'bot', id: 'fast', config: { sellOn: 'RWA/USD', priorityFee: 1 } });
      run.place({ plugin: 'liquidation-bots', kind: 'bot', id: 'rich', latencyMs: 5_000, config: { sellOn: 'RWA/USD', priorityFee: 3 } });
      run.kernel.scheduleAt(DAY, () => w.world.submit(NAV_REPORTER, pushPrice(NAV_FEED, 0.9), () => {}), null);
    },
  });
  const winners = events('lending.liquidation').map((e) => JSON.parse(e['data'] as string).liquidator);
  assert.deepEqual(winners, ['rich', 'rich']);
}
