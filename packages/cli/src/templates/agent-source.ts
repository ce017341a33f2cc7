import type { PluginTemplateSpec } from './plugin-template-spec';

/**
 * `src/dip-buyer.ts` of a scaffolded plugin: one agent kind, with a zod config and a behaviour
 * that observes a topic, reads views and submits an action. Small enough to read in a minute and
 * to replace with your own strategy (docs/tutorial-liquidation-strategy.md does exactly that).
 */
export function agentSource(_spec: PluginTemplateSpec): string {
  return `import {
  type Agent,
  type AgentContext,
  AMM_POOLS,
  MINUTE,
  ORACLES,
  TRADES,
  WALLET,
  agentKind,
  swap,
  z,
} from '@paradox/sdk';

/** The agent's settings. Defaults here are the documented defaults; bad values fail with their path. */
const config = z
  .object({
    /** The AMM pool to watch and buy on, e.g. "RWA/USD" (its base token is what is bought). */
    pool: z.string().min(1),
    /** The oracle feed whose price the agent takes as fair value, e.g. "RWA-NAV". */
    oracle: z.string().min(1),
    /** Buy once the pool's price is at least this far below the oracle's (0.05 = 5%). */
    discount: z.number().gt(0).lt(1).default(0.05),
    /** Share of the agent's quote-token balance spent on one purchase. */
    spendShare: z.number().gt(0).max(1).default(0.25),
    /** Minutes to wait after a purchase before the next one. */
    cooldownMinutes: z.number().min(0).default(60),
  })
  .strict();

export type DipBuyerConfig = z.output<typeof config>;

/**
 * Buys the dip: after a trade on its pool it compares the pool's price with the oracle's and,
 * when the pool trades at a discount, spends part of its cash on the pool's base token. One
 * purchase at a time, then a cooldown. It sees trades after its observation latency and acts
 * only through a swap, like every agent.
 */
export class DipBuyer implements Agent {
  private busy = false;
  private readyAtMs = 0;

  constructor(private readonly config: DipBuyerConfig) {}

  start(ctx: AgentContext): void {
    ctx.on(TRADES, (trade) => {
      if (trade.pool === this.config.pool && trade.trader !== ctx.identity.address) this.consider(ctx);
    });
  }

  private consider(ctx: AgentContext): void {
    if (this.busy || ctx.now() < this.readyAtMs) return;
    const pool = ctx.view(AMM_POOLS).get(this.config.pool);
    const fair = ctx.view(ORACLES).get(this.config.oracle)?.price() ?? Number.NaN;
    if (!pool || !(fair > 0)) return;
    const price = pool.spotPrice();
    if (price > fair * (1 - this.config.discount)) return;
    const cash = ctx.view(WALLET).balance(pool.quote);
    const spend = (cash * BigInt(Math.round(this.config.spendShare * 1_000_000))) / 1_000_000n;
    if (spend <= 0n) return;
    this.busy = true;
    ctx.log('buy-the-dip', { pool: pool.id, price, fair });
    ctx.submit(swap(pool.id, pool.quote, spend), (result) => {
      this.busy = false;
      if (result.ok) this.readyAtMs = result.atMs + this.config.cooldownMinutes * MINUTE;
    });
  }
}

export const dipBuyerKind = agentKind({
  description: 'Buys on an AMM when its price falls a given discount below an oracle price',
  config,
  create: (cfg) => new DipBuyer(cfg),
});
`;
}
