import { ModelConfigError, RevertError } from '../errors';
import { LpToken } from './lp-token';
import {
  BPS,
  MAX_UINT112,
  accumulatePrice,
  amountInUnchecked,
  amountOutUnchecked,
  feeComplement,
  quote,
  sqrt,
} from './uniswap-v2-math';

// Follows Uniswap/v2-core contracts/UniswapV2Pair.sol (mint, burn, swap, skim, sync, _update,
// _mintFee) and, for the convenience methods, Uniswap/v2-periphery UniswapV2Router02.sol
// (_addLiquidity, removeLiquidity, swapExactTokensForTokens, swapTokensForExactTokens) with
// UniswapV2Library.sol (quote, getAmountOut, getAmountIn). Revert reasons are the contracts'.

/** `address(0)`: holder of the permanently locked MINIMUM_LIQUIDITY. */
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

const BPS2 = BPS * BPS;
const MINIMUM_LIQUIDITY = 1000n;

/** Index of a token in a pair: 0 for `token0`, 1 for `token1`. */
export type PairTokenIndex = 0 | 1;

/** Construction parameters of a {@link UniswapV2Pair}. */
export interface UniswapV2PairConfig {
  /** Id of token0 (for labels; the pair does not sort tokens). */
  readonly token0: string;
  /** Id of token1. */
  readonly token1: string;
  /** Decimals of token0, used only by the float price helpers. Default 18. */
  readonly decimals0?: number;
  /** Decimals of token1, used only by the float price helpers. Default 18. */
  readonly decimals1?: number;
  /** LP fee in basis points, integer in [0, 10000). Default 30 = the contract's 0.3%. */
  readonly feeBps?: number;
  /** Protocol-fee recipient (the factory's `feeTo`). Omit for the fee switch off (the default). */
  readonly feeTo?: string;
  /** The pair's own id as an LP-token holder (tokens sent to the pair before `burn`). */
  readonly address?: string;
}

/** Token amounts paid out by a burn or skim, in base units. */
export interface PairAmounts {
  readonly amount0: bigint;
  readonly amount1: bigint;
}

/** Result of {@link UniswapV2Pair.addLiquidity}. */
export interface AddLiquidityResult extends PairAmounts {
  readonly liquidity: bigint;
}

/** `getReserves()` of the contract; `blockTimestampLast` is reduced mod 2**32 like the uint32 slot. */
export interface PairReserves {
  readonly reserve0: bigint;
  readonly reserve1: bigint;
  readonly blockTimestampLast: number;
}

/** Counterfactual TWAP accumulators, `UniswapV2OracleLibrary.currentCumulativePrices`. */
export interface CumulativePrices {
  readonly price0Cumulative: bigint;
  readonly price1Cumulative: bigint;
  /** The timestamp they hold for, mod 2**32. */
  readonly blockTimestamp: number;
}

interface MintPlan {
  readonly balance0: bigint;
  readonly balance1: bigint;
  readonly feeLiquidity: bigint;
  readonly firstMint: boolean;
  readonly liquidity: bigint;
}

interface BurnPlan {
  readonly feeLiquidity: bigint;
  readonly burned: bigint;
  readonly amount0: bigint;
  readonly amount1: bigint;
}

/**
 * A Uniswap V2 constant-product pair with the contract's exact integer math.
 *
 * State mirrors the contract: `reserve0/1` (the last synced balances), `balance0/1` (what
 * `IERC20(token).balanceOf(pair)` would return: reserves plus anything sent in and not yet
 * accounted for), TWAP accumulators, `kLast`, and the LP token (supply and per-holder balances,
 * kept here in a map). Every mutating method is one transaction: it validates, then commits, and
 * a refused one throws {@link RevertError} having changed nothing.
 *
 * Ledger integration: the contract learns what it was paid by reading its balances. Here the
 * caller passes the amounts it sends along with the call (`amount0In`, `amount1In`), which the
 * pair adds to its balances as part of the same transaction; any earlier surplus (from
 * {@link transferIn}) counts too, exactly as on chain. Amounts paid out are returned, for the
 * caller to credit to the recipient. The pair's `balance0/1` then always equals what a world
 * ledger holds for the pair's address if the ledger routes every transfer to the pair here.
 *
 * Time is integer seconds (`nowSec`), non-decreasing across calls. The contract keeps
 * `blockTimestampLast` as a uint32 and subtracts with wraparound; we keep full seconds, which
 * gives the same elapsed times for any gap under 2**32 s (136 years).
 */
