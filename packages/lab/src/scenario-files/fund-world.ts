import { MINUTE } from '@paradox/engine';
import { type BreachDisclosedEvent, ConfigError, type DiscloseBreachAction, pushPrice, redeemFromFund, setFundGate } from '@paradox/sdk';
import {
  Custodian,
  CustodyDesk,
  LoanBook,
  type NavSource,
  Property,
  installCustody,
  navAt,
} from '@paradox/world';
import { StressMetrics } from '../metrics/stress-metrics';
import type { RunContext } from '../run/scenario';
import {
  FUND,
  FUND_INVESTORS,
  FUND_MANAGER,
  PEG_FEED,
  PEG_REPORTER,
  POOL,
  type RwaFundOptions,
  type RwaLendingWorld,
} from '../worlds/rwa-lending-world';
import type { FundSection } from './fund-schema';
import type { News, ScenarioFile } from './schema';

/** The news kinds this file schedules (the rest are schedule-scenario's). */
export type FundNews = Extract<News, { kind: 'default-wave' | 'hurricane' | 'custodian-breach' | 'gate' | 'redemption' | 'depeg' }>;
const FUND_NEWS = new Set(['default-wave', 'hurricane', 'custodian-breach', 'gate', 'redemption', 'depeg']);

export function isFundNews(news: News): news is FundNews {
  return FUND_NEWS.has(news.kind);
}

/** Whether a file uses any of the fund, custody or rails features (and so gets the stress metrics). */
export function usesFundFeatures(file: ScenarioFile): boolean {
  return file.world.fund !== undefined || file.news.some(isFundNews);
}

/**
 * Problems a schema cannot see: news that needs a part of the world the file does not have, and
 * custody operators that are no agent. Reported with their paths, like every other problem.
 */
export function fundIssues(file: ScenarioFile, agentIds: ReadonlySet<string>): string[] {
  const issues: string[] = [];
  const fund = file.world.fund;
  if (fund?.custody) {
    fund.custody.operators.forEach((id, i) => {
      if (!agentIds.has(id)) issues.push(`world.fund.custody.operators[${i}]: no agent "${id}"`);
    });
    if (!fund.portfolio && !fund.property) issues.push('world.fund.custody: the custodian holds the portfolio and the property; this fund has neither');
  }
  const providers = file.world.pool.providers;
  if (providers) {
    const populations = new Set(file.agents.map((a) => a.id));
    let total = 0;
    for (const [key, share] of Object.entries(providers)) {
      total += share;
      if (!populations.has(key) && !agentIds.has(key)) issues.push(`world.pool.providers.${key}: no agent or population "${key}"`);
    }
    if (total > 1 + 1e-9) issues.push(`world.pool.providers: the shares add up to ${total}, more than 1`);
  }
  let depegs = 0;
  file.news.forEach((n, i) => {
    const needs = (what: string, present: unknown) => {
      if (!present) issues.push(`news[${i}].kind: ${n.kind} needs ${what}`);
    };
    switch (n.kind) {
      case 'default-wave':
        needs('a loan book (world.fund.loanBook)', fund?.loanBook);
        break;
      case 'hurricane':
        needs('a building (world.fund.property)', fund?.property);
        break;
      case 'custodian-breach':
        needs('a custodian (world.fund.custody)', fund?.custody);
        if (n.title) needs('a building (world.fund.property) for its title', fund?.property);
        break;
      case 'gate':
      case 'redemption':
        needs('a dealing fund (world.fund)', fund);
        break;
      case 'depeg':
        if (++depegs > 1) issues.push(`news[${i}]: one depeg per scenario`);
        break;
      default:
    }
  });
  return issues;
}

/**
 * `world.pool.providers` as buildRwaLendingWorld takes it: agent ids with their shares (a
 * population's share split evenly among its members), the rest to the setup account `lp`.
 */
export function poolProviders(file: ScenarioFile, idsOf: (population: ScenarioFile['agents'][number]) => string[]): Record<string, number> | undefined {
  const given = file.world.pool.providers;
  if (!given) return undefined;
  const out: Record<string, number> = {};
  let total = 0;
  for (const [key, share] of Object.entries(given)) {
    total += share;
    const population = file.agents.find((a) => a.id === key);
    const members = population ? idsOf(population) : [key];
    for (const id of members) out[id] = (out[id] ?? 0) + share / members.length;
  }
  if (total < 1 - 1e-12) out['lp'] = (out['lp'] ?? 0) + 1 - total;
  return out;
}

/** What the fund section builds before the world exists, and wires in once it does. */
export interface FundPieces {
  /** The dealing fund for buildRwaLendingWorld, when the file has one. */
  readonly fund: RwaFundOptions | undefined;
  /** The stablecoin can leave its peg (a depeg is scheduled). */
  readonly peg: boolean;
  /** After the world is built: custody, and the metrics. */
  install(w: RwaLendingWorld, arbitrageurs: readonly string[]): StressMetrics;
  /** Schedules one of this file's news kinds. */
  schedule(news: FundNews, index: number): void;
}

