/**
 * A typed name of an event stream. The type parameter exists only for the compiler: a plugin
 * that observes `PRICE_TOPIC` gets `Observable<PriceEvent>` without a cast.
 *
 * @example
 * ```ts
 * export const RUMOR = defineTopic<{ credibility: number }>('rumor');
 * ctx.on(RUMOR, (r) => ...); // r: { credibility: number }
 * ```
 */
export interface TopicKey<T> {
  readonly topic: string;
  /** @internal phantom field carrying the payload type */
  readonly __payload?: T;
}

export function defineTopic<T>(topic: string): TopicKey<T> {
  return { topic };
}

/** A typed name of a read-only view the world offers agents (a pool's reserves, a position). */
export interface ViewKey<V> {
  readonly view: string;
  /** @internal phantom field carrying the view type */
  readonly __view?: V;
}

export function defineView<V>(view: string): ViewKey<V> {
  return { view };
}
