import assert from 'node:assert/strict';
import { DAY, HOUR } from '@paradox/sdk';
import { buildRwaLendingWorld, runInline } from '@paradox/lab';
import { Custodian, CustodyDesk, StaticNavSource, installCustody } from '@paradox/world';
import custodians from '@paradox-plugins/custodians';
import borrowers from '@paradox-plugins/borrowers';

/**
 * A custodian holds the fund's $10m of reserves and attests weekly. On day 10 it is hacked (30%
 * lost). The scenario applies the hack to the model; nobody but the custodian knows. Its
 * operator conceals the hole in its day-14 attestation and discloses a week after the hack.
 * A panicked borrower runs at the disclosure, not at the hack.
 */
export default function example(): void {
  const { events } = runInline({
    plugins: [custodians, borrowers],
    horizonMs: 30 * DAY,
    build(run) {
      const w = buildRwaLendingWorld(run, {
        pool: { rwa: 1_000_000, usd: 1_000_000 },
        navPath: [[0, 1]],
        pricing: 'nav',
        ltv: 7_000,
        liquidationThreshold: 8_000,
        liquidationBonus: 10_500,
        positions: [{ collateral: 10_000, debt: 5_000 }],
      });
      // The custody layer: the model, and the desk that puts it in the world.
      const vault = new Custodian({ id: 'vault', attestationIntervalMs: 7 * DAY, graceMs: DAY });
      vault.hold({ asset: new StaticNavSource('fund-reserves', 10_000_000), spvId: 'fund', atMs: 0 });
      const desk = new CustodyDesk(w.world, vault, { operators: ['vault-ops'] });
      installCustody(w.world, [desk]);
      run.place({ plugin: 'custodians', kind: 'custodian', id: 'vault-ops', config: { custodian: 'vault', attestation: 'conceal', disclosureDelayHours: 7 * 24 } });
      run.place({ plugin: 'borrowers', kind: 'panicked', id: 'borrower-0', config: { priceDrop: 0 } });
      // The exogenous shock.
      run.kernel.scheduleAt(10 * DAY + 5 * HOUR, () => desk.breach({ lostShare: 0.3 }), null);
    },
  });
  const day = (e: Record<string, number | string>) => (e['t'] as number) / DAY;
  const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

  // Weekly attestations; the day-14 one repeats the pre-hack amount (the log keeps the truth).
  const attestations = events('custody.attestation').map((e) => [day(e), data(e).assets[0].amount, data(e).trueAmounts[0]]);
  assert.deepEqual(attestations, [
    [7, 10_000_000, 10_000_000],
    [14, 10_000_000, 7_000_000],
    [21, 7_000_000, 7_000_000],
    [28, 7_000_000, 7_000_000],
  ]);
  // The hack is logged when it happens; the world hears of it exactly a week later.
  assert.deepEqual(events('custody.breach').map(day), [10 + 5 / 24]);
  const disclosed = events('custody.breach-disclosed');
  assert.deepEqual(disclosed.map(day), [17 + 5 / 24]);
  assert.equal(data(disclosed[0]!).delayMs, 7 * DAY);
  // The borrower panicked at the disclosure and unwound in the next blocks.
  assert.deepEqual(events('borrower.panic').map(day), [17 + 5 / 24]);
  assert.equal(events('lending.withdrawn').length, 1);
}