export function prepareFund(run: RunContext, file: ScenarioFile): FundPieces {
  const section = file.world.fund;
  let property: Property | undefined;
  let loanBook: LoanBook | undefined;
  let custodian: Custodian | undefined;
  const assets: NavSource[] = [];
  if (section?.portfolio) assets.push(pathAsset(section.portfolio.value, section.portfolio.path));
  if (section?.property) {
    const p = section.property;
    property = new Property({
      id: 'building',
      cashDecimals: 6,
      appraisedValue: p.appraisedValue,
      monthlyRent: BigInt(Math.round(p.monthlyRent * 1e6)),
      appraisalIntervalMs: p.appraisalInterval,
      annualGrowth: p.annualGrowth,
      titleMarkdown: p.titleMarkdown,
    });
    assets.push(property);
  }
  if (section?.custody) {
    const c = section.custody;
    custodian = new Custodian({ id: c.id, attestationIntervalMs: c.attestationInterval, graceMs: c.grace, frozenMark: c.frozenMark });
    for (let i = 0; i < assets.length; i++) assets[i] = custodian.hold({ asset: assets[i]!, spvId: FUND, atMs: 0 });
  }
  if (section?.loanBook) loanBook = buildLoanBook(section.loanBook);
  const fund = section ? fundOptions(section, assets, loanBook) : undefined;
  if (section) checkShares(file, section);
  const depeg = file.news.find((n): n is Extract<News, { kind: 'depeg' }> => n.kind === 'depeg');

  let w: RwaLendingWorld | undefined;
  // Set by install(): the custody desk the breach news acts on.
  let deskRef: CustodyDesk | undefined;
  const world = (): RwaLendingWorld => {
    if (!w) throw new Error('the fund section was used before the world was built');
    return w;
  };
  const fundMarket = () => {
    const market = world().fundMarket;
    if (!market) throw new Error('no dealing fund in this world');
    return market;
  };

  /** Logs the news (the root of everything it causes) and, if public, publishes it. */
  const announce = (kind: string, data: Record<string, unknown>, publish?: { headline: string; credibility: number }) => {
    run.kernel.cause = run.recorder.event(run.kernel.now, 'news', 'scenario', 0, { kind, ...data, ...(publish ? { headline: publish.headline } : { published: false }) });
    if (publish) run.bus.publish('news', { kind, headline: publish.headline, credibility: publish.credibility });
  };

  return {
    fund,
    peg: depeg !== undefined,
    install(built, arbitrageurs) {
      w = built;
      if (custodian) {
        const market = built.fundMarket!;
        // The fund re-marks when a breach becomes public, so the NAV (and whoever watches it) sees it then.
        const desk = new (class extends CustodyDesk {
          override disclose(sender: string, action: DiscloseBreachAction): BreachDisclosedEvent {
            const event = super.disclose(sender, action);
            market.remark();
            return event;
          }
        })(built.world, custodian, { operators: section!.custody!.operators });
        installCustody(built.world, [desk]);
        deskRef = desk;
      }
      return new StressMetrics(run.recorder, {
        pool: POOL,
        price: () => built.amm.spotPrice(),
        nav: () => built.fund.navPerShare(),
        liquidity: () => Math.sqrt((Number(built.amm.pair.reserve0) / 1e18) * (Number(built.amm.pair.reserve1) / 1e6)),
        now: () => run.kernel.now,
        arbitrageurs,
        ...(depeg ? { depeg: { startMs: depeg.at, endMs: depeg.at + depeg.recoverBy } } : {}),
      });
    },
    schedule(news, index) {
      const label = `news[${index}] (${news.kind})`;
      const at = (fn: () => void) => run.kernel.scheduleAt(news.at, fn, null, { label, owner: undefined });
      switch (news.kind) {
        case 'default-wave':
          return void at(() => {
            announce('default-wave', {}, news.publish ? news : undefined);
            loanBook!.applyShock({
              atMs: run.kernel.now,
              durationMs: news.duration,
              ...(news.systematicZ === undefined ? {} : { systematicZ: news.systematicZ }),
              ...(news.pdMultiplier === undefined ? {} : { pdMultiplier: news.pdMultiplier }),
            });
          });
        case 'hurricane':
          return void at(() => {
            announce('hurricane', { valueFactor: news.valueFactor }, news);
            const now = run.kernel.now;
            property!.applyShock({
              atMs: Math.max(now, property!.nowMs),
              valueFactor: news.valueFactor,
              rentFactor: news.rentFactor,
              residualValueFactor: news.residualValueFactor,
              ...(news.duration === undefined ? {} : { durationMs: news.duration }),
            });
            if (news.appraise) property!.appraise(Math.max(now, property!.nowMs));
            fundMarket().remark();
          });
        case 'custodian-breach':
          return void at(() => {
            announce('custodian-breach', { frozenShare: news.frozenShare, lostShare: news.lostShare });
            if (news.title) property!.setTitleStatus(news.title, Math.max(run.kernel.now, property!.nowMs));
            const breach = deskRef!.breach({ frozenShare: news.frozenShare, lostShare: news.lostShare });
            fundMarket().remark();
            if (news.resolveAfter !== undefined) {
              run.kernel.scheduleIn(news.resolveAfter, () => {
                announce('freeze-resolved', { breach: breach.id, recoveredShare: news.recoveredShare }, { headline: 'the frozen assets are released', credibility: 1 });
                custodian!.resolveFreeze(breach.id, { atMs: run.kernel.now, recoveredShare: news.recoveredShare });
                fundMarket().remark();
              }, null, { label: `${label}: the freeze is settled`, owner: undefined });
            }
          });
        case 'gate':
          return void at(() => {
            announce('gate', { maxShareOfNav: news.maxShareOfNav }, news);
            world().world.submit(fundMarket().manager, setFundGate(FUND, news.maxShareOfNav === null ? null : { maxShareOfNav: news.maxShareOfNav }), () => {});
          });
        case 'redemption':
          return void at(() => {
            announce('redemption', { share: news.share });
            const market = fundMarket();
            const wanted = (market.fund.totalSupply() * BigInt(Math.round(news.share * 1e9))) / 1_000_000_000n;
            const held = market.fund.balanceOf(FUND_INVESTORS);
            const shares = wanted < held ? wanted : held;
            if (shares <= 0n) return;
            // The investors' register shares become tokens in their wallet, which they hand in.
            market.tokenize(FUND_INVESTORS, FUND_INVESTORS, shares);
            world().world.submit(FUND_INVESTORS, redeemFromFund(FUND, shares), () => {});
          });
        case 'depeg':
          return void at(() => {
            announce('depeg', { low: news.low }, news);
            schedulePeg(run, world(), news);
          });
      }
    },
  };
}

