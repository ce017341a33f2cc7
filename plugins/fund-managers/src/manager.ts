import {
  type Agent,
  type AgentContext,
  DAY,
  FUNDS,
  FUND_NAV,
  FUND_REQUESTS,
  FUND_WINDOWS,
  type FundDetailView,
  agentKind,
  isFundDetail,
  markFund,
  resumeFund,
  setFundGate,
  suspendFund,
  z,
} from '@paradox/sdk';

const fraction = z.number().min(0).max(1);

/**
 * What the manager does with redemptions.
 * - `honour`: pay whatever the fund's cash (and what its assets release) allows; lifts any gate
 *   or suspension it finds.
 * - `queue`: pay only out of cash above a buffer (`cashBuffer` x NAV), never drawing on the
 *   assets; the rest waits its turn. Re-set before every window.
 * - `gate`: cap each window at `maxShareOfNav` of NAV while a trigger fires (the queue above
 *   `whenQueueAbove` of NAV, or cash below `whenCashBelow` of NAV); lift it when none does.
 * - `suspend`: suspend redemptions when a request takes the queue above `whenQueueAbove` of NAV;
 *   resume after `resumeAfterDays` (never, if omitted).
 */
const redemption = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('honour') }).strict(),
  z.object({ policy: z.literal('queue'), cashBuffer: fraction.default(0) }).strict(),
  z
    .object({
      policy: z.literal('gate'),
      maxShareOfNav: fraction.default(0.05),
      whenQueueAbove: fraction.nullable().default(0.1),
      whenCashBelow: fraction.nullable().default(null),
      /** Lift the gate when no trigger fires any more (default true). */
      lift: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      policy: z.literal('suspend'),
      whenQueueAbove: fraction.default(0.2),
      /** Suspend subscriptions too (default false: only redemptions). */
      subscriptionsToo: z.boolean().default(false),
      resumeAfterDays: z.number().positive().optional(),
    })
    .strict(),
]);

/**
 * How the manager marks the assets: at the model's value (`model`), or delaying every
 * write-down by `delayDays` ("extend and pretend"). Omitted: leave the fund's policy alone.
 */
const marking = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('model') }).strict(),
  z.object({ policy: z.literal('extend-and-pretend'), delayDays: z.number().min(0).default(90) }).strict(),
]);

const config = z
  .object({
    /** The fund managed; the agent's address must be the fund's manager. */
    fund: z.string(),
    redemption: redemption.default({ policy: 'honour' }),
    marking: marking.optional(),
  })
  .strict();

export type FundManagerConfig = z.output<typeof config>;

/**
 * A fund's manager. It watches its fund's queue, cash and NAV (requests, windows and re-marks,
 * each after its latency) and applies its redemption policy with the manager's actions
 * (`fund.set-gate`, `fund.suspend`, `fund.resume`); at the start it sets the mark policy.
 * Everything it decides is logged (`gate-engaged`, `gate-lifted`, `suspended`, `resumed`,
 * `payout-cap`) with what it saw.
 */
export class FundManager implements Agent {
  private pending = false;

  constructor(private readonly config: FundManagerConfig) {}

  start(ctx: AgentContext): void {
    const { fund } = this.config;
    ctx.schedule(0, () => {
      const marking = this.config.marking;
      if (marking) {
        ctx.submit(markFund(fund, { policy: marking.policy === 'model' ? { kind: 'model' } : { kind: 'delay-write-downs', days: marking.delayDays } }));
      }
      this.review(ctx, 'start');
    }, 'its first review');
    ctx.on(FUND_REQUESTS, (e) => e.fund === fund && e.change === 'requested' && e.kind === 'redemption' && this.soon(ctx, 'request'));
    ctx.on(FUND_WINDOWS, (e) => e.fund === fund && this.soon(ctx, 'window'));
    ctx.on(FUND_NAV, (e) => e.fund === fund && this.soon(ctx, 'nav'));
  }

  /** One review per instant, after everything that happened in it. */
  private soon(ctx: AgentContext, why: 'request' | 'window' | 'nav'): void {
    if (this.pending) return;
    this.pending = true;
    ctx.atEndOfInstant(() => {
      this.pending = false;
      this.review(ctx, why);
    }, 'its review of the fund');
  }

  private review(ctx: AgentContext, why: 'start' | 'request' | 'window' | 'nav'): void {
    const fund = ctx.view(FUNDS).get(this.config.fund);
    if (!isFundDetail(fund)) throw new Error(`fund-manager: no dealing fund "${this.config.fund}" in this world`);
    if (fund.manager !== ctx.identity.address) {
      throw new Error(`fund-manager: ${ctx.identity.address} is not the manager of fund "${fund.id}" (${fund.manager} is)`);
    }
    const policy = this.config.redemption;
    const nav = fund.nav();
    const queueShare = fund.queue().redemptionShareOfNav;
    const cashShare = nav > 0 ? fund.cash() / nav : 0;
    switch (policy.policy) {
      case 'honour': {
        if (fund.gate() !== null) ctx.submit(setFundGate(fund.id, null));
        if (fund.suspended().redemptions || fund.suspended().subscriptions) ctx.submit(resumeFund(fund.id));
        return;
      }
      case 'queue': {
        const cap = nav > 0 ? Math.min(1, Math.max(0, (fund.cash() - policy.cashBuffer * nav) / nav)) : 0;
        const current = fund.gate()?.maxShareOfNav;
        if (current === undefined || Math.abs(current - cap) > 1e-9) {
          ctx.log('payout-cap', { cap, cashShare });
          ctx.submit(setFundGate(fund.id, { maxShareOfNav: cap }));
        }
        return;
      }
      case 'gate': {
        const byQueue = policy.whenQueueAbove !== null && queueShare > policy.whenQueueAbove;
        const byCash = policy.whenCashBelow !== null && cashShare < policy.whenCashBelow;
        const gated = fund.gate() !== null;
        if ((byQueue || byCash) && !gated) {
          ctx.log('gate-engaged', { why, queueShare, cashShare, maxShareOfNav: policy.maxShareOfNav });
          ctx.submit(setFundGate(fund.id, { maxShareOfNav: policy.maxShareOfNav }));
        } else if (!byQueue && !byCash && gated && policy.lift) {
          ctx.log('gate-lifted', { why, queueShare, cashShare });
          ctx.submit(setFundGate(fund.id, null));
        }
        return;
      }
      case 'suspend': {
        // A run is seen in the requests themselves: windows that shrink the queue do not
        // re-trigger it, so a resumed fund pays its queue until new requests pile up.
        if (why !== 'request' && why !== 'start') return;
        if (fund.suspended().redemptions || queueShare <= policy.whenQueueAbove) return;
        ctx.log('suspended', { queueShare });
        ctx.submit(suspendFund(fund.id, { redemptions: true, subscriptions: policy.subscriptionsToo }));
        if (policy.resumeAfterDays !== undefined) {
          ctx.schedule(policy.resumeAfterDays * DAY, () => {
            ctx.log('resumed', { queueShare: this.queueShare(ctx) });
            ctx.submit(resumeFund(fund.id, { redemptions: true, subscriptions: policy.subscriptionsToo }));
          }, 'the end of its suspension');
        }
        return;
      }
    }
  }

  private queueShare(ctx: AgentContext): number {
    const fund = ctx.view(FUNDS).get(this.config.fund) as FundDetailView;
    return fund.queue().redemptionShareOfNav;
  }
}

export const managerKind = agentKind({
  description: "Runs a fund's redemption policy (honour, queue, gate, suspend) and its marking policy",
  config,
  create: (cfg) => new FundManager(cfg),
});
