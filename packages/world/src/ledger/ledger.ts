import { Names } from '@paradox/engine';
import { ModelConfigError, RevertError } from '../errors';
import { unit } from '../offchain/fixed-point';

/** A fungible token: amounts are bigint base units with `decimals` decimals. */
export interface TokenSpec {
  readonly symbol: string;
  readonly decimals: number;
  /** The only address that may mint and burn. */
  readonly issuer: string;
  /** Permissioned (as many RWA tokens are): only allowlisted addresses may hold or receive it. */
  readonly permissioned?: boolean;
}

interface TokenState {
  readonly spec: TokenSpec;
  readonly index: number;
  balances: bigint[];
  supply: bigint;
  readonly allowlist: Set<number>;
}

/**
 * Balances of every token for every account, exact in base units. Accounts are addresses
 * mapped to dense integer ids, so a million holders cost one array slot per token each.
 *
 * Atomicity: inside {@link Ledger.checkpoint} ... {@link Ledger.rollback} every change is
 * journaled, so a reverting transaction restores exactly the balances it touched. Outside a
 * checkpoint nothing is journaled (setup costs nothing extra).
 *
 * Value is conserved by construction (only the issuer's mint and burn change supply) and is
 * checkable at any time with {@link Ledger.audit}.
 */
export class Ledger {
  private readonly tokens = new Map<string, TokenState>();
  /**
   * Changes journaled inside checkpoints, three entries each, in `journal[0 .. journalEnd)`. The
   * array is overwritten rather than emptied after each transaction, so that every transaction
   * does not grow a fresh backing store again.
   */
  private readonly journal: (TokenState | number | bigint)[] = [];
  private journalEnd = 0;
  private depth = 0;

  /**
   * @param names addresses numbered densely in order of first use: a world passes the run's
   *   table (whose numbers are also the bus's message handles); a ledger on its own has its own.
   */
  constructor(private readonly names: Names = new Names()) {}

  addToken(spec: TokenSpec): void {
    if (this.tokens.has(spec.symbol)) throw new ModelConfigError(`tokens.${spec.symbol}`, 'a token symbol used once', 'a duplicate');
    if (!Number.isInteger(spec.decimals) || spec.decimals < 0 || spec.decimals > 36) {
      throw new ModelConfigError(`tokens.${spec.symbol}.decimals`, 'an integer in [0, 36]', spec.decimals);
    }
    this.tokens.set(spec.symbol, { spec, index: this.tokens.size, balances: [], supply: 0n, allowlist: new Set() });
    if (spec.permissioned) this.tokens.get(spec.symbol)!.allowlist.add(this.account(spec.issuer));
  }

  token(symbol: string): TokenSpec {
    return this.state(symbol).spec;
  }

  symbols(): string[] {
    return [...this.tokens.keys()];
  }

  /**
   * The dense id of `address` if it has one, without registering it: lets other models keep
   * per-account data in arrays indexed by the ledger's ids instead of a map of their own.
   */
  lookup(address: string): number | undefined {
    return this.names.find(address);
  }

  /**
   * Number of account ids given so far (ids are 0 .. count - 1). With a shared table of names
   * this counts every name in it, accounts or not.
   */
  get accountCount(): number {
    return this.names.count;
  }

  /** The dense id of `address`, registering it on first use. */
  account(address: string): number {
    return this.names.intern(address);
  }

  balanceOf(symbol: string, address: string): bigint {
    const id = this.names.find(address);
    return id === undefined ? 0n : (this.state(symbol).balances[id] ?? 0n);
  }

  totalSupply(symbol: string): bigint {
    return this.state(symbol).supply;
  }

  /** Converts a plain number of whole tokens to base units (rounded down), e.g. 1.5 USD -> 1500000n. */
  units(symbol: string, amount: number): bigint {
    return toUnits(amount, this.state(symbol).spec.decimals);
  }

