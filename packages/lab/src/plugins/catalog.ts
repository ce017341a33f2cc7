import ammLps from '@paradox-plugins/amm-lps';
import arbitrageurs from '@paradox-plugins/arbitrageurs';
import borrowers from '@paradox-plugins/borrowers';
import custodians from '@paradox-plugins/custodians';
import fundManagers from '@paradox-plugins/fund-managers';
import gossip from '@paradox-plugins/gossip';
import liquidationBots from '@paradox-plugins/liquidation-bots';
import oracles from '@paradox-plugins/oracles';
import rumorSellers from '@paradox-plugins/rumor-sellers';
import type { Plugin } from '@paradox/sdk';

/** The plugins that ship with Paradox; scenario files may name these by id without loading them. */
export const BUILT_IN_PLUGINS: readonly Plugin[] = [ammLps, arbitrageurs, borrowers, custodians, fundManagers, gossip, liquidationBots, oracles, rumorSellers];
