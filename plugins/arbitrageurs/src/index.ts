import { definePlugin } from '@paradox/sdk';
import { ammAmmKind } from './amm-amm';
import { indexArbKind } from './index-arb';
import { mintRedeemKind } from './mint-redeem';

export { MintRedeemArbitrageur } from './mint-redeem';
export type { MintRedeemConfig } from './mint-redeem';
export { AmmArbitrageur } from './amm-amm';
export type { AmmAmmConfig } from './amm-amm';
export { IndexArbitrageur } from './index-arb';
export type { IndexArbConfig } from './index-arb';

export default definePlugin({
  id: 'arbitrageurs',
  version: '0.1.0',
  description: "Arbitrageurs: mint and redeem at the fund against the AMM (while the fund is open), AMM against AMM, and an index's basket against its AMM",
  agents: { 'mint-redeem': mintRedeemKind, 'amm-amm': ammAmmKind, 'index': indexArbKind },
});
