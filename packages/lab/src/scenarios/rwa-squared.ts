import bots from '@paradox-plugins/liquidation-bots';
import oracles from '@paradox-plugins/oracles';
import rumorSellers from '@paradox-plugins/rumor-sellers';
import { DAY, HOUR } from '@paradox/engine';
import { type Rumor, parseWithPaths, z } from '@paradox/sdk';
import {
  AmmMarket,
  IndexVault,
  LendingMarket,
  NavFeed,
  NavPathFund,
  OracleRegistry,
  SocialNetwork,
  SpotFeed,
  Tranches,
  UniswapV2Pair,
  createWorld,
  installAmmMarkets,
  installFunds,
  installLendingMarkets,
  kOut,
} from '@paradox/world';
import { CascadeMetrics } from '../metrics/cascade-metrics';
import type { Scenario } from '../run/scenario';

/** The three fund tokens, the index over them, the one stablecoin and the one oracle reporter. */
export const FUND_TOKENS = ['FUND-A', 'FUND-B', 'FUND-C'] as const;
export const IDX = 'IDX';
export const INDEX_ID = 'index';
export const STABLE = 'USD';
export const INDEX_POOL = 'IDX/USD';
export const INDEX_MARKET = 'IDX-lending';
export const INDEX_NAV_FEED = 'IDX-NAV';
export const INDEX_SPOT_FEED = 'IDX-SPOT';
export const SHARED_REPORTER = 'nav-oracle';
export const TRANCHE_SPV = 'tranche-spv';
const ZERO_RATES = { optimalUsageRatio: 8_000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };

const params = z
  .object({
    /** Holders of the index token (rumour sellers on a k-out graph). */
    holders: z.number().int().min(20).max(100_000).default(300),
    /** Fund C's NAV loss from its default wave (day 10 to day 40); 0 = no default, no news. */
    defaultLoss: z.number().min(0).max(1).default(0.45),
    /** How the index lending market prices IDX: the shared monthly NAV oracle, or the index AMM. */
    pricing: z.enum(['nav', 'spot']).default('spot'),
    /** Senior share of the tranche SPV's principal (the junior takes the rest, and the first loss). */
    seniorShare: z.number().min(0).max(1).default(0.8),
    /** IDX held by the tranche SPV. */
    trancheIdx: z.number().positive().default(100_000),
    informed: z.number().int().min(1).default(15),
    links: z.number().int().min(1).default(8),
    sellProbability: z.number().min(0).max(1).default(0.6),
    passProbability: z.number().min(0).max(1).default(0.3),
    meanPassDelayHours: z.number().positive().default(2),
    bots: z.number().int().min(0).default(3),
    horizonDays: z.number().positive().default(60),
    settleHours: z.number().min(0).default(1),
  })
  .strict();

export type RwaSquaredParams = z.output<typeof params>;

/**
 * `rwa-squared` (DESIGN failure mode 4): three tokenized funds; an index token holding them in
 * equal weights; senior/junior tranches over index shares; the index token levered again in one
 * Aave-style market, everything settled in one stablecoin and struck by one monthly NAV reporter.
 * Fund C suffers a default wave from day 10; a rumour reaches a few index holders that day.
 * Nothing scripts the crash: what follows is the holders', bots' and reporter's doing.
 */
