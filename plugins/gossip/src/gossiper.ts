import { type Agent, type AgentContext, HOUR, agentKind, defineTopic, z } from '@paradox/sdk';

/** Published by the scenario when news breaks; delivered to every gossiper after its latency. */
export const NEWS = defineTopic<{ readonly headline: string }>('news');

const config = z.object({
  /** Ids of the agents this one talks to. */
  friends: z.array(z.string()).default([]),
  /** Probability of passing the news to each friend. */
  passProbability: z.number().min(0).max(1).default(0.5),
  /** Mean delay before a friend hears it, in hours (exponentially distributed). */
  meanDelayHours: z.number().positive().default(2),
  /** Whether this agent reads the news itself (the seeds of the cascade). */
  readsNews: z.boolean().default(false),
});

export type GossiperConfig = z.output<typeof config>;

/**
 * Hears news (from the news topic or a friend), logs that it heard it once, and passes it on
 * to each friend with some probability after an exponential delay.
 */
export class Gossiper implements Agent {
  private heard = false;

  constructor(private readonly config: GossiperConfig) {}

  start(ctx: AgentContext): void {
    if (this.config.readsNews) ctx.on(NEWS, (news) => this.hear(ctx, news.headline));
    ctx.subscribe(ctx.inbox<string>(), (message) => this.hear(ctx, message.body));
  }

  private hear(ctx: AgentContext, headline: string): void {
    if (this.heard) return;
    this.heard = true;
    ctx.log('heard', { headline });
    for (const friend of this.config.friends) {
      if (ctx.rng.bernoulli(this.config.passProbability)) {
        ctx.send(friend, headline, Math.round(ctx.rng.exponential(this.config.meanDelayHours * HOUR)));
      }
    }
  }
}

export const gossiperKind = agentKind({
  description: 'Passes news to friends with a probability, after an exponential delay',
  config,
  create: (cfg) => new Gossiper(cfg),
});
