import { type AgentContext, LENDING_MARKETS, type LendingMarketView } from '@paradox/sdk';

/** The market an agent borrows from, or a clear error naming it. */
export function marketView(ctx: AgentContext, id: string): LendingMarketView {
  const market = ctx.view(LENDING_MARKETS).get(id);
  if (!market) throw new Error(`no lending market "${id}" in this world (it has: ${[...ctx.view(LENDING_MARKETS).keys()].join(', ')})`);
  return market;
}

/** `units` scaled by a fraction in [0, 1] (exact to a millionth). */
export function scaleUnits(units: bigint, fraction: number): bigint {
  if (fraction >= 1) return units;
  if (!(fraction > 0)) return 0n;
  return (units * BigInt(Math.floor(fraction * 1e6))) / 1_000_000n;
}

export function minUnits(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
