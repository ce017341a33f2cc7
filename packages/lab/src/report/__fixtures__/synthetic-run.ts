import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY, MINUTE } from '@paradox/engine';

/**
 * A run directory as a finance scenario would leave it, made without running one: three `price.*`
 * series sampled every 5 minutes for 30 days (8,641 points each) with a single-sample AMM crash
 * on day 18, two daily series (one with a NaN), 20,000 events of 15 types, summary.json and manifest.json.
 */
export function writeSyntheticRun(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const horizon = 30 * DAY;
  const series: string[] = ['t,series,value'];
  for (let t = 0, i = 0; t <= horizon; t += 5 * MINUTE, i++) {
    const wobble = ((i * 7919) % 1000) / 1e5;
    const amm = t === 18 * DAY ? 0.31 : t > 18 * DAY ? 0.9 + wobble : 1 + wobble;
    series.push(`${t},price.amm,${amm}`, `${t},price.oracle,${t < 20 * DAY ? 1 : 0.9}`);
    if (i % 12 === 0) series.push(`${t},price.nav,${t < 25 * DAY ? 1 : 0.95}`);
    if (i % 288 === 0) series.push(`${t},bad_debt,${t === 20 * DAY ? 'NaN' : Math.max(0, t - 18 * DAY) / DAY}`, `${t},liquidations,${t > 18 * DAY ? 3 : 0}`);
  }
  writeFileSync(join(dir, 'series.csv'), series.join('\n') + '\n');
  const types = ['swap', 'liquidation', 'oracle-update', 'rumor', 'redeem', 'gate', 'deposit', 'borrow', 'repay', 'transfer', 'mint', 'burn', 'claim', 'attest', 'hack'];
  const events: string[] = ['t,id,cause,type,actor,data'];
  for (let id = 1; id <= 20_000; id++) {
    const type = types[(id * 7 + Math.floor(id / 997)) % types.length]!;
    events.push(`${Math.floor((id * horizon) / 20_000)},${id},${id - 1},${type},"agent ""${id % 50}""","{""amount"":""${id}000""}"`);
  }
  writeFileSync(join(dir, 'events.csv'), events.join('\n') + '\n');
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ scenario: 'synthetic', seed: 1, bad_debt: 12.5, liquidations: { count: 36, volume: 1e6 } }, null, 2) + '\n');
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ scenario: 'synthetic', seed: 1, params: { horizonDays: 30 }, outcome: { reason: 'horizon', timeMs: horizon, eventsProcessed: 20_000 }, files: {} }, null, 2) + '\n',
  );
}
