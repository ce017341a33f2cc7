import { WAD } from './wad-ray-math';

// Protocol constants of Aave V3.3. Sources:
//   aave/aave-v3-origin src/contracts/protocol/libraries/logic/LiquidationLogic.sol
//   aave/aave-v3-origin src/contracts/protocol/libraries/logic/ValidationLogic.sol
//   aave/aave-v3-origin src/contracts/protocol/libraries/configuration/ReserveConfiguration.sol

/** Share of the debt a liquidation may repay while HF > 0.95 (bps). */
export const DEFAULT_LIQUIDATION_CLOSE_FACTOR = 5_000n;
/** At or below this health factor (wad) the whole debt may be liquidated. */
export const CLOSE_FACTOR_HF_THRESHOLD = 95n * 10n ** 16n;
/** Below this collateral or debt value (base currency, 8 decimals: $2,000) the close factor is 100%. */
export const MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD = 2_000n * 10n ** 8n;
/** A partial liquidation must leave at least this much debt and collateral ($1,000). */
export const MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2n;
/** Health factor (wad) below which a position is liquidatable. */
export const HEALTH_FACTOR_LIQUIDATION_THRESHOLD = WAD;
/** Debt ceilings carry 2 decimals (USD cents). */
export const DEBT_CEILING_DECIMALS = 2;
/** `ReserveConfiguration.MAX_VALID_SUPPLY_CAP` / `MAX_VALID_BORROW_CAP`, whole tokens. */
export const MAX_VALID_CAP = 68_719_476_735n;
/** `ReserveConfiguration.MAX_VALID_DEBT_CEILING`, in cents. */
export const MAX_VALID_DEBT_CEILING = 1_099_511_627_775n;
/** `ReserveConfiguration.MAX_VALID_LIQUIDATION_BONUS` (16 bits of bps). */
export const MAX_VALID_LIQUIDATION_BONUS = 65_535;
/** Base currency decimals of the Aave oracle (USD with 8 decimals). */
export const BASE_CURRENCY_DECIMALS = 8;
