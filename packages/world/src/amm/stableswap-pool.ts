import { ModelConfigError, RevertError } from '../errors';
import { LpToken } from './lp-token';
import {
  FEE_DENOMINATOR,
  MAX_A,
  MAX_ADMIN_FEE,
  MAX_FEE,
  PRECISION,
  checkedSub,
  getD,
  getY,
  getYD,
} from './stableswap-math';

// Follows curvefi/curve-contract contracts/pools/3pool/StableSwap3Pool.vy: _xp, get_virtual_price,
// calc_token_amount, add_liquidity, get_dy, exchange, remove_liquidity, remove_liquidity_imbalance,
// _calc_withdraw_one_coin, remove_liquidity_one_coin, admin_balances, withdraw_admin_fees,
// donate_admin_fees, kill_me/unkill_me. Generalised from N_COINS = 3 to any n >= 2.

/** Construction parameters of a {@link StableSwapPool}. */
export interface StableSwapPoolConfig {
  /** Coin ids, n >= 2, distinct. Index i in every method refers to `coins[i]`. */
  readonly coins: readonly string[];
  /** Decimals of each coin, integers in [0, 18]. */
  readonly decimals: readonly number[];
  /**
   * Amplification as the contract stores it: `amp = A_whitepaper * n^(n-1)`, so the code's
   * `Ann = amp * n` equals the whitepaper's `A * n^n`. Integer in [1, 1e6).
   */
  readonly A: bigint | number;
  /** Swap fee as a fraction of 1e10 (4_000_000 = 0.04%), at most 5e9. */
  readonly fee: bigint | number;
  /** Share of the swap fee kept for the admin, fraction of 1e10 (5e9 = 50%), at most 1e10. */
  readonly adminFee: bigint | number;
  /**
   * The contract's RATES: `rate_i * balance_i / 1e18` is coin i in 18-decimal "dollars". Default
   * `10^(36 - decimals_i)` (3pool: [1e18, 1e30, 1e30]). Override for coins worth other than 1:1,
   * e.g. a yield-bearing token whose redemption value grows (see {@link StableSwapPool.setRate}).
   */
  readonly rates?: readonly bigint[];
}

/**
 * A Curve StableSwap pool for n >= 2 pegged coins with the 3pool contract's exact integer math.
 *
 * `balances` are the contract's `balances` (the LPs' share); fees kept for the admin are tracked
 * separately, so the pool's token holdings are `balances[i] + adminBalance(i)`. The LP token
 * (supply and per-holder balances) lives here. Coins move with explicit amounts (the contract
 * pulls them with `transferFrom`): the caller moves `dx` in and credits the returned amounts out.
 * A refused call throws {@link RevertError} and changes nothing.
 *
 * Simplifications: A is constant (no `ramp_A`), fee changes apply at once (no 3-day delay), and
 * no coin charges a fee on transfer (the 3pool's USDT `FEE_INDEX` branch is a no-op for USDT).
 */
export class StableSwapPool {
  /** Coin ids. */
  readonly coins: readonly string[];
  /** Coin decimals. */
  readonly decimals: readonly number[];
  /** Number of coins. */
  readonly n: number;

  private readonly N: bigint;
  private readonly amp: bigint;
  private _fee: bigint;
  private _adminFee: bigint;
  private readonly _rates: bigint[];
  private readonly _balances: bigint[];
  private readonly _adminBalances: bigint[];
  private readonly lp = new LpToken('dev: insufficient funds');
  private killed = false;
  /** D of the current balances and rates, cleared whenever either changes. */
  private cachedD: bigint | undefined;

