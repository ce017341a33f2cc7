import type { RandomStream } from '@paradox/engine';
import { z } from '@paradox/sdk';

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A duration: a number of milliseconds, or a string like `90d`, `12h`, `30m`, `1.5h`, `250ms`.
 * Returned in integer milliseconds.
 */
export const duration = z.union([
  z.number().min(0),
  z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d|w)$/, 'expected a duration like 90d, 12h, 30m or 15s'),
]).transform((v) => {
  if (typeof v === 'number') return Math.round(v);
  const [, amount, unit] = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w)$/.exec(v)!;
  return Math.round(Number(amount) * UNITS[unit!]!);
});

/** A number drawn per use: a constant or a distribution. */
export const distribution = z.union([
  z.number(),
  z.object({ uniform: z.tuple([z.number(), z.number()]) }).strict(),
  z.object({ normal: z.tuple([z.number(), z.number().min(0)]) }).strict(),
  z.object({ lognormal: z.tuple([z.number(), z.number().min(0)]) }).strict(),
  z.object({ exponential: z.number().positive() }).strict(),
]);
export type Distribution = z.output<typeof distribution>;

export function draw(d: Distribution, rng: RandomStream): number {
  if (typeof d === 'number') return d;
  if ('uniform' in d) return rng.uniform(d.uniform[0], d.uniform[1]);
  if ('normal' in d) return rng.normal(d.normal[0], d.normal[1]);
  if ('lognormal' in d) return rng.lognormal(d.lognormal[0], d.lognormal[1]);
  return rng.exponential(d.exponential);
}
