import { z } from '@paradox/sdk';
import { distribution, duration } from './values';
import { fundNewsSchemas, fundSchema, initialFundNav } from './fund-schema';

const fraction = z.number().min(0).max(1);
const name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes');

/** A population of agents of one plugin kind sharing one config. */
export const populationSchema = z
  .object({
    /** The agent id when count is 1, else the prefix of `<id>-<i>`. */
    id: name,
    plugin: z.string().min(1),
    kind: z.string().min(1),
    count: z.number().int().min(1).default(1),
    /** Observation latency: how late this population sees every topic. */
    latency: duration.default(0),
    /** Tokens each agent starts with, in whole tokens (a number or a distribution). */
    holdings: z.record(z.string(), distribution).default({}),
    /** The plugin kind's config (validated against its schema). */
    config: z.record(z.string(), z.unknown()).default({}),
    /** A role (declared under `roles`) these agents play: a tournament entrant may play it instead. */
    role: name.optional(),
  })
  .strict();

/** A part tournament entrants may play, and what it may see and do (a missing list allows all). */
export const roleSchema = z
  .object({
    description: z.string(),
    /** View names the role may read, e.g. `lending.markets`. */
    views: z.array(z.string()).optional(),
    /** Topic names the role may observe, e.g. `lending.price`. */
    topics: z.array(z.string()).optional(),
    /** Action kinds the role may submit, e.g. `lending.liquidate`. */
    actions: z.array(z.string()).optional(),
  })
  .strict();

const at = { at: duration };

/** Exogenous news: what the scenario does to the world; never what the agents do. */
export const newsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rumor'),
      ...at,
      /** The population whose members hear it first, chosen at random. */
      to: name,
      /** How many hear it first; 0 switches the rumour off. */
      count: z.number().int().min(0),
      headline: z.string().default('the fund is marking down its loans'),
      credibility: fraction.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('announcement'),
      ...at,
      headline: z.string(),
      /** What kind of news it is for agents that filter (`default-wave`, `hurricane`, `gate`...). */
      topic: z.string().default('announcement'),
      credibility: fraction.default(1),
    })
    .strict(),
  ...fundNewsSchemas,
]);

const graphSchema = z.discriminatedUnion('graph', [
  z.object({ graph: z.literal('k-out'), population: name, k: z.number().int().min(1) }).strict(),
  z.object({ graph: z.literal('erdos-renyi'), population: name, p: fraction }).strict(),
  z.object({ graph: z.literal('barabasi-albert'), population: name, m: z.number().int().min(1) }).strict(),
  z.object({ graph: z.literal('watts-strogatz'), population: name, k: z.number().int().min(2), beta: fraction }).strict(),
  z.object({ graph: z.literal('random-regular'), population: name, d: z.number().int().min(1) }).strict(),
]);

export const lendingSchema = z
  .object({
    /**
     * How the market prices RWA collateral: the NAV oracle, the AMM, the lower of both, or NAV
     * less `haircut` (`haircut`, or `{ haircut: 0.1 }`).
     */
    pricing: z.union([z.enum(['nav', 'spot', 'min', 'haircut']), z.object({ haircut: fraction }).strict()]).default('nav'),
    /** The haircut applied with `pricing: haircut`. */
    haircut: fraction.default(0.1),
    /**
     * Pause liquidations (and new borrowing) while the AMM price is more than `divergence` away
     * from the NAV oracle's: the circuit breaker of the mitigations. 0 = no breaker.
     */
    circuitBreaker: z.object({ divergence: fraction }).strict().optional(),
    ltv: fraction,
    liquidationThreshold: fraction,
    liquidationBonus: z.number().min(0).max(0.5),
    /** Share of the debt one liquidation repays. */
    closeFactor: fraction.default(0.5),
    /** Aave V3.3's 100%-close and dust rules (HF < 0.95, $2,000 / $1,000); off = always closeFactor. */
    aaveCloseRules: z.boolean().default(true),
    /** Largest NAV change the oracle accepts per update (Ondo-style guard); 1 = none. */
    navMaxChangePerUpdate: fraction.default(1),
    /** Only these agents may liquidate (permissioned RWA markets): a list, or ids separated by commas ("" = anyone). */
    permissionedLiquidators: z.union([z.array(z.string()), z.string()]).optional(),
    positions: z
      .object({
        count: z.number().int().min(0),
        /** Collateral per position, whole RWA. */
        collateral: distribution,
        /** Debt as a share of collateral value at NAV 1.00. */
        ltv: distribution,
      })
      .strict(),
  })
  .strict()
  .refine((l) => l.liquidationThreshold >= l.ltv, { message: 'liquidationThreshold must be >= ltv', path: ['liquidationThreshold'] });

export const worldSchema = z
  .object({
    /** The AMM pool's initial reserves, whole tokens. */
    pool: z
      .object({
        rwa: z.number().positive(),
        usd: z.number().positive(),
        feeBps: z.number().int().min(0).max(10_000).optional(),
        /** Who provides the reserves: agent ids or populations (split evenly) with their shares; the rest is a setup account's. */
        providers: z.record(z.string(), fraction).optional(),
      })
      .strict(),
    /** The fund's fundamental NAV per share: [time, nav] points, linear between, flat outside (or a dealing `fund`). */
    nav: z.array(z.tuple([duration, z.number().positive()])).min(1).optional(),
    /** A fund that deals, instead of the scripted `nav`: its NAV comes from its cash and assets. */
    fund: fundSchema.optional(),
    lending: lendingSchema,
    social: graphSchema.optional(),
    blockTime: duration.default(12_000),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (!w.nav && !w.fund) ctx.addIssue({ code: 'custom', path: ['nav'], message: 'give the NAV path (nav) or a dealing fund (fund)' });
    if (w.nav && w.fund) ctx.addIssue({ code: 'custom', path: ['nav'], message: 'a dealing fund (world.fund) takes its NAV from its assets: drop nav' });
  })
  // With a fund, `nav` reads as its NAV per share at the start (what the positions are sized against).
  .transform((w) => ({ ...w, nav: w.nav ?? [[0, w.fund ? initialFundNav(w.fund) : 1] as [number, number]] }));

export const scenarioFileSchema = z
  .object({
    name,
    description: z.string(),
    /** Plugins beyond the built-in ones: npm package names or paths relative to this file. */
    plugins: z.array(z.string()).default([]),
    /** Named values the rest of the file may use in `=expressions`; `-p key=value` overrides them. */
    params: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
    horizon: duration,
    world: worldSchema,
    agents: z.array(populationSchema).min(1),
    news: z.array(newsSchema).default([]),
    /** Roles that tournament entrants may play (see `role` on an agent population). */
    roles: z.record(name, roleSchema).default({}),
  })
  .strict();

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type Population = z.output<typeof populationSchema>;
export type News = z.output<typeof newsSchema>;