  constructor(config: StableSwapPoolConfig) {
    const { coins, decimals } = config;
    if (!Array.isArray(coins) || coins.length < 2) {
      throw new ModelConfigError('coins', 'must list at least 2 coins', Array.isArray(coins) ? coins.length : coins);
    }
    coins.forEach((c, i) => {
      if (typeof c !== 'string' || c === '') throw new ModelConfigError(`coins[${i}]`, 'must be a non-empty string', c);
      if (coins.indexOf(c) !== i) throw new ModelConfigError(`coins[${i}]`, 'must be distinct', c);
    });
    if (!Array.isArray(decimals) || decimals.length !== coins.length) {
      throw new ModelConfigError('decimals', `must have one entry per coin (${coins.length})`, decimals?.length);
    }
    decimals.forEach((d, i) => {
      if (!Number.isInteger(d) || d < 0 || d > 18) {
        throw new ModelConfigError(`decimals[${i}]`, 'must be an integer in [0, 18]', d);
      }
    });
    const amp = toBigInt('A', config.A);
    if (amp < 1n || amp >= MAX_A) throw new ModelConfigError('A', `must be in [1, ${MAX_A})`, config.A);
    const fee = toBigInt('fee', config.fee);
    if (fee < 0n || fee > MAX_FEE) throw new ModelConfigError('fee', `must be in [0, ${MAX_FEE}] (1e10 = 100%)`, config.fee);
    const adminFee = toBigInt('adminFee', config.adminFee);
    if (adminFee < 0n || adminFee > MAX_ADMIN_FEE) {
      throw new ModelConfigError('adminFee', `must be in [0, ${MAX_ADMIN_FEE}] (1e10 = 100%)`, config.adminFee);
    }
    let rates: bigint[];
    if (config.rates !== undefined) {
      if (config.rates.length !== coins.length) {
        throw new ModelConfigError('rates', `must have one entry per coin (${coins.length})`, config.rates.length);
      }
      config.rates.forEach((r, i) => {
        if (typeof r !== 'bigint' || r <= 0n) throw new ModelConfigError(`rates[${i}]`, 'must be a positive bigint', r);
      });
      rates = [...config.rates];
    } else {
      rates = decimals.map((d) => 10n ** BigInt(36 - d));
    }
    this.coins = [...coins];
    this.decimals = [...decimals];
    this.n = coins.length;
    this.N = BigInt(coins.length);
    this.amp = amp;
    this._fee = fee;
    this._adminFee = adminFee;
    this._rates = rates;
    this._balances = coins.map(() => 0n);
    this._adminBalances = coins.map(() => 0n);
  }

  // ---------------------------------------------------------------- views

  /** Amplification as stored by the contract (`A()`); whitepaper A is this / n^(n-1). */
  get A(): bigint {
    return this.amp;
  }

  /** Swap fee, fraction of 1e10. */
  get fee(): bigint {
    return this._fee;
  }

  /** Admin share of fees, fraction of 1e10. */
  get adminFee(): bigint {
    return this._adminFee;
  }

  /** Whether `kill_me` is in force (only balanced `removeLiquidity` works). */
  get isKilled(): boolean {
    return this.killed;
  }

  /** LP token total supply. */
  get totalSupply(): bigint {
    return this.lp.totalSupply;
  }

  /** `balances(i)`: coin i owned by the LPs. */
  balance(i: number): bigint {
    return this._balances[this.index(i)]!;
  }

  /** All `balances`, copied. */
  balances(): bigint[] {
    return [...this._balances];
  }

  /** `admin_balances(i)`: fees held for the admin in coin i. */
  adminBalance(i: number): bigint {
    return this._adminBalances[this.index(i)]!;
  }

  /** Coin i held by the pool: `balances(i) + admin_balances(i)`. */
  holdings(i: number): bigint {
    const k = this.index(i);
    return this._balances[k]! + this._adminBalances[k]!;
  }

  /** The RATES multiplier of coin i. */
  rate(i: number): bigint {
    return this._rates[this.index(i)]!;
  }

  /** LP balance of `holder`. */
  balanceOf(holder: string): bigint {
    return this.lp.balanceOf(holder);
  }

  /** All LP holders with non-zero balances. */
  lpHolders(): Array<[holder: string, balance: bigint]> {
    return this.lp.holders();
  }

  /** `_xp()`: balances normalised to 18 decimals, `rate * balance / 1e18`. */
  xp(): bigint[] {
    return xpOf(this._balances, this._rates);
  }

  /** The invariant D of the current balances. */
  getD(): bigint {
    if (this.cachedD === undefined) this.cachedD = getD(this.xp(), this.amp);
    return this.cachedD;
  }

  /** `get_virtual_price`: D * 1e18 / LP supply, the LP token's value in 18-decimal units. */
  getVirtualPrice(): bigint {
    const supply = this.lp.totalSupply;
    if (supply === 0n) throw new RevertError('dev: division by zero');
    return (this.getD() * PRECISION) / supply;
  }

