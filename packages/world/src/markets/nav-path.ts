import type { FundView } from '@paradox/sdk';
import type { World } from '../world/world';
import { FundMarket } from './fund-market';
import { FundRegistry } from './fund-registry';

/**
 * A fund whose NAV per share follows a given piecewise-linear path in time: the exogenous
 * "fundamental value" of benchmark scenarios (a loan book modelled elsewhere supplies it in
 * richer ones). Points are [timeMs, navPerShare]; before the first and after the last it is flat.
 */
export class NavPathFund implements FundView {
  constructor(
    private readonly world: World,
    readonly id: string,
    readonly shareToken: string,
    private readonly points: readonly (readonly [number, number])[],
  ) {
    if (points.length === 0) throw new RangeError(`fund ${id}: a NAV path needs at least one point`);
    for (let i = 1; i < points.length; i++) {
      if (points[i]![0] < points[i - 1]![0]) throw new RangeError(`fund ${id}: NAV path times must ascend`);
    }
  }

  navPerShare(): number {
    return navAt(this.points, this.world.kernel.now);
  }

  redemptionsOpen(): boolean {
    return false;
  }
}

export function navAt(points: readonly (readonly [number, number])[], t: number): number {
  if (t <= points[0]![0]) return points[0]![1];
  // (points read by index: array destructuring here ran the iterator protocol, about 200 bytes
  // of garbage per call, and a run's metrics ask at every trade)
  for (let i = 1; i < points.length; i++) {
    const t1 = points[i]![0];
    const v1 = points[i]![1];
    if (t <= t1) {
      const t0 = points[i - 1]![0];
      const v0 = points[i - 1]![1];
      return t1 === t0 ? v1 : v0 + ((v1 - v0) * (t - t0)) / (t1 - t0);
    }
  }
  return points[points.length - 1]![1];
}

/**
 * Adds funds to the world's fund registry (which registers the `funds` view and the fund
 * actions once per world). Accepts scripted funds like {@link NavPathFund}; a `FundMarket`
 * adds itself when built, so listing it here too is harmless.
 */
export function installFunds(world: World, funds: readonly (FundView | FundMarket)[]): void {
  const registry = FundRegistry.of(world);
  for (const fund of funds) registry.add(fund instanceof FundMarket ? fund.view() : fund);
}
