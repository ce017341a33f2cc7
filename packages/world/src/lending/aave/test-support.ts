import { AavePool, AavePoolConfig, TokenLedger } from './aave-pool';
import { ReserveInput } from './reserve-config';

// Shared fixtures for the specs (not exported from the barrel).

/**
 * The market of aave-dao/aave-v3-origin tests/mocks/AaveV3TestListing.sol: USDX (6 decimals,
 * $1), WBTC (8 decimals, $27,000), WETH (18 decimals, $1,800); LTV 82.5%, LT 86%, bonus 5%,
 * reserve factor 10%, liquidation protocol fee 10%; rates 45% kink, 0 base, 4% / 60% slopes.
 */
export function testnetReserves(): ReserveInput[] {
  const common = {
    ltv: 82_50,
    liquidationThreshold: 86_00,
    liquidationBonus: 105_00,
    reserveFactor: 10_00,
    liquidationProtocolFee: 10_00,
    rates: { optimalUsageRatio: 45_00, baseVariableBorrowRate: 0, variableRateSlope1: 4_00, variableRateSlope2: 60_00 },
  };
  return [
    { asset: 'USDX', decimals: 6, ...common },
    { asset: 'WBTC', decimals: 8, ...common },
    { asset: 'WETH', decimals: 18, ...common },
  ];
}

export const TESTNET_PRICES: Readonly<Record<string, bigint>> = {
  USDX: 1n * 10n ** 8n,
  WBTC: 27_000n * 10n ** 8n,
  WETH: 1_800n * 10n ** 8n,
};

/** A mutable oracle. */
export class Prices {
  private readonly map = new Map<string, bigint>();
  constructor(initial: Readonly<Record<string, bigint>>) {
    for (const [k, v] of Object.entries(initial)) this.map.set(k, v);
  }
  set(asset: string, price: bigint): void {
    this.map.set(asset, price);
  }
  get = (asset: string): bigint => {
    const p = this.map.get(asset);
    if (p === undefined) throw new Error(`no price for ${asset}`);
    return p;
  };
}

/** A minimal in-memory token ledger. */
export class MemoryLedger implements TokenLedger {
  private readonly balances = new Map<string, bigint>();
  balanceOf(token: string, account: string): bigint {
    return this.balances.get(`${token}/${account}`) ?? 0n;
  }
  mint(token: string, account: string, amount: bigint): void {
    this.balances.set(`${token}/${account}`, this.balanceOf(token, account) + amount);
  }
  transfer(token: string, from: string, to: string, amount: bigint): void {
    const have = this.balanceOf(token, from);
    if (have < amount) throw new Error(`ledger: ${from} has ${have} ${token}, needs ${amount}`);
    this.balances.set(`${token}/${from}`, have - amount);
    this.balances.set(`${token}/${to}`, this.balanceOf(token, to) + amount);
  }
  total(token: string): bigint {
    let sum = 0n;
    for (const [k, v] of this.balances) if (k.startsWith(`${token}/`)) sum += v;
    return sum;
  }
}

export function makeTestnetPool(extra: Partial<AavePoolConfig> = {}): { pool: AavePool; prices: Prices } {
  const prices = new Prices(TESTNET_PRICES);
  const pool = new AavePool({ reserves: testnetReserves(), priceSource: prices.get, ...extra });
  return { pool, prices };
}

/** Everything observable about the pool, as a string, to check that a revert changed nothing. */
export function fingerprint(pool: AavePool): string {
  const state = {
    time: pool.time,
    reserves: pool.assets().map((a) => pool.reserve(a)),
    users: pool.accounts().map((u) => [u, pool.positions(u)]),
  };
  return JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}
