import { DAY } from '@paradox/engine';
import {
  AmmMarket,
  HaircutFeed,
  LendingMarket,
  MinFeed,
  NavFeed,
  NavPathFund,
  OracleRegistry,
  SpotFeed,
  UniswapV2Pair,
  type CircuitBreaker,
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
const ZERO_RATES = { optimalUsageRatio: 8_000, baseVariableBorrowRate: 0, variableRateSlope1: 0, variableRateSlope2: 0 };

/**
 * How the lending market prices its RWA collateral: the NAV oracle, the AMM spot price after
 * every trade, the lower of the two, or NAV with a haircut. The conservative oracles of the
 * research are the last two.
 */
export type CollateralPricing = 'nav' | 'spot' | 'min' | { readonly haircut: number };

export interface RwaLendingWorldOptions {
  /** Initial AMM reserves, whole tokens. */
  readonly pool: { readonly rwa: number; readonly usd: number; readonly feeBps?: number };
  /** The fund's fundamental NAV per share: [timeMs, nav] points, linear between. */
  readonly navPath: readonly (readonly [number, number])[];
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
}

/** The pieces of an RWA lending world, for scenarios and tests to wire agents to. */
export interface RwaLendingWorld {
  readonly world: World;
  readonly amm: AmmMarket;
  readonly market: LendingMarket;
  readonly oracles: OracleRegistry;
  readonly fund: NavPathFund;
  readonly borrowers: readonly string[];
  rwa(amount: number): bigint;
  usd(amount: number): bigint;
  /** Mints `amount` whole RWA to `address` (setup only). */
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
  const world = createWorld(run, options.blockTimeMs === undefined ? {} : { blockTimeMs: options.blockTimeMs });
  run.attachWorld(world);
  const { ledger } = world;
  ledger.addToken({ symbol: RWA, decimals: 18, issuer: 'fund' });
  ledger.addToken({ symbol: USD, decimals: 6, issuer: 'usd-issuer' });
  const rwa = (x: number) => ledger.units(RWA, x);
  const usd = (x: number) => ledger.units(USD, x);
  const giveRwa = (address: string, amount: number) => ledger.mint(RWA, 'fund', address, rwa(amount));
  const giveUsd = (address: string, amount: number) => ledger.mint(USD, 'usd-issuer', address, usd(amount));

  const pair = new UniswapV2Pair({ token0: RWA, token1: USD, decimals0: 18, decimals1: 6, ...(options.pool.feeBps === undefined ? {} : { feeBps: options.pool.feeBps }) });
  const amm = new AmmMarket(world, POOL, pair, RWA, USD);
  giveRwa('lp', options.pool.rwa);
  giveUsd('lp', options.pool.usd);
  amm.addLiquidity('lp', rwa(options.pool.rwa), usd(options.pool.usd));
  const pools = installAmmMarkets(world, [amm]);

  const fund = new NavPathFund(world, 'fund', RWA, options.navPath);
  installFunds(world, [fund]);
  const oracles = new OracleRegistry(world);
  const initialNav = BigInt(Math.round(fund.navPerShare() * 1e8));
  oracles.add(NAV_FEED, new NavFeed({ decimals: 8, initialPrice: initialNav, startMs: 0, setters: [NAV_REPORTER], maxChangeBps: options.navMaxChangeBps ?? 10_000, minUpdateWindowMs: 0 }));
  oracles.add(SPOT_FEED, new SpotFeed(amm, 8, 18, 6));
  const nav = oracles.get(NAV_FEED);
  const spot = oracles.get(SPOT_FEED);
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
      repriceOn: { oracles: [NAV_FEED], ...(readsMarket ? { pools: [amm] } : {}) },
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

  const borrowers: string[] = [];
  let totalDebt = 0n;
  const debts = options.positions.map((p) => {
    const debt = usd(p.debt);
    totalDebt += debt;
    return debt;
  });
  ledger.mint(USD, 'usd-issuer', 'lender', totalDebt);
  if (totalDebt > 0n) market.supply('lender', USD, totalDebt);
  options.positions.forEach((p, b) => {
    const id = `borrower-${b}`;
    borrowers.push(id);
    const collateral = rwa(p.collateral);
    ledger.mint(RWA, 'fund', id, collateral);
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
    borrowers,
    rwa,
    usd,
    giveRwa,
    giveUsd,
    badDebtAt(price) {
      let underwater = 0n;
      for (const id of borrowers) {
        const debt = market.pool.debtBalance(id, USD);
        const collateralValue = usd((Number(market.pool.aTokenBalance(id, RWA)) / 1e18) * price);
        if (debt > collateralValue) underwater += debt - collateralValue;
      }
      return ledger.toNumber(USD, underwater + market.stats().deficit);
    },
  };
}
