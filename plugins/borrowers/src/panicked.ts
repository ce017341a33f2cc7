import {
  type Agent,
  type AgentContext,
  BREACH_DISCLOSURES,
  COLLATERAL_PRICES,
  NEWS,
  WALLET,
  agentKind,
  repay,
  swap,
  withdraw,
  z,
} from '@paradox/sdk';
import { marketView, scaleUnits } from './common';

const config = z
  .object({
    market: z.string().default('RWA-lending'),
    /** News kinds that scare it (default: any news). */
    newsKinds: z.array(z.string()).optional(),
    /** Ignore news less credible than this. */
    minCredibility: z.number().min(0).max(1).default(0.5),
    /** Also panic when a custodian discloses a breach. */
    onBreachDisclosure: z.boolean().default(true),
    /** Panic when the market's collateral price falls this far below the highest it has seen (0.1 = 10%); 0 = never. */
    priceDrop: z.number().min(0).max(1).default(0.1),
    /**
     * What it does with collateral it gets back: `none` keeps it; `to-repay` sells it on `pool`
     * to repay the rest of its debt, round after round; `all` does that and then sells whatever
     * is left (a full exit).
     */
    sell: z.enum(['none', 'to-repay', 'all']).default('none'),
    pool: z.string().default('RWA/USD'),
    /** Withdraw this much less than the most the health factor allows (prices move while it waits). */
    withdrawMargin: z.number().min(0).max(1).default(0.01),
    /** At most this many repay-withdraw-sell rounds. */
    maxRounds: z.number().int().positive().default(10),
    priorityFee: z.number().min(0).default(0),
  })
  .strict();

export type PanickedConfig = z.output<typeof config>;

/**
 * A borrower that runs at the first bad news: a credible NEWS item, a disclosed custody breach,
 * or its market's price falling `priceDrop` below its peak. It then repays what its wallet
 * covers, withdraws all the collateral the health factor allows, and (with `sell`) sells it on
 * the AMM to repay more, until it owes nothing or has nothing left to move. Panicking once, it
 * stays out. Its sales are the fire sale that turns news into a price crash.
 */
export class PanickedBorrower implements Agent {
  private panicked = false;
  private peak = Number.NaN;
  private rounds = 0;

  constructor(private readonly config: PanickedConfig) {}

  start(ctx: AgentContext): void {
    const cfg = this.config;
    this.peak = marketView(ctx, cfg.market).price();
    ctx.on(NEWS, (news) => {
      if (news.credibility < cfg.minCredibility) return;
      if (cfg.newsKinds && !cfg.newsKinds.includes(news.kind)) return;
      this.panic(ctx, `news: ${news.headline}`);
    });
    if (cfg.onBreachDisclosure) ctx.on(BREACH_DISCLOSURES, (b) => this.panic(ctx, `custody breach at ${b.custodian}`));
    if (cfg.priceDrop > 0) {
      ctx.on(COLLATERAL_PRICES, (event) => {
        if (event.market !== cfg.market) return;
        if (!(event.price <= this.peak)) this.peak = event.price;
        else if (event.price < this.peak * (1 - cfg.priceDrop)) this.panic(ctx, `price ${event.price} is ${Math.round((1 - event.price / this.peak) * 1000) / 10}% below its peak`);
      });
    }
  }

  private panic(ctx: AgentContext, reason: string): void {
    if (this.panicked) return;
    this.panicked = true;
    ctx.log('borrower.panic', { reason });
    this.round(ctx);
  }

  /** Repay what the wallet covers, then withdraw. */
  private round(ctx: AgentContext): void {
    const cfg = this.config;
    const market = marketView(ctx, cfg.market);
    this.rounds++;
    if (market.myPosition().debt > 0n && ctx.view(WALLET).balance(market.debtToken) > 0n) {
      ctx.submit(repay(cfg.market, 'all', { priorityFee: cfg.priorityFee }), () => this.withdraw(ctx));
    } else this.withdraw(ctx);
  }

  private withdraw(ctx: AgentContext): void {
    const cfg = this.config;
    const market = marketView(ctx, cfg.market);
    const account = market.myPosition();
    const amount = account.debt === 0n ? 'all' : scaleUnits(account.withdrawableUnits, 1 - cfg.withdrawMargin);
    if (account.collateral === 0n || amount === 0n) return this.sell(ctx);
    ctx.submit(withdraw(cfg.market, market.collateralToken, amount, { priorityFee: cfg.priorityFee }), () => this.sell(ctx));
  }

  private sell(ctx: AgentContext): void {
    const cfg = this.config;
    if (cfg.sell === 'none') return this.done(ctx);
    const market = marketView(ctx, cfg.market);
    const held = ctx.view(WALLET).balance(market.collateralToken);
    const owes = market.myPosition().debt > 0n;
    if (held === 0n || (!owes && cfg.sell === 'to-repay')) return this.done(ctx);
    ctx.submit(swap(cfg.pool, market.collateralToken, held, { priorityFee: cfg.priorityFee }), (r) => {
      if (r.ok && owes && this.rounds < cfg.maxRounds) this.round(ctx);
      else this.done(ctx);
    });
  }

  private done(ctx: AgentContext): void {
    const account = marketView(ctx, this.config.market).myPosition();
    ctx.log('borrower.out', { rounds: this.rounds, collateral: account.collateralAmount, debt: account.debtAmount });
  }
}

export const panickedKind = agentKind({
  description: 'On bad news or a price drop, repays and withdraws everything it can (optionally selling collateral)',
  config,
  create: (cfg) => new PanickedBorrower(cfg),
});
