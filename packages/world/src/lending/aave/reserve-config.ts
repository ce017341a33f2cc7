import { ModelConfigError } from '../../errors';
import { MAX_VALID_CAP, MAX_VALID_DEBT_CEILING, MAX_VALID_LIQUIDATION_BONUS } from './constants';
import { InterestRateData, validateInterestRateData } from './interest-rate-strategy';
import { percentMul, PERCENTAGE_FACTOR } from './percentage-math';

/**
 * A reserve as a scenario lists it. Percentages are integer basis points like Aave's
 * configurator (`ltv: 8250` is 82.50%, `liquidationBonus: 10500` is a 5% bonus).
 */
export interface ReserveInput {
  /** Asset id, also passed to the price source. */
  readonly asset: string;
  /** Token decimals, 2..255 (isolation-mode accounting divides by 10^(decimals-2)). */
  readonly decimals: number;
  /** Loan to value, bps (0 disables borrowing power, keeps liquidation threshold). */
  readonly ltv: number;
  /** Liquidation threshold, bps, >= ltv; 0 means not a collateral. */
  readonly liquidationThreshold: number;
  /** Liquidation bonus, bps incl. the repaid part (10500 = 5% bonus); > 10000 if LT > 0, else 0. */
  readonly liquidationBonus: number;
  /** Share of the bonus paid to the treasury, bps (default 0). */
  readonly liquidationProtocolFee?: number;
  /** Share of borrow interest paid to the treasury, bps (default 0). */
  readonly reserveFactor?: number;
  /** Supply cap in whole tokens, 0n = none (default). */
  readonly supplyCap?: bigint;
  /** Borrow cap in whole tokens, 0n = none (default). */
  readonly borrowCap?: bigint;
  /** Whether the asset can be borrowed (default true). */
  readonly borrowingEnabled?: boolean;
  /** Isolation-mode debt ceiling in USD cents (2 decimals), 0n = not isolated (default). */
  readonly debtCeiling?: bigint;
  /** Whether the asset can be borrowed by users in isolation mode (default false). */
  readonly borrowableInIsolation?: boolean;
  /** Rate curve (default: aave-v3-origin tests' 80% kink, 1% base, 4% slope1, 60% slope2). */
  readonly rates?: InterestRateData;
}

/** Validated reserve configuration with bigint parameters. */
export interface ReserveConfig {
  readonly asset: string;
  readonly decimals: number;
  readonly unit: bigint;
  readonly ltv: bigint;
  readonly liquidationThreshold: bigint;
  readonly liquidationBonus: bigint;
  readonly liquidationProtocolFee: bigint;
  readonly reserveFactor: bigint;
  readonly supplyCap: bigint;
  readonly borrowCap: bigint;
  readonly borrowingEnabled: boolean;
  readonly debtCeiling: bigint;
  readonly borrowableInIsolation: boolean;
  readonly rates: InterestRateData;
}

/** Rate curve used when a reserve gives none (aave-v3-origin tests/utils/TestnetProcedures.sol). */
export const DEFAULT_RATES: InterestRateData = {
  optimalUsageRatio: 8_000,
  baseVariableBorrowRate: 100,
  variableRateSlope1: 400,
  variableRateSlope2: 6_000,
};

function bps(path: string, value: unknown, max: number): bigint {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new ModelConfigError(path, `must be an integer number of basis points in [0, ${max}]`, value);
  }
  return BigInt(value);
}

function cap(path: string, value: unknown, max: bigint, unit: string): bigint {
  if (value === undefined) return 0n;
  if (typeof value !== 'bigint' || value < 0n || value > max) {
    throw new ModelConfigError(path, `must be a bigint in [0n, ${max}n] (${unit}, 0n = none)`, value);
  }
  return value;
}

/**
 * Checks a reserve as Aave's PoolConfigurator / ConfiguratorLogic would and returns it with
 * bigint parameters. `path` names it in errors, e.g. `reserves[RWA]`.
 */
export function normalizeReserveConfig(input: ReserveInput, path: string): ReserveConfig {
  if (typeof input.asset !== 'string' || input.asset.length === 0) {
    throw new ModelConfigError(`${path}.asset`, 'must be a non-empty string', input.asset);
  }
  if (!Number.isInteger(input.decimals) || input.decimals < 2 || input.decimals > 255) {
    throw new ModelConfigError(`${path}.decimals`, 'must be an integer in [2, 255]', input.decimals);
  }
  const ltv = bps(`${path}.ltv`, input.ltv, 10_000);
  const liquidationThreshold = bps(`${path}.liquidationThreshold`, input.liquidationThreshold, 10_000);
  const liquidationBonus = bps(`${path}.liquidationBonus`, input.liquidationBonus, MAX_VALID_LIQUIDATION_BONUS);
  // PoolConfigurator.configureReserveAsCollateral
  if (ltv > liquidationThreshold) {
    throw new ModelConfigError(`${path}.liquidationThreshold`, `must be >= ltv (${ltv})`, input.liquidationThreshold);
  }
  if (liquidationThreshold !== 0n) {
    if (liquidationBonus <= PERCENTAGE_FACTOR) {
      throw new ModelConfigError(`${path}.liquidationBonus`, 'must be > 10000 bps (above 100%) for a collateral', input.liquidationBonus);
    }
    // There must be enough collateral to pay the bonus: LT * bonus <= 100%.
    if (percentMul(liquidationThreshold, liquidationBonus) > PERCENTAGE_FACTOR) {
      throw new ModelConfigError(`${path}.liquidationBonus`, `must satisfy liquidationThreshold * liquidationBonus <= 100% (LT ${liquidationThreshold})`, input.liquidationBonus);
    }
  } else if (liquidationBonus !== 0n) {
    throw new ModelConfigError(`${path}.liquidationBonus`, 'must be 0 when liquidationThreshold is 0', input.liquidationBonus);
  }
  const liquidationProtocolFee = bps(`${path}.liquidationProtocolFee`, input.liquidationProtocolFee ?? 0, 10_000);
  const reserveFactor = bps(`${path}.reserveFactor`, input.reserveFactor ?? 0, 10_000);
  const supplyCap = cap(`${path}.supplyCap`, input.supplyCap, MAX_VALID_CAP, 'whole tokens');
  const borrowCap = cap(`${path}.borrowCap`, input.borrowCap, MAX_VALID_CAP, 'whole tokens');
  const debtCeiling = cap(`${path}.debtCeiling`, input.debtCeiling, MAX_VALID_DEBT_CEILING, 'USD cents');
  for (const key of ['borrowingEnabled', 'borrowableInIsolation'] as const) {
    const v = input[key];
    if (v !== undefined && typeof v !== 'boolean') throw new ModelConfigError(`${path}.${key}`, 'must be a boolean', v);
  }
  const rates = input.rates ?? DEFAULT_RATES;
  validateInterestRateData(rates, `${path}.rates`);
  return {
    asset: input.asset,
    decimals: input.decimals,
    unit: 10n ** BigInt(input.decimals),
    ltv,
    liquidationThreshold,
    liquidationBonus,
    liquidationProtocolFee,
    reserveFactor,
    supplyCap,
    borrowCap,
    borrowingEnabled: input.borrowingEnabled ?? true,
    debtCeiling,
    borrowableInIsolation: input.borrowableInIsolation ?? false,
    // A frozen copy: the rate model caches its ray form per object.
    rates: Object.freeze({ ...rates }),
  };
}
