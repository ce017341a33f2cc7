import {
  type Agent,
  type AgentContext,
  type DirectMessage,
  MINUTE,
  NEWS,
  type Rumor,
  SOCIAL_GRAPH,
  WALLET,
  LENDING_MARKETS,
  agentKind,
  redeemFromFund,
  swap,
  withdraw,
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
    /**
     * How a holder gets out: `sell` on the pool, `redeem` at the fund (at NAV, at its next
     * dealing date, if it is open), or `withdraw` what it supplied to a lending market.
     */
    reaction: z.enum(['sell', 'redeem', 'withdraw']).default('sell'),
    /** The fund to redeem from (`reaction: redeem`). */
    fund: z.string().default('fund'),
    /** The lending market to withdraw from (`reaction: withdraw`). */
    market: z.string().default('RWA-lending'),
    /**
     * Belief: each credible rumour heard raises the holder's belief that it is true to
     * 1 - prod(1 - credibility); it acts (and passes the rumour on) once belief reaches this.
     * 0 acts on the first credible rumour.
     */
    beliefThreshold: z.number().min(0).max(1).default(0),
    /**
     * Attention: how long after hearing a holder gets round to acting, drawn once per holder
     * uniformly in [min, max] minutes (some look every minute, some once a day). 0 = at once.
     */
    attentionMinutes: z
      .object({ min: z.number().min(0), max: z.number().min(0) })
      .refine((a) => a.min <= a.max, 'min must be <= max')
      .default({ min: 0, max: 0 }),
  })
  .strict();

export type HolderConfig = z.output<typeof config>;

/**
 * Holders on a social graph. The first time a holder hears a credible rumour it may sell part
 * of its holding on the AMM, then passes the rumour to each neighbour with some probability
 * after an exponential delay. It does not know which neighbours already know: a rumour
 * reaching an informed holder changes nothing. The sale is decided before the passing on.
 *
 * One object is the policy of every holder placed with the same config: what differs per
 * holder (whether it knows, its belief) sits in arrays indexed by the holder's index in its
 * placement (`ctx.identity.index`), and everything else it needs is in its context. An object
 * per holder cost 48 bytes each (48 MB at a million) and a cache miss per rumour it heard.
 */
export class RumorHolders implements Agent {
  /** Per holder: {@link CLAIMED} once placed, {@link INFORMED} once it knows. */
  private state = new Uint8Array(16);
  /** Per holder, when beliefs are kept: 1 - prod(1 - credibility) of the rumours it heard. */
  private belief: Float64Array | undefined;

  constructor(private readonly config: HolderConfig) {}

  /**
   * Takes holder `index` into this group; false if the index is taken (placed twice with one
   * config object: that holder then needs a group of its own).
   */
  claim(index: number): boolean {
    if (index >= this.state.length) this.state = grown(this.state, index);
    if ((this.state[index]! & CLAIMED) !== 0) return false;
    this.state[index] = CLAIMED;
    return true;
  }

  onMessage(message: DirectMessage<Rumor>, ctx: AgentContext): void {
    // (An informed holder ignores messages: see hear.)
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
    const i = ctx.identity.index;
    if ((this.state[i]! & INFORMED) !== 0 || rumor.credibility < this.config.minCredibility) return;
    // With no threshold the first credible rumour convinces (credibility >= minCredibility >= 0
    // keeps belief >= 0), and belief is never read again: a million holders skip storing it.
    if (this.config.beliefThreshold > 0) {
      const beliefs = this.beliefs(i);
      const belief = 1 - (1 - beliefs[i]!) * (1 - rumor.credibility);
      beliefs[i] = belief;
      if (belief < this.config.beliefThreshold) {
        ctx.log('doubting', { belief, hops: rumor.hops });
        return;
      }
    }
    this.state[i]! |= INFORMED;
    // Nothing it hears from now on changes what it does (the "rumor" news it reads, if any,
    // comes by topic, not message).
    ctx.ignoreMessages();
    const { min, max } = this.config.attentionMinutes;
    if (max > 0) ctx.schedule(ctx.rng.uniform(min, max) * MINUTE, () => this.act(ctx, rumor), 'its reaction to a rumour');
    else this.act(ctx, rumor);
  }

