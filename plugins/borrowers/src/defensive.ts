import { type Agent, type AgentContext, COLLATERAL_PRICES, HOUR, WALLET, agentKind, repay, supply, z } from '@paradox/sdk';
import { marketView, minUnits } from './common';

const config = z
  .object({
    market: z.string().default('RWA-lending'),
    /** Act when the health factor falls below this. */
    minHealthFactor: z.number().gt(1).default(1.2),
    /** ...and bring it back up to this. */
    targetHealthFactor: z.number().gt(1).default(1.5),
    /**
     * `repay`: repay debt from the wallet. `top-up`: supply more collateral from the wallet.
     * `repay-then-top-up`: repay what the wallet's debt tokens allow, top up the rest.
     */
    mode: z.enum(['repay', 'top-up', 'repay-then-top-up']).default('repay-then-top-up'),
    /** Also look every this many hours (interest accrues without price changes); 0 = only on price changes. */
    checkEveryHours: z.number().min(0).default(0),
    priorityFee: z.number().min(0).default(0),
  })
  .strict()
  .refine((c) => c.targetHealthFactor > c.minHealthFactor, { message: 'targetHealthFactor must be above minHealthFactor', path: ['targetHealthFactor'] });

export type DefensiveConfig = z.output<typeof config>;

/**
 * A borrower that defends its position: whenever the market's price moves (and, optionally, on
 * a schedule) it reads its health factor, and below `minHealthFactor` it repays debt or supplies
 * more collateral from its wallet, sized to bring the health factor back to `targetHealthFactor`.
 * It acts long before a liquidator can, as long as its wallet holds enough.
 */
export class DefensiveBorrower implements Agent {
  private inFlight = 0;
  private pending = false;

  constructor(private readonly config: DefensiveConfig) {}

  start(ctx: AgentContext): void {
    ctx.on(COLLATERAL_PRICES, (event) => {
      if (event.market !== this.config.market || this.pending) return;
      // A block of trades moves a spot-priced market many times: look once, after the last.
      this.pending = true;
      ctx.atEndOfInstant(() => {
        this.pending = false;
        this.check(ctx);
      }, 'its health check');
    });
    if (this.config.checkEveryHours > 0) ctx.every(this.config.checkEveryHours * HOUR, () => this.check(ctx));
  }

  private check(ctx: AgentContext): void {
    if (this.inFlight > 0) return;
    const cfg = this.config;
    const market = marketView(ctx, cfg.market);
    const account = market.myPosition();
    if (account.debt === 0n || !(account.healthFactor < cfg.minHealthFactor)) return;
    // HF = collateral value x LT / debt: the debt the target allows, and the collateral it needs.
    const lt = market.liquidationThreshold;
    const debtAllowed = (account.collateralValue * lt) / cfg.targetHealthFactor;
    const wallet = ctx.view(WALLET);
    const fee = { priorityFee: cfg.priorityFee };
    let repayUnits = 0n;
    if (cfg.mode !== 'top-up') {
      const need = market.units(market.debtToken, Math.max(0, account.debtAmount - debtAllowed));
      repayUnits = minUnits(need, wallet.balance(market.debtToken));
    }
    let topUpUnits = 0n;
    if (cfg.mode !== 'repay') {
      const debtLeft = account.debtAmount - Number(repayUnits) / Number(market.units(market.debtToken, 1));
      const collateralNeeded = (cfg.targetHealthFactor * debtLeft) / lt / market.price() - account.collateralAmount;
      if (collateralNeeded > 0) topUpUnits = minUnits(market.units(market.collateralToken, collateralNeeded), wallet.balance(market.collateralToken));
    }
    if (repayUnits === 0n && topUpUnits === 0n) {
      ctx.log('defensive.out-of-funds', { healthFactor: account.healthFactor });
      return;
    }
    ctx.log('defensive.act', { healthFactor: account.healthFactor, repay: Number(repayUnits), topUp: Number(topUpUnits) });
    let refused = false;
    const done = (result: { ok: boolean }) => {
      this.inFlight--;
      refused ||= !result.ok;
      // Prices may have moved while the transactions were pending: look again (after a refusal,
      // only at the next price change, so as not to retry every block).
      if (this.inFlight === 0 && !refused) this.check(ctx);
    };
    if (repayUnits > 0n) {
      this.inFlight++;
      ctx.submit(repay(cfg.market, repayUnits, fee), done);
    }
    if (topUpUnits > 0n) {
      this.inFlight++;
      ctx.submit(supply(cfg.market, market.collateralToken, topUpUnits, fee), done);
    }
  }
}

export const defensiveKind = agentKind({
  description: 'Repays or tops up collateral when its health factor falls below a threshold',
  config,
  create: (cfg) => new DefensiveBorrower(cfg),
});
