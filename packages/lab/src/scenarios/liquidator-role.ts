import type { RoleSpec } from '../run/scenario';

/**
 * The liquidator's part in the lending scenarios: it watches the market's collateral prices,
 * liquidations, trades and oracles, reads markets, pools, funds and its wallet, and may only
 * liquidate, swap and redeem. It hears no rumour (no `news`, no social graph): a strategy that
 * wins does so on what a liquidator on chain can see.
 */
export const LIQUIDATOR_ROLE: RoleSpec = {
  description: 'liquidates unhealthy positions and disposes of the seized collateral',
  views: ['lending.markets', 'amm.pools', 'oracles', 'funds', 'wallet'],
  topics: ['lending.price', 'lending.liquidation', 'amm.trade', 'oracle.update'],
  actions: ['lending.liquidate', 'amm.swap', 'fund.redeem'],
};