/**
 * The stablecoin's dollar price along the depeg path, written to the peg feed by its reporter
 * (a Chainlink-style feed: a new answer when the price has moved `deviation` since the last one,
 * checked every five minutes, and 1.00 when the path is back).
 */
function schedulePeg(run: RunContext, w: RwaLendingWorld, d: Extract<News, { kind: 'depeg' }>): void {
  const start = run.kernel.now;
  const path: [number, number][] = [
    [start, 1],
    [start + d.fall, d.low],
    [start + d.fall + d.hold, d.low],
    [start + d.recoverBy, 1],
  ];
  let last = 1;
  const step = 5 * MINUTE;
  const look = () => {
    const now = run.kernel.now;
    const price = Math.round(navAt(path, now) * 1e8) / 1e8;
    const done = now >= start + d.recoverBy;
    if (Math.abs(price - last) / last >= d.deviation || (done && price !== last)) {
      last = price;
      w.world.submit(PEG_REPORTER, pushPrice(PEG_FEED, price), () => {});
    }
    if (!done) run.kernel.scheduleIn(step, look, null, { owner: undefined, label: 'the peg feed follows the depeg' });
  };
  look();
}

/** Illiquid assets worth `value` times a path (no cash drawn from them). */
function pathAsset(value: number, path: readonly (readonly [number, number])[]): NavSource {
  return { id: 'portfolio', value: (t: number) => value * navAt(path, t) };
}

function buildLoanBook(s: NonNullable<FundSection['loanBook']>): LoanBook {
  const each = BigInt(Math.round((s.principal / s.loans) * 1e6));
  const span = s.maturity.to - s.maturity.from;
  return new LoanBook({
    id: 'loans',
    cashDecimals: 6,
    pdByGrade: { B: s.pd },
    recoveryRate: s.recoveryRate,
    rho: s.rho,
    factorAutocorrelation: s.factorAutocorrelation,
    defaultAfterDays: s.defaultAfterDays,
    recoveryLagMs: s.recoveryLag,
    loans: Array.from({ length: s.loans }, (_, i) => ({
      id: `loan-${i}`,
      principal: each,
      annualRate: s.annualRate,
      maturityMs: s.maturity.from + (s.loans === 1 ? 0 : Math.round((span * i) / (s.loans - 1))),
      grade: 'B',
    })),
  });
}

function fundOptions(s: FundSection, assets: NavSource[], loanBook: LoanBook | undefined): RwaFundOptions {
  const dealing = typeof s.dealing === 'string' ? s.dealing : { periodMs: s.dealing };
  return {
    shares: s.shares,
    cash: s.cash,
    assets,
    dealing,
    manager: FUND_MANAGER,
    redemptionNoticeMs: s.redemptionNotice,
    redemptionFee: s.redemptionFee,
    subscriptionFee: s.subscriptionFee,
    queuePolicy: s.queuePolicy,
    ...(s.gate === undefined ? {} : { gate: { maxShareOfNav: s.gate } }),
    ...(loanBook ? { loanBook } : {}),
  };
}

/** Every RWA token at t = 0 (the pool's, the positions') comes out of the fund's shares. */
function checkShares(file: ScenarioFile, s: FundSection): void {
  const needed = file.world.pool.rwa;
  if (needed > s.shares) {
    throw new ConfigError([`world.fund.shares: the pool alone needs ${needed} RWA tokens, but the fund has ${s.shares} shares`]);
  }
}
