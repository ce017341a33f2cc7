import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type RandomStream } from '@paradox/engine';
import { ConfigError, type Plugin, type Rumor, loadPlugin, parseWithPaths } from '@paradox/sdk';
import { DivergenceBreaker, SocialNetwork, barabasiAlbert, erdosRenyi, kOut, randomRegular, wattsStrogatz, type SocialGraph } from '@paradox/world';
import { CascadeMetrics } from '../metrics/cascade-metrics';
import { BUILT_IN_PLUGINS } from '../plugins/catalog';
import type { RunContext, Scenario } from '../run/scenario';
import { NAV_FEED, POOL, RWA, buildRwaLendingWorld, type RwaLendingWorld } from '../worlds/rwa-lending-world';
import { evaluateExpressions } from './expressions';
import { scenarioFileSchema, type News, type Population, type ScenarioFile } from './schema';
import { draw } from './values';
import { type FundNews, fundIssues, isFundNews, poolProviders, prepareFund, usesFundFeatures } from './fund-world';

/** The params of a file scenario: its `params` with overrides applied. */
export type FileParams = Record<string, number | string | boolean>;

/**
 * Reads a scenario file (YAML) into a Scenario. Everything is validated before any run: the
 * file's shape (paths in messages, e.g. `world.lending.ltv: too big: expected number to be
 * <=1, got 1.2`), every expression, every plugin and every agent config.
 */
export function loadScenarioFile(path: string): Scenario<FileParams> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError([`${path}: ${(error as Error).message}`]);
  }
  return scenarioFromObject(raw, dirname(path));
}

/**
 * The same from an already parsed object (tests, notebooks); `baseDir` resolves plugin paths.
 * Expressions are evaluated when params are parsed, not here, so listing scenarios stays cheap
 * (mathjs loads only when a run needs it).
 */
export function scenarioFromObject(raw: unknown, baseDir = process.cwd()): Scenario<FileParams> {
  if (raw === null || typeof raw !== 'object') throw new ConfigError(['(root): expected a mapping (a YAML object)']);
  const header = parseWithPaths(headerSchema, raw, '');
  const defaults = header.params;
  const resolve = (params: FileParams): ScenarioFile => parseWithPaths(scenarioFileSchema, evaluateExpressions(raw, params), '');
  const plugins = [...BUILT_IN_PLUGINS, ...header.plugins.map((spec) => loadPlugin(spec, baseDir))];

  return {
    name: header.name,
    description: header.description,
    plugins,
    roles: header.roles,
    parseParams(overrides) {
      const unknown = Object.keys(overrides).filter((k) => !(k in defaults));
      if (unknown.length > 0) {
        const known = Object.keys(defaults).join(', ') || 'none';
        throw new ConfigError(unknown.map((k) => `params.${k}: unknown param (this scenario has: ${known})`));
      }
      const params = { ...defaults, ...(overrides as FileParams) };
      // Refuse bad values before the run, with their paths.
      checkAgents(resolve(params), plugins);
      return params;
    },
    horizonMs: (params) => resolve(params).horizon,
    build: (run, params) => buildFromFile(run, resolve(params)),
  };
}

/** What listing a scenario needs, read without evaluating anything. */
const headerSchema = scenarioFileSchema.pick({ name: true, description: true, params: true, plugins: true, roles: true }).passthrough();

function checkAgents(file: ScenarioFile, plugins: readonly Plugin[]): void {
  const byId = new Map(plugins.map((p) => [p.id, p] as const));
  const issues: string[] = [];
  file.agents.forEach((a, i) => {
    const plugin = byId.get(a.plugin);
    if (!plugin) {
      issues.push(`agents[${i}].plugin: unknown plugin "${a.plugin}" (available: ${[...byId.keys()].sort().join(', ')})`);
      return;
    }
    try {
      plugin.parseConfig(a.kind, a.config, `agents[${i}].config`);
    } catch (error) {
      issues.push(...(error instanceof ConfigError ? error.issues : [`agents[${i}]: ${(error as Error).message}`]));
    }
  });
  file.agents.forEach((a, i) => {
    if (a.role !== undefined && !(a.role in file.roles)) {
      issues.push(`agents[${i}].role: no role "${a.role}" under roles (declared: ${Object.keys(file.roles).join(', ') || 'none'})`);
    }
  });
  const populations = new Set(file.agents.map((a) => a.id));
  file.news.forEach((n, i) => {
    if (n.kind === 'rumor' && !populations.has(n.to)) issues.push(`news[${i}].to: no agent population "${n.to}"`);
  });
  if (file.world.social && !populations.has(file.world.social.population)) {
    issues.push(`world.social.population: no agent population "${file.world.social.population}"`);
  }
  issues.push(...fundIssues(file, new Set(file.agents.flatMap(populationIds))));
  if (issues.length > 0) throw new ConfigError(issues);
}

