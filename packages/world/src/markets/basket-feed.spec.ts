import { ModelConfigError, RevertError } from '../errors';
import { NavFeed } from '../oracles';
import { BasketFeed } from './basket-feed';

const E18 = 10n ** 18n;
const feed = (price: bigint, startMs = 0) => new NavFeed({ decimals: 8, initialPrice: price, startMs, setters: ['r'], maxChangeBps: 10_000, minUpdateWindowMs: 0 });

describe('BasketFeed', () => {
  it('prices a fixed basket exactly from its constituents\' feeds, rounding down once', () => {
    const a = feed(100_000_000n);
    const b = feed(100_000_000n);
    const c = feed(100_000_000n);
    const third = E18 / 3n; // 0.333... of each token per basket unit
    const basket = new BasketFeed([a, b, c].map((f) => ({ feed: f, units: third, tokenDecimals: 18 })));
    expect(basket.latest(0).price).toBe(99_999_999n); // 3 x 0.333...333 x 1e8, floored
    c.setPrice('r', 55_000_000n, 1_000);
    // (1e8 + 1e8 + 0.55e8) x 333333333333333333 / 1e18 = 84999999.99... -> 84999999
    expect(basket.latest(1_000)).toEqual({ price: 84_999_999n, updatedAtMs: 0, roundId: 4 });
    expect(basket.latest(500).price).toBe(99_999_999n); // history: the answer that held then
    expect(basket.history().prices).toEqual([99_999_999n, 84_999_999n]);
  });

  it('is dated by its stalest input, mixes token decimals, and refuses bad inputs', () => {
    const fresh = feed(200_000_000n, 5_000);
    const old = feed(100_000_000n, 0);
    const basket = new BasketFeed([
      { feed: fresh, units: 2_000_000n, tokenDecimals: 6 }, // 2 whole tokens at 2.00
      { feed: old, units: E18 / 2n, tokenDecimals: 18 }, // half a token at 1.00
    ]);
    expect(basket.latest(5_000)).toEqual({ price: 450_000_000n, updatedAtMs: 0, roundId: 2 });
    expect(() => new BasketFeed([])).toThrow(ModelConfigError);
    expect(() => new BasketFeed([{ feed: fresh, units: 0n, tokenDecimals: 18 }])).toThrow(/units/);
    const noData = { decimals: 8, description: 'no data', latest: () => { throw new RevertError('No data present'); }, history: () => ({ timesMs: [], prices: [] }) };
    expect(() => new BasketFeed([{ feed: old, units: E18, tokenDecimals: 18 }, { feed: noData, units: E18, tokenDecimals: 18 }]).latest(0)).toThrow(RevertError);
  });
});
