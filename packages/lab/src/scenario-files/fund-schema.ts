import { z } from '@paradox/sdk';
import { duration } from './values';

/**
 * The parts of a scenario file for the slow side of the paradox: a fund that deals (its assets,
 * its custodian) and the exogenous news that hits it or its rails (a default wave, a hurricane,
 * a custodian breach, a gate, a redemption wave, a stablecoin depeg). Kept apart from schema.ts
 * so that the lending and world sections there stay small.
 */

const fraction = z.number().min(0).max(1);
const name = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected lowercase letters, digits and dashes');
const path = z.array(z.tuple([duration, z.number().positive()])).min(1);

/** How often the fund deals: `daily`, `monthly`, `quarterly`, or a period like `14d`. */
export const dealingSchema = z.union([z.enum(['daily', 'monthly', 'quarterly']), duration]);

/** A private-credit loan book: `principal` split evenly over `loans` bullet loans of one grade. */
export const loanBookSchema = z
  .object({
    /** Total principal, whole USD (the book's value at the start). */
    principal: z.number().positive(),
    loans: z.number().int().min(1).default(100),
    /** Simple annual interest, collected monthly into the book's cash (part of NAV). */
    annualRate: z.number().min(0).max(1).default(0.1),
    /** Maturities spread evenly over [from, to] from the start. */
    maturity: z
      .object({ from: duration, to: duration })
      .strict()
      .refine((m) => m.from > 0 && m.to >= m.from, { message: 'expected 0 < from <= to', path: ['to'] })
      .default({ from: 180 * 86_400_000, to: 1_080 * 86_400_000 }),
    /** Annual probability of a credit event (a missed payment, never cured) per loan. */
    pd: fraction.default(0.03),
    /** Share of principal recovered after default. */
    recoveryRate: fraction.default(0.6),
    /** Asset correlation of the one-factor Gaussian copula (how much defaults cluster). */
    rho: fraction.default(0.15),
    /** Persistence of the systematic factor between monthly steps. */
    factorAutocorrelation: z.number().min(0).max(0.99).default(0),
    defaultAfterDays: z.number().int().min(1).default(90),
    /** Time from default to the recovery cash. */
    recoveryLag: duration.default(365 * 86_400_000),
  })
  .strict();

/** A building the fund owns: marked only at appraisals, so a hurricane reaches NAV late. */
export const propertySchema = z
  .object({
    /** Appraised (and true) value at the start, whole USD. */
    appraisedValue: z.number().positive(),
    /** Rent per month, whole USD, paid into the property's cash (part of NAV). */
    monthlyRent: z.number().min(0).default(0),
    /** Time between scheduled appraisals. */
    appraisalInterval: duration.default(91 * 86_400_000),
    annualGrowth: z.number().gt(-1).default(0),
    /** Share knocked off the mark while the title is challenged / frozen. */
    titleMarkdown: z.object({ challenged: fraction.default(0), frozen: fraction.default(0) }).strict().default({ challenged: 0, frozen: 0 }),
  })
  .strict();

/** A custodian holding title to all of the fund's assets, attesting on a schedule. */
export const custodySchema = z
  .object({
    /** The custodian's id: the `custodian` a custodians-plugin agent names. */
    id: name.default('custodian'),
    /** Agent ids that operate it: only they hear of a breach before it is disclosed. */
    operators: z.array(z.string().min(1)).min(1),
    attestationInterval: duration.default(30 * 86_400_000),
    grace: duration.default(0),
    /** Share of value a disclosed frozen share is still carried at in NAV (1: owned, just out of reach). */
    frozenMark: fraction.default(1),
  })
  .strict();

/**
 * A fund that deals (subscriptions and redemptions at NAV on its dealing dates), instead of a
 * scripted NAV path. Its NAV per share is (cash + assets) / shares; its shares start with its
 * off-chain investors of record, and every RWA token in the world (pool, positions, holdings)
 * comes out of them. A manager agent (fund-managers plugin, id `fund-manager`) may gate it.
 */