function buildFromFile(run: RunContext, file: ScenarioFile) {
  const lending = file.world.lending;
  const positionsRng = run.seeds.stream('scenario/positions');
  const positions = Array.from({ length: lending.positions.count }, () => {
    const collateral = draw(lending.positions.collateral, positionsRng);
    return { collateral, debt: collateral * draw(lending.positions.ltv, positionsRng) };
  });
  checkPositionsFit(file, positions);
  const bps = (x: number) => Math.round(x * 10_000);
  const permissioned = typeof lending.permissionedLiquidators === 'string'
    ? lending.permissionedLiquidators.split(',').map((id) => id.trim()).filter((id) => id.length > 0)
    : lending.permissionedLiquidators;
  // The breaker reads the world it guards, which exists only once built; while the positions
  // are opened at t = 0 (before that) there is nothing to diverge from.
  let built: RwaLendingWorld | undefined;
  const guard = lending.circuitBreaker && lending.circuitBreaker.divergence > 0
    ? new DivergenceBreaker({
        marketPrice: () => toBase(built ? built.amm.spotPrice() : 1),
        navPrice: () => toBase(built ? built.oracles.price(NAV_FEED) : 1),
        threshold: lending.circuitBreaker.divergence,
      })
    : undefined;
  // A dealing fund, custody, a depeg: built only for files that use them.
  const fundPieces = usesFundFeatures(file) ? prepareFund(run, file) : undefined;
  // Each population's ids, numbered in one block of the run's names (computed on lookup, not
  // stored in a map) before anything uses them.
  const ids = new Map<string, string[]>();
  for (const population of file.agents) {
    ids.set(population.id, population.count === 1 ? [population.id] : run.bus.names.numbered(`${population.id}-`, population.count));
  }
  const providers = poolProviders(file, (population) => ids.get(population.id)!);
  const w = buildRwaLendingWorld(run, {
    pool: { rwa: file.world.pool.rwa, usd: file.world.pool.usd, ...(file.world.pool.feeBps === undefined ? {} : { feeBps: file.world.pool.feeBps }), ...(providers ? { providers } : {}) },
    ...(fundPieces?.fund ? { fund: fundPieces.fund } : { navPath: file.world.nav }),
    ...(fundPieces?.peg ? { peg: true } : {}),
    pricing: lending.pricing === 'haircut' ? { haircut: lending.haircut } : lending.pricing,
    ltv: bps(lending.ltv),
    liquidationThreshold: bps(lending.liquidationThreshold),
    liquidationBonus: 10_000 + bps(lending.liquidationBonus),
    liquidationRules: lending.aaveCloseRules
      ? { closeFactor: BigInt(bps(lending.closeFactor)) }
      : { closeFactor: BigInt(bps(lending.closeFactor)), fullLiquidationHealthFactor: 0n, fullLiquidationBelowBase: 0n, minLeftoverBase: 0n },
    navMaxChangeBps: bps(lending.navMaxChangePerUpdate),
    positions,
    blockTimeMs: file.world.blockTime,
    ...(permissioned && permissioned.length > 0 ? { permissionedLiquidators: permissioned } : {}),
    ...(guard ? { guard } : {}),
  });
  built = w;
  const borrowCapacity = (lending.ltv * initialLendingPrice(file)) / file.world.nav[0]![1];
  const initialCollateral = positions.reduce((sum, p) => sum + p.collateral, 0);
  const initialDebt = positions.reduce((sum, p) => sum + p.debt, 0);

  const stress = fundPieces?.install(w, file.agents.filter((a) => a.plugin === 'arbitrageurs').flatMap((a) => ids.get(a.id)!));
  for (const population of file.agents) giveHoldings(w, population, ids.get(population.id)!, run.seeds.stream(`scenario/holdings/${population.id}`));
  if (file.world.social) {
    const members = ids.get(file.world.social.population)!;
    new SocialNetwork(buildGraph(file.world.social, members.length, run.seeds.stream('scenario/graph')), members).install(w.world);
  }
  file.agents.forEach((population, i) => {
    run.placePopulation({
      plugin: population.plugin,
      kind: population.kind,
      ids: ids.get(population.id)!,
      config: population.config,
      latencyMs: population.latency,
      path: `agents[${i}]`,
      ...(population.role ? { role: population.role } : {}),
    });
  });
  file.news.forEach((news, i) => (isFundNews(news) ? fundPieces!.schedule(news, i) : scheduleNews(run, news, ids, i)));

  const reachPopulation = file.world.social?.population;
  const metrics = new CascadeMetrics(run.recorder, {
    pool: POOL,
    asset: RWA,
    // The slow oracle the market is compared with, whatever the lending market reads.
    oracle: NAV_FEED,
    nav: () => w.fund.navPerShare(),
    holderPrefix: reachPopulation ? `${reachPopulation}-` : '\u0000',
    holders: reachPopulation ? ids.get(reachPopulation)!.length : 0,
  });
  metrics.setInitialOraclePrice(w.fund.navPerShare());
  return {
    summary() {
      const audit = w.world.ledger.audit() ?? w.amm.audit();
      if (audit) throw new Error(`conservation broken at the end of the run: ${audit}`);
      const price = w.amm.spotPrice();
      return {
        amm_price_final: price,
        nav_final: w.fund.navPerShare(),
        bad_debt: w.badDebtAt(price),
        // What the market lends per unit of collateral (at NAV 1.00): the cost side of stricter standards.
        capital_efficiency: initialCollateral > 0 ? initialDebt / initialCollateral : null,
        // The most it would lend per unit of collateral value at NAV, at the start: ltv x its price / NAV.
        borrow_capacity: borrowCapacity,
        bad_debt_share: initialDebt > 0 ? w.badDebtAt(price) / initialDebt : null,
        // The same with the collateral marked at the fund's final NAV instead of the final AMM
        // price: what is left if the market's price is a fire sale and the NAV is right.
        bad_debt_share_at_nav: initialDebt > 0 ? w.badDebtAt(w.fund.navPerShare()) / initialDebt : null,
        ...metrics.summary(),
        ...stress?.summary(),
      };
    },
  };
}

