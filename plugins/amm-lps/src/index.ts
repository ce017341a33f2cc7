import { definePlugin } from '@paradox/sdk';
import { lpKind } from './lp';

export { LiquidityProvider } from './lp';
export type { LpConfig } from './lp';

export default definePlugin({
  id: 'amm-lps',
  version: '0.1.0',
  description: 'AMM liquidity providers: passive, or leaving on volatility, toxic flow or a departure from NAV',
  agents: { lp: lpKind },
});
