import { RevertError } from '../errors';

/**
 * Balances of an AMM's liquidity-provider token, kept inside the pool model rather than in the
 * world ledger: LP shares only ever move through the pool (mint, burn, transfer), so keeping them
 * here keeps every pool operation a single, self-contained state change.
 *
 * Callers validate before mutating; `transfer` and `burn` revert on insufficient balance like an
 * ERC-20 `_transfer`/`_burn` would.
 */
export class LpToken {
  private readonly balances = new Map<string, bigint>();
  private supply = 0n;

  /** @param underflowReason revert reason used when a holder spends more than it has. */
  constructor(private readonly underflowReason: string) {}

  /** Total LP supply, including any permanently locked amount. */
  get totalSupply(): bigint {
    return this.supply;
  }

  /** LP balance of `holder` (0n for unknown holders). */
  balanceOf(holder: string): bigint {
    return this.balances.get(holder) ?? 0n;
  }

  /** Every holder with a non-zero balance, in first-mint order. */
  holders(): Array<[holder: string, balance: bigint]> {
    return [...this.balances].filter(([, b]) => b !== 0n);
  }

  /** Mint `amount` to `to`. */
  mint(to: string, amount: bigint): void {
    if (amount === 0n) return;
    this.supply += amount;
    this.balances.set(to, this.balanceOf(to) + amount);
  }

  /** Burn `amount` from `from`; reverts if `from` holds less. */
  burn(from: string, amount: bigint): void {
    const have = this.balanceOf(from);
    if (have < amount) throw new RevertError(this.underflowReason);
    if (amount === 0n) return;
    this.balances.set(from, have - amount);
    this.supply -= amount;
  }

  /** Move `amount` from `from` to `to`; reverts if `from` holds less. */
  transfer(from: string, to: string, amount: bigint): void {
    const have = this.balanceOf(from);
    if (have < amount) throw new RevertError(this.underflowReason);
    if (amount === 0n || from === to) return;
    this.balances.set(from, have - amount);
    this.balances.set(to, this.balanceOf(to) + amount);
  }
}
