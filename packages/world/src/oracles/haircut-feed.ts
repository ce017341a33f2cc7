import { ModelConfigError } from '../errors';
import { compositeHistory } from './price-history';
import type { FeedHistory, PriceFeed, PriceReading } from './types';

const PPB = 1_000_000_000n;

/**
 * An input's answer times `(1 - haircut)`, rounded down: `price · (1e9 - h_ppb) / 1e9` with the
 * haircut resolved to parts per billion. A fixed valuation discount for collateral whose
 * realisable value is below its mark (illiquid RWAs, redemption gates).
 */
export class HaircutFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly haircut: number;
  private readonly keepPpb: bigint;
  private readonly input: PriceFeed;

  constructor(input: PriceFeed, haircut: number, description?: string) {
    if (!Number.isFinite(haircut) || haircut < 0 || haircut >= 1) {
      throw new ModelConfigError('haircut', 'must be a fraction in [0, 1)', haircut);
    }
    this.input = input;
    this.haircut = haircut;
    this.keepPpb = PPB - BigInt(Math.round(haircut * 1e9));
    this.decimals = input.decimals;
    this.description = description ?? `${input.description} x (1 - ${haircut})`;
  }

  latest(nowMs: number): PriceReading {
    const r = this.input.latest(nowMs);
    return { price: (r.price * this.keepPpb) / PPB, updatedAtMs: r.updatedAtMs, roundId: r.roundId };
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, [this.input], untilMs);
  }
}
