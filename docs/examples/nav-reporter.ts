import assert from 'node:assert/strict';
import { DAY } from '@paradox/sdk';
import { NAV_FEED, NAV_REPORTER, buildRwaLendingWorld, runInline } from '@paradox/lab';
import oracles from '@paradox-plugins/oracles';

// A monthly NAV reporter against a fund whose NAV falls from 1.00 (day 10) to 0.85 (day 40):
// the oracle sits at 1.00 until day 30, then jumps. A weekly one follows the NAV down.
export default function example(): void {
  const reports = (periodDays: number) =>
    runInline({
      plugins: [oracles],
      horizonMs: 61 * DAY,
      build(run) {
        buildRwaLendingWorld(run, {
          pool: { rwa: 1e6, usd: 1e6 },
          navPath: [[0, 1], [10 * DAY, 1], [40 * DAY, 0.85]],
          pricing: 'nav',
          ltv: 8_000,
          liquidationThreshold: 8_500,
          liquidationBonus: 10_500,
          positions: [],
        });
        run.place({ plugin: 'oracles', kind: 'nav-reporter', id: NAV_REPORTER, config: { feed: NAV_FEED, fund: 'fund', periodDays } });
      },
    }).events('oracle.update').map((e) => JSON.parse(e['data'] as string).price as number);

  assert.deepEqual(reports(30), [1, 0.9, 0.85]);
  const weekly = reports(7);
  assert.equal(weekly.length, 9);
  assert.ok(weekly[2]! < 1 && weekly[2]! > 0.9, 'by day 14 the weekly oracle has started to fall');
}
