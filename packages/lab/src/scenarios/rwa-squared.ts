import arbitrageurs from '@paradox-plugins/arbitrageurs';
import bots from '@paradox-plugins/liquidation-bots';
import oracles from '@paradox-plugins/oracles';
import rumorSellers from '@paradox-plugins/rumor-sellers';
import { DAY, HOUR, MINUTE } from '@paradox/engine';
import { NEWS, type Rumor, parseWithPaths, pushPrice, z } from '@paradox/sdk';
import {
  AmmMarket,
  BasketFeed,
  IndexVault,
  LendingMarket,
  NavFeed,
  NavPathFund,
  OracleRegistry,
  SocialNetwork,
  type PriceFeed,
  RatioFeed,
  SpotFeed,
  TrancheFeed,
  type TrancheSide,
  TrancheVault,
  UniswapV2Pair,
  createWorld,
  installAmmMarkets,
  installDerivedFeed,
  installFunds,
  installIndexVaults,
  installLendingMarkets,
  kOut,
  navAt,
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
/** The index's oracle: derived from the three fund feeds, never written itself. */
export const INDEX_NAV_FEED = 'IDX-NAV';
/** One NAV feed per fund token, all written by the one shared reporter. */
export const FUND_FEEDS = FUND_TOKENS.map((token) => `${token}-NAV`);
export const INDEX_SPOT_FEED = 'IDX-SPOT';
export const SHARED_REPORTER = 'nav-oracle';
/** The sponsor of the tranches: deposits IDX, receives both tranche tokens, hands them out. */
export const TRANCHE_SPV = 'tranche-spv';
export const TRANCHE_VAULT = 'tranches';
export const SENIOR = 'IDX-SR';
export const JUNIOR = 'IDX-JR';
/** The second lending market: USD against the levered tranche token. */
export const TRANCHE_MARKET = 'tranche-lending';
/** The stablecoin's dollar price (with a depeg) and who writes it. */
export const PEG_FEED = 'USD-PEG';
export const PEG_REPORTER = 'peg-oracle';
export const trancheToken = (side: TrancheSide): string => (side === 'senior' ? SENIOR : JUNIOR);
export const tranchePool = (side: TrancheSide): string => `${trancheToken(side)}/USD`;
/** A tranche token's oracle: the index's oracle through the waterfall. */
export const trancheNavFeed = (side: TrancheSide): string => `${trancheToken(side)}-NAV`;
const ZERO_RATES = { optimalUsageRatio: 8_000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };

const params = z
  .object({
    /** Holders of the index token (rumour sellers on a k-out graph). */
    holders: z.number().int().min(20).max(100_000).default(300),
    /** Fund C's NAV loss from its default wave (day 10 to day 40); 0 = no default, no news. */
    defaultLoss: z.number().min(0).max(1).default(0.45),
    /** How both lending markets price their collateral: the shared oracle network, or their AMM. */
    pricing: z.enum(['nav', 'spot']).default('spot'),
    /** Senior share of the tranche SPV's principal (the junior takes the rest, and the first loss). */
    seniorShare: z.number().min(0).max(1).default(0.8),
    /** IDX held by the tranche vault (default 500 x holders). */
    trancheIdx: z.number().positive().nullable().default(null),
    /** The tranche token with an AMM pool, holders and a lending market of its own. */
    trancheCollateral: z.enum(['senior', 'junior']).default('senior'),
    /** Holders of that tranche token (rumour sellers on the same graph; default holders / 3). */
    trancheHolders: z.number().int().min(0).nullable().default(null),
    /** The tranche market's LTV (= liquidation threshold); its borrowers start at 65% to 97% of it. */
    trancheLtv: z.number().gt(0).lt(1).default(0.9),
    informed: z.number().int().min(1).default(15),
    links: z.number().int().min(1).default(8),
    sellProbability: z.number().min(0).max(1).default(0.6),
    passProbability: z.number().min(0).max(1).default(0.3),
    meanPassDelayHours: z.number().positive().default(2),
    /** Liquidation bots per lending market. */
    bots: z.number().int().min(0).default(3),
    /**
     * The shared reporter's fault (the oracles plugin's `mode`): from `faultAfterDays` on, the feeds in
     * `faultyFeeds` stop (`frozen`), repeat their last answer (`stale`) or report NAV x `wrongFactor`.
     */
    oracleMode: z.enum(['honest', 'frozen', 'stale', 'wrong']).default('honest'),
    faultyFeeds: z.array(z.string()).default(['FUND-C-NAV']),
    faultAfterDays: z.number().min(0).default(20),
    wrongFactor: z.number().positive().default(1),
    /** Index arbitrageurs (the `arbitrageurs` plugin's `index` kind): buy IDX below NAV and redeem, mint and sell above. */
    arbitrageurs: z.number().int().min(0).default(0),
    /** Each arbitrageur's cash (USD) and basket (fund tokens for this many IDX), whole units. */
    arbCash: z.number().min(0).default(100_000),
    arbBasket: z.number().min(0).default(10_000),
    /**
     * Pools for the fund tokens against USD, `fundPools` x H of each a side (0 = none). With them
     * the index arbitrageurs sell the basket they redeem there (and value it at what it fetches).
     */
    fundPools: z.number().min(0).default(0),
    /** Day the index pauses minting and redeeming (its arbitrage stops); null = never. */
    indexPauseDay: z.number().min(0).nullable().default(null),
    /**
     * The stablecoin's lowest dollar price in a depeg (1 = no depeg). It falls from 1.00 on
     * `depegDay` to `depegLow` in `depegFallHours`, holds `depegHoldHours`, and is back at 1.00
     * `depegRecoverHours` after it started (stablecoin-depeg's path: 0.87, 6 h, 12 h, 72 h).
     */
    depegLow: z.number().gt(0).max(1).default(1),
    depegDay: z.number().min(0).default(10),
    depegFallHours: z.number().positive().default(6),
    depegHoldHours: z.number().min(0).default(12),
    depegRecoverHours: z.number().positive().default(72),
    /**
     * Holders (of the index or the tranche token, drawn from both) who hear with the depeg that the
     * funds keep their cash at the failed bank: a rumour that spreads like the default's (0 = none).
     */
    depegInformed: z.number().int().min(0).default(10),
    horizonDays: z.number().positive().default(60),
    settleHours: z.number().min(0).default(1),
  })
  .strict()
  .refine((p) => p.depegFallHours + p.depegHoldHours < p.depegRecoverHours, { message: 'the depeg must fall and hold before it recovers', path: ['depegRecoverHours'] })
  .refine((p) => (p.trancheCollateral === 'senior' ? p.seniorShare > 0 : p.seniorShare < 1), {
    message: 'the levered tranche needs a principal: seniorShare > 0 for the senior, < 1 for the junior',
    path: ['seniorShare'],
  });

export type RwaSquaredParams = z.output<typeof params>;

/**
 * `rwa-squared` (DESIGN failure mode 4): three tokenized funds; an index token holding them in
 * equal weights, minted and redeemed against its basket; senior/junior tranche tokens over index
 * shares; the index token and one tranche token each levered again in an Aave-style market;
 * everything settled in one stablecoin and priced by one oracle network (one reporter writing a
 * NAV feed per fund; the index's and the tranches' oracles derived from them).
 * Fund C suffers a default wave from day 10; a rumour reaches a few index holders that day; the
 * stablecoin may depeg too. Nothing scripts the crash: what follows is the agents' doing.
 */
export const rwaSquared: Scenario<RwaSquaredParams> = {
  name: 'rwa-squared',
  description: 'RWA-squared: an index and tranche tokens over three funds, levered again on shared rails; one fund defaults',
  plugins: [rumorSellers, bots, oracles, arbitrageurs],
  parseParams: (raw) => parseWithPaths(params, raw, 'params'),
  horizonMs: (p) => Math.round(p.horizonDays * DAY + p.settleHours * HOUR),
  build(run, p) {
    const H = p.holders;
    const world = createWorld(run);
    run.attachWorld(world);
    const { ledger, kernel } = world;
    const depeg = p.depegLow < 1;

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

    // The index: one share = 1/3 of each fund token, minted and redeemed against the basket
    // (the `index.mint` and `index.redeem` actions). It is a fund in the registry too.
    const third = 10n ** 18n / 3n;
    const vault = new IndexVault(ledger, { id: INDEX_ID, shareToken: IDX, components: funds.map((fund) => ({ fund, unitsPerShare: third })) });
    installFunds(world, [...funds, vault]);
    installIndexVaults(world, [vault]);
    /** Fund tokens for `amount` IDX, in the index's weights. */
    const giveBasket = (address: string, amount: number) =>
      vault.depositAmounts(idx(amount)).forEach((units, i) => ledger.mint(FUND_TOKENS[i]!, `issuer:${FUND_TOKENS[i]!}`, address, units));
    /** IDX for `address`, minted the only way there is: its fund tokens deposited into the index. */
    const giveIdx = (address: string, amount: number) => {
      giveBasket(address, amount);
      vault.deposit(address, idx(amount));
    };

    // The index AMM against the one stablecoin.
    const pair = new UniswapV2Pair({ token0: IDX, token1: STABLE, decimals0: 18, decimals1: 6 });
    const amm = new AmmMarket(world, INDEX_POOL, pair, IDX, STABLE);
    giveIdx('lp', 200 * H);
    giveUsd('lp', 200 * H);
    amm.addLiquidity('lp', idx(200 * H), usd(200 * H));

    // Tranche tokens: the sponsor deposits IDX and is issued senior and junior tokens, one per
    // dollar of principal. One of them trades against the stablecoin and is levered again.
    const trancheIdx = p.trancheIdx ?? 500 * H;
    giveIdx(TRANCHE_SPV, trancheIdx);
    const tranches = new TrancheVault(ledger, { id: TRANCHE_VAULT, asset: IDX, seniorToken: SENIOR, juniorToken: JUNIOR, currency: STABLE });
    const issueValue = usd(trancheIdx * vault.navPerShare());
    const seniorPrincipal = (issueValue * BigInt(Math.round(p.seniorShare * 1e6))) / 1_000_000n;
    tranches.issue(TRANCHE_SPV, idx(trancheIdx), seniorPrincipal, issueValue - seniorPrincipal);
    const side = p.trancheCollateral;
    const T = trancheToken(side);
    const tUnits = (x: number) => ledger.units(T, x);
    const tSupply = ledger.toNumber(T, tranches.supply(side));
    /** Tranche tokens from the sponsor's issue. */
    const giveT = (address: string, amount: number) => ledger.transfer(T, TRANCHE_SPV, address, tUnits(amount));
    const trancheAmm = new AmmMarket(world, tranchePool(side), new UniswapV2Pair({ token0: T, token1: STABLE, decimals0: 18, decimals1: 6 }), T, STABLE);
    giveT('lp', tSupply / 8);
    giveUsd('lp', tSupply / 8);
    trancheAmm.addLiquidity('lp', tUnits(tSupply / 8), usd(tSupply / 8));
    // Optional pools for the fund tokens themselves: the market an index arbitrageur sells into.
    const fundAmms = p.fundPools > 0
      ? FUND_TOKENS.map((token) => {
          const fundAmm = new AmmMarket(world, `${token}/USD`, new UniswapV2Pair({ token0: token, token1: STABLE, decimals0: 18, decimals1: 6 }), token, STABLE);
          const depth = p.fundPools * H;
          ledger.mint(token, `issuer:${token}`, 'lp', ledger.units(token, depth));
          giveUsd('lp', depth);
          fundAmm.addLiquidity('lp', ledger.units(token, depth), usd(depth));
          return fundAmm;
        })
      : [];
    const fundLows = fundAmms.map(() => 1);
    fundAmms.forEach((fundAmm, i) => fundAmm.onTrade(() => (fundLows[i] = Math.min(fundLows[i]!, fundAmm.spotPrice()))));
    const pools = installAmmMarkets(world, [amm, trancheAmm, ...fundAmms]);

    // The shared oracle network: one reporter, monthly, one NAV feed per fund; the index's
    // oracle is the basket of the three, and each tranche's is the index's through the waterfall
    // (so a stale fund feed is a stale index price and a stale tranche price).
    const registry = new OracleRegistry(world);
    for (const id of FUND_FEEDS) {
      registry.add(id, new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: [SHARED_REPORTER], maxChangeBps: 10_000, minUpdateWindowMs: 0 }));
    }
    installDerivedFeed(world, registry, INDEX_NAV_FEED, BasketFeed.ofIndex(vault, FUND_FEEDS.map((id) => registry.get(id))), FUND_FEEDS);
    for (const s of ['senior', 'junior'] as const) installDerivedFeed(world, registry, trancheNavFeed(s), new TrancheFeed(tranches, s, registry.get(INDEX_NAV_FEED)), FUND_FEEDS);
    registry.add(INDEX_SPOT_FEED, new SpotFeed(amm, 8, 18, 6));
    registry.add(`${T}-SPOT`, new SpotFeed(trancheAmm, 8, 18, 6));
    // With a depeg, markets value in dollars as Aave does: debt at the stablecoin's price, and
    // AMM prices (quoted in the stablecoin) times it. NAV feeds are in dollars already.
    let pegFeed: PriceFeed | undefined;
    if (depeg) {
      registry.add(PEG_FEED, new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: [PEG_REPORTER], maxChangeBps: 10_000, minUpdateWindowMs: 0 }));
      pegFeed = registry.get(PEG_FEED);
    }
    const inDollars = (feed: PriceFeed, what: string) => (pegFeed ? new RatioFeed(feed, pegFeed, 'multiply', `${what} in dollars`) : feed);
    const reprice = (pool: AmmMarket) => ({ oracles: [...FUND_FEEDS, ...(depeg ? [PEG_FEED] : [])], ...(p.pricing === 'spot' ? { pools: [pool] } : {}) });

    // Leverage again: the index token, and the tranche token, each as collateral in its own market.
    const debtReserve = { asset: STABLE, decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0, rates: ZERO_RATES };
    const market = new LendingMarket(
      world,
      {
        id: INDEX_MARKET,
        collateral: { asset: IDX, decimals: 18, ltv: 8_500, liquidationThreshold: 8_500, liquidationBonus: 10_500, rates: ZERO_RATES },
        debt: debtReserve,
        collateralFeed: p.pricing === 'nav' ? registry.get(INDEX_NAV_FEED) : inDollars(registry.get(INDEX_SPOT_FEED), 'IDX AMM price'),
        ...(pegFeed ? { debtFeed: pegFeed } : {}),
        repriceOn: reprice(amm),
        flashLender: 'flash-lender',
      },
      registry,
    );
    const trancheBps = Math.round(p.trancheLtv * 10_000);
    const trancheMarket = new LendingMarket(
      world,
      {
        id: TRANCHE_MARKET,
        collateral: { asset: T, decimals: 18, ltv: trancheBps, liquidationThreshold: trancheBps, liquidationBonus: 10_500, rates: ZERO_RATES },
        debt: debtReserve,
        collateralFeed: p.pricing === 'nav' ? registry.get(trancheNavFeed(side)) : inDollars(registry.get(`${T}-SPOT`), `${T} AMM price`),
        ...(pegFeed ? { debtFeed: pegFeed } : {}),
        repriceOn: reprice(trancheAmm),
        flashLender: 'flash-lender',
      },
      registry,
    );
    installLendingMarkets(world, [market, trancheMarket], pools);
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
    // Tranche borrowers: 30% of the tranche token's supply, at 65% to 97% of the market's LTV.
    const trancheDraw = run.seeds.stream('scenario/tranche-borrowers');
    const nTrancheBorrowers = Math.max(1, Math.floor(H / 10));
    const tranchePositions = Array.from({ length: nTrancheBorrowers }, () => {
      const collateral = (trancheDraw.uniform(0.5, 1.5) * 0.3 * tSupply) / nTrancheBorrowers;
      return { collateral, debt: collateral * p.trancheLtv * trancheDraw.uniform(0.65, 0.97) };
    });
    const trancheLent = tranchePositions.reduce((s, x) => s + usd(x.debt), 0n);
    ledger.mint(STABLE, 'usd-issuer', 'tranche-lender', trancheLent);
    trancheMarket.supply('tranche-lender', STABLE, trancheLent);
    const trancheBorrowers = tranchePositions.map((pos, b) => {
      const id = `tranche-borrower-${b}`;
      giveT(id, pos.collateral);
      trancheMarket.open(id, tUnits(pos.collateral), usd(pos.debt));
      return id;
    });

    const atStart = tranches.values(vault.navPerShare());
    // How long the index trades more than 10% below its NAV (updated at every trade and daily).
    let belowMs = 0;
    let sinceMs = 0;
    let below = false;
    const discountClock = () => {
      if (below) belowMs += kernel.now - sinceMs;
      sinceMs = kernel.now;
      below = amm.spotPrice() < 0.9 * vault.navPerShare();
    };
    amm.onTrade(discountClock);
    const record = () => {
      discountClock();
      const nav = vault.navPerShare();
      const v = tranches.values(nav);
      run.recorder.point(kernel.now, 'price.nav.index', nav);
      FUND_TOKENS.forEach((token, i) => run.recorder.point(kernel.now, `price.nav.${token}`, funds[i]!.navPerShare()));
      run.recorder.point(kernel.now, 'tranche.senior', ledger.toNumber(STABLE, v.senior) / ledger.toNumber(STABLE, atStart.senior));
      run.recorder.point(kernel.now, 'tranche.junior', ledger.toNumber(STABLE, v.junior) / ledger.toNumber(STABLE, atStart.junior));
      kernel.scheduleIn(DAY, record, null, { phase: 15, owner: undefined, label: 'the daily NAV and tranche record' });
    };
    kernel.scheduleAt(0, record, null, { phase: 15, owner: undefined, label: 'the daily NAV and tranche record' });

    // Index holders and tranche holders on one social graph; liquidation bots per market; the shared reporter.
    const holders = run.bus.names.numbered('holder-', H);
    const holdings = run.seeds.stream('scenario/holdings');
    for (const id of holders) giveIdx(id, holdings.uniform(100, 1_000));
    const HT = p.trancheHolders ?? Math.floor(H / 3);
    const trancheHolderIds = run.bus.names.numbered('tranche-holder-', HT);
    const trancheHoldings = run.seeds.stream('scenario/tranche-holdings');
    for (const id of trancheHolderIds) giveT(id, (trancheHoldings.uniform(0.5, 1.5) * 0.15 * tSupply) / HT);
    new SocialNetwork(kOut(H + HT, p.links, run.seeds.stream('scenario/graph')), [...holders, ...trancheHolderIds]).install(world);
    const sellers = { sellProbability: p.sellProbability, passProbability: p.passProbability, meanPassDelayMinutes: p.meanPassDelayHours * 60 };
    run.placePopulation({ plugin: 'rumor-sellers', kind: 'holder', ids: holders, config: { pool: INDEX_POOL, token: IDX, ...sellers } });
    if (HT > 0) run.placePopulation({ plugin: 'rumor-sellers', kind: 'holder', ids: trancheHolderIds, config: { pool: tranchePool(side), token: T, ...sellers } });
    const botIds = Array.from({ length: p.bots }, (_, i) => `bot-${i}`);
    const trancheBotIds = Array.from({ length: p.bots }, (_, i) => `tranche-bot-${i}`);
    for (const id of [...botIds, ...trancheBotIds]) giveUsd(id, 1e12);
    run.placePopulation({ plugin: 'liquidation-bots', kind: 'bot', ids: botIds, config: { markets: [INDEX_MARKET], sellOn: INDEX_POOL, flashLoan: false, strategy: 'greedy' } });
    run.placePopulation({ plugin: 'liquidation-bots', kind: 'bot', ids: trancheBotIds, config: { markets: [TRANCHE_MARKET], sellOn: tranchePool(side), flashLoan: false, strategy: 'greedy' } });
    run.place({
      plugin: 'oracles',
      kind: 'nav-reporter',
      id: SHARED_REPORTER,
      config: {
        feeds: FUND_TOKENS.map((token, i) => ({ feed: FUND_FEEDS[i]!, fund: token })),
        periodDays: 30,
        firstDay: 0,
        mode: p.oracleMode,
        faultyFeeds: p.faultyFeeds,
        faultAfterDays: p.faultAfterDays,
        wrongFactor: p.wrongFactor,
      },
    });

    const arbIds = Array.from({ length: p.arbitrageurs }, (_, i) => `arb-${i}`);
    for (const id of arbIds) {
      giveUsd(id, p.arbCash);
      giveBasket(id, p.arbBasket);
    }
    const arbConfig = {
      pool: INDEX_POOL,
      index: INDEX_ID,
      checkEveryHours: 6,
      minProfit: 1,
      ...(depeg ? { pegOracle: PEG_FEED } : {}),
      ...(fundAmms.length > 0 ? { sellBasketOn: Object.fromEntries(fundAmms.map((a) => [a.base, a.id])) } : {}),
    };
    if (arbIds.length > 0) run.placePopulation({ plugin: 'arbitrageurs', kind: 'index', ids: arbIds, config: arbConfig });

    const metrics = new CascadeMetrics(run.recorder, { pool: INDEX_POOL, asset: IDX, oracle: INDEX_NAV_FEED, nav: () => vault.navPerShare(), holderPrefix: 'holder-', holders: H });
    metrics.setInitialOraclePrice(1);
    // Per market: liquidations, when the first came, and the bad debt they booked.
    const byMarket = new Map<string, { count: number; firstMs: number }>();
    run.recorder.onEvent((event) => {
      if (event.type !== 'lending.liquidation') return;
      const id = (event.data as { market: string }).market;
      const m = byMarket.get(id) ?? { count: 0, firstMs: event.t };
      m.count++;
      byMarket.set(id, m);
    });

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

    if (p.indexPauseDay !== null) {
      kernel.scheduleAt(p.indexPauseDay * DAY, () => {
        kernel.cause = run.recorder.event(kernel.now, 'news', 'scenario', 0, { kind: 'index-paused', index: INDEX_ID, headline: 'the index sponsor pauses creations and redemptions' });
        vault.setOpen(false);
      }, null, { label: 'the index pauses mint and redeem', owner: undefined });
    }

    // The stablecoin's depeg: public news, and its dollar price along the path written to the
    // peg feed by its reporter (a new answer when it has moved 0.25%, checked every five minutes,
    // as in stablecoin-depeg).
    let pegLow = 1;
    if (depeg) {
      const start = p.depegDay * DAY;
      const path: [number, number][] = [
        [start, 1],
        [start + p.depegFallHours * HOUR, p.depegLow],
        [start + (p.depegFallHours + p.depegHoldHours) * HOUR, p.depegLow],
        [start + p.depegRecoverHours * HOUR, 1],
      ];
      let last = 1;
      const look = () => {
        const price = Math.round(navAt(path, kernel.now) * 1e8) / 1e8;
        const done = kernel.now >= start + p.depegRecoverHours * HOUR;
        if (Math.abs(price - last) / last >= 0.0025 || (done && price !== last)) {
          last = price;
          pegLow = Math.min(pegLow, price);
          world.submit(PEG_REPORTER, pushPrice(PEG_FEED, price), () => {});
        }
        if (!done) kernel.scheduleIn(5 * MINUTE, look, null, { owner: undefined, label: 'the peg feed follows the depeg' });
      };
      const everyone = [...holders, ...trancheHolderIds];
      const told = run.seeds.stream('scenario/depeg-news').sampleIndices(everyone.length, Math.min(p.depegInformed, everyone.length));
      kernel.scheduleAt(start, () => {
        const headline = "the stablecoin's reserve bank has failed";
        kernel.cause = run.recorder.event(kernel.now, 'news', 'scenario', 0, { kind: 'depeg', low: p.depegLow, headline, informed: told.length });
        run.bus.publish(NEWS.topic, { kind: 'depeg', headline, credibility: 1 });
        const rumor: Rumor = { kind: 'rumor', about: 'the funds keep their cash at the failed bank', source: 'scenario', credibility: 0.6, startedAtMs: kernel.now, hops: 0 };
        for (const i of told) run.bus.send('news', everyone[i]!, rumor);
        look();
      }, null, { label: 'the stablecoin depegs', owner: undefined });
    }

    /** Debt not covered by the collateral at the AMM price, plus the deficit the market booked (USD). */
    const openedWith = new Map<string, bigint>();
    for (const id of borrowers) openedWith.set(id, market.pool.aTokenBalance(id, IDX));
    for (const id of trancheBorrowers) openedWith.set(id, trancheMarket.pool.aTokenBalance(id, T));
    const badDebt = (m: LendingMarket, ids: readonly string[], collateral: string, price: number) => {
      let underwater = 0n;
      for (const id of ids) {
        const debt = m.pool.debtBalance(id, STABLE);
        const value = usd((Number(m.pool.aTokenBalance(id, collateral)) / 1e18) * price);
        if (debt > value) underwater += debt - value;
      }
      return ledger.toNumber(STABLE, underwater + m.stats().deficit);
    };
    const marketSummary = (prefix: string, m: LendingMarket, ids: readonly string[], collateral: string, price: number) => {
      const seen = byMarket.get(m.id);
      return {
        [`${prefix}_liquidations`]: m.stats().liquidations,
        [`${prefix}_bad_debt`]: badDebt(m, ids, collateral, price),
        [`${prefix}_first_liquidation_day`]: seen ? seen.firstMs / DAY : null,
        // Borrowers whose collateral a liquidator took (some or all of it).
        [`${prefix}_liquidated_share`]: ids.filter((id) => m.pool.aTokenBalance(id, collateral) < openedWith.get(id)!).length / Math.max(1, ids.length),
      };
    };

    return {
      summary() {
        const audit = ledger.audit() ?? amm.audit() ?? trancheAmm.audit() ?? fundAmms.reduce<string | undefined>((a, f) => a ?? f.audit(), undefined) ?? vault.audit() ?? tranches.audit();
        if (audit) throw new Error(`conservation broken at the end of the run: ${audit}`);
        discountClock();
        const nav = vault.navPerShare();
        const price = amm.spotPrice();
        const end = tranches.values(nav);
        const trancheNavPrice = registry.price(trancheNavFeed(side));
        const tranchePrice = trancheAmm.spotPrice();
        const loss = (a: bigint, b: bigint) => (b === 0n ? 0 : 1 - Number(a) / Number(b));
        const index = marketSummary('index_market', market, borrowers, IDX, price);
        return {
          pricing: p.pricing,
          holders: H,
          fund_c_nav_final: funds[2]!.navPerShare(),
          index_nav_final: nav,
          index_loss: 1 - nav,
          index_oracle_final: registry.price(INDEX_NAV_FEED),
          fund_c_oracle_final: registry.price(FUND_FEEDS[2]!),
          amm_price_final: price,
          market_nav_ratio_final: price / nav,
          hours_below_90pct_nav: belowMs / HOUR,
          index_supply_final: ledger.toNumber(IDX, vault.totalShares()),
          senior_loss: loss(end.senior, atStart.senior),
          junior_loss: loss(end.junior, atStart.junior),
          senior_oracle_final: registry.price(trancheNavFeed('senior')),
          junior_oracle_final: registry.price(trancheNavFeed('junior')),
          tranche_collateral: side,
          tranche_amm_price_final: tranchePrice,
          tranche_oracle_final: trancheNavPrice,
          tranche_market_loss: 1 - tranchePrice,
          liquidations: index['index_market_liquidations'] as number,
          bad_debt: index['index_market_bad_debt'] as number,
          ...index,
          ...marketSummary('tranche_market', trancheMarket, trancheBorrowers, T, tranchePrice),
          ...Object.fromEntries(fundAmms.flatMap((f, i) => [
            [`fund_pool_min_${FUND_TOKENS[i]!}`, fundLows[i]!],
            [`fund_pool_final_${FUND_TOKENS[i]!}`, f.spotPrice()],
          ])),
          peg_min: pegLow,
          peg_final: pegFeed ? registry.price(PEG_FEED) : 1,
          events_processed: kernel.eventsProcessed,
          ...metrics.summary(),
        };
      },
    };
  },
};
