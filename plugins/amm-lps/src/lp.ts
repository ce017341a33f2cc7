import {
  type Agent,
  type AgentContext,
  AMM_POOLS,
  type AmmPoolView,
  FUNDS,
  HOUR,
  MINUTE,
  ORACLES,
  ORACLE_UPDATES,
  TRADES,
  type TradeEvent,
  WALLET,
  addLiquidity,
  agentKind,
  removeLiquidity,
  z,
} from '@paradox/sdk';

const config = z
  .object({
    /** Pool to provide liquidity to. */
    pool: z.string().default('RWA/USD'),
    /**
     * `passive`: stays in whatever happens. `volatility`: leaves when the realised volatility of
     * the pool price over `windowHours` exceeds `maxVolatility`. `toxic-flow`: leaves when the net
     * one-directional flow over `windowHours` exceeds `maxFlowShare` of the pool's base reserve.
     * `nav-departure`: leaves when |AMM price / NAV - 1| exceeds `maxDeparture`.
     */
    strategy: z.enum(['passive', 'volatility', 'toxic-flow', 'nav-departure']).default('passive'),
    /**
     * At start, deposit what the wallet holds of both pool tokens (`wallet`, the default; a
     * wallet holding only LP tokens deposits nothing), nothing (`none`), or these whole-token
     * amounts (at the pool's ratio: what does not fit stays in the wallet).
     */
    deposit: z.union([z.enum(['wallet', 'none']), z.object({ base: z.number().min(0), quote: z.number().min(0) }).strict()]).default('wallet'),
    /** The trailing window of the volatility and toxic-flow triggers, hours. */
    windowHours: z.number().positive().default(24),
    /** Volatility trigger: sqrt of the sum of squared log price changes over the window (0.05 = 5%). */
    maxVolatility: z.number().positive().default(0.05),
    /** Toxic-flow trigger: |base sold into the pool - base bought from it| over the window / base reserve. */
    maxFlowShare: z.number().positive().default(0.1),
    /** NAV-departure trigger: where NAV comes from (a fund's NAV per share, or an oracle feed). */
    nav: z.union([z.object({ fund: z.string() }).strict(), z.object({ oracle: z.string() }).strict()]).default({ fund: 'fund' }),
    maxDeparture: z.number().positive().default(0.05),
    /** NAV-departure: also compare every this many minutes (NAV moves without trades); 0 = only on trades and oracle updates. */
    checkEveryMinutes: z.number().min(0).default(60),
    /** Share of its LP tokens withdrawn when the trigger fires. */
    exitShare: z.number().gt(0).max(1).default(1),
    /** Come back (deposit the wallet again) once the trigger has not been seen for this long, hours. */
    calmHours: z.number().positive().default(72),
    /** Never come back after leaving. */
    oneWay: z.boolean().default(false),
    priorityFee: z.number().min(0).default(0),
  })
  .strict();

export type LpConfig = z.output<typeof config>;

type State = 'in' | 'leaving' | 'out' | 'entering';

/**
 * A liquidity provider on an AMM pool. The passive one stays. The others watch the pool (and,
 * for `nav-departure`, the NAV) and withdraw when their trigger fires: the first observation at
 * which the metric exceeds its threshold sends one `amm.remove-liquidity`. Out of the pool they
 * keep watching, and once the trigger has not been seen for `calmHours` they deposit what their
 * wallet holds again. Their exit is what thins the pool before a crash.
 */
export class LiquidityProvider implements Agent {
  private state: State = 'out';
  /** Trades in the trailing window: time, squared log return, signed base flow into the pool. */
  private readonly window: { t: number; r2: number; flow: number }[] = [];
  private lastPrice = Number.NaN;
  private lastTriggerMs = Number.NEGATIVE_INFINITY;
  private calmCheck: { cancel(): void } | undefined;

  constructor(private readonly config: LpConfig) {}

  start(ctx: AgentContext): void {
    const pool = this.pool(ctx);
    this.lastPrice = pool.spotPrice();
    this.state = pool.myPosition().liquidity > 0n ? 'in' : 'out';
    const { deposit } = this.config;
    if (deposit !== 'none') {
      const wallet = ctx.view(WALLET);
      const base = deposit === 'wallet' ? wallet.balance(pool.base) : pool.units(pool.base, deposit.base);
      const quote = deposit === 'wallet' ? wallet.balance(pool.quote) : pool.units(pool.quote, deposit.quote);
      if (base > 0n && quote > 0n) this.enter(ctx, base, quote, 'deposit');
    }
    if (this.config.strategy === 'passive') return;
    ctx.on(TRADES, (trade) => {
      if (trade.pool === this.config.pool) this.onTrade(ctx, trade);
    });
    if (this.config.strategy === 'nav-departure') {
      const nav = this.config.nav;
      if ('oracle' in nav) {
        ctx.on(ORACLE_UPDATES, (update) => {
          if (update.feed === nav.oracle) this.evaluate(ctx);
        });
      }
      if (this.config.checkEveryMinutes > 0) ctx.every(this.config.checkEveryMinutes * MINUTE, () => this.evaluate(ctx));
    }
  }

