import { ORACLES, ORACLE_UPDATES, type OracleView, type PokeOracleAction, type PushPriceAction } from '@paradox/sdk';
import { RevertError } from '../errors';
import { NavFeed, PushFeed, TwapFeed, parseUnits, priceToNumber, type PriceFeed } from '../oracles';
import type { World } from '../world/world';

type Writable = NavFeed | PushFeed;

/** Called when a feed accepts a new answer (lending markets that read it re-price). */
export type FeedListener = (feedId: string, price: number) => void;

/**
 * The oracle feeds of a world. Reporter agents push answers with the `oracle.push` action (a
 * transaction: it lands in the next block); every accepted answer is logged, recorded as the
 * series `price.oracle.<id>` and published on `oracle.update`. Read-only feeds (composites,
 * TWAPs, the AMM's spot price) are registered too so agents and markets can read them by id.
 */
export class OracleRegistry {
  private readonly feeds = new Map<string, PriceFeed>();
  private readonly listeners = new Map<string, FeedListener[]>();

  constructor(private readonly world: World) {
    world.registerAction<PushPriceAction>('oracle.push', (sender, action) => this.push(sender, action.feed, action.price), { onChain: true });
    world.registerAction<PokeOracleAction>('oracle.poke', (sender, action) => this.poke(sender, action.feed), { onChain: true });
    world.registerView(ORACLES.view, () => this.views());
  }

  add(id: string, feed: PriceFeed): void {
    if (this.feeds.has(id)) throw new Error(`oracle "${id}" added twice`);
    this.feeds.set(id, feed);
    this.cachedViews = undefined;
  }

  get(id: string): PriceFeed {
    const feed = this.feeds.get(id);
    if (!feed) throw new Error(`unknown oracle "${id}" (known: ${[...this.feeds.keys()].join(', ')})`);
    return feed;
  }

  /** The feed's latest answer as a number, NaN before its first answer or when it reverts (stale). */
  price(id: string): number {
    const feed = this.get(id);
    try {
      return priceToNumber(feed.latest(this.world.kernel.now).price, feed.decimals);
    } catch (error) {
      if (error instanceof RevertError) return Number.NaN;
      throw error;
    }
  }

  onUpdate(feedId: string, listener: FeedListener): void {
    this.get(feedId);
    const list = this.listeners.get(feedId) ?? [];
    list.push(listener);
    this.listeners.set(feedId, list);
  }

  /** Writes an answer as `sender` (who must be an authorised reporter of the feed). */
  push(sender: string, feedId: string, price: number): number {
    const feed = this.feeds.get(feedId);
    if (!feed) throw new RevertError(`unknown oracle "${feedId}"`);
    if (!(feed instanceof NavFeed || feed instanceof PushFeed)) throw new RevertError(`oracle "${feedId}" does not accept pushed prices`);
    const now = this.world.kernel.now;
    const previous = this.price(feedId);
    const answer = parseUnits(String(price), feed.decimals);
    writeAnswer(feed, sender, answer, now);
    this.world.emit(ORACLE_UPDATES.topic, sender, { feed: feedId, price, previous });
    this.world.recorder.point(now, `price.oracle.${feedId}`, price);
    for (const listener of this.listeners.get(feedId) ?? []) listener(feedId, price);
    return price;
  }

  /**
   * Updates a TWAP feed from its accumulator (anyone may, as with Uniswap's example oracle;
   * reverts with PERIOD_NOT_ELAPSED when a full period has not passed).
   */
  poke(sender: string, feedId: string): number {
    const feed = this.feeds.get(feedId);
    if (!(feed instanceof TwapFeed)) throw new RevertError(`oracle "${feedId}" is not a TWAP feed`);
    const now = this.world.kernel.now;
    const previous = this.price(feedId);
    feed.update(now);
    const price = this.price(feedId);
    this.world.emit(ORACLE_UPDATES.topic, sender, { feed: feedId, price, previous });
    this.world.recorder.point(now, `price.oracle.${feedId}`, price);
    for (const listener of this.listeners.get(feedId) ?? []) listener(feedId, price);
    return price;
  }

  private cachedViews: Map<string, OracleView> | undefined;

  private views(): ReadonlyMap<string, OracleView> {
    if (!this.cachedViews) {
      this.cachedViews = new Map(
        [...this.feeds.keys()].map((id) => [
          id,
          {
            id,
            price: () => this.price(id),
            updatedAtMs: () => {
              try {
                return this.get(id).latest(this.world.kernel.now).updatedAtMs;
              } catch {
                return Number.NaN;
              }
            },
          },
        ]),
      );
    }
    return this.cachedViews;
  }
}

function writeAnswer(feed: Writable, sender: string, answer: bigint, nowMs: number): void {
  if (feed instanceof NavFeed) feed.setPrice(sender, answer, nowMs);
  else feed.submit(sender, answer, nowMs);
}
