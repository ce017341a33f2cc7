export { LiquidationIndex } from './liquidation-index';
export type { IndexEntry, SlotStore } from './liquidation-index';
