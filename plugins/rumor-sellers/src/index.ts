import { definePlugin } from '@paradox/sdk';
import { holderKind } from './holder';

export { RumorHolders } from './holder';
export type { HolderConfig } from './holder';

export default definePlugin({
  id: 'rumor-sellers',
  version: '0.1.0',
  description: 'Holders on a social graph who sell when a rumour reaches them and pass it on',
  agents: { holder: holderKind },
});