export const fundSchema = z
  .object({
    /** Shares at the start, whole. */
    shares: z.number().positive(),
    /** Cash at the start, whole USD: what pays redemptions before the assets must. */
    cash: z.number().min(0).default(0),
    dealing: dealingSchema.default('monthly'),
    /** A redemption is eligible at the first dealing date at least this long after the request. */
    redemptionNotice: duration.default(0),
    redemptionFee: z.number().min(0).lt(1).default(0),
    subscriptionFee: z.number().min(0).lt(1).default(0),
    queuePolicy: z.enum(['fifo', 'pro-rata']).default('fifo'),
    /** A gate from the start: at most this share of NAV paid per window. */
    gate: fraction.optional(),
    /** Illiquid assets marked along a path: `value` whole USD times `path` (a multiplier, 1 at the start). */
    portfolio: z.object({ value: z.number().positive(), path: path.default([[0, 1]]) }).strict().optional(),
    loanBook: loanBookSchema.optional(),
    property: propertySchema.optional(),
    custody: custodySchema.optional(),
  })
  .strict();

export type FundSection = z.output<typeof fundSchema>;

/** The fund's NAV per share at the start, from its section (assets at their first marks). */
export function initialFundNav(fund: FundSection): number {
  const portfolio = fund.portfolio ? fund.portfolio.value * fund.portfolio.path[0]![1] : 0;
  return (fund.cash + portfolio + (fund.loanBook?.principal ?? 0) + (fund.property?.appraisedValue ?? 0)) / fund.shares;
}

const at = { at: duration };

/** The news kinds that act on the fund and its rails (the union in schema.ts lists them all). */
export const fundNewsSchemas = [
  z
    .object({
      kind: z.literal('default-wave'),
      ...at,
      /** Force the loan book's systematic factor (e.g. -2.5, a 1-in-160 bad month) for the steps it covers. */
      systematicZ: z.number().optional(),
      /** Multiply the loans' default probabilities for the steps it covers. */
      pdMultiplier: z.number().min(1).optional(),
      /** How long it lasts: every monthly step overlapping [at, at + duration], and always the first. */
      duration: duration.default(0),
      headline: z.string().default('defaults are rising in the loan book'),
      credibility: fraction.default(1),
      /** Publish it on the `news` topic (false: only the loan book knows, until its NAV shows it). */
      publish: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('hurricane'),
      ...at,
      /** The building's true value is multiplied by this while the damage lasts. */
      valueFactor: z.number().gt(0).max(1),
      /** Rent is multiplied by this while it lasts (0: no rent). */
      rentFactor: fraction.default(1),
      /** How long the damage lasts (omit: for good). */
      duration: duration.optional(),
      /** Value after repairs, as a multiplier (1: fully repaired). */
      residualValueFactor: z.number().gt(0).max(1).default(1),
      /** Appraise at once (otherwise NAV learns at the next scheduled appraisal). */
      appraise: z.boolean().default(false),
      headline: z.string().default('a hurricane hits the building'),
      credibility: fraction.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('custodian-breach'),
      ...at,
      /** Shares of the fund's assets frozen (out of reach) and lost. */
      frozenShare: fraction.default(0),
      lostShare: fraction.default(0),
      /** Also put the building's title in question from now on. */
      title: z.enum(['challenged', 'frozen']).optional(),
      /** The freeze is settled this long after the breach (omit: never), `recoveredShare` of it coming back. */
      resolveAfter: duration.optional(),
      recoveredShare: fraction.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('gate'),
      ...at,
      /** Largest share of NAV paid per dealing window; null lifts a gate. */
      maxShareOfNav: fraction.nullable(),
      headline: z.string().default('the fund gates redemptions'),
      credibility: fraction.default(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('redemption'),
      ...at,
      /** Share of the fund's shares its off-chain investors of record ask back (what they still hold, at most). */
      share: fraction,
    })
    .strict(),
  z
    .object({
      kind: z.literal('depeg'),
      ...at,
      /** The stablecoin's lowest dollar price. */
      low: z.number().gt(0).max(1),
      /** From 1.00 to `low`. */
      fall: duration.default(6 * 3_600_000),
      /** At `low`. */
      hold: duration.default(0),
      /** Back at 1.00 this long after `at` (linear from the end of `hold`). */
      recoverBy: duration.default(72 * 3_600_000),
      /** The peg feed writes a new answer when the price moves this much (Chainlink-style deviation), checked every 5 minutes. */
      deviation: z.number().gt(0).lt(1).default(0.0025),
      headline: z.string().default('the stablecoin has lost its peg'),
      credibility: fraction.default(1),
    })
    .strict()
    .refine((d) => d.recoverBy >= d.fall + d.hold, { message: 'recoverBy must be >= fall + hold', path: ['recoverBy'] }),
] as const;
