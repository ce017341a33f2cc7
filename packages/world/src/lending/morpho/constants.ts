// Constants of Morpho Blue. Sources:
//   morpho-org/morpho-blue src/libraries/ConstantsLib.sol   MAX_FEE, ORACLE_PRICE_SCALE,
//                                                            LIQUIDATION_CURSOR, MAX_LIQUIDATION_INCENTIVE_FACTOR
//   morpho-org/morpho-blue src/libraries/MathLib.sol        WAD
//   morpho-org/morpho-blue src/libraries/SharesMathLib.sol  VIRTUAL_SHARES, VIRTUAL_ASSETS
//   morpho-org/morpho-blue src/libraries/ErrorsLib.sol      revert reasons

/** 1e18, the fixed-point unit of rates, fees and the LLTV. */
export const WAD = 10n ** 18n;

/** Oracle prices are the price of one collateral unit in loan units, scaled by 1e36. */
export const ORACLE_PRICE_SCALE = 10n ** 36n;

/** Maximum market fee: 25% of interest. */
export const MAX_FEE = 250_000_000_000_000_000n;

/** Liquidation cursor: 0.3 (WAD). */
export const LIQUIDATION_CURSOR = 300_000_000_000_000_000n;

/** Maximum liquidation incentive factor: 1.15 (WAD). */
export const MAX_LIQUIDATION_INCENTIVE_FACTOR = 1_150_000_000_000_000_000n;

/** Virtual shares added to every share total (inflation-attack mitigation). */
export const VIRTUAL_SHARES = 1_000_000n;

/** Virtual assets added to every asset total. */
export const VIRTUAL_ASSETS = 1n;

export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;

/** Seconds in `365 days`, as Solidity counts them. */
export const SECONDS_PER_YEAR = 31_536_000n;

/** Revert reasons, verbatim from `ErrorsLib.sol`, plus the EVM panics the contract can hit. */
export const MorphoErrors = {
  MAX_LLTV_EXCEEDED: 'max LLTV exceeded',
  MAX_FEE_EXCEEDED: 'max fee exceeded',
  ALREADY_SET: 'already set',
  NOT_OWNER: 'not owner',
  INCONSISTENT_INPUT: 'inconsistent input',
  ZERO_ASSETS: 'zero assets',
  ZERO_ADDRESS: 'zero address',
  UNAUTHORIZED: 'unauthorized',
  INSUFFICIENT_COLLATERAL: 'insufficient collateral',
  INSUFFICIENT_LIQUIDITY: 'insufficient liquidity',
  HEALTHY_POSITION: 'position is healthy',
  TRANSFER_FAILED: 'transfer failed',
  TRANSFER_FROM_FAILED: 'transferFrom failed',
  MAX_UINT128_EXCEEDED: 'max uint128 exceeded',
  // Not in ErrorsLib: Solidity 0.8 checked arithmetic reverts with Panic(0x11) / Panic(0x12).
  PANIC_ARITHMETIC: 'panic: arithmetic underflow or overflow (0x11)',
  PANIC_DIVISION_BY_ZERO: 'panic: division or modulo by zero (0x12)',
  // Paradox extensions (the real contract has no such checks).
  LIQUIDATOR_NOT_ALLOWED: 'liquidator not allowed',
  TIME_WENT_BACKWARDS: 'timestamp before last update',
} as const;
