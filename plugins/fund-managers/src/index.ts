import { definePlugin } from '@paradox/sdk';
import { managerKind } from './manager';

export { FundManager } from './manager';
export type { FundManagerConfig } from './manager';

export default definePlugin({
  id: 'fund-managers',
  version: '0.1.0',
  description: "Fund managers: a fund's redemption policy (honour, queue, gate, suspend) and how it marks its assets",
  agents: { manager: managerKind },
});
