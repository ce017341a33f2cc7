import { DAY } from '@paradox/engine';
import {
  AmmMarket,
  FundMarket,
  HaircutFeed,
  LoanBook,
  LendingMarket,
  MinFeed,
  NavFeed,
  NavPathFund,
  OracleRegistry,
  RatioFeed,
  SpotFeed,
  UniswapV2Pair,
  type CircuitBreaker,
  type FundConfig,
  type FundMarketOptions,
  type LoanBookConfig,
  type NavSource,
  type Ordering,
  type LiquidationRules,
  type PriceFeed,
  type World,
  createWorld,
  installAmmMarkets,
  installFunds,
  installLendingMarkets,
} from '@paradox/world';
import type { RunContext } from '../run/scenario';

export const RWA = 'RWA';
export const USD = 'USD';
export const POOL = 'RWA/USD';
export const MARKET = 'RWA-lending';
export const NAV_FEED = 'RWA-NAV';
export const SPOT_FEED = 'RWA-SPOT';
export const NAV_REPORTER = 'nav-oracle';
export const FLASH_LENDER = 'flash-lender';
/** The fund's id, its manager's address and the off-chain investors of record (with `fund`). */
export const FUND = 'fund';
export const FUND_MANAGER = 'fund-manager';
export const FUND_INVESTORS = 'investors';
/** With `peg`: the stablecoin's dollar price, who writes it, and the token's NAV in stablecoins. */
export const PEG_FEED = 'USD-PEG';
export const PEG_REPORTER = 'peg-oracle';
export const FAIR_FEED = 'RWA-FAIR';
const ZERO_RATES = { optimalUsageRatio: 8_000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };

/**
 * How the lending market prices its RWA collateral: the NAV oracle, the AMM spot price after
 * every trade, the lower of the two, or NAV with a haircut. The conservative oracles of the
 * research are the last two.
 */
export type CollateralPricing = 'nav' | 'spot' | 'min' | { readonly haircut: number };

export interface RwaLendingWorldOptions {
  /**
   * Initial AMM reserves, whole tokens. `providers` splits them among LP addresses by share
   * (shares summing to 1; default: all from `lp`, a setup account no agent runs).
   */
  readonly pool: { readonly rwa: number; readonly usd: number; readonly feeBps?: number; readonly providers?: Readonly<Record<string, number>> };
  /**
   * The fund's fundamental NAV per share: [timeMs, nav] points, linear between (a scripted
   * fund that takes no requests). Required unless `fund` is given.
   */
  readonly navPath?: readonly (readonly [number, number])[];
  /** A fund that deals (a `FundMarket`) instead of the scripted NAV path. */
  readonly fund?: RwaFundOptions;
  readonly pricing: CollateralPricing;
  /** Reserve parameters in bps (Aave conventions). */
  readonly ltv: number;
  readonly liquidationThreshold: number;
  readonly liquidationBonus: number;
  readonly liquidationRules?: Partial<LiquidationRules>;
  readonly permissionedLiquidators?: readonly string[];
  readonly guard?: CircuitBreaker;
  /** Open positions at t = 0: whole-token collateral and debt. */
  readonly positions: readonly { readonly collateral: number; readonly debt: number }[];
  /** NAV feed rate-of-change guard (bps per update; default none). */
  readonly navMaxChangeBps?: number;
  readonly blockTimeMs?: number;
  /** How a block orders its transactions (default `priority-fee`). */
  readonly ordering?: Ordering;
  /** USD the lender supplies beyond the positions' debt, for agents to borrow (default 0). */
  readonly lenderLiquidity?: number;
  /**
   * The stablecoin may leave its peg: a feed `PEG_FEED` (8 decimals, starting at 1.00, written by
   * `PEG_REPORTER`) gives its dollar price, and the lending market values everything in dollars
   * through it, as Aave does: debt at the peg price (its debt feed), market-read collateral
   * (`spot`, `min`) at AMM price x peg. `FAIR_FEED` = NAV oracle / peg is what the token should
   * cost in stablecoins (for agents that watch the market against it).
   */
  readonly peg?: boolean;
}

/** The pieces of an RWA lending world, for scenarios and tests to wire agents to. */
export interface RwaLendingWorld {
  readonly world: World;
  readonly amm: AmmMarket;
  readonly market: LendingMarket;
  readonly oracles: OracleRegistry;
  readonly fund: NavPathFund | FundMarket;
  /** The dealing fund, when built with the `fund` option. */
  readonly fundMarket: FundMarket | undefined;
  readonly borrowers: readonly string[];
  rwa(amount: number): bigint;
  usd(amount: number): bigint;
  /**
   * Mints `amount` whole RWA to `address` (setup only). With a dealing fund, the shares come out
   * of the register of its off-chain investors (`FUND_INVESTORS`), so NAV per share is unchanged.
   */
  giveRwa(address: string, amount: number): void;
  giveUsd(address: string, amount: number): void;
  /** Sum over positions of max(0, debt - collateral x price) plus booked deficit, in USD. */
  badDebtAt(price: number): number;
}

