import { CLOSE_FACTOR_HF_THRESHOLD, DEFAULT_LIQUIDATION_CLOSE_FACTOR, MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD, MIN_LEFTOVER_BASE } from './constants';
import { percentDiv, percentMul } from './percentage-math';

/**
 * The close-factor and dust rules of a liquidation. Aave V3.3 hard-codes them (the defaults
 * below); they are parameters here because the research compares them (a 100% close factor is
 * harsher on borrowers and faster at clearing risk) and because benchmark specs fix them.
 */
export interface LiquidationRules {
  /** Share of the debt one liquidation may repay, bps. Aave: 5,000. */
  readonly closeFactor: bigint;
  /** At or below this health factor (wad) the whole debt may be repaid. Aave: 0.95e18. 0 disables. */
  readonly fullLiquidationHealthFactor: bigint;
  /** Below this collateral or debt value (base currency) the whole debt may be repaid. Aave: $2,000. 0 disables. */
  readonly fullLiquidationBelowBase: bigint;
  /** A partial liquidation must leave at least this much debt and collateral (base currency). Aave: $1,000. 0 disables. */
  readonly minLeftoverBase: bigint;
}

export const AAVE_V3_3_LIQUIDATION_RULES: LiquidationRules = {
  closeFactor: DEFAULT_LIQUIDATION_CLOSE_FACTOR,
  fullLiquidationHealthFactor: CLOSE_FACTOR_HF_THRESHOLD,
  fullLiquidationBelowBase: MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD,
  minLeftoverBase: MIN_LEFTOVER_BASE,
};

// Pure pieces of Aave V3.3 liquidations. Source (formulas carried over, code our own):
//   aave/aave-v3-origin src/contracts/protocol/libraries/logic/LiquidationLogic.sol
//     executeLiquidationCall (close factor, dust rule), _calculateAvailableCollateralToLiquidate

/** Inputs of the close-factor rule, all read before the liquidation. */
export interface MaxLiquidatableDebtParams {
  /** Debt of the user in the debt asset (underlying units). */
  readonly userReserveDebt: bigint;
  /** Same debt in base currency, floored. */
  readonly userReserveDebtInBase: bigint;
  /** Collateral of the user in the collateral asset, in base currency, floored. */
  readonly userReserveCollateralInBase: bigint;
  /** Total debt of the user in base currency (all assets). */
  readonly totalDebtInBase: bigint;
  /** Health factor, wad. */
  readonly healthFactor: bigint;
  readonly debtAssetPrice: bigint;
  readonly debtAssetUnit: bigint;
}

/**
 * Largest debt (underlying units) one liquidation may repay. The whole reserve debt, unless the
 * position is large (collateral and debt >= $2,000) and only mildly unhealthy (HF > 0.95): then
 * half of the user's total debt value, converted back to the debt asset and floored.
 */
export function maxLiquidatableDebt(p: MaxLiquidatableDebtParams, rules: LiquidationRules = AAVE_V3_3_LIQUIDATION_RULES): bigint {
  if (
    p.userReserveCollateralInBase >= rules.fullLiquidationBelowBase &&
    p.userReserveDebtInBase >= rules.fullLiquidationBelowBase &&
    p.healthFactor > rules.fullLiquidationHealthFactor
  ) {
    const totalDefaultLiquidatable = percentMul(p.totalDebtInBase, rules.closeFactor);
    if (p.userReserveDebtInBase > totalDefaultLiquidatable) {
      return (totalDefaultLiquidatable * p.debtAssetUnit) / p.debtAssetPrice;
    }
  }
  return p.userReserveDebt;
}

export interface AvailableCollateralParams {
  readonly collateralAssetPrice: bigint;
  readonly collateralAssetUnit: bigint;
  readonly debtAssetPrice: bigint;
  readonly debtAssetUnit: bigint;
  /** Debt the liquidator offers to repay, already capped by the close factor. */
  readonly debtToCover: bigint;
  readonly userCollateralBalance: bigint;
  /** Bps incl. the repaid part, e.g. 10500. */
  readonly liquidationBonus: bigint;
  /** Bps of the bonus that goes to the treasury. */
  readonly liquidationProtocolFee: bigint;
}

