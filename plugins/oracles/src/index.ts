import { definePlugin } from '@paradox/sdk';
import { chainlinkKeeperKind } from './chainlink-keeper';
import { navReporterKind } from './nav-reporter';
import { twapPokerKind } from './twap-poker';

export { NavReporter } from './nav-reporter';
export type { NavReporterConfig } from './nav-reporter';
export { ChainlinkKeeper } from './chainlink-keeper';
export type { ChainlinkKeeperConfig } from './chainlink-keeper';
export { TwapPoker } from './twap-poker';

export default definePlugin({
  id: 'oracles',
  version: '0.1.0',
  description: 'Oracle reporters: scheduled NAV pushes (with faulty variants), a Chainlink-style keeper, a TWAP poker',
  agents: { 'nav-reporter': navReporterKind, 'chainlink-keeper': chainlinkKeeperKind, 'twap-poker': twapPokerKind },
});