export class UniswapV2Pair {
  /** Liquidity locked forever at `address(0)` on the first mint. */
  static readonly MINIMUM_LIQUIDITY = MINIMUM_LIQUIDITY;

  readonly token0: string;
  readonly token1: string;
  readonly decimals0: number;
  readonly decimals1: number;
  /** LP fee in basis points. */
  readonly feeBps: number;
  /** The pair's id as an LP-token holder. */
  readonly address: string;

  private readonly fee: bigint;
  private readonly gamma: bigint;
  private readonly lp = new LpToken('ds-math-sub-underflow');
  private _feeTo: string | undefined;
  private _reserve0 = 0n;
  private _reserve1 = 0n;
  private _balance0 = 0n;
  private _balance1 = 0n;
  private _timestampLast = 0;
  private _price0CumulativeLast = 0n;
  private _price1CumulativeLast = 0n;
  private _kLast = 0n;

  constructor(config: UniswapV2PairConfig) {
    if (typeof config.token0 !== 'string' || config.token0 === '') {
      throw new ModelConfigError('token0', 'must be a non-empty string', config.token0);
    }
    if (typeof config.token1 !== 'string' || config.token1 === '') {
      throw new ModelConfigError('token1', 'must be a non-empty string', config.token1);
    }
    if (config.token0 === config.token1) {
      throw new ModelConfigError('token1', `must differ from token0 (${config.token0})`, config.token1);
    }
    const feeBps = config.feeBps ?? 30;
    if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps >= 10_000) {
      throw new ModelConfigError('feeBps', 'must be an integer in [0, 10000)', feeBps);
    }
    this.token0 = config.token0;
    this.token1 = config.token1;
    this.decimals0 = checkDecimals('decimals0', config.decimals0 ?? 18);
    this.decimals1 = checkDecimals('decimals1', config.decimals1 ?? 18);
    this.feeBps = feeBps;
    this.fee = BigInt(feeBps);
    this.gamma = feeComplement(feeBps);
    this.address = config.address ?? `UNI-V2:${config.token0}/${config.token1}`;
    if (this.address === ZERO_ADDRESS) {
      throw new ModelConfigError('address', 'must not be the zero address', this.address);
    }
    this._feeTo = config.feeTo;
  }

  // ---------------------------------------------------------------- views

  /** Reserve of token0 as of the last `_update`. */
  get reserve0(): bigint {
    return this._reserve0;
  }

  /** Reserve of token1 as of the last `_update`. */
  get reserve1(): bigint {
    return this._reserve1;
  }

  /** Token0 held by the pair (reserves plus unsynced surplus). */
  get balance0(): bigint {
    return this._balance0;
  }

  /** Token1 held by the pair (reserves plus unsynced surplus). */
  get balance1(): bigint {
    return this._balance1;
  }

  /** Full-precision seconds of the last reserve update (see the class note on uint32). */
  get timestampLast(): number {
    return this._timestampLast;
  }

  /** UQ112x112 time-integral of reserve1/reserve0 (mod 2**256). */
  get price0CumulativeLast(): bigint {
    return this._price0CumulativeLast;
  }

  /** UQ112x112 time-integral of reserve0/reserve1 (mod 2**256). */
  get price1CumulativeLast(): bigint {
    return this._price1CumulativeLast;
  }

  /** reserve0*reserve1 after the last liquidity event while the fee switch is on, else 0. */
  get kLast(): bigint {
    return this._kLast;
  }

  /** Total LP supply, including the locked MINIMUM_LIQUIDITY. */
  get totalSupply(): bigint {
    return this.lp.totalSupply;
  }

  /** Protocol-fee recipient, or undefined when the fee switch is off. */
  get feeTo(): string | undefined {
    return this._feeTo;
  }

  /** `getReserves()`. */
  getReserves(): PairReserves {
    return {
      reserve0: this._reserve0,
      reserve1: this._reserve1,
      blockTimestampLast: this._timestampLast % 2 ** 32,
    };
  }

  /** LP balance of `holder`. */
  balanceOf(holder: string): bigint {
    return this.lp.balanceOf(holder);
  }

  /** All LP holders with non-zero balances (includes `address(0)` and `feeTo`). */
  lpHolders(): Array<[holder: string, balance: bigint]> {
    return this.lp.holders();
  }

  /**
   * Price of one whole `tokenIndex` token in whole units of the other, from reserves, as a float:
   * for token0 it is `(reserve1 / 10**decimals1) / (reserve0 / 10**decimals0)`. NaN when a reserve
   * is zero. For agents' decisions only; trades go through the exact methods.
   */
  spotPrice(tokenIndex: PairTokenIndex = 0): number {
    if (this._reserve0 === 0n || this._reserve1 === 0n) return Number.NaN;
    const p = (Number(this._reserve1) / Number(this._reserve0)) * 10 ** (this.decimals0 - this.decimals1);
    return tokenIndex === 0 ? p : 1 / p;
  }

  /** Output for selling `amountIn` of `tokenIn` at current reserves (`getAmountOut`); reverts like it. */
  getAmountOut(tokenIn: PairTokenIndex, amountIn: bigint): bigint {
    checkIndex(tokenIn);
    const [rIn, rOut] = tokenIn === 0 ? [this._reserve0, this._reserve1] : [this._reserve1, this._reserve0];
    if (amountIn <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
    if (rIn === 0n || rOut === 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    return amountOutUnchecked(amountIn, rIn, rOut, this.gamma);
  }

  /** Input of the other token needed to buy `amountOut` of `tokenOut` (`getAmountIn`); reverts like it. */
  getAmountIn(tokenOut: PairTokenIndex, amountOut: bigint): bigint {
    checkIndex(tokenOut);
    const [rIn, rOut] = tokenOut === 1 ? [this._reserve0, this._reserve1] : [this._reserve1, this._reserve0];
    if (amountOut <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_OUTPUT_AMOUNT');
    if (rIn === 0n || rOut === 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    if (amountOut > rOut) throw new RevertError('ds-math-sub-underflow');
    if (amountOut === rOut) throw new RevertError('division by zero');
    return amountInUnchecked(amountOut, rIn, rOut, this.gamma);
  }

  /**
   * TWAP accumulators as they would read at `nowSec` if `sync` were called then
   * (`UniswapV2OracleLibrary.currentCumulativePrices`). Does not change state.
   */
  currentCumulativePrices(nowSec: number): CumulativePrices {
    this.checkTime(nowSec);
    let p0 = this._price0CumulativeLast;
    let p1 = this._price1CumulativeLast;
    const elapsed = nowSec - this._timestampLast;
    if (elapsed > 0 && this._reserve0 !== 0n && this._reserve1 !== 0n) {
      const e = BigInt(elapsed);
      p0 = accumulatePrice(p0, this._reserve1, this._reserve0, e);
      p1 = accumulatePrice(p1, this._reserve0, this._reserve1, e);
    }
    return { price0Cumulative: p0, price1Cumulative: p1, blockTimestamp: nowSec % 2 ** 32 };
  }

  /** What burning `liquidity` LP right now would pay out (including the protocol-fee mint). */
  previewBurn(liquidity: bigint): PairAmounts {
    checkAmount(liquidity);
    const plan = this.planBurn(this.lp.balanceOf(this.address) + liquidity);
    return { amount0: plan.amount0, amount1: plan.amount1 };
  }

  // ---------------------------------------------------------------- admin

  /** The factory's `setFeeTo`: turn the protocol fee on (recipient) or off (undefined). */
  setFeeTo(feeTo: string | undefined): void {
    this._feeTo = feeTo;
  }

  // ---------------------------------------------------------------- contract operations

  /**
   * A plain ERC-20 transfer of `amount` of a token to the pair, outside any pair call. The surplus
   * over reserves is picked up by the next mint/swap (as input), `sync` (as reserves) or `skim`.
   */
  transferIn(token: PairTokenIndex, amount: bigint): void {
    checkIndex(token);
    checkAmount(amount);
    if (token === 0) this._balance0 += amount;
    else this._balance1 += amount;
  }

  /** LP-token `transfer` between holders; reverts `ds-math-sub-underflow` on insufficient balance. */
  transferLiquidity(from: string, to: string, amount: bigint): void {
    checkAmount(amount);
    this.checkSender(from);
    this.lp.transfer(from, to, amount);
  }

  /**
   * `mint(to)` with `amount0In`/`amount1In` sent to the pair in the same transaction. Liquidity
   * is `sqrt(a0*a1) - 1000` on the first mint (1000 locked at `address(0)`), else
   * `min(a0*supply/reserve0, a1*supply/reserve1)`, where a0/a1 are balances minus reserves.
   * Returns the liquidity minted to `to`.
   */
  mint(to: string, amount0In: bigint, amount1In: bigint, nowSec: number): bigint {
    checkAmount(amount0In);
    checkAmount(amount1In);
    this.checkTime(nowSec);
    const plan = this.planMint(amount0In, amount1In);
    this.commitMint(to, plan, nowSec);
    return plan.liquidity;
  }

  /**
   * `burn(to)` after `from` sends `liquidity` LP to the pair in the same transaction. Burns all LP
   * the pair holds and pays out `liquidity * balance / totalSupply` of each token, returned for
   * the caller to credit to the recipient.
   */
  burn(from: string, liquidity: bigint, nowSec: number): PairAmounts {
    checkAmount(liquidity);
    this.checkSender(from);
    this.checkTime(nowSec);
    if (this.lp.balanceOf(from) < liquidity) throw new RevertError('ds-math-sub-underflow');
    const plan = this.planBurn(this.lp.balanceOf(this.address) + liquidity);
    this.commitBurn(from, liquidity, plan, nowSec);
    return { amount0: plan.amount0, amount1: plan.amount1 };
  }

  /**
   * `swap(amount0Out, amount1Out, to, '')` with `amount0In`/`amount1In` sent to the pair in the
   * same transaction (pass 0n to rely only on earlier transfers, as a contract caller would).
   * Checks, in the contract's order: some output, output below reserves, some input, and the
   * fee-adjusted invariant `(b0*10000 - in0*fee) * (b1*10000 - in1*fee) >= r0*r1*10000**2`,
   * which for fee 30 bps is the contract's `balance*1000 - amountIn*3` check scaled by 10.
   */
  swap(amount0Out: bigint, amount1Out: bigint, amount0In: bigint, amount1In: bigint, nowSec: number): void {
    if (amount0Out < 0n || amount1Out < 0n || amount0In < 0n || amount1In < 0n) {
      throw new RevertError(NEGATIVE_AMOUNT);
    }
    if (nowSec !== this._timestampLast) this.checkTime(nowSec);
    const r0 = this._reserve0;
    const r1 = this._reserve1;
    if (amount0Out === 0n && amount1Out === 0n) {
      throw new RevertError('UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT');
    }
    if (amount0Out >= r0 || amount1Out >= r1) throw new RevertError('UniswapV2: INSUFFICIENT_LIQUIDITY');
    const b0 = this._balance0 + amount0In - amount0Out;
    const b1 = this._balance1 + amount1In - amount1Out;
    const rest0 = r0 - amount0Out;
    const rest1 = r1 - amount1Out;
    const in0 = b0 > rest0 ? b0 - rest0 : 0n;
    const in1 = b1 > rest1 ? b1 - rest1 : 0n;
    if (in0 === 0n && in1 === 0n) throw new RevertError('UniswapV2: INSUFFICIENT_INPUT_AMOUNT');
    const adjusted0 = b0 * BPS - in0 * this.fee;
    const adjusted1 = b1 * BPS - in1 * this.fee;
    if (adjusted0 * adjusted1 < r0 * r1 * BPS2) throw new RevertError('UniswapV2: K');
    if (b0 > MAX_UINT112 || b1 > MAX_UINT112) throw new RevertError('UniswapV2: OVERFLOW');
    this._balance0 = b0;
    this._balance1 = b1;
    this.update(b0, b1, nowSec);
  }

  /** `skim(to)`: drop balances to reserves; returns the surplus for the caller to pay to `to`. */
  skim(): PairAmounts {
    const amount0 = this._balance0 - this._reserve0;
    const amount1 = this._balance1 - this._reserve1;
    this._balance0 = this._reserve0;
    this._balance1 = this._reserve1;
    return { amount0, amount1 };
  }

  /** `sync()`: set reserves to balances (updating the TWAP accumulators first). */
  sync(nowSec: number): void {
    this.checkTime(nowSec);
    if (this._balance0 > MAX_UINT112 || this._balance1 > MAX_UINT112) {
      throw new RevertError('UniswapV2: OVERFLOW');
    }
    this.update(this._balance0, this._balance1, nowSec);
  }

  // ---------------------------------------------------------------- router-style conveniences

  /**
   * Sell exactly `amountIn` of `tokenIn` (router `swapExactTokensForTokens` on one hop): output
   * from `getAmountOut`, refused with `UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT` below
   * `minAmountOut`. Returns the amount of the other token paid out.
   */
  swapExactIn(tokenIn: PairTokenIndex, amountIn: bigint, nowSec: number, minAmountOut = 0n): bigint {
    const r0 = this._reserve0;
    const r1 = this._reserve1;
    if (amountIn <= 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT');
    if (r0 === 0n || r1 === 0n) throw new RevertError('UniswapV2Library: INSUFFICIENT_LIQUIDITY');
    if (tokenIn === 0) {
      const out = amountOutUnchecked(amountIn, r0, r1, this.gamma);
      if (out < minAmountOut) throw new RevertError('UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT');
      this.swap(0n, out, amountIn, 0n, nowSec);
      return out;
    }
    if (tokenIn !== 1) throw new RangeError(`token index must be 0 or 1, got ${String(tokenIn)}`);
    const out = amountOutUnchecked(amountIn, r1, r0, this.gamma);
    if (out < minAmountOut) throw new RevertError('UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT');
    this.swap(out, 0n, 0n, amountIn, nowSec);
    return out;
  }

  /**
   * Buy exactly `amountOut` of `tokenOut` (router `swapTokensForExactTokens` on one hop): input
   * from `getAmountIn`, refused with `UniswapV2Router: EXCESSIVE_INPUT_AMOUNT` above
   * `maxAmountIn`. Returns the amount of the other token taken in.
   */
  swapExactOut(tokenOut: PairTokenIndex, amountOut: bigint, nowSec: number, maxAmountIn?: bigint): bigint {
    const amountIn = this.getAmountIn(tokenOut, amountOut);
    if (maxAmountIn !== undefined && amountIn > maxAmountIn) {
      throw new RevertError('UniswapV2Router: EXCESSIVE_INPUT_AMOUNT');
    }
    if (tokenOut === 1) this.swap(0n, amountOut, amountIn, 0n, nowSec);
    else this.swap(amountOut, 0n, 0n, amountIn, nowSec);
    return amountIn;
  }

  /**
   * Router `addLiquidity`: deposit at the current ratio (all of the desired amounts into an empty
   * pair), refusing with `UniswapV2Router: INSUFFICIENT_A/B_AMOUNT` below the minimums, then
   * `mint(to)`. Returns the amounts taken and the liquidity minted.
   */
  addLiquidity(
    to: string,
    amount0Desired: bigint,
    amount1Desired: bigint,
    nowSec: number,
    amount0Min = 0n,
    amount1Min = 0n,
  ): AddLiquidityResult {
    checkAmount(amount0Desired);
    checkAmount(amount1Desired);
    this.checkTime(nowSec);
    const r0 = this._reserve0;
    const r1 = this._reserve1;
    let amount0 = amount0Desired;
    let amount1 = amount1Desired;
    if (r0 !== 0n || r1 !== 0n) {
      const amount1Optimal = quote(amount0Desired, r0, r1);
      if (amount1Optimal <= amount1Desired) {
        if (amount1Optimal < amount1Min) throw new RevertError('UniswapV2Router: INSUFFICIENT_B_AMOUNT');
        amount1 = amount1Optimal;
      } else {
        const amount0Optimal = quote(amount1Desired, r1, r0);
        if (amount0Optimal < amount0Min) throw new RevertError('UniswapV2Router: INSUFFICIENT_A_AMOUNT');
        amount0 = amount0Optimal;
      }
    }
    const plan = this.planMint(amount0, amount1);
    this.commitMint(to, plan, nowSec);
    return { amount0, amount1, liquidity: plan.liquidity };
  }

  /**
   * Router `removeLiquidity`: `from` sends `liquidity` to the pair, `burn`, and the outputs must
   * meet the minimums (`UniswapV2Router: INSUFFICIENT_A/B_AMOUNT`). Returns the amounts paid out.
   */
  removeLiquidity(from: string, liquidity: bigint, nowSec: number, amount0Min = 0n, amount1Min = 0n): PairAmounts {
    checkAmount(liquidity);
    this.checkSender(from);
    this.checkTime(nowSec);
    if (this.lp.balanceOf(from) < liquidity) throw new RevertError('ds-math-sub-underflow');
    const plan = this.planBurn(this.lp.balanceOf(this.address) + liquidity);
    if (plan.amount0 < amount0Min) throw new RevertError('UniswapV2Router: INSUFFICIENT_A_AMOUNT');
    if (plan.amount1 < amount1Min) throw new RevertError('UniswapV2Router: INSUFFICIENT_B_AMOUNT');
    this.commitBurn(from, liquidity, plan, nowSec);
    return { amount0: plan.amount0, amount1: plan.amount1 };
  }

  // ---------------------------------------------------------------- internals

  /** `_mintFee` without the mint: LP owed to `feeTo` for 1/6 of the growth in sqrt(k). */
  private protocolFeeLiquidity(): bigint {
    if (this._feeTo === undefined || this._kLast === 0n) return 0n;
    const rootK = sqrt(this._reserve0 * this._reserve1);
    const rootKLast = sqrt(this._kLast);
    if (rootK <= rootKLast) return 0n;
    return (this.lp.totalSupply * (rootK - rootKLast)) / (rootK * 5n + rootKLast);
  }

  private planMint(amount0In: bigint, amount1In: bigint): MintPlan {
    const r0 = this._reserve0;
    const r1 = this._reserve1;
    const balance0 = this._balance0 + amount0In;
    const balance1 = this._balance1 + amount1In;
    const a0 = balance0 - r0;
    const a1 = balance1 - r1;
    const feeLiquidity = this.protocolFeeLiquidity();
    const supply = this.lp.totalSupply + feeLiquidity;
    const firstMint = supply === 0n;
    let liquidity: bigint;
    if (firstMint) {
      const root = sqrt(a0 * a1);
      if (root < MINIMUM_LIQUIDITY) throw new RevertError('ds-math-sub-underflow');
      liquidity = root - MINIMUM_LIQUIDITY;
    } else {
      if (r0 === 0n || r1 === 0n) throw new RevertError('division by zero');
      const l0 = (a0 * supply) / r0;
      const l1 = (a1 * supply) / r1;
      liquidity = l0 < l1 ? l0 : l1;
    }
    if (liquidity <= 0n) throw new RevertError('UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED');
    if (balance0 > MAX_UINT112 || balance1 > MAX_UINT112) throw new RevertError('UniswapV2: OVERFLOW');
    return { balance0, balance1, feeLiquidity, firstMint, liquidity };
  }

  private commitMint(to: string, plan: MintPlan, nowSec: number): void {
    if (plan.feeLiquidity > 0n) this.lp.mint(this._feeTo!, plan.feeLiquidity);
    if (plan.firstMint) this.lp.mint(ZERO_ADDRESS, MINIMUM_LIQUIDITY);
    this.lp.mint(to, plan.liquidity);
    this._balance0 = plan.balance0;
    this._balance1 = plan.balance1;
    this.update(plan.balance0, plan.balance1, nowSec);
    this._kLast = this._feeTo !== undefined ? this._reserve0 * this._reserve1 : 0n;
  }

  /** Burn of `burned` LP held by the pair (after the caller's transfer in). */
  private planBurn(burned: bigint): BurnPlan {
    const feeLiquidity = this.protocolFeeLiquidity();
    const supply = this.lp.totalSupply + feeLiquidity;
    if (supply === 0n) throw new RevertError('division by zero');
    const amount0 = (burned * this._balance0) / supply;
    const amount1 = (burned * this._balance1) / supply;
    if (amount0 === 0n || amount1 === 0n) throw new RevertError('UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED');
    return { feeLiquidity, burned, amount0, amount1 };
  }

  private commitBurn(from: string, liquidity: bigint, plan: BurnPlan, nowSec: number): void {
    this.lp.transfer(from, this.address, liquidity);
    if (plan.feeLiquidity > 0n) this.lp.mint(this._feeTo!, plan.feeLiquidity);
    this.lp.burn(this.address, plan.burned);
    this._balance0 -= plan.amount0;
    this._balance1 -= plan.amount1;
    this.update(this._balance0, this._balance1, nowSec);
    this._kLast = this._feeTo !== undefined ? this._reserve0 * this._reserve1 : 0n;
  }

  /** `_update` after its overflow check (callers check first, so nothing here can fail). */
  private update(balance0: bigint, balance1: bigint, nowSec: number): void {
    const elapsed = nowSec - this._timestampLast;
    if (elapsed > 0 && this._reserve0 !== 0n && this._reserve1 !== 0n) {
      const e = BigInt(elapsed);
      this._price0CumulativeLast = accumulatePrice(this._price0CumulativeLast, this._reserve1, this._reserve0, e);
      this._price1CumulativeLast = accumulatePrice(this._price1CumulativeLast, this._reserve0, this._reserve1, e);
    }
    this._reserve0 = balance0;
    this._reserve1 = balance1;
    this._timestampLast = nowSec;
  }

  /**
   * Nobody holds the key to address(0), so the locked MINIMUM_LIQUIDITY can never move; and the
   * pair never spends its own LP except by burning it.
   */
  private checkSender(from: string): void {
    if (from === ZERO_ADDRESS) throw new RevertError('model: address(0) cannot send');
    if (from === this.address) throw new RevertError('model: the pair cannot send its own LP');
  }

  private checkTime(nowSec: number): void {
    if (!Number.isSafeInteger(nowSec) || nowSec < this._timestampLast) {
      throw new RangeError(
        `nowSec must be an integer number of seconds >= the last update (${this._timestampLast}), got ${nowSec}`,
      );
    }
  }
}

/** Reason for a negative amount: a uint cannot be negative, so such a call cannot exist on chain. */
const NEGATIVE_AMOUNT = 'model: negative amount';

function checkAmount(amount: bigint): void {
  if (amount < 0n) throw new RevertError(NEGATIVE_AMOUNT);
}


function checkIndex(index: number): void {
  if (index !== 0 && index !== 1) throw new RangeError(`token index must be 0 or 1, got ${index}`);
}

function checkDecimals(path: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 77) {
    throw new ModelConfigError(path, 'must be an integer in [0, 77]', value);
  }
  return value;
}
