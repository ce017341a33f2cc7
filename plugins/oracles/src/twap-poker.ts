import { type Agent, type AgentContext, MINUTE, agentKind, pokeOracle, z } from '@paradox/sdk';

const config = z
  .object({
    /** The TWAP feed to update. */
    feed: z.string(),
    /** Minutes between pokes (at least the feed's period, or pokes revert). */
    everyMinutes: z.number().positive().default(60),
  })
  .strict();

export type TwapPokerConfig = z.output<typeof config>;

/** Keeps a TWAP feed fresh by poking it on a schedule (anyone may; someone has to). */
export class TwapPoker implements Agent {
  constructor(private readonly settings: TwapPokerConfig) {}

  start(ctx: AgentContext): void {
    ctx.every(this.settings.everyMinutes * MINUTE, () => ctx.submit(pokeOracle(this.settings.feed)));
  }
}

export const twapPokerKind = agentKind({
  description: 'Updates a TWAP feed on a fixed schedule',
  config,
  create: (cfg) => new TwapPoker(cfg),
});