  /**
   * `calc_token_amount`: LP minted (deposit) or burned (withdrawal) for `amounts`, ignoring fees.
   * The contract's own caveat applies: for slippage limits, not exact accounting.
   */
  calcTokenAmount(amounts: readonly bigint[], deposit: boolean): bigint {
    this.checkAmounts(amounts);
    const D0 = this.getD();
    const next = this._balances.map((b, k) => (deposit ? b + amounts[k]! : checkedSub(b, amounts[k]!)));
    const D1 = getD(xpOf(next, this._rates), this.amp);
    const diff = deposit ? checkedSub(D1, D0) : checkedSub(D0, D1);
    if (D0 === 0n) throw new RevertError('dev: division by zero');
    return (diff * this.lp.totalSupply) / D0;
  }

  /**
   * `get_dy`: coin j received for `dx` of coin i, after the fee. May differ by 1 unit from what
   * `exchange` pays, since the contract rounds the fee differently in the two.
   */
  getDy(i: number, j: number, dx: bigint): bigint {
    this.checkPair(i, j);
    if (dx < 0n) throw new RevertError(NEGATIVE_AMOUNT);
    const rates = this._rates;
    const xp = this.xp();
    const x = xp[i]! + (dx * rates[i]!) / PRECISION;
    const y = getY(i, j, x, xp, this.amp, this.getD());
    const dy = (checkedSub(checkedSub(xp[j]!, y), 1n) * PRECISION) / rates[j]!;
    return dy - (this._fee * dy) / FEE_DENOMINATOR;
  }

  /** `calc_withdraw_one_coin`: coin i received for burning `tokenAmount` LP. */
  calcWithdrawOneCoin(tokenAmount: bigint, i: number): bigint {
    return this.planWithdrawOne(tokenAmount, this.index(i)).dy;
  }

  /**
   * Marginal price of coin i in coin j (whole units of j per whole unit of i, before fees) from
   * the invariant's gradient: `(Ann + D_P/x_i) / (Ann + D_P/x_j)` on normalised balances, scaled
   * by the rates. A float for agents; NaN for an empty pool.
   */
  spotPrice(i: number, j: number): number {
    this.checkPair(i, j);
    const xp = this.xp();
    if (xp.some((x) => x === 0n)) return Number.NaN;
    const D = Number(this.getD());
    const n = this.n;
    const xs = xp.map(Number);
    let DP = D;
    for (const x of xs) DP *= D / (x * n);
    const Ann = Number(this.amp) * n;
    const pXp = (Ann + DP / xs[i]!) / (Ann + DP / xs[j]!);
    // One whole coin k is 10^dec_k * rate_k / 1e18 normalised units.
    const scale =
      (Number(this._rates[i]!) * 10 ** this.decimals[i]!) / (Number(this._rates[j]!) * 10 ** this.decimals[j]!);
    return pXp * scale;
  }

  // ---------------------------------------------------------------- admin

  /** New fee and admin fee, applied at once (the contract's commit/apply delay is not modelled). */
  setFee(fee: bigint, adminFee: bigint): void {
    if (fee < 0n || fee > MAX_FEE) throw new RevertError('dev: fee exceeds maximum');
    if (adminFee < 0n || adminFee > MAX_ADMIN_FEE) throw new RevertError('dev: admin fee exceeds maximum');
    this._fee = fee;
    this._adminFee = adminFee;
  }

  /**
   * Set coin i's RATES multiplier, as lending pools refresh it from the wrapped token's exchange
   * rate on every call. The 3pool's rates are constants; use this to model a coin whose value
   * moves (e.g. a yield-bearing RWA token valued by its NAV).
   */
  setRate(i: number, rate: bigint): void {
    const k = this.index(i);
    if (rate <= 0n) throw new RangeError(`rate must be positive, got ${rate}`);
    this._rates[k] = rate;
    this.cachedD = undefined;
  }

  /** `kill_me`: freeze exchanges and all but balanced withdrawals (a circuit breaker). */
  kill(): void {
    this.killed = true;
  }

  /** `unkill_me`. */
  unkill(): void {
    this.killed = false;
  }

