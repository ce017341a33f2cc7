import { ModelConfigError, RevertError } from '../../errors';
import type { PriceFeed } from '../../oracles/types';
import { checkDecimals } from '../../oracles/units';
import type { MorphoOracle } from './types';

/**
 * `SCALE_FACTOR` of morpho-org/morpho-blue-oracles src/morpho-chainlink/MorphoChainlinkOracleV2.sol
 * for a single base feed and no vaults: `10^(36 + dLoan - dCollateral - dFeed)`, so that
 * `feedAnswer · SCALE_FACTOR` is the price Morpho expects (`IOracle.price()`: 1 collateral base unit
 * in loan base units, scaled by 1e36). A negative exponent underflows the contract's uint, so it is
 * a configuration error here.
 */
export function morphoScaleFactor(collateralDecimals: number, loanDecimals: number, feedDecimals: number): bigint {
  checkDecimals(collateralDecimals, 'collateralDecimals');
  checkDecimals(loanDecimals, 'loanDecimals');
  checkDecimals(feedDecimals, 'feedDecimals');
  const exponent = 36 + loanDecimals - collateralDecimals - feedDecimals;
  if (exponent < 0) {
    throw new ModelConfigError('feedDecimals', `must be <= 36 + loanDecimals - collateralDecimals (${36 + loanDecimals - collateralDecimals})`, feedDecimals);
  }
  return 10n ** BigInt(exponent);
}

/**
 * A Morpho oracle reading a world price feed quoted in loan-token units per collateral token
 * (e.g. an RWA/USD feed for a USDC-loan market). Reverts `negative answer` like
 * `ChainlinkDataFeedLib.getPrice`, and propagates the feed's own reverts (`stale price`, ...).
 */
export function morphoOracleFromFeed(feed: PriceFeed, collateralDecimals: number, loanDecimals: number): MorphoOracle {
  const scale = morphoScaleFactor(collateralDecimals, loanDecimals, feed.decimals);
  return (nowMs: number) => {
    const answer = feed.latest(nowMs).price;
    if (answer < 0n) throw new RevertError('negative answer');
    return answer * scale;
  };
}

/** A fixed Morpho oracle price (tests and examples): `() => price`. */
export function fixedMorphoOracle(price: bigint): MorphoOracle {
  return () => price;
}
