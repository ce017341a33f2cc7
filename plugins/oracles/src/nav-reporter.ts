import { type Agent, type AgentContext, DAY, FUNDS, HOUR, agentKind, pushPrice, z } from '@paradox/sdk';

const config = z
  .object({
    /** Oracle feed to write. */
    feed: z.string(),
    /** Fund whose NAV per share is reported. */
    fund: z.string(),
    /** Days between reports (30 = monthly NAV). */
    periodDays: z.number().positive().default(30),
    /** First report, days after the start. */
    firstDay: z.number().min(0).default(0),
    /** Lag between the NAV being struck and it reaching chain, in hours. */
    lagHours: z.number().min(0).default(0),
    /**
     * `honest`: report the NAV. `frozen`: stop reporting after `faultAfterDays`. `stale`: keep
     * reporting the NAV of the last report before `faultAfterDays`. `wrong`: report NAV x `wrongFactor`
     * after `faultAfterDays`.
     */
    mode: z.enum(['honest', 'frozen', 'stale', 'wrong']).default('honest'),
    faultAfterDays: z.number().min(0).default(Infinity),
    wrongFactor: z.number().positive().default(1),
  })
  .strict();

export type NavReporterConfig = z.output<typeof config>;

/**
 * The fund administrator's NAV push: on its schedule (and only then) it strikes the fund's NAV
 * per share and, after a lag, writes it to the oracle feed. This is the slow clock reaching
 * chain; between reports the feed is stale by design. Faulty modes model the oracle failures
 * the research asks about.
 */
export class NavReporter implements Agent {
  private lastReported = Number.NaN;

  constructor(private readonly config: NavReporterConfig) {}

  start(ctx: AgentContext): void {
    const { periodDays, firstDay } = this.config;
    ctx.every(periodDays * DAY, () => this.strike(ctx), firstDay * DAY);
  }

  private strike(ctx: AgentContext): void {
    const fund = ctx.view(FUNDS).get(this.config.fund);
    if (!fund) throw new Error(`no fund "${this.config.fund}" in this world`);
    const faulty = ctx.now() >= this.config.faultAfterDays * DAY;
    let nav = fund.navPerShare();
    if (faulty) {
      if (this.config.mode === 'frozen') return;
      if (this.config.mode === 'stale' && !Number.isNaN(this.lastReported)) nav = this.lastReported;
      if (this.config.mode === 'wrong') nav *= this.config.wrongFactor;
    }
    this.lastReported = nav;
    ctx.log('nav-struck', { nav });
    const report = () => ctx.submit(pushPrice(this.config.feed, nav));
    if (this.config.lagHours > 0) ctx.schedule(this.config.lagHours * HOUR, report, 'a NAV report');
    else report();
  }
}

export const navReporterKind = agentKind({
  description: 'Pushes the fund NAV per share to a NAV feed on a fixed schedule (optionally lagged or faulty)',
  config,
  create: (cfg) => new NavReporter(cfg),
});
