import { definePlugin } from '@paradox/sdk';
import { gossiperKind } from './gossiper';

export { Gossiper, NEWS } from './gossiper';
export type { GossiperConfig } from './gossiper';

export default definePlugin({
  id: 'gossip',
  version: '0.1.0',
  description: 'Gossiping agents on a social graph (demo and tutorial plugin)',
  agents: { gossiper: gossiperKind },
});
