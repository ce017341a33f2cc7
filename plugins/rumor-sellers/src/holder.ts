import {
  type Agent,
  type AgentContext,
  type DirectMessage,
  MINUTE,
  NEWS,
  type Rumor,
  SOCIAL_GRAPH,
  WALLET,
  agentKind,
  swap,
  z,
} from '@paradox/sdk';

const config = z
  .object({
    /** Pool to sell on and the token held. */
    pool: z.string().default('RWA/USD'),
    token: z.string().default('RWA'),
    /** Probability of selling when first informed. */
    sellProbability: z.number().min(0).max(1).default(0.6),
    /** Fraction of the holding sold, drawn uniformly from [min, max]. */
    sellFraction: z
      .object({ min: z.number().min(0).max(1), max: z.number().min(0).max(1) })
      .refine((f) => f.min <= f.max, 'min must be <= max')
      .default({ min: 0.5, max: 1 }),
    /** Probability of passing the rumour to each neighbour. */
    passProbability: z.number().min(0).max(1).default(0.3),
    /** Mean delay before a neighbour hears it (exponential), in minutes. */
    meanPassDelayMinutes: z.number().positive().default(120),
    /** Ignore rumours less credible than this. */
    minCredibility: z.number().min(0).max(1).default(0),
    /** Also listen to public news of kind "rumor" (scenario seeds), besides direct messages. */
    readsNews: z.boolean().default(false),
  })
  .strict();

export type HolderConfig = z.output<typeof config>;

/**
 * A holder on a social graph. The first time it hears a credible rumour it may sell part of
 * its holding on the AMM, then passes the rumour to each neighbour with some probability after
 * an exponential delay. It does not know which neighbours already know: a rumour reaching an
 * informed holder changes nothing. The sale is decided before the passing on.
 */
export class RumorHolder implements Agent {
  private informed = false;

  constructor(private readonly config: HolderConfig) {}

  onMessage(message: DirectMessage<Rumor>, ctx: AgentContext): void {
    if (message.body.kind === 'rumor') this.hear(ctx, message.body);
  }

  start(ctx: AgentContext): void {
    if (this.config.readsNews) {
      ctx.on(NEWS, (news) => {
        if (news.kind === 'rumor') {
          this.hear(ctx, { kind: 'rumor', about: news.headline, source: 'news', credibility: news.credibility, startedAtMs: ctx.now(), hops: 0 });
        }
      });
    }
  }

  private hear(ctx: AgentContext, rumor: Rumor): void {
    if (this.informed || rumor.credibility < this.config.minCredibility) return;
    this.informed = true;
    const { rng } = ctx;
    const sells = rng.bernoulli(this.config.sellProbability);
    const fraction = rng.uniform(this.config.sellFraction.min, this.config.sellFraction.max);
    ctx.log('informed', { hops: rumor.hops, sells });
    if (sells) {
      const balance = ctx.view(WALLET).balance(this.config.token);
      const amount = (balance * BigInt(Math.floor(fraction * 1e9))) / 1_000_000_000n;
      if (amount > 0n) ctx.submit(swap(this.config.pool, this.config.token, amount));
    }
    const passed: Rumor = { ...rumor, hops: rumor.hops + 1 };
    const meanDelay = this.config.meanPassDelayMinutes * MINUTE;
    for (const neighbour of ctx.view(SOCIAL_GRAPH).neighbours(ctx.identity.id)) {
      if (rng.bernoulli(this.config.passProbability)) ctx.send(neighbour, passed, Math.round(rng.exponential(meanDelay)));
    }
  }
}

export const holderKind = agentKind({
  description: 'Sells on the first credible rumour with a probability, then passes it to neighbours',
  config,
  create: (cfg) => new RumorHolder(cfg),
});