export interface AvailableCollateral {
  /** Collateral the liquidator receives (after the protocol fee). */
  readonly collateralAmount: bigint;
  /** Debt actually repaid (reduced when the collateral runs out). */
  readonly debtAmountNeeded: bigint;
  /** Collateral paid to the treasury. */
  readonly liquidationProtocolFee: bigint;
  /** Collateral seized (liquidator + fee) in base currency, floored. */
  readonly collateralToLiquidateInBaseCurrency: bigint;
}

/**
 * `_calculateAvailableCollateralToLiquidate`:
 *
 *     base  = floor(debtPrice * debtToCover * collUnit / (collPrice * debtUnit))
 *     max   = percentMul(base, bonus)
 *     if max > balance: coll = balance,
 *                       debt = percentDiv(floor(collPrice * balance * debtUnit / (debtPrice * collUnit)), bonus)
 *     else:             coll = max, debt = debtToCover
 *     fee   = percentMul(coll - percentDiv(coll, bonus), protocolFee);  coll -= fee
 */
export function calculateAvailableCollateralToLiquidate(p: AvailableCollateralParams): AvailableCollateral {
  const baseCollateral = (p.debtAssetPrice * p.debtToCover * p.collateralAssetUnit) / (p.collateralAssetPrice * p.debtAssetUnit);
  const maxCollateralToLiquidate = percentMul(baseCollateral, p.liquidationBonus);
  let collateralAmount: bigint;
  let debtAmountNeeded: bigint;
  if (maxCollateralToLiquidate > p.userCollateralBalance) {
    collateralAmount = p.userCollateralBalance;
    debtAmountNeeded = percentDiv(
      (p.collateralAssetPrice * collateralAmount * p.debtAssetUnit) / (p.debtAssetPrice * p.collateralAssetUnit),
      p.liquidationBonus,
    );
  } else {
    collateralAmount = maxCollateralToLiquidate;
    debtAmountNeeded = p.debtToCover;
  }
  const collateralToLiquidateInBaseCurrency = (collateralAmount * p.collateralAssetPrice) / p.collateralAssetUnit;
  let liquidationProtocolFee = 0n;
  if (p.liquidationProtocolFee !== 0n) {
    const bonusCollateral = collateralAmount - percentDiv(collateralAmount, p.liquidationBonus);
    liquidationProtocolFee = percentMul(bonusCollateral, p.liquidationProtocolFee);
    collateralAmount -= liquidationProtocolFee;
  }
  return { collateralAmount, debtAmountNeeded, liquidationProtocolFee, collateralToLiquidateInBaseCurrency };
}

/**
 * The v3.3 dust rule: a liquidation that neither repays the whole debt nor seizes the whole
 * collateral must leave at least MIN_LEFTOVER_BASE ($1,000) of both. Returns true when allowed.
 */
export function leavesNoDust(p: {
  readonly userReserveDebt: bigint;
  readonly actualDebtToLiquidate: bigint;
  readonly userCollateralBalance: bigint;
  readonly actualCollateralToLiquidate: bigint;
  readonly liquidationProtocolFee: bigint;
  readonly debtAssetPrice: bigint;
  readonly debtAssetUnit: bigint;
  readonly collateralAssetPrice: bigint;
  readonly collateralAssetUnit: bigint;
}, minLeftoverBase: bigint = MIN_LEFTOVER_BASE): boolean {
  if (
    p.actualDebtToLiquidate < p.userReserveDebt &&
    p.actualCollateralToLiquidate + p.liquidationProtocolFee < p.userCollateralBalance
  ) {
    const debtLeft = ((p.userReserveDebt - p.actualDebtToLiquidate) * p.debtAssetPrice) / p.debtAssetUnit;
    const collateralLeft =
      ((p.userCollateralBalance - p.actualCollateralToLiquidate - p.liquidationProtocolFee) * p.collateralAssetPrice) /
      p.collateralAssetUnit;
    return debtLeft >= minLeftoverBase && collateralLeft >= minLeftoverBase;
  }
  return true;
}