  private beliefs(index: number): Float64Array {
    if (this.belief === undefined) this.belief = new Float64Array(this.state.length);
    if (index >= this.belief.length) this.belief = grown(this.belief, index);
    return this.belief;
  }

  /** Decides, gets out (sale first), then passes the rumour on. */
  private act(ctx: AgentContext, rumor: Rumor): void {
    const { rng } = ctx;
    const sells = rng.bernoulli(this.config.sellProbability);
    const fraction = rng.uniform(this.config.sellFraction.min, this.config.sellFraction.max);
    ctx.log('informed', { hops: rumor.hops, sells });
    if (sells) this.getOut(ctx, fraction);
    const passed = passedOn(rumor);
    const meanDelay = this.config.meanPassDelayMinutes * MINUTE;
    const graph = ctx.view(SOCIAL_GRAPH);
    const handles = graph.neighbourHandles?.(ctx.identity.id);
    if (handles !== undefined) {
      // (the same neighbours in the same order, so the same draws: by handle, no lookup by name)
      for (let i = 0; i < handles.length; i++) {
        if (rng.bernoulli(this.config.passProbability)) ctx.sendTo(handles[i]!, passed, Math.round(rng.exponential(meanDelay)));
      }
      return;
    }
    for (const neighbour of graph.neighbours(ctx.identity.id)) {
      if (rng.bernoulli(this.config.passProbability)) ctx.send(neighbour, passed, Math.round(rng.exponential(meanDelay)));
    }
  }

  private getOut(ctx: AgentContext, fraction: number): void {
    const scaled = BigInt(Math.floor(fraction * 1e9));
    if (this.config.reaction === 'withdraw') {
      // What it supplied, as far as its own debt allows (a holder that also borrowed keeps HF >= 1).
      const account = ctx.view(LENDING_MARKETS).get(this.config.market)?.myPosition();
      const amount = account ? (account.withdrawableUnits * scaled) / 1_000_000_000n : 0n;
      if (amount > 0n) ctx.submit(withdraw(this.config.market, this.config.token, amount));
      return;
    }
    const amount = (ctx.view(WALLET).balance(this.config.token) * scaled) / 1_000_000_000n;
    if (amount <= 0n) return;
    if (this.config.reaction === 'redeem') ctx.submit(redeemFromFund(this.config.fund, amount));
    else ctx.submit(swap(this.config.pool, this.config.token, amount));
  }
}

/**
 * The rumour one hop further. Every holder who heard the same message body passes on the same
 * thing, so they share one body (message bodies are read-only): a cascade through a million
 * holders allocates one per hop, not one per holder.
 */
const nextHop = new WeakMap<Rumor, Rumor>();

function passedOn(rumor: Rumor): Rumor {
  let passed = nextHop.get(rumor);
  if (passed === undefined) {
    passed = { ...rumor, hops: rumor.hops + 1 };
    nextHop.set(rumor, passed);
  }
  return passed;
}

const CLAIMED = 1;
const INFORMED = 2;

/** `array` copied into one at least twice as long that has room for `index`. */
function grown<A extends Uint8Array | Float64Array>(array: A, index: number): A {
  const bigger = new (array.constructor as new (length: number) => A)(Math.max(2 * array.length, index + 1));
  bigger.set(array);
  return bigger;
}

/** The group of holders of each config object (a population's members share theirs). */
const groups = new WeakMap<HolderConfig, RumorHolders>();

export const holderKind = agentKind({
  description: 'Sells on the first credible rumour with a probability, then passes it to neighbours',
  config,
  create: (cfg, identity) => {
    const group = groups.get(cfg);
    if (group !== undefined && group.claim(identity.index)) return group;
    const own = new RumorHolders(cfg);
    own.claim(identity.index);
    if (group === undefined) groups.set(cfg, own);
    return own;
  },
});