  /** Base units to a plain number of whole tokens (for agents' decisions and plots, not accounting). */
  toNumber(symbol: string, amount: bigint): number {
    return Number(amount) / 10 ** this.state(symbol).spec.decimals;
  }

  mint(symbol: string, caller: string, to: string, amount: bigint): void {
    const token = this.state(symbol);
    if (caller !== token.spec.issuer) throw new RevertError(`${symbol}: only the issuer may mint`);
    checkAmount(amount);
    const id = this.account(to);
    this.checkHolder(token, id, to);
    this.set(token, id, (token.balances[id] ?? 0n) + amount);
    this.setSupply(token, token.supply + amount);
  }

  burn(symbol: string, caller: string, from: string, amount: bigint): void {
    const token = this.state(symbol);
    if (caller !== token.spec.issuer) throw new RevertError(`${symbol}: only the issuer may burn`);
    checkAmount(amount);
    const id = this.account(from);
    const balance = token.balances[id] ?? 0n;
    if (balance < amount) throw new RevertError(`${symbol}: burn amount exceeds balance`);
    this.set(token, id, balance - amount);
    this.setSupply(token, token.supply - amount);
  }

  transfer(symbol: string, from: string, to: string, amount: bigint): void {
    const token = this.state(symbol);
    checkAmount(amount);
    const fromId = this.account(from);
    const toId = this.account(to);
    const balance = token.balances[fromId] ?? 0n;
    if (balance < amount) throw new RevertError(`${symbol}: transfer amount exceeds balance`);
    this.checkHolder(token, fromId, from);
    this.checkHolder(token, toId, to);
    if (fromId === toId) return;
    this.set(token, fromId, balance - amount);
    this.set(token, toId, (token.balances[toId] ?? 0n) + amount);
  }

  /** Adds `address` to a permissioned token's allowlist (issuer only). */
  allow(symbol: string, caller: string, address: string): void {
    const token = this.state(symbol);
    if (caller !== token.spec.issuer) throw new RevertError(`${symbol}: only the issuer may change the allowlist`);
    token.allowlist.add(this.account(address));
  }

  disallow(symbol: string, caller: string, address: string): void {
    const token = this.state(symbol);
    if (caller !== token.spec.issuer) throw new RevertError(`${symbol}: only the issuer may change the allowlist`);
    token.allowlist.delete(this.account(address));
  }

  isAllowed(symbol: string, address: string): boolean {
    const token = this.state(symbol);
    return !token.spec.permissioned || token.allowlist.has(this.account(address));
  }

  /** Starts journaling; returns a mark for rollback/commit. Checkpoints nest. */
  checkpoint(): number {
    this.depth++;
    return this.journalEnd;
  }

  /** Undoes every change since `mark`. */
  rollback(mark: number): void {
    const j = this.journal;
    for (let i = this.journalEnd - 3; i >= mark; i -= 3) {
      const token = j[i] as TokenState;
      const id = j[i + 1] as number;
      const old = j[i + 2] as bigint;
      if (id === -1) token.supply = old;
      else token.balances[id] = old;
    }
    this.journalEnd = mark;
    this.endCheckpoint();
  }

  commit(_mark: number): void {
    this.endCheckpoint();
  }

  /**
   * Checks conservation: for every token the balances sum to its supply and none is negative.
   * O(accounts); call it at the end of a run or in tests, not per event.
   */
  audit(): string | undefined {
    for (const token of this.tokens.values()) {
      let sum = 0n;
      for (let id = 0; id < token.balances.length; id++) {
        const b = token.balances[id];
        if (b === undefined) continue;
        if (b < 0n) return `${token.spec.symbol}: negative balance ${b} at ${this.names.nameOf(id)}`;
        sum += b;
      }
      if (sum !== token.supply) return `${token.spec.symbol}: balances sum to ${sum} but supply is ${token.supply}`;
    }
    return undefined;
  }

