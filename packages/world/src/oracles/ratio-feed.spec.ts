import { FixedFeed } from './fixed-feed';
import { NavFeed } from './nav-feed';
import { RatioFeed } from './ratio-feed';

describe('RatioFeed', () => {
  const peg = () => new NavFeed({ decimals: 8, initialPrice: 100_000_000n, startMs: 0, setters: ['peg'], maxChangeBps: 10_000, minUpdateWindowMs: 0 });

  it('converts a price between units: x peg and / peg, rounded down in the first feed\'s decimals', () => {
    const usd = peg();
    usd.setPrice('peg', 87_000_000n, 1_000);
    const nav = new FixedFeed(100_000_000n, 8);
    expect(new RatioFeed(nav, usd, 'multiply').latest(2_000).price).toBe(87_000_000n);
    // 1 / 0.87 = 1.14942528735...
    expect(new RatioFeed(nav, usd, 'divide').latest(2_000).price).toBe(114_942_528n);
    // Before the peg moved, the conversion is the identity.
    expect(new RatioFeed(nav, usd, 'divide').latest(500).price).toBe(100_000_000n);
  });

  it('changes when either input does, and refuses inputs of different decimals', () => {
    const usd = peg();
    const feed = new RatioFeed(new FixedFeed(100_000_000n, 8), usd, 'divide');
    usd.setPrice('peg', 95_000_000n, 10);
    usd.setPrice('peg', 100_000_000n, 20);
    expect(feed.history().timesMs).toEqual([0, 10, 20]);
    expect(() => new RatioFeed(new FixedFeed(1n, 18), usd, 'multiply')).toThrow(/decimals/);
  });
});
