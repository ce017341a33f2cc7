import { definePlugin } from '@paradox/sdk';
import { navReporterKind } from './nav-reporter';

export { NavReporter } from './nav-reporter';
export type { NavReporterConfig } from './nav-reporter';

export default definePlugin({
  id: 'oracles',
  version: '0.1.0',
  description: 'Oracle reporters: scheduled NAV pushes, with faulty variants',
  agents: { 'nav-reporter': navReporterKind },
});