export const rwaSquared: Scenario<RwaSquaredParams> = {
  name: 'rwa-squared',
  description: 'RWA-squared: an index and tranches over three funds, levered again on shared rails; one fund defaults',
  plugins: [rumorSellers, bots, oracles],
  parseParams: (raw) => parseWithPaths(params, raw, 'params'),
  horizonMs: (p) => Math.round(p.horizonDays * DAY + p.settleHours * HOUR),
  build(run, p) {
    const H = p.holders;
    const world = createWorld(run);
    run.attachWorld(world);
    const { ledger, kernel } = world;

    // Three funds with NAV paths; fund C defaults (its loans written down from day 10 to day 40).
    const paths: (readonly (readonly [number, number])[])[] = [
      [[0, 1]],
      [[0, 1]],
      [
        [0, 1],
        [10 * DAY, 1],
        [40 * DAY, 1 - p.defaultLoss],
      ],
    ];
    const funds = FUND_TOKENS.map((token, i) => {
      ledger.addToken({ symbol: token, decimals: 18, issuer: `issuer:${token}` });
      return new NavPathFund(world, token, token, paths[i]!);
    });
    ledger.addToken({ symbol: STABLE, decimals: 6, issuer: 'usd-issuer' });
    const usd = (x: number) => ledger.units(STABLE, x);
    const idx = (x: number) => ledger.units(IDX, x);
    const giveUsd = (address: string, amount: number) => ledger.mint(STABLE, 'usd-issuer', address, usd(amount));

    // The index: one share = 1/3 of each fund token. It is a fund in the registry, so the
    // shared reporter strikes its NAV like any fund's.
    const third = 10n ** 18n / 3n;
    const vault = new IndexVault(ledger, { id: INDEX_ID, shareToken: IDX, components: funds.map((fund) => ({ fund, unitsPerShare: third })) });
    installFunds(world, [...funds, vault]);
    /** IDX for `address`, minted the only way there is: its fund tokens deposited into the index. */
    const giveIdx = (address: string, amount: number) => {
      const shares = idx(amount);
      vault.depositAmounts(shares).forEach((units, i) => ledger.mint(FUND_TOKENS[i]!, `issuer:${FUND_TOKENS[i]!}`, address, units));
      vault.deposit(address, shares);
    };

    // The index AMM against the one stablecoin.
    const pair = new UniswapV2Pair({ token0: IDX, token1: STABLE, decimals0: 18, decimals1: 6 });
    const amm = new AmmMarket(world, INDEX_POOL, pair, IDX, STABLE);
    giveIdx('lp', 200 * H);
    giveUsd('lp', 200 * H);
    amm.addLiquidity('lp', idx(200 * H), usd(200 * H));
    const pools = installAmmMarkets(world, [amm]);

    // The shared oracle: one reporter, monthly.
    const registry = new OracleRegistry(world);
    registry.add(INDEX_NAV_FEED, new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: [SHARED_REPORTER], maxChangeBps: 10_000, minUpdateWindowMs: 0 }));
    registry.add(INDEX_SPOT_FEED, new SpotFeed(amm, 8, 18, 6));

    // Leverage again: the index token as collateral in one Aave-style market.
    const market = new LendingMarket(
      world,
      {
        id: INDEX_MARKET,
        collateral: { asset: IDX, decimals: 18, ltv: 8_500, liquidationThreshold: 8_500, liquidationBonus: 10_500, rates: ZERO_RATES },
        debt: { asset: STABLE, decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0, rates: ZERO_RATES },
        collateralFeed: registry.get(p.pricing === 'nav' ? INDEX_NAV_FEED : INDEX_SPOT_FEED),
        repriceOn: { oracles: [INDEX_NAV_FEED], ...(p.pricing === 'spot' ? { pools: [amm] } : {}) },
        flashLender: 'flash-lender',
      },
      registry,
    );
    installLendingMarkets(world, [market], pools);
    giveUsd('flash-lender', 1e12);
    const draw = run.seeds.stream('scenario/borrowers');
    const positions = Array.from({ length: Math.floor(H / 5) }, () => {
      const collateral = draw.uniform(1_000, 20_000);
      return { collateral, debt: collateral * draw.uniform(0.5, 0.8) };
    });
    const lent = positions.reduce((s, x) => s + usd(x.debt), 0n);
    ledger.mint(STABLE, 'usd-issuer', 'lender', lent);
    market.supply('lender', STABLE, lent);
    const borrowers = positions.map((pos, b) => {
      const id = `borrower-${b}`;
      giveIdx(id, pos.collateral);
      market.open(id, idx(pos.collateral), usd(pos.debt));
      return id;
    });

    // Tranches: an SPV holds index shares; senior principal capped, junior first loss.
    giveIdx(TRANCHE_SPV, p.trancheIdx);
    const tranches = new Tranches(ledger, vault, TRANCHE_SPV, usd(p.trancheIdx * p.seniorShare), STABLE);
    const atStart = tranches.values(vault.navPerShare());
    const record = () => {
      const nav = vault.navPerShare();
      const v = tranches.values(nav);
      run.recorder.point(kernel.now, 'price.nav.index', nav);
      FUND_TOKENS.forEach((token, i) => run.recorder.point(kernel.now, `price.nav.${token}`, funds[i]!.navPerShare()));
      run.recorder.point(kernel.now, 'tranche.senior', ledger.toNumber(STABLE, v.senior) / ledger.toNumber(STABLE, atStart.senior));
      run.recorder.point(kernel.now, 'tranche.junior', ledger.toNumber(STABLE, v.junior) / ledger.toNumber(STABLE, atStart.junior));
      kernel.scheduleIn(DAY, record, null, { phase: 15, owner: undefined, label: 'the daily NAV and tranche record' });
    };
    kernel.scheduleAt(0, record, null, { phase: 15, owner: undefined, label: 'the daily NAV and tranche record' });

    // Index holders on a social graph; liquidation bots; the shared reporter.
    const holders = Array.from({ length: H }, (_, i) => `holder-${i}`);
    const holdings = run.seeds.stream('scenario/holdings');
    for (const id of holders) giveIdx(id, holdings.uniform(100, 1_000));
    new SocialNetwork(kOut(H, p.links, run.seeds.stream('scenario/graph')), holders).install(world);
    run.placePopulation({
      plugin: 'rumor-sellers',
      kind: 'holder',
      ids: holders,
      config: { pool: INDEX_POOL, token: IDX, sellProbability: p.sellProbability, passProbability: p.passProbability, meanPassDelayMinutes: p.meanPassDelayHours * 60 },
    });
    const botIds = Array.from({ length: p.bots }, (_, i) => `bot-${i}`);
    for (const id of botIds) giveUsd(id, 1e12);
    run.placePopulation({ plugin: 'liquidation-bots', kind: 'bot', ids: botIds, config: { sellOn: INDEX_POOL, flashLoan: false, strategy: 'greedy' } });
    run.place({ plugin: 'oracles', kind: 'nav-reporter', id: SHARED_REPORTER, config: { feed: INDEX_NAV_FEED, fund: INDEX_ID, periodDays: 30, firstDay: 0 } });

    const metrics = new CascadeMetrics(run.recorder, { pool: INDEX_POOL, asset: IDX, oracle: INDEX_NAV_FEED, nav: () => vault.navPerShare(), holderPrefix: 'holder-', holders: H });
    metrics.setInitialOraclePrice(1);

    // The news: fund C's default wave starts on day 10, and a few index holders hear of it.
    if (p.defaultLoss > 0) {
      const chosen = run.seeds.stream('scenario/news').sampleIndices(H, Math.min(p.informed, H));
      kernel.scheduleAt(10 * DAY, () => {
        const headline = 'fund C is writing down its loans';
        kernel.cause = run.recorder.event(kernel.now, 'news', 'scenario', 0, { kind: 'default-wave', fund: FUND_TOKENS[2], headline, informed: chosen.length });
        const rumor: Rumor = { kind: 'rumor', about: headline, source: 'scenario', credibility: 1, startedAtMs: kernel.now, hops: 0 };
        for (const i of chosen) run.bus.send('news', holders[i]!, rumor);
      }, null, { label: 'the default wave', owner: undefined });
    }

    return {
      summary() {
        const audit = ledger.audit() ?? amm.audit() ?? vault.audit();
        if (audit) throw new Error(`conservation broken at the end of the run: ${audit}`);
        const nav = vault.navPerShare();
        const price = amm.spotPrice();
        const end = tranches.values(nav);
        const stats = market.stats();
        let underwater = 0n;
        for (const id of borrowers) {
          const debt = market.pool.debtBalance(id, STABLE);
          const value = usd((Number(market.pool.aTokenBalance(id, IDX)) / 1e18) * price);
          if (debt > value) underwater += debt - value;
        }
        const loss = (a: bigint, b: bigint) => (b === 0n ? 0 : 1 - Number(a) / Number(b));
        return {
          pricing: p.pricing,
          holders: H,
          fund_c_nav_final: funds[2]!.navPerShare(),
          index_nav_final: nav,
          index_loss: 1 - nav,
          amm_price_final: price,
          market_nav_ratio_final: price / nav,
          senior_loss: loss(end.senior, atStart.senior),
          junior_loss: loss(end.junior, atStart.junior),
          liquidations: stats.liquidations,
          bad_debt: ledger.toNumber(STABLE, underwater + stats.deficit),
          events_processed: kernel.eventsProcessed,
          ...metrics.summary(),
        };
      },
    };
  },
};
