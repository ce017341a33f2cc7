import type { FundView, IndexView } from '@paradox/sdk';
import { RevertError } from '../errors';
import type { Ledger } from '../ledger/ledger';

const ONE = 10n ** 18n; // index shares have 18 decimals

/** One constituent of an index: a fund's share token and how many base units back one whole index share. */
export interface IndexComponent {
  readonly fund: FundView;
  /** Base units of `fund.shareToken` per whole (1e18-unit) index share: the fixed weight. */
  readonly unitsPerShare: bigint;
}

export interface IndexVaultOptions {
  readonly id: string;
  /** The index share token (added to the ledger by the vault, 18 decimals, issued by the vault). */
  readonly shareToken: string;
  readonly components: readonly IndexComponent[];
}

/**
 * An index token over several fund tokens, like a basket vault: depositing the constituents in
 * fixed weights mints index shares, redeeming burns them for a pro-rata slice of every holding.
 * Its NAV per share is the weighted NAV of what it holds (the funds' own NAVs, off-chain truth).
 * Accounting is exact in ledger base units: deposits round the constituents up and redemptions
 * round them down, so the vault never holds less than its shares' weights (audited).
 * It is a `FundView` so a NAV reporter can strike it like any fund.
 */
export class IndexVault implements FundView {
  readonly id: string;
  readonly shareToken: string;
  /** The vault's ledger address (holds the constituents, issues the shares). */
  readonly account: string;
  private readonly holdings: bigint[];
  private open = true;

  constructor(
    private readonly ledger: Ledger,
    private readonly options: IndexVaultOptions,
  ) {
    if (options.components.length === 0) throw new RangeError(`index ${options.id}: no components`);
    const tokens = new Set(options.components.map((c) => c.fund.shareToken));
    if (tokens.size !== options.components.length) throw new RangeError(`index ${options.id}: a token appears twice`);
    for (const c of options.components) if (c.unitsPerShare <= 0n) throw new RangeError(`index ${options.id}: weights must be positive`);
    this.id = options.id;
    this.shareToken = options.shareToken;
    this.account = `index:${options.id}`;
    this.holdings = options.components.map(() => 0n);
    ledger.addToken({ symbol: options.shareToken, decimals: 18, issuer: this.account });
  }

  get components(): readonly IndexComponent[] {
    return this.options.components;
  }

  /** Base units of each constituent needed to mint `shares` (rounded up). */
  depositAmounts(shares: bigint): bigint[] {
    return this.options.components.map((c) => (shares * c.unitsPerShare + ONE - 1n) / ONE);
  }

  /** Base units of each constituent paid out for `shares` (pro rata, rounded down). */
  redeemAmounts(shares: bigint): bigint[] {
    const supply = this.totalShares();
    if (supply === 0n) return this.holdings.map(() => 0n);
    return this.holdings.map((h) => (h * shares) / supply);
  }

  /** Takes the constituents from `user` in the fixed weights and mints `shares` to it. */
  deposit(user: string, shares: bigint): bigint[] {
    if (!this.open) throw new RevertError('index: mint and redeem paused');
    if (shares <= 0n) throw new RevertError('index: nothing to mint');
    const amounts = this.depositAmounts(shares);
    this.options.components.forEach((c, i) => {
      if (this.ledger.balanceOf(c.fund.shareToken, user) < amounts[i]!) throw new RevertError(`index: ${user} lacks ${c.fund.shareToken}`);
    });
    this.options.components.forEach((c, i) => {
      this.ledger.transfer(c.fund.shareToken, user, this.account, amounts[i]!);
      this.holdings[i]! += amounts[i]!;
    });
    this.ledger.mint(this.shareToken, this.account, user, shares);
    return amounts;
  }

  /** Burns `shares` of `user` and pays it a pro-rata slice of every holding. */
  redeem(user: string, shares: bigint): bigint[] {
    if (!this.open) throw new RevertError('index: mint and redeem paused');
    if (shares <= 0n) throw new RevertError('index: nothing to redeem');
    if (this.ledger.balanceOf(this.shareToken, user) < shares) throw new RevertError(`index: ${user} lacks ${this.shareToken}`);
    const amounts = this.redeemAmounts(shares);
    this.ledger.burn(this.shareToken, this.account, user, shares);
    this.options.components.forEach((c, i) => {
      this.holdings[i]! -= amounts[i]!;
      this.ledger.transfer(c.fund.shareToken, this.account, user, amounts[i]!);
    });
    return amounts;
  }

