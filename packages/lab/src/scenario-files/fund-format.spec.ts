import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@paradox/sdk';
import { parse } from 'yaml';
import { SCENARIO_DIR } from '../scenarios/catalog';
import { scenarioFromObject } from './build-scenario';

const load = (name: string) => parse(readFileSync(join(SCENARIO_DIR, `${name}.yaml`), 'utf8')) as Record<string, any>;

function problems(name: string, mutate: (file: Record<string, any>) => void): string[] {
  const file = load(name);
  mutate(file);
  try {
    scenarioFromObject(file).parseParams({});
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('scenario files: the fund, custody and rails sections are checked with their paths', () => {
  it.each([
    ['redemption-gate', 'a NAV path besides a dealing fund', (f: any) => (f.world.nav = [['0d', 1]]), /^world\.nav: a dealing fund \(world\.fund\) takes its NAV from its assets: drop nav/],
    ['redemption-gate', 'neither a NAV path nor a fund', (f: any) => delete f.world.fund, /^world\.nav: give the NAV path \(nav\) or a dealing fund \(fund\)/],
    ['redemption-gate', 'an unknown dealing cycle', (f: any) => (f.world.fund.dealing = 'weekly'), /^world\.fund\.dealing: /],
    ['redemption-gate', 'a loan book with a bad maturity range', (f: any) => (f.world.fund.loanBook.maturity = { from: '720d', to: '180d' }), /^world\.fund\.loanBook\.maturity\.to: expected 0 < from <= to, got "180d"$/],
    ['redemption-gate', 'a hurricane without a building', (f: any) => f.news.push({ kind: 'hurricane', at: '30d', valueFactor: 0.7 }), /^news\[2\]\.kind: hurricane needs a building \(world\.fund\.property\)$/],
    ['redemption-gate', 'a breach without a custodian', (f: any) => f.news.push({ kind: 'custodian-breach', at: '30d', lostShare: 0.1 }), /^news\[2\]\.kind: custodian-breach needs a custodian \(world\.fund\.custody\)$/],
    ['redemption-gate', 'a redemption wave larger than the fund', (f: any) => f.news.push({ kind: 'redemption', at: '30d', share: 1.5 }), /^news\[2\]\.share: too big/],
    ['real-estate-flash-crash', 'a custody operator that is no agent', (f: any) => (f.world.fund.custody.operators = ['custodian-opz']), /^world\.fund\.custody\.operators\[0\]: no agent "custodian-opz"$/],
    ['real-estate-flash-crash', 'a default wave without a loan book', (f: any) => f.news.push({ kind: 'default-wave', at: '30d', systematicZ: -2 }), /^news\[3\]\.kind: default-wave needs a loan book \(world\.fund\.loanBook\)$/],
    ['real-estate-flash-crash', 'a pool provider that is no agent', (f: any) => (f.world.pool.providers = { 'lp-navv': 0.3 }), /^world\.pool\.providers\.lp-navv: no agent or population "lp-navv"$/],
    ['real-estate-flash-crash', 'pool shares over 1', (f: any) => (f.world.pool.providers = { 'lp-nav': 0.6, 'lp-vol': 0.6 }), /^world\.pool\.providers: the shares add up to 1\.2, more than 1$/],
    ['stablecoin-depeg', 'a depeg that never recovers in time', (f: any) => (f.news[0].recoverBy = '3h'), /^news\[0\]\.recoverBy: recoverBy must be >= fall \+ hold, got "3h"$/],
    ['stablecoin-depeg', 'a depeg above the peg', (f: any) => (f.news[0].low = 1.2), /^news\[0\]\.low: too big/],
    ['stablecoin-depeg', 'two depegs', (f: any) => f.news.push({ ...f.news[0], at: '20d' }), /^news\[2\]: one depeg per scenario$/],
  ])('%s: %s', (name, _what, mutate, message) => {
    const issues = problems(name, mutate);
    expect(issues.some((i) => message.test(i))).toBe(true);
  });

  it('the files as shipped have no problems', () => {
    for (const name of ['redemption-gate', 'stablecoin-depeg', 'real-estate-flash-crash']) expect(problems(name, () => {})).toEqual([]);
  });
});