  /** `withdraw_admin_fees`: zero the admin balances and return them for the caller to pay out. */
  withdrawAdminFees(): bigint[] {
    const out = [...this._adminBalances];
    this._adminBalances.fill(0n);
    return out;
  }

  /** `donate_admin_fees`: hand the admin balances to the LPs. */
  donateAdminFees(): void {
    for (let k = 0; k < this.n; k++) {
      this._balances[k]! += this._adminBalances[k]!;
      this._adminBalances[k] = 0n;
    }
    this.cachedD = undefined;
  }

  // ---------------------------------------------------------------- operations

  /** LP-token `transfer`; reverts on insufficient balance. */
  transferLiquidity(from: string, to: string, amount: bigint): void {
    if (amount < 0n) throw new RevertError(NEGATIVE_AMOUNT);
    this.lp.transfer(from, to, amount);
  }

  /**
   * `exchange(i, j, dx, min_dy)`: sell `dx` of coin i for coin j. With xp the normalised balances
   * and y = get_y(i, j, xp_i + dx*rate_i/1e18):
   *
   *     dy     = xp_j - y - 1                          (the 1 absorbs rounding in the LPs' favour)
   *     dy_fee = dy * fee / 1e10
   *     out    = (dy - dy_fee) * 1e18 / rate_j         must be >= minDy
   *     admin  = (dy_fee * admin_fee / 1e10) * 1e18 / rate_j   leaves the LP balances
   *
   * Returns `out`, the amount of coin j to credit to the trader.
   */
  exchange(i: number, j: number, dx: bigint, minDy = 0n): bigint {
    if (this.killed) throw new RevertError('dev: is killed');
    this.checkPair(i, j);
    if (dx < 0n) throw new RevertError(NEGATIVE_AMOUNT);
    const rates = this._rates;
    const old = this._balances;
    const xp = this.xp();
    const x = xp[i]! + (dx * rates[i]!) / PRECISION;
    const y = getY(i, j, x, xp, this.amp, this.getD());
    let dy = checkedSub(checkedSub(xp[j]!, y), 1n);
    const dyFee = (dy * this._fee) / FEE_DENOMINATOR;
    dy = ((dy - dyFee) * PRECISION) / rates[j]!;
    if (dy < minDy) throw new RevertError('Exchange resulted in fewer coins than expected');
    const dyAdminFee = (((dyFee * this._adminFee) / FEE_DENOMINATOR) * PRECISION) / rates[j]!;
    const newJ = checkedSub(checkedSub(old[j]!, dy), dyAdminFee);
    old[i] = old[i]! + dx;
    old[j] = newJ;
    this._adminBalances[j]! += dyAdminFee;
    this.cachedD = undefined;
    return dy;
  }

  /**
   * `add_liquidity(amounts, min_mint_amount)`: deposit `amounts` from `provider`. The first
   * deposit must include every coin and mints D. Later deposits charge the imbalance fee
   * `fee * n / (4(n-1))` on each coin's distance from its ideal balance `D1 * old_i / D0`, and
   * mint `supply * (D2 - D0) / D0` with D2 the invariant after fees. Returns LP minted.
   */
  addLiquidity(provider: string, amounts: readonly bigint[], minMintAmount = 0n): bigint {
    if (this.killed) throw new RevertError('dev: is killed');
    this.checkAmounts(amounts);
    const n = this.n;
    const amp = this.amp;
    const feeImb = (this._fee * this.N) / (4n * (this.N - 1n));
    const supply = this.lp.totalSupply;
    const old = this._balances;
    const D0 = supply > 0n ? this.getD() : 0n;
    if (supply > 0n && D0 === 0n) throw new RevertError('dev: division by zero');
    const next = new Array<bigint>(n);
    for (let k = 0; k < n; k++) {
      if (supply === 0n && amounts[k]! <= 0n) throw new RevertError('dev: initial deposit requires all coins');
      next[k] = old[k]! + amounts[k]!;
    }
    const D1 = getD(xpOf(next, this._rates), amp);
    if (!(D1 > D0)) throw new RevertError('dev: D1 must exceed D0');
    const stored = [...next];
    const adminParts = new Array<bigint>(n).fill(0n);
    let mint: bigint;
    if (supply > 0n) {
      for (let k = 0; k < n; k++) {
        const ideal = (D1 * old[k]!) / D0;
        const difference = ideal > next[k]! ? ideal - next[k]! : next[k]! - ideal;
        const fee = (feeImb * difference) / FEE_DENOMINATOR;
        adminParts[k] = (fee * this._adminFee) / FEE_DENOMINATOR;
        stored[k] = checkedSub(next[k]!, adminParts[k]!);
        next[k] = checkedSub(next[k]!, fee);
      }
      const D2 = getD(xpOf(next, this._rates), amp);
      mint = (supply * checkedSub(D2, D0)) / D0;
    } else {
      mint = D1;
    }
    if (mint < minMintAmount) throw new RevertError('Slippage screwed you');
    for (let k = 0; k < n; k++) {
      old[k] = stored[k]!;
      this._adminBalances[k]! += adminParts[k]!;
    }
    this.cachedD = undefined;
    this.lp.mint(provider, mint);
    return mint;
  }