  holding(token: string): bigint {
    const i = this.options.components.findIndex((c) => c.fund.shareToken === token);
    if (i < 0) throw new Error(`index ${this.id}: no component ${token}`);
    return this.holdings[i]!;
  }

  totalShares(): bigint {
    return this.ledger.totalSupply(this.shareToken);
  }

  /** Value of the holdings per whole share at the funds' NAVs (the weights' NAV before any share is minted). */
  navPerShare(): number {
    const supply = this.totalShares();
    let value = 0;
    this.options.components.forEach((c, i) => {
      const units = supply === 0n ? c.unitsPerShare : this.holdings[i]!;
      value += this.ledger.toNumber(c.fund.shareToken, units) * c.fund.navPerShare();
    });
    return supply === 0n ? value : value / this.ledger.toNumber(this.shareToken, supply);
  }

  redemptionsOpen(): boolean {
    return this.open;
  }

  /**
   * Opens or pauses minting and redeeming (the sponsor's or a guardian's switch). Paused, the
   * index has no arbitrage tying it to its NAV: only its AMM prices it.
   */
  setOpen(open: boolean): void {
    this.open = open;
  }

  /** The index as agents read it. */
  view(): IndexView {
    const components = this.options.components.map((c) => ({
      fund: c.fund.id,
      token: c.fund.shareToken,
      decimals: this.ledger.token(c.fund.shareToken).decimals,
      unitsPerShare: c.unitsPerShare,
    }));
    return {
      id: this.id,
      shareToken: this.shareToken,
      shareDecimals: 18,
      components,
      navPerShare: () => this.navPerShare(),
      totalShares: () => this.totalShares(),
      depositAmounts: (shares) => this.depositAmounts(shares),
      redeemAmounts: (shares) => this.redeemAmounts(shares),
      mintRedeemOpen: () => this.open,
    };
  }

  /** Undefined when consistent: the ledger holds what the vault books, and every share stays backed by its weights. */
  audit(): string | undefined {
    const supply = this.totalShares();
    for (let i = 0; i < this.options.components.length; i++) {
      const c = this.options.components[i]!;
      const booked = this.holdings[i]!;
      const held = this.ledger.balanceOf(c.fund.shareToken, this.account);
      if (held !== booked) return `index ${this.id}: books ${booked} ${c.fund.shareToken}, ledger holds ${held}`;
      if (booked * ONE < supply * c.unitsPerShare) return `index ${this.id}: ${c.fund.shareToken} under-backs ${supply} shares`;
    }
    return undefined;
  }
}

/** Senior and junior claims in the debt currency's base units. */
export interface TrancheValues {
  readonly total: bigint;
  readonly senior: bigint;
  readonly junior: bigint;
}

/**
 * Senior/junior tranches over index shares held by `account`: two claims on one pool, a
 * waterfall in which the senior claim is capped at its principal and the junior takes the rest,
 * so losses hit the junior first. Valued off an index NAV per share (whatever price the caller
 * trusts: the fund's NAV, an oracle, the AMM). Values are exact bigint base units of `currency`.
 */
export class Tranches {
  constructor(
    private readonly ledger: Ledger,
    private readonly index: IndexVault,
    readonly account: string,
    /** Senior principal in base units of `currency`. */
    readonly seniorPrincipal: bigint,
    readonly currency: string,
  ) {
    if (seniorPrincipal < 0n) throw new RangeError('tranches: negative senior principal');
  }

  /** The waterfall at an index price per whole share. */
  values(indexPrice: number): TrancheValues {
    if (!(indexPrice >= 0)) throw new RangeError(`tranches: bad index price ${indexPrice}`);
    const shares = this.ledger.balanceOf(this.index.shareToken, this.account);
    const priceE8 = BigInt(Math.round(indexPrice * 1e8));
    const scale = 10n ** BigInt(this.ledger.token(this.currency).decimals);
    const total = (shares * priceE8 * scale) / (ONE * 100_000_000n);
    const senior = total < this.seniorPrincipal ? total : this.seniorPrincipal;
    return { total, senior, junior: total - senior };
  }
}