/**
 * The world of the liquidity-paradox scenarios: a tokenized fund share (RWA, 18 decimals) and a
 * stablecoin (USD, 6 decimals); a Uniswap V2 pool between them; a fund whose NAV follows a path;
 * a NAV feed written by a reporter agent (id `nav-oracle`) and the AMM's spot feed; and an Aave
 * V3.3-style market lending USD against RWA, priced as `pricing` says, with positions opened at
 * t = 0. Attaches itself to the run. Agents are the scenario's business.
 */
export function buildRwaLendingWorld(run: RunContext, options: RwaLendingWorldOptions): RwaLendingWorld {
  const world = createWorld(run, {
    ...(options.blockTimeMs === undefined ? {} : { blockTimeMs: options.blockTimeMs }),
    ...(options.ordering === undefined ? {} : { ordering: options.ordering }),
  });
  run.attachWorld(world);
  const { ledger } = world;
  ledger.addToken({ symbol: RWA, decimals: 18, issuer: 'fund' });
  ledger.addToken({ symbol: USD, decimals: 6, issuer: 'usd-issuer' });
  const rwa = (x: number) => ledger.units(RWA, x);
  const usd = (x: number) => ledger.units(USD, x);
  const giveUsd = (address: string, amount: number) => ledger.mint(USD, 'usd-issuer', address, usd(amount));
  const fundMarket = options.fund ? buildFundMarket(run, world, options.fund) : undefined;
  if (!fundMarket && !options.navPath) throw new Error('buildRwaLendingWorld: give navPath (a scripted NAV) or fund (a dealing fund)');
  const fund = fundMarket ?? new NavPathFund(world, FUND, RWA, options.navPath!);
  installFunds(world, [fund]);
  const mintRwa = (address: string, amount: bigint) => (fundMarket ? fundMarket.tokenize(FUND_INVESTORS, address, amount) : ledger.mint(RWA, 'fund', address, amount));
  const giveRwa = (address: string, amount: number) => mintRwa(address, rwa(amount));

  const pair = new UniswapV2Pair({ token0: RWA, token1: USD, decimals0: 18, decimals1: 6, ...(options.pool.feeBps === undefined ? {} : { feeBps: options.pool.feeBps }) });
  const amm = new AmmMarket(world, POOL, pair, RWA, USD);
  if (options.pool.providers === undefined) {
    giveRwa('lp', options.pool.rwa);
    giveUsd('lp', options.pool.usd);
    amm.addLiquidity('lp', rwa(options.pool.rwa), usd(options.pool.usd));
  } else {
    for (const [provider, share] of Object.entries(options.pool.providers)) {
      giveRwa(provider, options.pool.rwa * share);
      giveUsd(provider, options.pool.usd * share);
      amm.addLiquidity(provider, rwa(options.pool.rwa * share), usd(options.pool.usd * share));
    }
  }
  const pools = installAmmMarkets(world, [amm]);

  const oracles = new OracleRegistry(world);
  const initialNav = BigInt(Math.round(fund.navPerShare() * 1e8));
  oracles.add(NAV_FEED, new NavFeed({ decimals: 8, initialPrice: initialNav, startMs: 0, setters: [NAV_REPORTER], maxChangeBps: options.navMaxChangeBps ?? 10_000, minUpdateWindowMs: 0 }));
  oracles.add(SPOT_FEED, new SpotFeed(amm, 8, 18, 6));
  const nav = oracles.get(NAV_FEED);
  let spot = oracles.get(SPOT_FEED);
  let debtFeed: PriceFeed | undefined;
  if (options.peg) {
    oracles.add(PEG_FEED, new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: [PEG_REPORTER], maxChangeBps: 10_000, minUpdateWindowMs: 0 }));
    debtFeed = oracles.get(PEG_FEED);
    oracles.add(FAIR_FEED, new RatioFeed(nav, debtFeed, 'divide', 'NAV in stablecoins'));
    spot = new RatioFeed(spot, debtFeed, 'multiply', 'AMM price in dollars');
  }
  let feed: PriceFeed;
  const pricing = options.pricing;
  if (pricing === 'nav') feed = nav;
  else if (pricing === 'spot') feed = spot;
  else if (pricing === 'min') feed = new MinFeed([nav, spot], 'min(NAV, market)');
  else feed = new HaircutFeed(nav, pricing.haircut, `NAV less ${pricing.haircut * 100}%`);
  const readsMarket = pricing === 'spot' || pricing === 'min';

  const market = new LendingMarket(
    world,
    {
      id: MARKET,
      collateral: { asset: RWA, decimals: 18, ltv: options.ltv, liquidationThreshold: options.liquidationThreshold, liquidationBonus: options.liquidationBonus, rates: ZERO_RATES },
      debt: { asset: USD, decimals: 6, ltv: 0, liquidationThreshold: 0, liquidationBonus: 0, rates: ZERO_RATES },
      collateralFeed: feed,
      ...(debtFeed ? { debtFeed } : {}),
      repriceOn: { oracles: debtFeed ? [NAV_FEED, PEG_FEED] : [NAV_FEED], ...(readsMarket ? { pools: [amm] } : {}) },
      ...(options.liquidationRules ? { liquidationRules: options.liquidationRules } : {}),
      ...(options.permissionedLiquidators ? { permissionedLiquidators: options.permissionedLiquidators } : {}),
      ...(options.guard ? { guard: options.guard } : {}),
      flashLender: FLASH_LENDER,
    },
    oracles,
  );
  installLendingMarkets(world, [market], pools);
  // A flash-loan facility (a vault like Balancer's) deep enough for any liquidation here.
  giveUsd(FLASH_LENDER, 1e12);

  // (numbered in one block: their numbers are computed on lookup, not stored in a map)
  const borrowers = run.bus.names.numbered('borrower-', options.positions.length);
  let totalDebt = 0n;
  const debts = options.positions.map((p) => {
    const debt = usd(p.debt);
    totalDebt += debt;
    return debt;
  });
  const lent = totalDebt + usd(options.lenderLiquidity ?? 0);
  ledger.mint(USD, 'usd-issuer', 'lender', lent);
  if (lent > 0n) market.supply('lender', USD, lent);
  options.positions.forEach((p, b) => {
    const id = borrowers[b]!;
    const collateral = rwa(p.collateral);
    mintRwa(id, collateral);
    market.open(id, collateral, debts[b]!);
  });

  const recordNav = () => {
    run.recorder.point(run.kernel.now, 'price.nav.fund', fund.navPerShare());
    run.kernel.scheduleIn(DAY, recordNav, null, { phase: 15, owner: undefined, label: 'the daily NAV record' });
  };
  run.kernel.scheduleAt(0, recordNav, null, { phase: 15, owner: undefined, label: 'the daily NAV record' });

  return {
    world,
    amm,
    market,
    oracles,
    fund,
    fundMarket,
    borrowers,
    rwa,
    usd,
    giveRwa,
    giveUsd,
    badDebtAt(price) {
      let underwater = 0n;
      for (let b = 0; b < borrowers.length; b++) {
        const id = borrowers[b]!;
        const debt = market.pool.debtBalance(id, USD);
        const collateralValue = usd((Number(market.pool.aTokenBalance(id, RWA)) / 1e18) * price);
        if (debt > collateralValue) underwater += debt - collateralValue;
      }
      return ledger.toNumber(USD, underwater + market.stats().deficit);
    },
  };
}