function populationIds(population: Population): string[] {
  if (population.count === 1) return [population.id];
  return Array.from({ length: population.count }, (_, i) => `${population.id}-${i}`);
}

function giveHoldings(w: RwaLendingWorld, population: Population, ids: readonly string[], rng: RandomStream): void {
  for (const [token, amount] of Object.entries(population.holdings)) {
    for (const id of ids) {
      const whole = draw(amount, rng);
      if (whole <= 0) continue;
      if (token === 'RWA') w.giveRwa(id, whole);
      else if (token === 'USD') w.giveUsd(id, whole);
      else throw new ConfigError([`agents.${population.id}.holdings.${token}: unknown token (this world has RWA and USD)`]);
    }
  }
}

function buildGraph(spec: NonNullable<ScenarioFile['world']['social']>, n: number, rng: RandomStream): SocialGraph {
  switch (spec.graph) {
    case 'k-out':
      return kOut(n, spec.k, rng);
    case 'erdos-renyi':
      return erdosRenyi(n, spec.p, rng);
    case 'barabasi-albert':
      return barabasiAlbert(n, spec.m, rng);
    case 'watts-strogatz':
      return wattsStrogatz(n, spec.k, spec.beta, rng);
    case 'random-regular':
      return randomRegular(n, spec.d, rng);
  }
}

function scheduleNews(run: RunContext, news: Exclude<News, FundNews>, ids: ReadonlyMap<string, string[]>, index: number): void {
  const label = `news[${index}] (${news.kind})`;
  if (news.kind === 'rumor') {
    if (news.count === 0) return;
    const members = ids.get(news.to)!;
    const chosen = run.seeds.stream(`scenario/news/${index}`).sampleIndices(members.length, Math.min(news.count, members.length));
    run.kernel.scheduleAt(news.at, () => {
      run.kernel.cause = run.recorder.event(run.kernel.now, 'news', 'scenario', 0, { kind: 'rumor', headline: news.headline, informed: chosen.length });
      const rumor: Rumor = { kind: 'rumor', about: news.headline, source: 'scenario', credibility: news.credibility, startedAtMs: run.kernel.now, hops: 0 };
      for (const i of chosen) run.bus.send('news', members[i]!, rumor);
    }, null, { label, owner: undefined });
    return;
  }
  run.kernel.scheduleAt(news.at, () => {
    run.kernel.cause = run.recorder.event(run.kernel.now, 'news', 'scenario', 0, { kind: news.topic, headline: news.headline });
    run.bus.publish('news', { kind: news.topic, headline: news.headline, credibility: news.credibility });
  }, null, { label, owner: undefined });
}

/** A whole-token price as Aave's base currency (8 decimals). */
function toBase(price: number): bigint {
  return Number.isFinite(price) ? BigInt(Math.round(price * 1e8)) : 0n;
}

/** The price the lending market gives the token at t = 0 (before anything trades). */
function initialLendingPrice(file: ScenarioFile): number {
  const lending = file.world.lending;
  const nav = file.world.nav[0]![1];
  const spot = file.world.pool.usd / file.world.pool.rwa;
  const pricing = lending.pricing;
  return pricing === 'nav' ? nav
    : pricing === 'spot' ? spot
    : pricing === 'min' ? Math.min(nav, spot)
    : nav * (1 - (pricing === 'haircut' ? lending.haircut : pricing.haircut));
}

/**
 * Positions are opened by borrowing at t = 0 at the market's own price: one that asks for more
 * than `ltv` of its collateral's value there (a haircut or a low AMM price lowers it) cannot be
 * opened. Say so with the path, rather than with the pool's revert reason.
 */
function checkPositionsFit(file: ScenarioFile, positions: readonly { collateral: number; debt: number }[]): void {
  const lending = file.world.lending;
  const price = initialLendingPrice(file);
  const worst = Math.max(0, ...positions.map((p) => p.debt / p.collateral));
  if (worst > lending.ltv * price * (1 - 1e-9)) {
    throw new ConfigError([
      `world.lending.positions.ltv: a position borrows ${worst.toFixed(4)} of its collateral's NAV, but the market lends at most ltv x price = ${lending.ltv} x ${price.toFixed(4)} = ${(lending.ltv * price).toFixed(4)} at t = 0`,
    ]);
  }
}
