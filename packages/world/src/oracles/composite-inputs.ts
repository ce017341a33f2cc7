import { ModelConfigError } from '../errors';
import type { PriceFeed } from './types';

/** Composites combine answers directly, so all inputs must share one decimals setting. */
export function checkSameDecimals(inputs: readonly PriceFeed[], path: string): number {
  const first = inputs[0];
  if (first === undefined) throw new ModelConfigError(path, 'must list at least one feed', '[]');
  inputs.forEach((feed, i) => {
    if (feed.decimals !== first.decimals) {
      throw new ModelConfigError(`${path}[${i}].decimals`, `must equal ${path}[0].decimals (${first.decimals})`, feed.decimals);
    }
  });
  return first.decimals;
}
