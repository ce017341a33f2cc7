import { DAY, HOUR } from '@paradox/sdk';
import { buildRwaLendingWorld, runInline } from '@paradox/lab';
import { Custodian, CustodyDesk, StaticNavSource, installCustody } from '@paradox/world';
import custodians from './index';

const data = (e: Record<string, number | string>) => JSON.parse(e['data'] as string);

/**
 * A world with one custodian (`vault`, attesting every 7 days by its own rule) holding the fund's
 * reserves ($1m) and run by agent `vault-ops`. `breaches` are the scenario's exogenous shocks.
 */
function custody(config: Record<string, unknown>, options: { horizonDays?: number; seed?: number; breaches?: [number, number][] } = {}) {
  let desk!: CustodyDesk;
  const run = runInline({
    plugins: [custodians],
    seed: options.seed ?? 1,
    horizonMs: (options.horizonDays ?? 40) * DAY,
    build(r) {
      const w = buildRwaLendingWorld(r, { pool: { rwa: 1e6, usd: 1e6 }, navPath: [[0, 1]], pricing: 'nav', ltv: 7_000, liquidationThreshold: 8_000, liquidationBonus: 10_500, positions: [] });
      const vault = new Custodian({ id: 'vault', attestationIntervalMs: 7 * DAY, graceMs: DAY });
      vault.hold({ asset: new StaticNavSource('reserves', 1_000_000), spvId: 'fund', atMs: 0 });
      desk = new CustodyDesk(w.world, vault, { operators: ['vault-ops'] });
      installCustody(w.world, [desk]);
      r.place({ plugin: 'custodians', kind: 'custodian', id: 'vault-ops', config: { custodian: 'vault', ...config } });
      for (const [atMs, lostShare] of options.breaches ?? []) r.kernel.scheduleAt(atMs, () => desk.breach({ lostShare }), null);
    },
  });
  return { ...run, desk };
}

describe('custodian', () => {
  it('attests on its schedule, by default the custodian\'s own interval, and is never late', () => {
    const { events, desk } = custody({});
    expect(events('custody.attestation').map((e) => e['t'])).toEqual([7, 14, 21, 28, 35].map((d) => d * DAY));
    expect(desk.view('anyone').status()).toBe('on-schedule');
    const weekly = custody({ attestEveryDays: 3, firstAttestDay: 1 }, { horizonDays: 10 });
    expect(weekly.events('custody.attestation').map((e) => e['t'])).toEqual([1, 4, 7, 10].map((d) => d * DAY));
  });

  it.each([0, 6, 72, 24 * 20])('discloses a breach exactly %s hours after it happens', (hours) => {
    const at = 10 * DAY + 3 * HOUR + 17;
    const { events } = custody({ disclosureDelayHours: hours }, { breaches: [[at, 0.2]] });
    const disclosed = events('custody.breach-disclosed');
    expect(disclosed.map((e) => e['t'])).toEqual([at + hours * HOUR]);
    expect(data(disclosed[0]!)).toMatchObject({ custodian: 'vault', breach: 1, lostShare: 0.2, occurredAtMs: at, delayMs: hours * HOUR });
    // It knew at once.
    expect(events('custodian.breach-known').map((e) => e['t'])).toEqual([at]);
  });

  it('an honest custodian attests the hole before disclosing it; a concealing one repeats the old amount until then', () => {
    const breaches: [number, number][] = [[10 * DAY, 0.25]];
    const amounts = (config: Record<string, unknown>) =>
      custody({ disclosureDelayHours: 24 * 15, ...config }, { breaches }).events('custody.attestation').map((e) => [(e['t'] as number) / DAY, data(e).assets[0].amount, data(e).trueAmounts[0]]);
    // Breach on day 10, disclosed on day 25.
    expect(amounts({ attestation: 'honest' })).toEqual([[7, 1e6, 1e6], [14, 750_000, 750_000], [21, 750_000, 750_000], [28, 750_000, 750_000], [35, 750_000, 750_000]]);
    expect(amounts({ attestation: 'conceal' })).toEqual([[7, 1e6, 1e6], [14, 1e6, 750_000], [21, 1e6, 750_000], [28, 750_000, 750_000], [35, 750_000, 750_000]]);
    // One that never discloses: the breach stays hidden for good.
    const hidden = custody({ neverDisclose: true, attestation: 'conceal' }, { breaches });
    expect(hidden.events('custody.breach-disclosed')).toEqual([]);
    expect(hidden.desk.view('anyone').disclosedBreaches()).toEqual([]);
  });

  it('hazard breaches arrive as a Poisson process (mean count over 200 seeds within 4 standard errors), each disclosed after the delay', () => {
    const rate = 2;
    const counts: number[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const { events } = custody({ hazard: { breachesPerYear: rate, lostShare: 0.01, maxBreaches: 50 }, disclosureDelayHours: 48 }, { seed, horizonDays: 365 });
      const breaches = events('custody.breach');
      counts.push(breaches.length);
      const disclosed = events('custody.breach-disclosed').map((e) => e['t']);
      expect(disclosed).toEqual(breaches.map((e) => (e['t'] as number) + 48 * HOUR).filter((t) => t <= 365 * DAY));
    }
    const mean = counts.reduce((s, c) => s + c, 0) / counts.length;
    const variance = counts.reduce((s, c) => s + (c - mean) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(mean - rate)).toBeLessThan(4 * Math.sqrt(rate / counts.length));
    // Poisson: variance close to the mean (dispersion index within [0.6, 1.5] at n = 200).
    expect(variance / mean).toBeGreaterThan(0.6);
    expect(variance / mean).toBeLessThan(1.5);
  });
});
