import assert from 'node:assert/strict';
import {
  HaircutFeed,
  MinFeed,
  NavFeed,
  PushFeed,
  StalenessGuardFeed,
  TwapFeed,
  parseUnits,
  priceToNumber,
} from '../../packages/world/src/oracles';

// A credit-default ripple seen by five oracles. The token's AMM price falls 30% over day 10 on
// rumours; the fund only starts marking NAV down on day 12, and its oracle's rate-of-change guard
// (Ondo style: at most 1% per 23 h) stretches an 20% write-down over three weeks.
export default function example(): void {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const usd = (x: number) => parseUnits(Math.round(x * 1e4) / 1e4, 8);
  const spot = (t: number) => {
    const d = t / DAY;
    return d < 10 ? 1 : d < 11 ? 1 - 0.3 * (d - 10) : 0.7;
  };

  const nav = new NavFeed({ description: 'NAV', decimals: 8, initialPrice: usd(1), startMs: 0, setters: ['fund'] });
  const market = new PushFeed({ description: 'AMM spot', deviationThreshold: 0.005, heartbeatMs: DAY });
  // The AMM's price accumulator, advanced hour by hour as trades would (sum of price x seconds).
  const acc = { cumulative: 0, timestampSec: 0 };
  const twap = new TwapFeed({ description: '6h TWAP', source: () => acc, periodSec: 6 * 3600, startMs: 0 });

  const minNavMarket = new MinFeed([nav, market], 'min(NAV, market)');
  const navHaircut = new HaircutFeed(nav, 0.1, 'NAV x 0.9');
  const freshNav = new StalenessGuardFeed({ primary: nav, maxAgeMs: 7 * DAY, fallback: market, description: 'NAV, market if NAV > 7d old' });

  for (let t = 0; t <= 40 * DAY; t += HOUR) {
    if (t > 0) {
      acc.cumulative += spot(t - HOUR) * 3600;
      acc.timestampSec = t / 1000;
    }
    // Keepers: the market feed follows Chainlink trigger rules, the TWAP updates once per period.
    const observed = usd(spot(t));
    if (market.shouldUpdate(observed, t)) market.submit('keeper', observed, t);
    if (twap.canUpdate(t)) twap.update(t);
    // The fund marks down towards 0.80 from day 12, as fast as the guard allows.
    if (t >= 12 * DAY && nav.price > usd(0.8) && nav.rejection(nav.acceptedRange().min, t) === null) {
      const step = nav.acceptedRange().min;
      nav.setPrice('fund', step > usd(0.8) ? step : usd(0.8), t);
    }
  }

  const at = (feed: { latest(t: number): { price: bigint } }, t: number) => priceToNumber(feed.latest(t).price, 8);

  // Day 11, after the sell-off: NAV still says 1.00 while the market says 0.70.
  const d11 = 11 * DAY;
  assert.equal(at(nav, d11), 1);
  assert.equal(at(market, d11), 0.7);
  assert.equal(at(minNavMarket, d11), 0.7); // follows the market down
  assert.equal(at(navHaircut, d11), 0.9); // a fixed haircut is not enough for a 30% drop
  assert.equal(at(freshNav, d11), 0.7); // NAV last written at day 0: too old, use the market

  // Mid-crash the TWAP lags the spot price by design (its answer averages the last period).
  const d10h18 = 10 * DAY + 18 * HOUR;
  assert.ok(at(twap, d10h18) > at(market, d10h18));

  // The NAV write-down: 23 steps of at most 1% (0.99^22 = 0.8016 > 0.80), one per 23 hours.
  const navUpdates = nav.history().timesMs.length - 1;
  assert.equal(navUpdates, 23);
  assert.equal(at(nav, 40 * DAY), 0.8);
  assert.ok(nav.history().timesMs[1]! >= 12 * DAY);

  // Every feed keeps a plot-ready history; the composite's is rebuilt from its inputs.
  const plot = minNavMarket.history(40 * DAY);
  assert.equal(plot.timesMs.length, plot.prices.length);
  assert.ok(plot.timesMs.every((t, i) => i === 0 || t > plot.timesMs[i - 1]!));
  assert.equal(priceToNumber(plot.prices[plot.prices.length - 1]!, 8), 0.7);
}