/**
 * A dealing fund for the RWA world: `shares` whole shares held at the start by its off-chain
 * investors of record (`FUND_INVESTORS`), who hand them out as RWA tokens through `giveRwa`;
 * `cash` whole USD; assets marked through NavSources and/or a loan book stepped monthly from
 * the stream `world/loan-book/<id>`. NAV per share = (assets + cash) / shares.
 */
export interface RwaFundOptions
  extends Omit<FundConfig, 'id' | 'initialHoldings' | 'initialCash' | 'cashDecimals' | 'shareDecimals' | 'assets' | 'dealing' | 'startMs'> {
  readonly shares: number;
  readonly cash: number;
  readonly assets?: readonly NavSource[];
  /** A loan book the fund holds: a config, or a book built by the caller (to shock it later). */
  readonly loanBook?: LoanBookConfig | LoanBook;
  /** Default monthly. */
  readonly dealing?: FundConfig['dealing'];
  readonly markPolicy?: FundMarketOptions['markPolicy'];
  /** The manager's address (default `FUND_MANAGER`, the id to give a fund-manager agent). */
  readonly manager?: string;
}

function buildFundMarket(run: RunContext, world: World, options: RwaFundOptions): FundMarket {
  const { shares, cash, assets, loanBook, dealing, markPolicy, manager, ...rest } = options;
  const { ledger } = world;
  return new FundMarket(world, {
    fund: {
      ...rest,
      id: FUND,
      dealing: dealing ?? 'monthly',
      initialCash: ledger.units(USD, cash),
      initialHoldings: { [FUND_INVESTORS]: ledger.units(RWA, shares) },
      assets: assets ?? [],
    },
    shareToken: RWA,
    cashToken: USD,
    manager: manager ?? FUND_MANAGER,
    ...(markPolicy ? { markPolicy } : {}),
    ...(loanBook ? { loanBooks: [loanBookEntry(run, loanBook instanceof LoanBook ? loanBook : new LoanBook(loanBook))] } : {}),
  });
}

function loanBookEntry(run: RunContext, book: LoanBook): { book: LoanBook; rng: ReturnType<RunContext['seeds']['stream']> } {
  return { book, rng: run.seeds.stream(`world/loan-book/${book.id}`) };
}
