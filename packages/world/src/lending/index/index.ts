export { LiquidationIndex } from './liquidation-index';
export type { IndexEntry } from './liquidation-index';