  private endCheckpoint(): void {
    this.depth--;
    if (this.depth === 0) this.journalEnd = 0;
  }

  private set(token: TokenState, id: number, value: bigint): void {
    const balances = token.balances;
    // Keep the array dense: accounts first paid in random order (a million holders selling)
    // would otherwise leave holes, and V8 turns a sparse array into a slow dictionary.
    if (id > balances.length) fillZeros(balances, id);
    if (this.depth > 0) this.journalChange(token, id, balances[id] ?? 0n);
    balances[id] = value;
  }

  private setSupply(token: TokenState, value: bigint): void {
    if (this.depth > 0) this.journalChange(token, -1, token.supply);
    token.supply = value;
  }

  /** Journals the value that `id`'s balance (-1: the supply) of `token` had before a change. */
  private journalChange(token: TokenState, id: number, old: bigint): void {
    const j = this.journal;
    const end = this.journalEnd;
    j[end] = token;
    j[end + 1] = id;
    j[end + 2] = old;
    this.journalEnd = end + 3;
  }

  private checkHolder(token: TokenState, id: number, address: string): void {
    if (token.spec.permissioned && !token.allowlist.has(id)) {
      throw new RevertError(`${token.spec.symbol}: ${address} is not on the allowlist`);
    }
  }

  private state(symbol: string): TokenState {
    const token = this.tokens.get(symbol);
    if (!token) throw new RevertError(`unknown token "${symbol}"`);
    return token;
  }
}

function checkAmount(amount: bigint): void {
  if (amount < 0n) throw new RevertError('negative amount');
}

/**
 * `amount` whole tokens in base units, rounded toward zero. Uses the number's shortest decimal
 * form (what it prints as), so 0.1 becomes exactly 10^17 at 18 decimals, not 10^17 + 6.
 */
export function toUnits(amount: number, decimals: number): bigint {
  if (!Number.isFinite(amount)) throw new RangeError(`not a finite amount: ${amount}`);
  const abs = amount < 0 ? -amount : amount;
  // Fast paths, exact and equal to the general one below: an integer below 2^53 prints as its
  // digits; otherwise the printed digits N (f of them after the point) are recovered as
  // round(abs x 10^f), which is exact while N < 2^50 (abs is N / 10^f to within a relative
  // 2^-53, multiplying by the exact 10^f adds another 2^-53: an error below N x 2^-52 < 1/2).
  if (Number.isSafeInteger(abs)) {
    const units = BigInt(abs) * unit(decimals);
    return amount < 0 ? -units : units;
  }
  const text = String(abs);
  const dot = text.indexOf('.');
  if (dot >= 0 && text.indexOf('e') < 0) {
    const fractionDigits = text.length - dot - 1;
    const scaled = abs * DECIMAL_SCALES[fractionDigits]!;
    if (scaled < 2 ** 50) {
      const digits = BigInt(Math.round(scaled));
      const shift = decimals - fractionDigits;
      const units = shift >= 0 ? digits * unit(shift) : digits / unit(-shift);
      return amount < 0 ? -units : units;
    }
  }
  return toUnitsFromText(text, amount < 0, decimals);
}

/** 10^0 .. 10^22: every one exact in a double. */
const DECIMAL_SCALES = Array.from({ length: 23 }, (_, i) => 10 ** i);

function toUnitsFromText(text: string, negative: boolean, decimals: number): bigint {
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  const fractionDigits = dot < 0 ? 0 : mantissa.length - dot - 1;
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const shift = (e < 0 ? 0 : Number(text.slice(e + 1))) - fractionDigits + decimals; // power of ten to apply
  const units = shift >= 0 ? BigInt(digits) * unit(shift) : BigInt(digits) / unit(-shift);
  return negative ? -units : units;
}

function fillZeros(balances: bigint[], end: number): void {
  for (let i = balances.length; i < end; i++) balances.push(0n);
}

