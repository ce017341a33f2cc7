import { ModelConfigError, RevertError } from '../errors';
import type { Ledger } from '../ledger/ledger';
import { type FeedHistory, type PriceFeed, type PriceReading, compositeHistory } from '../oracles';
import type { TrancheValues } from './index-vault';

const ONE = 10n ** 18n; // tranche tokens and the pooled asset have 18 decimals

export interface TrancheVaultOptions {
  readonly id: string;
  /** The pooled asset (an index token, 18 decimals) the vault holds. */
  readonly asset: string;
  /** Symbols of the two tranche tokens it issues (added to the ledger, 18 decimals). */
  readonly seniorToken: string;
  readonly juniorToken: string;
  /** The currency the claims are denominated in (its decimals set the waterfall's units). */
  readonly currency: string;
}

/** Which tranche. */
export type TrancheSide = 'senior' | 'junior';

/**
 * Senior and junior tranches over a pool of one asset, as tokens: a sponsor deposits the asset
 * and receives senior tokens (one per unit of currency of senior principal) and junior tokens (one
 * per unit of currency of the junior's principal), which then trade and serve as collateral like
 * any token. The waterfall is the same as {@link Tranches}: at an asset price, the senior claim is
 * the pool's value capped at its principal, the junior takes the rest, so losses hit the junior
 * first. Exact in base units of `currency`; per-token values are those claims over the supplies.
 * Tokens are not redeemed before maturity (outside the horizon modelled here).
 */
export class TrancheVault {
  readonly id: string;
  /** The vault's ledger address (holds the pooled asset, issues the tranche tokens). */
  readonly account: string;
  private seniorPrincipal = 0n;
  private juniorPrincipal = 0n;
  private readonly currencyScale: bigint;

  constructor(
    private readonly ledger: Ledger,
    readonly options: TrancheVaultOptions,
  ) {
    if (options.seniorToken === options.juniorToken) throw new ModelConfigError('juniorToken', 'must differ from seniorToken', options.juniorToken);
    if (ledger.token(options.asset).decimals !== 18) throw new ModelConfigError('asset', 'must have 18 decimals', ledger.token(options.asset).decimals);
    this.id = options.id;
    this.account = `tranche:${options.id}`;
    this.currencyScale = 10n ** BigInt(ledger.token(options.currency).decimals);
    ledger.addToken({ symbol: options.seniorToken, decimals: 18, issuer: this.account });
    ledger.addToken({ symbol: options.juniorToken, decimals: 18, issuer: this.account });
  }

  token(side: TrancheSide): string {
    return side === 'senior' ? this.options.seniorToken : this.options.juniorToken;
  }

  /**
   * The sponsor deposits `assetAmount` and is issued the tranches: `seniorPrincipal` and
   * `juniorPrincipal` in base units of the currency, one whole token per whole currency unit.
   * Checked before anything moves.
   */
  issue(sponsor: string, assetAmount: bigint, seniorPrincipal: bigint, juniorPrincipal: bigint): void {
    if (assetAmount <= 0n) throw new RevertError('tranche: nothing deposited');
    if (seniorPrincipal < 0n || juniorPrincipal < 0n) throw new RevertError('tranche: negative principal');
    if (this.ledger.balanceOf(this.options.asset, sponsor) < assetAmount) throw new RevertError(`tranche: ${sponsor} lacks ${this.options.asset}`);
    this.ledger.transfer(this.options.asset, sponsor, this.account, assetAmount);
    this.seniorPrincipal += seniorPrincipal;
    this.juniorPrincipal += juniorPrincipal;
    const toTokens = (principal: bigint) => (principal * ONE) / this.currencyScale;
    if (seniorPrincipal > 0n) this.ledger.mint(this.options.seniorToken, this.account, sponsor, toTokens(seniorPrincipal));
    if (juniorPrincipal > 0n) this.ledger.mint(this.options.juniorToken, this.account, sponsor, toTokens(juniorPrincipal));
  }

  /** The pooled asset the vault holds (base units). */
  assets(): bigint {
    return this.ledger.balanceOf(this.options.asset, this.account);
  }

  principal(side: TrancheSide): bigint {
    return side === 'senior' ? this.seniorPrincipal : this.juniorPrincipal;
  }

  supply(side: TrancheSide): bigint {
    return this.ledger.totalSupply(this.token(side));
  }

  /** The waterfall at an asset price per whole unit (a number: the caller's trusted price). */
  values(assetPrice: number): TrancheValues {
    if (!(assetPrice >= 0)) throw new RangeError(`tranches: bad asset price ${assetPrice}`);
    return this.valuesAtE8(BigInt(Math.round(assetPrice * 1e8)));
  }

  /** The waterfall at an asset price with 8 decimals, in base units of the currency. */
  valuesAtE8(priceE8: bigint): TrancheValues {
    const total = (this.assets() * priceE8 * this.currencyScale) / (ONE * 100_000_000n);
    const senior = total < this.seniorPrincipal ? total : this.seniorPrincipal;
    return { total, senior, junior: total - senior };
  }

  /** Value of one whole tranche token at an asset price (8 decimals in, `decimals` out, rounded down). */
  tokenPrice(side: TrancheSide, assetPrice: bigint, decimals: number): bigint {
    const supply = this.supply(side);
    if (supply === 0n) return 0n;
    const scale = 10n ** BigInt(decimals);
    const values = this.valuesAtE8((assetPrice * 100_000_000n) / scale);
    const claim = side === 'senior' ? values.senior : values.junior;
    return (claim * ONE * scale) / (supply * this.currencyScale);
  }

  /** Undefined when consistent: the tokens outstanding are what the principals issued. */
  audit(): string | undefined {
    for (const side of ['senior', 'junior'] as const) {
      const expected = (this.principal(side) * ONE) / this.currencyScale;
      if (this.supply(side) !== expected) return `tranche ${this.id}: ${side} supply ${this.supply(side)}, issued ${expected}`;
    }
    return undefined;
  }
}

/**
 * A tranche token's price from the pooled asset's feed, through the waterfall: what a market
 * lending against a tranche token reads when it trusts the asset's oracle. A stale asset feed is a
 * stale tranche price; a fall in the asset reaches the junior's feed first and the senior's only
 * once the junior is gone. Same decimals, dating and round as the asset feed.
 */
export class TrancheFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;

  constructor(
    private readonly vault: TrancheVault,
    readonly side: TrancheSide,
    private readonly assetFeed: PriceFeed,
  ) {
    this.decimals = assetFeed.decimals;
    this.description = `${vault.token(side)} via the ${side} waterfall of ${assetFeed.description}`;
  }

  latest(nowMs: number): PriceReading {
    const r = this.assetFeed.latest(nowMs);
    return { ...r, price: this.vault.tokenPrice(this.side, r.price, this.decimals) };
  }

  history(untilMs?: number): FeedHistory {
    return compositeHistory(this, [this.assetFeed], untilMs);
  }
}