  /**
   * `remove_liquidity(_amount, min_amounts)`: burn `amount` LP for `balance_i * amount / supply`
   * of every coin (no fee; works while killed). Returns the amounts paid out.
   */
  removeLiquidity(provider: string, amount: bigint, minAmounts?: readonly bigint[]): bigint[] {
    if (amount < 0n) throw new RevertError(NEGATIVE_AMOUNT);
    if (minAmounts !== undefined && minAmounts.length !== this.n) {
      throw new RangeError(`minAmounts must have ${this.n} entries, got ${minAmounts.length}`);
    }
    const supply = this.lp.totalSupply;
    if (supply === 0n) throw new RevertError('dev: division by zero');
    const out = this._balances.map((b) => (b * amount) / supply);
    out.forEach((v, k) => {
      if (minAmounts !== undefined && v < minAmounts[k]!) {
        throw new RevertError('Withdrawal resulted in fewer coins than expected');
      }
    });
    if (this.lp.balanceOf(provider) < amount) throw new RevertError('dev: insufficient funds');
    for (let k = 0; k < this.n; k++) this._balances[k] = this._balances[k]! - out[k]!;
    this.lp.burn(provider, amount);
    this.cachedD = undefined;
    return out;
  }

  /**
   * `remove_liquidity_imbalance(amounts, max_burn_amount)`: withdraw exactly `amounts`, paying
   * the imbalance fee, burning `(D0 - D2) * supply / D0 + 1` LP. Returns the LP burned.
   */
  removeLiquidityImbalance(provider: string, amounts: readonly bigint[], maxBurnAmount: bigint): bigint {
    if (this.killed) throw new RevertError('dev: is killed');
    this.checkAmounts(amounts);
    const supply = this.lp.totalSupply;
    if (supply === 0n) throw new RevertError('dev: zero total supply');
    const n = this.n;
    const amp = this.amp;
    const feeImb = (this._fee * this.N) / (4n * (this.N - 1n));
    const old = this._balances;
    const D0 = this.getD();
    if (D0 === 0n) throw new RevertError('dev: division by zero');
    const next = old.map((b, k) => checkedSub(b, amounts[k]!));
    const D1 = getD(xpOf(next, this._rates), amp);
    const stored = [...next];
    const adminParts = new Array<bigint>(n).fill(0n);
    for (let k = 0; k < n; k++) {
      const ideal = (D1 * old[k]!) / D0;
      const difference = ideal > next[k]! ? ideal - next[k]! : next[k]! - ideal;
      const fee = (feeImb * difference) / FEE_DENOMINATOR;
      adminParts[k] = (fee * this._adminFee) / FEE_DENOMINATOR;
      stored[k] = checkedSub(next[k]!, adminParts[k]!);
      next[k] = checkedSub(next[k]!, fee);
    }
    const D2 = getD(xpOf(next, this._rates), amp);
    let burned = (checkedSub(D0, D2) * supply) / D0;
    if (burned === 0n) throw new RevertError('dev: zero tokens burned');
    burned += 1n;
    if (burned > maxBurnAmount) throw new RevertError('Slippage screwed you');
    if (this.lp.balanceOf(provider) < burned) throw new RevertError('dev: insufficient funds');
    for (let k = 0; k < n; k++) {
      old[k] = stored[k]!;
      this._adminBalances[k]! += adminParts[k]!;
    }
    this.cachedD = undefined;
    this.lp.burn(provider, burned);
    return burned;
  }