  /** The trigger's metric now, and whether it exceeds the threshold. */
  metric(ctx: AgentContext): { value: number; fired: boolean } {
    const cfg = this.config;
    if (cfg.strategy === 'volatility') {
      this.prune(ctx.now());
      let sum = 0;
      for (const w of this.window) sum += w.r2;
      const value = Math.sqrt(sum);
      return { value, fired: value > cfg.maxVolatility };
    }
    if (cfg.strategy === 'toxic-flow') {
      this.prune(ctx.now());
      let net = 0;
      for (const w of this.window) net += w.flow;
      const pool = this.pool(ctx);
      const reserve = Number(pool.reserves().base) / Number(pool.units(pool.base, 1));
      const value = reserve > 0 ? Math.abs(net) / reserve : Infinity;
      return { value, fired: value > cfg.maxFlowShare };
    }
    if (cfg.strategy === 'nav-departure') {
      const nav = this.nav(ctx);
      const value = nav > 0 ? Math.abs(this.pool(ctx).spotPrice() / nav - 1) : Number.NaN;
      return { value, fired: value > cfg.maxDeparture };
    }
    return { value: 0, fired: false };
  }

  private onTrade(ctx: AgentContext, trade: TradeEvent): void {
    const pool = this.pool(ctx);
    const r = Math.log(trade.priceAfter / this.lastPrice);
    this.lastPrice = trade.priceAfter;
    const flow = trade.tokenIn === pool.base ? trade.amountIn : -trade.amountOut;
    this.window.push({ t: ctx.now(), r2: r * r, flow });
    this.evaluate(ctx);
  }

  private evaluate(ctx: AgentContext): void {
    const { value, fired } = this.metric(ctx);
    if (!fired) return;
    this.lastTriggerMs = ctx.now();
    if (this.state === 'in') this.leave(ctx, value);
    else if (this.state === 'out' || this.state === 'leaving') this.scheduleCalmCheck(ctx);
  }

  private leave(ctx: AgentContext, value: number): void {
    const held = this.pool(ctx).myPosition().liquidity;
    if (held === 0n) {
      this.state = 'out';
      return;
    }
    const amount = this.config.exitShare >= 1 ? 'all' : (held * BigInt(Math.round(this.config.exitShare * 1e6))) / 1_000_000n;
    ctx.log('lp.exit', { strategy: this.config.strategy, metric: value });
    this.state = 'leaving';
    ctx.submit(removeLiquidity(this.config.pool, amount, { priorityFee: this.config.priorityFee }), (result) => {
      this.state = result.ok ? 'out' : 'in';
      if (result.ok) this.scheduleCalmCheck(ctx);
    });
  }

  private scheduleCalmCheck(ctx: AgentContext): void {
    if (this.config.oneWay) return;
    this.calmCheck?.cancel();
    const at = this.lastTriggerMs + this.config.calmHours * HOUR;
    this.calmCheck = ctx.schedule(Math.max(0, at - ctx.now()), () => this.calmOver(ctx), 'the end of its calm period');
  }

  private calmOver(ctx: AgentContext): void {
    this.calmCheck = undefined;
    if (this.state !== 'out') return;
    if (this.metric(ctx).fired) {
      this.lastTriggerMs = ctx.now();
      this.scheduleCalmCheck(ctx);
      return;
    }
    const pool = this.pool(ctx);
    const wallet = ctx.view(WALLET);
    const base = wallet.balance(pool.base);
    const quote = wallet.balance(pool.quote);
    if (base > 0n && quote > 0n) this.enter(ctx, base, quote, 'return');
  }

  private enter(ctx: AgentContext, base: bigint, quote: bigint, why: 'deposit' | 'return'): void {
    if (why === 'return') ctx.log('lp.return', { strategy: this.config.strategy, calmHours: this.config.calmHours });
    const before = this.state;
    this.state = 'entering';
    ctx.submit(addLiquidity(this.config.pool, base, quote, { priorityFee: this.config.priorityFee }), (result) => {
      this.state = result.ok ? 'in' : before === 'in' ? 'in' : 'out';
    });
  }

  private prune(now: number): void {
    const from = now - this.config.windowHours * HOUR;
    let drop = 0;
    while (drop < this.window.length && this.window[drop]!.t <= from) drop++;
    if (drop > 0) this.window.splice(0, drop);
  }

  private nav(ctx: AgentContext): number {
    const nav = this.config.nav;
    if ('fund' in nav) {
      const fund = ctx.view(FUNDS).get(nav.fund);
      if (!fund) throw new Error(`no fund "${nav.fund}" in this world`);
      return fund.navPerShare();
    }
    const feed = ctx.view(ORACLES).get(nav.oracle);
    if (!feed) throw new Error(`no oracle feed "${nav.oracle}" in this world`);
    return feed.price();
  }

  private pool(ctx: AgentContext): AmmPoolView {
    const pool = ctx.view(AMM_POOLS).get(this.config.pool);
    if (!pool) throw new Error(`no pool "${this.config.pool}" in this world`);
    return pool;
  }
}

export const lpKind = agentKind({
  description: 'Provides AMM liquidity; passive, or withdraws on volatility, toxic flow or a departure from NAV and returns after calm',
  config,
  create: (cfg) => new LiquidityProvider(cfg),
});
