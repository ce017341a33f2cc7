import {
  type Agent,
  type AgentContext,
  type BreachNotice,
  CUSTODY,
  type CustodianView,
  DAY,
  type DirectMessage,
  HOUR,
  agentKind,
  attest,
  discloseBreach,
  sufferBreach,
  z,
} from '@paradox/sdk';

const YEAR = 365 * DAY;

const config = z
  .object({
    /** The custodian this agent runs (its id in the world's `custody` view). */
    custodian: z.string(),
    /** Days between attestations (default: the custodian's own attestation interval). */
    attestEveryDays: z.number().positive().optional(),
    /** First attestation, days after the start (default: one period). */
    firstAttestDay: z.number().min(0).optional(),
    /**
     * `honest`: attest what is truly there. `conceal`: while a breach is undisclosed, keep
     * attesting the amounts of the last attestation (a custodian hiding a hole).
     */
    attestation: z.enum(['honest', 'conceal']).default('honest'),
    /** Disclose a breach this many hours after it happens (after the custodian learns of it). */
    disclosureDelayHours: z.number().min(0).default(72),
    /** Never disclose (the world learns only from late or dishonest attestations). */
    neverDisclose: z.boolean().default(false),
    /**
     * Breaches drawn by the agent itself: a Poisson process of `breachesPerYear` from its own
     * random stream, each freezing and losing these shares of the listed assets (default all),
     * at most `maxBreaches` times. For scenarios that want breaches as a hazard, not a script.
     */
    hazard: z
      .object({
        breachesPerYear: z.number().positive(),
        frozenShare: z.number().min(0).max(1).default(0),
        lostShare: z.number().min(0).max(1).default(0.1),
        assetIds: z.array(z.string()).optional(),
        maxBreaches: z.number().int().positive().default(1),
      })
      .strict()
      .optional(),
  })
  .strict();

export type CustodianConfig = z.output<typeof config>;

/**
 * A custodian's operator. It attests reserves on a schedule (honestly, or concealing a hole
 * while it is undisclosed), learns of a breach at once (a private notice from the world), and
 * discloses it `disclosureDelayHours` later: the gap in which the token trades on stale trust.
 * With `hazard`, it draws its own breaches as a Poisson process.
 */
export class CustodianAgent implements Agent {
  private breachesDrawn = 0;

  constructor(private readonly config: CustodianConfig) {}

  start(ctx: AgentContext): void {
    const custodian = this.custodian(ctx);
    if (!custodian.isOperator()) throw new Error(`agent ${ctx.identity.id} is not an operator of custodian "${this.config.custodian}"`);
    const period = this.config.attestEveryDays === undefined ? custodian.attestationIntervalMs : Math.round(this.config.attestEveryDays * DAY);
    const first = this.config.firstAttestDay === undefined ? period : Math.round(this.config.firstAttestDay * DAY);
    ctx.every(period, () => this.attest(ctx), first);
    if (this.config.hazard) this.scheduleHazard(ctx);
  }

  onMessage(message: DirectMessage<BreachNotice>, ctx: AgentContext): void {
    const notice = message.body;
    if (notice.kind !== 'custody.breach' || notice.custodian !== this.config.custodian) return;
    ctx.log('custodian.breach-known', { breach: notice.breach, lostShare: notice.lostShare, frozenShare: notice.frozenShare });
    if (this.config.neverDisclose) return;
    const at = notice.atMs + this.config.disclosureDelayHours * HOUR;
    ctx.schedule(Math.max(0, at - ctx.now()), () => ctx.submit(discloseBreach(this.config.custodian, notice.breach)), 'a breach disclosure');
  }

  private attest(ctx: AgentContext): void {
    const custodian = this.custodian(ctx);
    if (this.config.attestation === 'conceal' && custodian.undisclosedBreaches().length > 0) {
      for (const asset of custodian.assets()) {
        const options = asset.attestedAmount === null ? { assetId: asset.assetId } : { assetId: asset.assetId, amount: asset.attestedAmount };
        ctx.submit(attest(this.config.custodian, options));
      }
      return;
    }
    ctx.submit(attest(this.config.custodian));
  }

  private scheduleHazard(ctx: AgentContext): void {
    const hazard = this.config.hazard!;
    if (this.breachesDrawn >= hazard.maxBreaches) return;
    const wait = Math.round(ctx.rng.exponential(YEAR / hazard.breachesPerYear));
    ctx.schedule(wait, () => {
      this.breachesDrawn++;
      ctx.submit(
        sufferBreach(this.config.custodian, {
          frozenShare: hazard.frozenShare,
          lostShare: hazard.lostShare,
          ...(hazard.assetIds ? { assetIds: hazard.assetIds } : {}),
        }),
        (result) => {
          if (!result.ok) ctx.log('custodian.hazard-refused', { reason: result.reason });
        },
      );
      this.scheduleHazard(ctx);
    }, 'its next breach');
  }

  private custodian(ctx: AgentContext): CustodianView {
    const custodian = ctx.view(CUSTODY).get(this.config.custodian);
    if (!custodian) throw new Error(`no custodian "${this.config.custodian}" in this world`);
    return custodian;
  }
}

export const custodianKind = agentKind({
  description: 'Attests reserves on a schedule and discloses breaches after a delay (optionally drawing breaches as a hazard)',
  config,
  create: (cfg) => new CustodianAgent(cfg),
});
