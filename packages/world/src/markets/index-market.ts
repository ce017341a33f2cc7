import { INDEXES, INDEX_FLOWS, type IndexFlowEvent, type MintIndexAction, type RedeemIndexAction } from '@paradox/sdk';
import { RevertError } from '../errors';
import type { World } from '../world/world';
import type { IndexVault } from './index-vault';

/**
 * Places index vaults in the world: the on-chain actions `index.mint` (deposit the basket, mint
 * shares) and `index.redeem` (burn shares for the basket), the `index.vaults` view, and for each
 * mint or redemption an `index.flow` event (caused by whatever the sender reacted to) and the
 * series `index.supply.<id>` (whole shares outstanding). The vault checks everything before it
 * moves a token, so a refused call changes nothing.
 */
export function installIndexVaults(world: World, vaults: readonly IndexVault[]): void {
  const byId = new Map(vaults.map((v) => [v.id, v] as const));
  const vaultOf = (id: string): IndexVault => {
    const vault = byId.get(id);
    if (!vault) throw new RevertError(`unknown index "${id}"`);
    return vault;
  };
  const flow = (vault: IndexVault, account: string, kind: IndexFlowEvent['kind'], shares: bigint, amounts: readonly bigint[]) => {
    const { ledger, recorder, kernel } = world;
    const event: IndexFlowEvent = {
      index: vault.id,
      account,
      kind,
      shares: ledger.toNumber(vault.shareToken, shares),
      amounts: Object.fromEntries(vault.components.map((c, i) => [c.fund.shareToken, ledger.toNumber(c.fund.shareToken, amounts[i]!)])),
      navPerShare: vault.navPerShare(),
    };
    world.emit(INDEX_FLOWS.topic, account, event);
    recorder.point(kernel.now, `index.supply.${vault.id}`, ledger.toNumber(vault.shareToken, vault.totalShares()));
  };
  world.registerAction<MintIndexAction>(
    'index.mint',
    (sender, action) => {
      const vault = vaultOf(action.index);
      const amounts = vault.deposit(sender, action.shares);
      flow(vault, sender, 'mint', action.shares, amounts);
      return amounts;
    },
    { onChain: true },
  );
  world.registerAction<RedeemIndexAction>(
    'index.redeem',
    (sender, action) => {
      const vault = vaultOf(action.index);
      const amounts = vault.redeem(sender, action.shares);
      flow(vault, sender, 'redeem', action.shares, amounts);
      return amounts;
    },
    { onChain: true },
  );
  const views = new Map(vaults.map((v) => [v.id, v.view()] as const));
  world.registerView(INDEXES.view, () => views);
}
