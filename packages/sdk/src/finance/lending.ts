import type { Action } from '../action';
import { defineTopic } from '../keys';
import type { PositionView } from './views';

/**
 * Supply `amount` (base units) of `asset` to a lending market from the wallet (on-chain). Supplying
 * the collateral token makes it collateral; supplying the debt token lends it to borrowers.
 */
export interface SupplyAction extends Action {
  readonly kind: 'lending.supply';
  readonly market: string;
  readonly asset: string;
  readonly amount: bigint;
}

/**
 * Withdraw `amount` of `asset` (base units), or `'all'` of the sender's supply of it. Reverts if
 * the health factor would fall below 1 (Aave's rule).
 */
export interface WithdrawAction extends Action {
  readonly kind: 'lending.withdraw';
  readonly market: string;
  readonly asset: string;
  readonly amount: bigint | 'all';
}

/** Borrow `amount` of the market's debt token (base units) against the sender's collateral. */
export interface BorrowAction extends Action {
  readonly kind: 'lending.borrow';
  readonly market: string;
  readonly amount: bigint;
}

/**
 * Repay `amount` of the sender's debt (base units) from its wallet, or `'all'`: as much as the
 * wallet covers, up to the whole debt.
 */
export interface RepayAction extends Action {
  readonly kind: 'lending.repay';
  readonly market: string;
  readonly amount: bigint | 'all';
}

type Fee = { priorityFee?: number };

export function supply(market: string, asset: string, amount: bigint, options: Fee = {}): SupplyAction {
  return { kind: 'lending.supply', market, asset, amount, ...options };
}

export function withdraw(market: string, asset: string, amount: bigint | 'all', options: Fee = {}): WithdrawAction {
  return { kind: 'lending.withdraw', market, asset, amount, ...options };
}

export function borrow(market: string, amount: bigint, options: Fee = {}): BorrowAction {
  return { kind: 'lending.borrow', market, amount, ...options };
}

export function repay(market: string, amount: bigint | 'all', options: Fee = {}): RepayAction {
  return { kind: 'lending.repay', market, amount, ...options };
}

/**
 * A user supplied, withdrew, borrowed or repaid. Amounts are whole tokens; the position is the
 * user's after the action.
 */
export interface LendingActivityEvent {
  readonly market: string;
  readonly user: string;
  readonly asset: string;
  readonly amount: number;
  /** Collateral supplied and debt owed after the action, whole tokens. */
  readonly collateral: number;
  readonly debt: number;
  /** Health factor after the action (Infinity without debt; serialised as null in the log). */
  readonly healthFactor: number;
}
export const SUPPLIES = defineTopic<LendingActivityEvent>('lending.supplied');
export const WITHDRAWALS = defineTopic<LendingActivityEvent>('lending.withdrawn');
export const BORROWS = defineTopic<LendingActivityEvent>('lending.borrowed');
export const REPAYMENTS = defineTopic<LendingActivityEvent>('lending.repaid');

/**
 * The caller's own account in a lending market: the position a liquidator sees, plus what a
 * borrower decides with. Values are in the debt token at the market's current collateral price.
 */
export interface AccountView extends PositionView {
  /** Collateral supplied and debt owed, whole tokens. */
  readonly collateralAmount: number;
  readonly debtAmount: number;
  readonly collateralValue: number;
  readonly debtValue: number;
  /** debtValue / collateralValue (0 without debt; Infinity with debt and no collateral). */
  readonly loanToValue: number;
  /** Debt tokens the market would lend now under its LTV: whole tokens, and exact base units. */
  readonly availableToBorrow: number;
  readonly availableToBorrowUnits: bigint;
  /** Collateral that can be withdrawn now keeping the health factor at or above 1: whole tokens, and base units. */
  readonly withdrawable: number;
  readonly withdrawableUnits: bigint;
}
