import { defineTopic } from '../keys';

/** A trade on an AMM pool. Amounts are plain numbers of whole tokens (for decisions; the ledger is exact). */
export interface TradeEvent {
  readonly pool: string;
  readonly trader: string;
  readonly tokenIn: string;
  readonly amountIn: number;
  readonly tokenOut: string;
  readonly amountOut: number;
  /** Spot price of the pool's base token in its quote token after the trade. */
  readonly priceAfter: number;
}
export const TRADES = defineTopic<TradeEvent>('amm.trade');

/** A lending market saw a new price for a collateral (from its oracle, or the AMM in spot mode). */
export interface CollateralPriceEvent {
  readonly market: string;
  readonly asset: string;
  readonly price: number;
  readonly previous: number;
  /** The debt token's price the market uses, for markets with a debt feed (a stablecoin off its peg); the event also fires when only this moved. */
  readonly debtPrice?: number;
}
export const COLLATERAL_PRICES = defineTopic<CollateralPriceEvent>('lending.price');

/** A liquidation happened. */
export interface LiquidationEvent {
  readonly market: string;
  readonly borrower: string;
  readonly liquidator: string;
  /** Debt repaid and collateral seized, in whole tokens. */
  readonly repaid: number;
  readonly seized: number;
  /** Debt left without collateral (bad debt) by this liquidation, in whole tokens. */
  readonly badDebt: number;
  readonly price: number;
}
export const LIQUIDATIONS = defineTopic<LiquidationEvent>('lending.liquidation');

/** An oracle feed published a new answer. */
export interface OracleUpdateEvent {
  readonly feed: string;
  readonly price: number;
  readonly previous: number;
}
export const ORACLE_UPDATES = defineTopic<OracleUpdateEvent>('oracle.update');

/** Exogenous news announced by the scenario (a default wave, a hurricane, a gate...). */
export interface NewsEvent {
  readonly kind: string;
  readonly headline: string;
  /** How believable the news is, in [0, 1] (what agents may weigh it by). */
  readonly credibility: number;
  readonly data?: Readonly<Record<string, unknown>>;
}
export const NEWS = defineTopic<NewsEvent>('news');

/** A rumour passed between agents by direct message. */
export interface Rumor {
  readonly kind: 'rumor';
  readonly about: string;
  readonly source: string;
  readonly credibility: number;
  readonly startedAtMs: number;
  /** How many hops from the source. */
  readonly hops: number;
}