  /**
   * `remove_liquidity_one_coin(_token_amount, i, min_amount)`: burn `tokenAmount` LP for coin i
   * only (`_calc_withdraw_one_coin`, fee on the implied imbalance). Returns coin i paid out.
   */
  removeLiquidityOneCoin(provider: string, tokenAmount: bigint, i: number, minAmount = 0n): bigint {
    if (this.killed) throw new RevertError('dev: is killed');
    const k = this.index(i);
    const { dy, dyFee } = this.planWithdrawOne(tokenAmount, k);
    if (dy < minAmount) throw new RevertError('Not enough coins removed');
    const newBalance = checkedSub(this._balances[k]!, dy + (dyFee * this._adminFee) / FEE_DENOMINATOR);
    if (this.lp.balanceOf(provider) < tokenAmount) throw new RevertError('dev: insufficient funds');
    this._adminBalances[k]! += (dyFee * this._adminFee) / FEE_DENOMINATOR;
    this._balances[k] = newBalance;
    this.cachedD = undefined;
    this.lp.burn(provider, tokenAmount);
    return dy;
  }

  // ---------------------------------------------------------------- internals

  /**
   * `_calc_withdraw_one_coin`. The 3pool divides by PRECISION_MUL[i]; we use `* 1e18 / rate_i`,
   * which is the same number for the default rates and correct for overridden ones (the lending
   * pools' form).
   */
  private planWithdrawOne(tokenAmount: bigint, i: number): { dy: bigint; dyFee: bigint } {
    if (tokenAmount < 0n) throw new RevertError(NEGATIVE_AMOUNT);
    const amp = this.amp;
    const feeImb = (this._fee * this.N) / (4n * (this.N - 1n));
    const supply = this.lp.totalSupply;
    if (supply === 0n) throw new RevertError('dev: division by zero');
    const rateI = this._rates[i]!;
    const xp = this.xp();
    const D0 = this.getD();
    if (D0 === 0n) throw new RevertError('dev: division by zero');
    const D1 = checkedSub(D0, (tokenAmount * D0) / supply);
    const newY = getYD(amp, i, xp, D1);
    const dy0 = (checkedSub(xp[i]!, newY) * PRECISION) / rateI;
    const reduced = [...xp];
    for (let k = 0; k < this.n; k++) {
      const expected =
        k === i ? checkedSub((xp[k]! * D1) / D0, newY) : checkedSub(xp[k]!, (xp[k]! * D1) / D0);
      reduced[k] = checkedSub(reduced[k]!, (feeImb * expected) / FEE_DENOMINATOR);
    }
    let dy = checkedSub(reduced[i]!, getYD(amp, i, reduced, D1));
    dy = (checkedSub(dy, 1n) * PRECISION) / rateI;
    return { dy, dyFee: checkedSub(dy0, dy) };
  }

  private index(i: number): number {
    if (!Number.isInteger(i) || i < 0 || i >= this.n) {
      throw new RevertError(`dev: coin index out of range (${i})`);
    }
    return i;
  }

  private checkPair(i: number, j: number): void {
    this.index(i);
    this.index(j);
    if (i === j) throw new RevertError('dev: same coin');
  }

  private checkAmounts(amounts: readonly bigint[]): void {
    if (amounts.length !== this.n) throw new RangeError(`amounts must have ${this.n} entries, got ${amounts.length}`);
    for (const a of amounts) if (a < 0n) throw new RevertError(NEGATIVE_AMOUNT);
  }
}

const NEGATIVE_AMOUNT = 'model: negative amount';

function xpOf(balances: readonly bigint[], rates: readonly bigint[]): bigint[] {
  const out = new Array<bigint>(balances.length);
  for (let k = 0; k < balances.length; k++) out[k] = (rates[k]! * balances[k]!) / PRECISION;
  return out;
}

function toBigInt(path: string, v: bigint | number): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  throw new ModelConfigError(path, 'must be an integer (bigint or safe integer number)', v);
}
