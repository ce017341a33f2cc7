import type { PluginTemplateSpec } from './plugin-template-spec';

/**
 * `src/dip-buyer.spec.ts` of a scaffolded plugin: runs the agent in a small RWA world (an AMM, a
 * NAV oracle, a scripted seller) with `runInline` and checks what it does, not how it is wired.
 */
export function specSource(_spec: PluginTemplateSpec): string {
  return `import { HOUR, swap } from '@paradox/sdk';
import { NAV_FEED, POOL, RWA, buildRwaLendingWorld, runInline } from '@paradox/lab';
import plugin from './index';

// A pool of 100,000 RWA and 100,000 USD, NAV 1.00 on the oracle. At 1 h a whale sells 20,000 RWA:
// the pool's price falls to about (100/120)^2 = 0.69, some 30% below the oracle.
function dumpAndWatch(config: Record<string, unknown>) {
  return runInline({
    plugins: [plugin],
    horizonMs: 6 * HOUR,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 100_000, usd: 100_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [],
      });
      w.giveUsd('buyer', 50_000);
      w.giveRwa('whale', 20_000);
      run.place({ plugin: plugin.id, kind: 'dip-buyer', id: 'buyer', config: { pool: POOL, oracle: NAV_FEED, ...config } });
      run.kernel.scheduleAt(HOUR, () => w.world.submit('whale', swap(POOL, RWA, w.rwa(20_000)), () => {}), null);
      return { summary: () => ({ buyerRwa: w.world.ledger.toNumber(RWA, w.world.ledger.balanceOf(RWA, 'buyer')) }) };
    },
  });
}

const tradesBy = (run: ReturnType<typeof dumpAndWatch>, trader: string) =>
  run.events('amm.trade').map((e) => JSON.parse(e['data'] as string)).filter((t) => t.trader === trader);

describe('dip buyer', () => {
  it('buys once the pool trades at a discount to the oracle, and lifts the price', () => {
    const run = dumpAndWatch({ discount: 0.05, spendShare: 0.25 });
    const [dump] = tradesBy(run, 'whale');
    const buys = tradesBy(run, 'buyer');
    expect(buys).toHaveLength(1);
    expect(buys[0].tokenIn).toBe('USD');
    expect(buys[0].amountIn).toBeCloseTo(12_500, 6); // a quarter of its 50,000 USD
    expect(buys[0].priceAfter).toBeGreaterThan(dump.priceAfter);
    expect(buys[0].priceAfter).toBeLessThan(1);
    expect(run.result.summary['buyerRwa']).toBeGreaterThan(12_500); // bought below 1.00
  });

  it('does not buy while the discount is smaller than its threshold', () => {
    const run = dumpAndWatch({ discount: 0.5 });
    expect(tradesBy(run, 'whale')).toHaveLength(1);
    expect(tradesBy(run, 'buyer')).toEqual([]);
  });

  it('refuses a bad config with the path of the bad value', () => {
    expect(() => plugin.parseConfig('dip-buyer', { pool: POOL, oracle: NAV_FEED, discount: 2 })).toThrow(/discount/);
  });
});
`;
}
