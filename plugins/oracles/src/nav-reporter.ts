import { type Agent, type AgentContext, DAY, FUNDS, HOUR, agentKind, pushPrice, z } from '@paradox/sdk';

const target = z.object({ feed: z.string(), fund: z.string() }).strict();

const config = z
  .object({
    /** Oracle feed to write (with `fund`; or list several in `feeds`). */
    feed: z.string().optional(),
    /** Fund whose NAV per share is reported into `feed`. */
    fund: z.string().optional(),
    /**
     * Several feeds, one per fund, all struck by this one reporter on its one schedule: one oracle
     * network behind many "independent" prices (written in this order, after `feed`).
     */
    feeds: z.array(target).optional(),
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
    /** The feeds the fault strikes (default: every feed it writes); the others stay honest. */
    faultyFeeds: z.array(z.string()).optional(),
  })
  .strict()
  .refine((c) => (c.feed === undefined) === (c.fund === undefined), { message: 'give feed and fund together', path: ['fund'] })
  .refine((c) => c.feed !== undefined || (c.feeds !== undefined && c.feeds.length > 0), { message: 'give feed and fund, or a non-empty feeds list', path: ['feeds'] });

export type NavReporterConfig = z.output<typeof config>;

/**
 * The fund administrator's NAV push: on its schedule (and only then) it strikes the fund's NAV
 * per share and, after a lag, writes it to the oracle feed. This is the slow clock reaching
 * chain; between reports the feed is stale by design. Faulty modes model the oracle failures
 * the research asks about. With `feeds` it strikes several funds at once into their own feeds:
 * a shared oracle network, whose one schedule and one fault reach every price it writes.
 */
export class NavReporter implements Agent {
  private readonly lastReported = new Map<string, number>();
  private readonly targets: readonly { readonly feed: string; readonly fund: string }[];

  constructor(private readonly config: NavReporterConfig) {
    const single = config.feed !== undefined && config.fund !== undefined ? [{ feed: config.feed, fund: config.fund }] : [];
    this.targets = [...single, ...(config.feeds ?? [])];
  }

  start(ctx: AgentContext): void {
    const { periodDays, firstDay } = this.config;
    ctx.every(periodDays * DAY, () => this.strike(ctx), firstDay * DAY);
  }

  private strike(ctx: AgentContext): void {
    const faultStarted = ctx.now() >= this.config.faultAfterDays * DAY;
    const reports: { feed: string; nav: number }[] = [];
    for (const { feed, fund: fundId } of this.targets) {
      const fund = ctx.view(FUNDS).get(fundId);
      if (!fund) throw new Error(`no fund "${fundId}" in this world`);
      const faulty = faultStarted && (this.config.faultyFeeds === undefined || this.config.faultyFeeds.includes(feed));
      let nav = fund.navPerShare();
      if (faulty) {
        if (this.config.mode === 'frozen') continue;
        const last = this.lastReported.get(feed);
        if (this.config.mode === 'stale' && last !== undefined) nav = last;
        if (this.config.mode === 'wrong') nav *= this.config.wrongFactor;
      }
      this.lastReported.set(feed, nav);
      reports.push({ feed, nav });
    }
    if (reports.length === 0) return;
    // One feed keeps the log line it always had; several log one line per strike.
    if (this.targets.length === 1) ctx.log('nav-struck', { nav: reports[0]!.nav });
    else ctx.log('nav-struck', { navs: Object.fromEntries(reports.map((r) => [r.feed, r.nav])) });
    const report = () => {
      for (const r of reports) ctx.submit(pushPrice(r.feed, r.nav));
    };
    if (this.config.lagHours > 0) ctx.schedule(this.config.lagHours * HOUR, report, 'a NAV report');
    else report();
  }
}

export const navReporterKind = agentKind({
  description: 'Pushes fund NAVs per share to NAV feeds (one or several) on a fixed schedule (optionally lagged or faulty)',
  config,
  create: (cfg) => new NavReporter(cfg),
});
