import type { Action } from '../action';
import { defineTopic, defineView } from '../keys';

/**
 * Deposit an index's basket and mint `shares` index shares (base units): the vault takes each
 * constituent in its fixed weight (rounded up) from the sender's wallet. An on-chain call; it
 * reverts if the wallet lacks a constituent or minting is paused.
 */
export interface MintIndexAction extends Action {
  readonly kind: 'index.mint';
  readonly index: string;
  readonly shares: bigint;
}

/** Burn `shares` index shares (base units) for a pro-rata slice of every constituent the vault holds. */
export interface RedeemIndexAction extends Action {
  readonly kind: 'index.redeem';
  readonly index: string;
  readonly shares: bigint;
}

export function mintIndex(index: string, shares: bigint, options: { priorityFee?: number } = {}): MintIndexAction {
  return { kind: 'index.mint', index, shares, ...options };
}

export function redeemIndex(index: string, shares: bigint, options: { priorityFee?: number } = {}): RedeemIndexAction {
  return { kind: 'index.redeem', index, shares, ...options };
}

/** One constituent of an index as agents read it. */
export interface IndexComponentView {
  /** The fund whose share token this is (its id in the `funds` view). */
  readonly fund: string;
  readonly token: string;
  readonly decimals: number;
  /** Base units of `token` behind one whole index share (the fixed weight). */
  readonly unitsPerShare: bigint;
}

/** An index token over a basket of fund tokens (a basket vault), read-only. */
export interface IndexView {
  readonly id: string;
  readonly shareToken: string;
  /** Index shares have 18 decimals. */
  readonly shareDecimals: number;
  readonly components: readonly IndexComponentView[];
  /** Value of the holdings per whole share at the funds' own NAVs (off-chain truth, not an oracle). */
  navPerShare(): number;
  /** Shares in existence, base units. */
  totalShares(): bigint;
  /** Constituents (base units, in `components` order) that minting `shares` takes, rounded up. */
  depositAmounts(shares: bigint): readonly bigint[];
  /** Constituents that redeeming `shares` pays now, rounded down. */
  redeemAmounts(shares: bigint): readonly bigint[];
  /** Whether minting and redeeming are open (the arbitrage that ties the index to its NAV). */
  mintRedeemOpen(): boolean;
}
/** All index vaults, by id. */
export const INDEXES = defineView<ReadonlyMap<string, IndexView>>('index.vaults');

/** Shares minted or redeemed at an index vault. Amounts in whole tokens. */
export interface IndexFlowEvent {
  readonly index: string;
  readonly account: string;
  readonly kind: 'mint' | 'redeem';
  readonly shares: number;
  /** Constituents deposited (mint) or paid out (redeem), by token. */
  readonly amounts: Readonly<Record<string, number>>;
  readonly navPerShare: number;
}
export const INDEX_FLOWS = defineTopic<IndexFlowEvent>('index.flow');
