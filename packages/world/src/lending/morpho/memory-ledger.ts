import { RevertError } from '../../errors';
import type { TokenLedger } from './types';

/**
 * A bare in-memory token ledger for tests and examples: balances per (token, account), `mint`
 * to fund accounts, and transfers that revert `insufficient balance` rather than go negative.
 * The world's real ledger replaces it in runs.
 */
export class MemoryLedger implements TokenLedger {
  private readonly balances = new Map<string, Map<string, bigint>>();

  balanceOf(token: string, account: string): bigint {
    return this.balances.get(token)?.get(account) ?? 0n;
  }

  mint(token: string, account: string, amount: bigint): void {
    if (amount < 0n) throw new RangeError(`mint amount must be >= 0, got ${amount}`);
    this.set(token, account, this.balanceOf(token, account) + amount);
  }

  transfer(token: string, from: string, to: string, amount: bigint): void {
    if (amount < 0n) throw new RangeError(`transfer amount must be >= 0, got ${amount}`);
    const fromBalance = this.balanceOf(token, from);
    if (fromBalance < amount) throw new RevertError('insufficient balance');
    this.set(token, from, fromBalance - amount);
    this.set(token, to, this.balanceOf(token, to) + amount);
  }

  /** Every non-zero balance, for snapshots: `token -> account -> amount`. */
  snapshot(): Record<string, Record<string, bigint>> {
    const out: Record<string, Record<string, bigint>> = {};
    for (const [token, accounts] of this.balances) {
      const row: Record<string, bigint> = {};
      for (const [account, amount] of accounts) if (amount !== 0n) row[account] = amount;
      out[token] = row;
    }
    return out;
  }

  private set(token: string, account: string, amount: bigint): void {
    let accounts = this.balances.get(token);
    if (accounts === undefined) this.balances.set(token, (accounts = new Map()));
    accounts.set(account, amount);
  }
}
