import { DAY } from '@paradox/engine';
import { runInline } from '../testing/inline-scenario';
import { type RwaLendingWorld, USD, buildRwaLendingWorld } from './rwa-lending-world';

// LendingMarket.unhealthy() is computed once per instant and state and shared by every liquidator
// that asks: a stale answer would hand bots positions that are no longer there (or hide new
// ones), and a shared array would let one bot change what the others see.
describe('the unhealthy positions a market reports', () => {
  it('are shared within an instant but never stale, and no caller can change what others get', () => {
    const seen: string[][] = [];
    let w!: RwaLendingWorld;
    runInline({
      plugins: [],
      horizonMs: 2 * DAY,
      build(run) {
        w = buildRwaLendingWorld(run, {
          pool: { rwa: 1_000_000, usd: 1_000_000 },
          navPath: [
            [0, 1],
            [DAY, 0.5],
          ],
          pricing: 'spot',
          ltv: 8_000,
          liquidationThreshold: 8_500,
          liquidationBonus: 10_500,
          positions: [
            { collateral: 1_000, debt: 800 },
            { collateral: 1_000, debt: 500 },
          ],
        });
        run.kernel.scheduleAt(DAY, () => {
          const { market, amm } = w;
          const names = () => market.unhealthy().map((p) => p.borrower);
          seen.push(names());
          // Dumping RWA moves the spot price within the same instant: the answer follows it.
          w.giveRwa('whale', 300_000);
          amm.swap('whale', 'RWA', w.world.ledger.units('RWA', 300_000));
          seen.push(names());
          // A caller that empties its copy or tries to change a position changes nothing for the next.
          market.unhealthy().length = 0;
          const position = market.unhealthy()[0] as { debt: bigint };
          expect(() => {
            position.debt = 0n;
          }).toThrow(TypeError);
          seen.push(names());
          // Repaying the first position's debt through the market changes the books: it drops out.
          w.giveUsd('borrower-0', 1_000);
          market.repayAs('borrower-0', 'all');
          seen.push(names());
          expect(w.world.ledger.balanceOf(USD, 'borrower-0')).toBeGreaterThan(0n);
        }, null);
        return { summary: () => ({}) };
      },
    });
    expect(seen).toEqual([[], ['borrower-0'], ['borrower-0'], []]);
  });
});
