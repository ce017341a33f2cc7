import { DAY, liquidate } from '@paradox/sdk';
import type { Ordering } from '@paradox/world';
import { runInline } from '../testing/inline-scenario';
import { MARKET, buildRwaLendingWorld } from './rwa-lending-world';

// A lending market shows what a bot watching the public mempool would see: whether a
// liquidation it is about to send is already outbid by one waiting for the next block.
function bidsSeen(ordering: Ordering): Record<string, boolean>[] {
  const seen: Record<string, boolean>[] = [];
  runInline({
    plugins: [],
    horizonMs: 2 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1_000_000, usd: 1_000_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 8_000,
        liquidationThreshold: 8_500,
        liquidationBonus: 10_500,
        positions: [
          { collateral: 1_000, debt: 800 },
          { collateral: 1_000, debt: 500 },
        ],
        ordering,
      });
      const { market, world } = w;
      const look = () =>
        seen.push({
          'borrower-0 at 1': market.outbid('borrower-0', 1),
          'borrower-0 at 2': market.outbid('borrower-0', 2),
          'borrower-0 at 3': market.outbid('borrower-0', 3),
          'borrower-1 at 0': market.outbid('borrower-1', 0),
        });
      run.kernel.scheduleAt(DAY, () => {
        look();
        world.submit('bot-a', liquidate(MARKET, 'borrower-0', { priorityFee: 1 }), () => {});
        world.submit('bot-b', liquidate(MARKET, 'borrower-0', { priorityFee: 2 }), () => {});
        look();
      }, null);
      // The block at the next multiple of 12 s took both: nothing is pending any more.
      run.kernel.scheduleAt(DAY + 60_000, look, null);
      return { summary: () => ({}) };
    },
  });
  return seen;
}

describe("a lending market's view of pending liquidations", () => {
  it('a bid at most the best pending one on the same borrower is outbid (ties go to the earlier); other borrowers are not; a block clears them', () => {
    const none = { 'borrower-0 at 1': false, 'borrower-0 at 2': false, 'borrower-0 at 3': false, 'borrower-1 at 0': false };
    expect(bidsSeen('priority-fee')).toEqual([none, { 'borrower-0 at 1': true, 'borrower-0 at 2': true, 'borrower-0 at 3': false, 'borrower-1 at 0': false }, none]);
  });

  it('under a random order no bid is sure to lose', () => {
    expect(bidsSeen('seeded-shuffle').every((look) => Object.values(look).every((outbid) => !outbid))).toBe(true);
  });
});
