import { definePlugin } from '@paradox/sdk';
import { botKind } from './bot';

export { LiquidationBot } from './bot';
export type { BotConfig } from './bot';

export default definePlugin({
  id: 'liquidation-bots',
  version: '0.1.0',
  description: 'Liquidation bots: greedy or profit-aware, racing on priority fees',
  agents: { bot: botKind },
});
