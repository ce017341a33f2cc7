import { ORACLE_UPDATES } from '@paradox/sdk';
import { ModelConfigError } from '../errors';
import { type FeedHistory, type PriceFeed, type PriceReading, compositeHistory, priceToNumber } from '../oracles';
import type { World } from '../world/world';
import type { IndexVault } from './index-vault';
import type { OracleRegistry } from './oracle-registry';

/** One constituent's price feed and how many of its base units one whole basket unit holds. */
export interface BasketInput {
  readonly feed: PriceFeed;
  /** Base units of the constituent per whole basket unit (an index's fixed weight). */
  readonly units: bigint;
  /** The constituent token's decimals. */
  readonly tokenDecimals: number;
}

/**
 * The price of a fixed basket from its constituents' feeds: sum of price_i x units_i /
 * 10^tokenDecimals_i, exact in the feeds' decimals (one rounding down, at the end). This is how
 * an index token's oracle is usually built (the constituents' NAV or market feeds, weighted), so
 * a stale or wrong constituent feed is a stale or wrong index price.
 *
 * The reading is dated by its OLDEST input (a staleness guard on top then judges the stalest
 * constituent, as it should), and its round id is the sum of the inputs' (it changes whenever
 * one does). Any input without data makes it revert.
 */
export class BasketFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  private readonly scale: bigint;
  private readonly maxDecimals: number;

  constructor(
    private readonly inputs: readonly BasketInput[],
    description = 'basket',
  ) {
    const first = inputs[0];
    if (first === undefined) throw new ModelConfigError('inputs', 'must list at least one feed', '[]');
    inputs.forEach((input, i) => {
      if (input.feed.decimals !== first.feed.decimals) throw new ModelConfigError(`inputs[${i}].feed.decimals`, `must equal inputs[0]'s (${first.feed.decimals})`, input.feed.decimals);
      if (input.units <= 0n) throw new ModelConfigError(`inputs[${i}].units`, 'must be positive', input.units);
      if (!Number.isInteger(input.tokenDecimals) || input.tokenDecimals < 0) throw new ModelConfigError(`inputs[${i}].tokenDecimals`, 'must be a non-negative integer', input.tokenDecimals);
    });
    this.decimals = first.feed.decimals;
    this.description = description;
    this.maxDecimals = Math.max(...inputs.map((i) => i.tokenDecimals));
    this.scale = 10n ** BigInt(this.maxDecimals);
  }

  /** The basket of an index vault priced by one feed per constituent (in the vault's order). */
  static ofIndex(vault: IndexVault, feeds: readonly PriceFeed[], description?: string): BasketFeed {
    const components = vault.view().components;
    if (feeds.length !== components.length) throw new ModelConfigError('feeds', `must give one feed per component (${components.length})`, feeds.length);
    return new BasketFeed(
      components.map((c, i) => ({ feed: feeds[i]!, units: c.unitsPerShare, tokenDecimals: c.decimals })),
      description ?? `${vault.shareToken} = basket of ${components.map((c) => c.token).join(', ')}`,
    );
  }

  latest(nowMs: number): PriceReading {
    let sum = 0n;
    let updatedAtMs = Infinity;
    let roundId = 0;
    for (const input of this.inputs) {
      const r = input.feed.latest(nowMs);
      sum += r.price * input.units * 10n ** BigInt(this.maxDecimals - input.tokenDecimals);
      if (r.updatedAtMs < updatedAtMs) updatedAtMs = r.updatedAtMs;
      roundId += r.roundId;
    }
    return { price: sum / this.scale, updatedAtMs, roundId };
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, this.inputs.map((i) => i.feed), untilMs);
  }
}

/**
 * Registers a feed computed from other feeds of `registry` (a basket, a tranche) so that it behaves
 * like a reported one: each time an input accepts an answer that changes it, it is published on
 * `oracle.update` as an event caused by that answer (actor `oracle:<id>`), and recorded as the
 * series `price.oracle.<id>`. Install it before the markets that reprice on its inputs, so that a
 * market's reaction links back through it.
 */
export function installDerivedFeed(world: World, registry: OracleRegistry, id: string, feed: PriceFeed, inputs: readonly string[]): void {
  registry.add(id, feed);
  let last = registry.price(id);
  const record = () => {
    const price = registry.price(id);
    if (Number.isNaN(price) || price === last) return;
    const previous = last;
    last = price;
    world.emit(ORACLE_UPDATES.topic, `oracle:${id}`, { feed: id, price, previous });
    world.recorder.point(world.kernel.now, `price.oracle.${id}`, price);
  };
  for (const input of inputs) registry.onUpdate(input, record);
  if (!Number.isNaN(last)) world.recorder.point(world.kernel.now, `price.oracle.${id}`, last);
}

/** A feed's answer as a plain number (NaN if it reverts), for tests and summaries. */
export function feedNumber(feed: PriceFeed, nowMs: number): number {
  try {
    return priceToNumber(feed.latest(nowMs).price, feed.decimals);
  } catch {
    return Number.NaN;
  }
}
