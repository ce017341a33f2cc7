import { ModelConfigError, RevertError } from '../../errors';
import { FixedFeed } from '../../oracles/fixed-feed';
import { NavFeed } from '../../oracles/nav-feed';
import { StalenessGuardFeed } from '../../oracles/staleness-guard-feed';
import { ORACLE_PRICE_SCALE } from './constants';
import { morphoOracleFromFeed, morphoScaleFactor } from './oracle';

describe('Morpho oracle from a world price feed (MorphoChainlinkOracleV2 SCALE_FACTOR)', () => {
  it('scales an 8-decimal USD feed for an 18-decimal RWA against 6-decimal USDC', () => {
    // SCALE_FACTOR = 10^(36 + 6 - 18 - 8) = 1e16.
    expect(morphoScaleFactor(18, 6, 8)).toBe(10n ** 16n);
    const oracle = morphoOracleFromFeed(new FixedFeed(100_000_000n, 8), 18, 6);
    // 1 RWA (1e18 units) = 1 USDC (1e6 units): one collateral unit is 1e-12 loan units, x 1e36.
    expect(oracle(0)).toBe(10n ** 24n);
    // Value of 5 RWA in USDC base units, as Morpho computes it.
    expect((5n * 10n ** 18n * oracle(0)) / ORACLE_PRICE_SCALE).toBe(5_000_000n);
  });

  it('rejects decimals that would need a negative exponent', () => {
    expect(() => morphoScaleFactor(0, 0, 37)).toThrow(ModelConfigError);
    expect(() => morphoScaleFactor(0, 0, 37)).toThrow(/^feedDecimals: /);
  });

  it('propagates a feed revert, so a stale oracle blocks the market action', () => {
    const nav = new NavFeed({ initialPrice: 10n ** 18n, startMs: 0, setters: ['admin'] });
    const guarded = new StalenessGuardFeed({ primary: nav, maxAgeMs: 1000 });
    const oracle = morphoOracleFromFeed(guarded, 18, 18);
    expect(oracle(1000)).toBe(10n ** 36n);
    expect(() => oracle(1001)).toThrow(new RevertError('stale price'));
  });
});
