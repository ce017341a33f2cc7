import { definePlugin } from '@paradox/sdk';
import { custodianKind } from './custodian';

export { CustodianAgent } from './custodian';
export type { CustodianConfig } from './custodian';

export default definePlugin({
  id: 'custodians',
  version: '0.1.0',
  description: 'Custodians: scheduled attestations, delayed breach disclosure, hazard-rate breaches',
  agents: { custodian: custodianKind },
});
