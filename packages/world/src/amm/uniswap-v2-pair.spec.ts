import { ModelConfigError, RevertError } from '../errors';
import { MAX_UINT112, Q112 } from './uniswap-v2-math';
import { UniswapV2Pair, ZERO_ADDRESS } from './uniswap-v2-pair';

// Numbers come from Uniswap/v2-core test/UniswapV2Pair.spec.ts (tests 'mint', 'getInputPrice:*',
// 'optimistic:*', 'swap:token0', 'swap:token1', 'burn', 'price{0,1}CumulativeLast', 'feeTo:off',
// 'feeTo:on'), where `expandTo18Decimals(n)` is n * 1e18 and `encodePrice(r0, r1)` is
// [r1 * 2**112 / r0, r0 * 2**112 / r1].

const E18 = 10n ** 18n;
const e18 = (n: number): bigint => BigInt(n) * E18;
const MINIMUM_LIQUIDITY = 1000n;
const WALLET = 'wallet';
const OTHER = 'other';

function newPair(extra: Partial<ConstructorParameters<typeof UniswapV2Pair>[0]> = {}): UniswapV2Pair {
  return new UniswapV2Pair({ token0: 'T0', token1: 'T1', ...extra });
}

function addLiquidity(pair: UniswapV2Pair, amount0: bigint, amount1: bigint, now = 0): bigint {
  return pair.mint(WALLET, amount0, amount1, now);
}

function encodePrice(r0: bigint, r1: bigint): [bigint, bigint] {
  return [(r1 * Q112) / r0, (r0 * Q112) / r1];
}

/** Everything observable about a pair, for "a revert changes nothing" checks. */
function snapshot(pair: UniswapV2Pair): unknown {
  return {
    reserves: pair.getReserves(),
    balances: [pair.balance0, pair.balance1],
    cumulative: [pair.price0CumulativeLast, pair.price1CumulativeLast],
    kLast: pair.kLast,
    totalSupply: pair.totalSupply,
    holders: pair.lpHolders(),
    timestampLast: pair.timestampLast,
    feeTo: pair.feeTo,
  };
}

function expectRevert(pair: UniswapV2Pair, reason: string, op: () => unknown): void {
  const before = snapshot(pair);
  expect(op).toThrow(new RevertError(reason));
  expect(snapshot(pair)).toEqual(before);
}

describe('UniswapV2Pair construction', () => {
  it('names the offending parameter', () => {
    expect(() => newPair({ feeBps: 10_000 })).toThrow(ModelConfigError);
    expect(() => newPair({ feeBps: 10_000 })).toThrow(/^feeBps: /);
    expect(() => newPair({ feeBps: 2.5 })).toThrow(/^feeBps: /);
    expect(() => newPair({ token1: 'T0' })).toThrow(/^token1: must differ/);
    expect(() => newPair({ decimals0: -1 })).toThrow(/^decimals0: /);
    expect(() => newPair({ token0: '' })).toThrow(/^token0: /);
  });

  it('defaults to the on-chain 30 bps fee, fee switch off', () => {
    const pair = newPair();
    expect(pair.feeBps).toBe(30);
    expect(pair.feeTo).toBeUndefined();
  });
});

describe('mint (v2-core "mint")', () => {
  it('1 token0 + 4 token1 mints sqrt(1e18*4e18) = 2e18 liquidity, 1000 of it locked', () => {
    const pair = newPair();
    const liquidity = pair.mint(WALLET, e18(1), e18(4), 0);
    expect(liquidity).toBe(e18(2) - MINIMUM_LIQUIDITY);
    expect(pair.totalSupply).toBe(e18(2));
    expect(pair.balanceOf(WALLET)).toBe(e18(2) - MINIMUM_LIQUIDITY);
    expect(pair.balanceOf(ZERO_ADDRESS)).toBe(MINIMUM_LIQUIDITY);
    expect(pair.balance0).toBe(e18(1));
    expect(pair.balance1).toBe(e18(4));
    expect(pair.reserve0).toBe(e18(1));
    expect(pair.reserve1).toBe(e18(4));
  });

  it('later mints get the smaller proportional share; the excess stays with the pair', () => {
    const pair = newPair();
    addLiquidity(pair, e18(1), e18(4));
    // 10% more token0 but 5% more token1: credited 5% of supply, surplus token0 donated
    const liquidity = pair.mint(OTHER, e18(1) / 10n, e18(4) / 20n, 1);
    expect(liquidity).toBe(e18(2) / 20n);
    expect(pair.reserve0).toBe(e18(1) + e18(1) / 10n);
  });

  it('reverts below MINIMUM_LIQUIDITY on the first mint and on a zero share later', () => {
    const pair = newPair();
    // sqrt(999*999) = 999 < 1000: SafeMath sub underflows
    expectRevert(pair, 'ds-math-sub-underflow', () => pair.mint(WALLET, 999n, 999n, 0));
    // sqrt(1000*1000) - 1000 = 0
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED', () => pair.mint(WALLET, 1000n, 1000n, 0));
    addLiquidity(pair, e18(1), e18(1));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_LIQUIDITY_MINTED', () => pair.mint(WALLET, e18(1), 0n, 1));
  });

  it('reverts OVERFLOW when a balance exceeds uint112', () => {
    const pair = newPair();
    expectRevert(pair, 'UniswapV2: OVERFLOW', () => pair.mint(WALLET, MAX_UINT112 + 1n, e18(1), 0));
    pair.mint(WALLET, MAX_UINT112, e18(1), 0);
    expect(pair.reserve0).toBe(MAX_UINT112);
  });
});

describe('swap', () => {
  // v2-core `swapTestCases` ('getInputPrice:i'): after adding liquidity and sending swapAmount of
  // token0, swap(0, expected + 1) reverts 'UniswapV2: K' and swap(0, expected) succeeds.
  const swapTestCases: Array<[bigint, bigint, bigint, bigint]> = [
    [e18(1), e18(5), e18(10), 1662497915624478906n],
    [e18(1), e18(10), e18(5), 453305446940074565n],
    [e18(2), e18(5), e18(10), 2851015155847869602n],
    [e18(2), e18(10), e18(5), 831248957812239453n],
    [e18(1), e18(10), e18(10), 906610893880149131n],
    [e18(1), e18(100), e18(100), 987158034397061298n],
    [e18(1), e18(1000), e18(1000), 996006981039903216n],
  ];
  it.each(swapTestCases)('getInputPrice: %s into %s/%s pays exactly %s', (swapAmount, r0, r1, expected) => {
    const pair = newPair();
    addLiquidity(pair, r0, r1);
    expectRevert(pair, 'UniswapV2: K', () => pair.swap(0n, expected + 1n, swapAmount, 0n, 1));
    pair.swap(0n, expected, swapAmount, 0n, 1);
    expect(pair.reserve0).toBe(r0 + swapAmount);
    expect(pair.reserve1).toBe(r1 - expected);

    const viaRouter = newPair();
    addLiquidity(viaRouter, r0, r1);
    expect(viaRouter.swapExactIn(0, swapAmount, 1)).toBe(expected);
  });

  // v2-core `optimisticTestCases` ('optimistic:i'): [outputAmount, reserve0, reserve1, inputAmount];
  // token0 is both taken out and paid back (a flash swap), so the fee is on the repayment.
  const optimisticTestCases: Array<[bigint, bigint, bigint, bigint]> = [
    [997000000000000000n, e18(5), e18(10), e18(1)], // given amountIn, amountOut = floor(amountIn * .997)
    [997000000000000000n, e18(10), e18(5), e18(1)],
    [997000000000000000n, e18(5), e18(5), e18(1)],
    [e18(1), e18(5), e18(5), 1003009027081243732n], // given amountOut, amountIn = ceiling(amountOut / .997)
  ];
  it.each(optimisticTestCases)('optimistic: take %s of token0 from %s/%s, repay %s', (out, r0, r1, input) => {
    const pair = newPair();
    addLiquidity(pair, r0, r1);
    expectRevert(pair, 'UniswapV2: K', () => pair.swap(out + 1n, 0n, input, 0n, 1));
    pair.swap(out, 0n, input, 0n, 1);
    expect(pair.reserve0).toBe(r0 - out + input);
  });

  it('swap:token0 (v2-core): 1 token0 into 5/10 pays 1662497915624478906 token1', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    pair.swap(0n, 1662497915624478906n, e18(1), 0n, 0);
    expect(pair.getReserves()).toEqual({
      reserve0: e18(6),
      reserve1: e18(10) - 1662497915624478906n,
      blockTimestampLast: 0,
    });
    expect(pair.balance0).toBe(e18(6));
    expect(pair.balance1).toBe(e18(10) - 1662497915624478906n);
  });

  it('swap:token1 (v2-core): 1 token1 into 5/10 pays 453305446940074565 token0', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    pair.swap(453305446940074565n, 0n, 0n, e18(1), 0);
    expect(pair.reserve0).toBe(e18(5) - 453305446940074565n);
    expect(pair.reserve1).toBe(e18(11));
    const other = newPair();
    addLiquidity(other, e18(5), e18(10));
    expect(other.swapExactIn(1, e18(1), 0)).toBe(453305446940074565n);
  });

  it('reverts INSUFFICIENT_OUTPUT_AMOUNT, INSUFFICIENT_LIQUIDITY, INSUFFICIENT_INPUT_AMOUNT, K in that order', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT', () => pair.swap(0n, 0n, e18(1), 0n, 1));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_LIQUIDITY', () => pair.swap(e18(5), 0n, 0n, e18(100), 1));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_LIQUIDITY', () => pair.swap(0n, e18(10), e18(100), 0n, 1));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_INPUT_AMOUNT', () => pair.swap(0n, 1n, 0n, 0n, 1));
    expectRevert(pair, 'UniswapV2: K', () => pair.swap(0n, e18(1), e18(1) / 2n, 0n, 1));
    expectRevert(pair, 'model: negative amount', () => pair.swap(0n, 1n, -1n, 0n, 1));
    const empty = newPair();
    expectRevert(empty, 'UniswapV2: INSUFFICIENT_LIQUIDITY', () => empty.swap(0n, 1n, 10n, 0n, 0));
  });

  it('reverts OVERFLOW when a swap would push a balance past uint112', () => {
    const pair = newPair();
    addLiquidity(pair, MAX_UINT112 - 10n, e18(10));
    expectRevert(pair, 'UniswapV2: OVERFLOW', () => pair.swap(0n, 1n, e18(1), 0n, 1));
  });

  it('a swap with the fee set higher than the contract needs more input', () => {
    const pair = newPair({ feeBps: 100 });
    addLiquidity(pair, e18(5), e18(10));
    // 1662497915624478906 is the most a 30 bps pair pays for 1 token0; at 100 bps it breaks K
    expectRevert(pair, 'UniswapV2: K', () => pair.swap(0n, 1662497915624478906n, e18(1), 0n, 1));
    const out = pair.getAmountOut(0, e18(1));
    expectRevert(pair, 'UniswapV2: K', () => pair.swap(0n, out + 1n, e18(1), 0n, 1));
    pair.swap(0n, out, e18(1), 0n, 1);
  });

  it('a zero-fee pair preserves k up to rounding and pays the bare constant-product amount', () => {
    const pair = newPair({ feeBps: 0 });
    addLiquidity(pair, e18(5), e18(10));
    expect(pair.swapExactIn(0, e18(1), 1)).toBe((e18(1) * e18(10)) / e18(6));
  });
});

describe('router-style conveniences', () => {
  it('swapExactIn enforces minAmountOut and reverts on zero input or an empty pair', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    expectRevert(pair, 'UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT', () =>
      pair.swapExactIn(0, e18(1), 1, 1662497915624478907n),
    );
    expectRevert(pair, 'UniswapV2Library: INSUFFICIENT_INPUT_AMOUNT', () => pair.swapExactIn(0, 0n, 1));
    expect(pair.swapExactIn(0, e18(1), 1, 1662497915624478906n)).toBe(1662497915624478906n);
    // tiny input rounds to zero output: the pair itself refuses
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_OUTPUT_AMOUNT', () => pair.swapExactIn(1, 1n, 1));
    const empty = newPair();
    expectRevert(empty, 'UniswapV2Library: INSUFFICIENT_LIQUIDITY', () => empty.swapExactIn(0, 1n, 0));
  });

  it('swapExactOut takes getAmountIn and enforces maxAmountIn', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    const need = pair.getAmountIn(1, 1662497915624478906n);
    expect(need).toBeLessThanOrEqual(e18(1));
    expectRevert(pair, 'UniswapV2Router: EXCESSIVE_INPUT_AMOUNT', () =>
      pair.swapExactOut(1, 1662497915624478906n, 1, need - 1n),
    );
    expect(pair.swapExactOut(1, 1662497915624478906n, 1, need)).toBe(need);
    expect(pair.reserve1).toBe(e18(10) - 1662497915624478906n);
    expectRevert(pair, 'ds-math-sub-underflow', () => pair.swapExactOut(0, pair.reserve0 + 1n, 1));
  });

  it('addLiquidity deposits at the pool ratio and enforces the minimums', () => {
    const pair = newPair();
    const first = pair.addLiquidity(WALLET, e18(1), e18(4), 0);
    expect(first).toEqual({ amount0: e18(1), amount1: e18(4), liquidity: e18(2) - MINIMUM_LIQUIDITY });
    // desired 1:1 against a 1:4 pool: all the token1, a quarter of it in token0
    const second = pair.addLiquidity(OTHER, e18(1), e18(1), 1);
    expect(second).toEqual({ amount0: e18(1) / 4n, amount1: e18(1), liquidity: e18(2) / 4n });
    expectRevert(pair, 'UniswapV2Router: INSUFFICIENT_A_AMOUNT', () =>
      pair.addLiquidity(OTHER, e18(1), e18(1), 1, e18(1) / 2n),
    );
    expectRevert(pair, 'UniswapV2Router: INSUFFICIENT_B_AMOUNT', () =>
      pair.addLiquidity(OTHER, e18(1), e18(100), 1, 0n, e18(5)),
    );
  });

  it('removeLiquidity pays pro rata and enforces the minimums', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3));
    const half = (e18(3) - MINIMUM_LIQUIDITY) / 2n;
    expect(pair.previewBurn(half)).toEqual({ amount0: half, amount1: half });
    expectRevert(pair, 'UniswapV2Router: INSUFFICIENT_A_AMOUNT', () =>
      pair.removeLiquidity(WALLET, half, 1, half + 1n),
    );
    expectRevert(pair, 'UniswapV2Router: INSUFFICIENT_B_AMOUNT', () =>
      pair.removeLiquidity(WALLET, half, 1, 0n, half + 1n),
    );
    expect(pair.removeLiquidity(WALLET, half, 1, half, half)).toEqual({ amount0: half, amount1: half });
  });
});

describe('burn (v2-core "burn")', () => {
  it('burning all but MINIMUM_LIQUIDITY of a 3/3 pool returns 3e18 - 1000 of each', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3));
    const out = pair.burn(WALLET, e18(3) - MINIMUM_LIQUIDITY, 1);
    expect(out).toEqual({ amount0: e18(3) - 1000n, amount1: e18(3) - 1000n });
    expect(pair.balanceOf(WALLET)).toBe(0n);
    expect(pair.totalSupply).toBe(MINIMUM_LIQUIDITY);
    expect(pair.balance0).toBe(1000n);
    expect(pair.balance1).toBe(1000n);
    expect(pair.getReserves()).toMatchObject({ reserve0: 1000n, reserve1: 1000n });
  });

  it('reverts on more LP than held, on dust, and from address(0)', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3));
    expectRevert(pair, 'ds-math-sub-underflow', () => pair.burn(WALLET, e18(3), 1));
    expectRevert(pair, 'UniswapV2: INSUFFICIENT_LIQUIDITY_BURNED', () => pair.burn(WALLET, 0n, 1));
    expectRevert(pair, 'model: address(0) cannot send', () => pair.burn(ZERO_ADDRESS, 1000n, 1));
    pair.transferLiquidity(WALLET, pair.address, 10n);
    expectRevert(pair, 'model: the pair cannot send its own LP', () => pair.burn(pair.address, 10n, 1));
    expectRevert(pair, 'model: the pair cannot send its own LP', () =>
      pair.transferLiquidity(pair.address, WALLET, 10n),
    );
    const empty = newPair();
    expectRevert(empty, 'division by zero', () => empty.burn(WALLET, 0n, 0));
  });

  it('LP tokens sent to the pair earlier are burned with the next burn', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3));
    pair.transferLiquidity(WALLET, pair.address, e18(1));
    expect(pair.burn(WALLET, e18(1), 1)).toEqual({ amount0: e18(2), amount1: e18(2) });
    expect(pair.balanceOf(pair.address)).toBe(0n);
  });
});

describe('price{0,1}CumulativeLast (v2-core)', () => {
  it('accumulates the pre-update price times elapsed seconds, once per timestamp', () => {
    const t0 = 1_700_000_000;
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3), t0);
    const initialPrice = encodePrice(e18(3), e18(3));

    pair.sync(t0 + 1);
    expect(pair.price0CumulativeLast).toBe(initialPrice[0]);
    expect(pair.price1CumulativeLast).toBe(initialPrice[1]);
    expect(pair.getReserves().blockTimestampLast).toBe(t0 + 1);

    // swap to a new price eagerly instead of syncing
    pair.swap(0n, e18(1), e18(3), 0n, t0 + 10);
    expect(pair.price0CumulativeLast).toBe(initialPrice[0] * 10n);
    expect(pair.price1CumulativeLast).toBe(initialPrice[1] * 10n);
    expect(pair.getReserves().blockTimestampLast).toBe(t0 + 10);

    pair.sync(t0 + 20);
    const newPrice = encodePrice(e18(6), e18(2));
    expect(pair.price0CumulativeLast).toBe(initialPrice[0] * 10n + newPrice[0] * 10n);
    expect(pair.price1CumulativeLast).toBe(initialPrice[1] * 10n + newPrice[1] * 10n);
  });

  it('a second action in the same second does not accumulate again', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3), 0);
    pair.swapExactIn(0, e18(1), 5);
    const after = pair.price0CumulativeLast;
    pair.swapExactIn(1, e18(1), 5);
    expect(pair.price0CumulativeLast).toBe(after);
    expect(after).toBe(Q112 * 5n);
  });

  it('currentCumulativePrices is the counterfactual sync and changes nothing', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3), 100);
    pair.swap(0n, e18(1), e18(3), 0n, 110);
    const before = snapshot(pair);
    const c = pair.currentCumulativePrices(125);
    expect(snapshot(pair)).toEqual(before);
    pair.sync(125);
    expect(c).toEqual({
      price0Cumulative: pair.price0CumulativeLast,
      price1Cumulative: pair.price1CumulativeLast,
      blockTimestamp: 125,
    });
  });

  it('refuses a clock that runs backwards, changing nothing', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3), 100);
    const before = snapshot(pair);
    expect(() => pair.swapExactIn(0, e18(1), 99)).toThrow(RangeError);
    expect(() => pair.sync(1.5 + 100)).toThrow(RangeError);
    expect(snapshot(pair)).toEqual(before);
  });

  it('reports blockTimestampLast mod 2**32 like the uint32 slot', () => {
    const pair = newPair();
    addLiquidity(pair, e18(3), e18(3), 2 ** 32 + 7);
    expect(pair.getReserves().blockTimestampLast).toBe(7);
    expect(pair.timestampLast).toBe(2 ** 32 + 7);
  });
});

describe('protocol fee (v2-core feeTo:off / feeTo:on)', () => {
  function scenario(feeTo?: string): UniswapV2Pair {
    const pair = feeTo === undefined ? newPair() : newPair({ feeTo });
    addLiquidity(pair, e18(1000), e18(1000));
    pair.swap(996006981039903216n, 0n, 0n, e18(1), 1);
    pair.burn(WALLET, e18(1000) - MINIMUM_LIQUIDITY, 2);
    return pair;
  }

  it('feeTo:off: burning everything leaves exactly MINIMUM_LIQUIDITY', () => {
    const pair = scenario();
    expect(pair.totalSupply).toBe(MINIMUM_LIQUIDITY);
    expect(pair.kLast).toBe(0n);
  });

  it('feeTo:on: feeTo is minted 249750499251388 LP; the pair keeps its share of both tokens', () => {
    const pair = scenario(OTHER);
    expect(pair.totalSupply).toBe(MINIMUM_LIQUIDITY + 249750499251388n);
    expect(pair.balanceOf(OTHER)).toBe(249750499251388n);
    // "using 1000 here instead of the symbolic MINIMUM_LIQUIDITY because the amounts only happen
    // to be equal because the initial liquidity amounts were equal" (v2-core)
    expect(pair.balance0).toBe(1000n + 249501683697445n);
    expect(pair.balance1).toBe(1000n + 250000187312969n);
    expect(pair.kLast).toBe(pair.reserve0 * pair.reserve1);
  });

  it('turning the switch off clears kLast on the next liquidity event', () => {
    const pair = newPair({ feeTo: OTHER });
    addLiquidity(pair, e18(10), e18(10));
    expect(pair.kLast).toBe(e18(10) * e18(10));
    pair.setFeeTo(undefined);
    pair.mint(WALLET, e18(1), e18(1), 1);
    expect(pair.kLast).toBe(0n);
  });

  it('previewBurn includes the pending protocol-fee mint', () => {
    const pair = newPair({ feeTo: OTHER });
    addLiquidity(pair, e18(1000), e18(1000));
    pair.swap(996006981039903216n, 0n, 0n, e18(1), 1);
    const preview = pair.previewBurn(e18(1000) - MINIMUM_LIQUIDITY);
    expect(pair.burn(WALLET, e18(1000) - MINIMUM_LIQUIDITY, 2)).toEqual(preview);
  });
});

describe('skim / sync / transferIn', () => {
  it('a donation is picked up as swap input, like a token transfer before the call', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    pair.transferIn(0, e18(1));
    expect(pair.reserve0).toBe(e18(5));
    pair.swap(0n, 1662497915624478906n, 0n, 0n, 1);
    expect(pair.reserve0).toBe(e18(6));
  });

  it('skim returns the surplus and leaves reserves alone; sync adopts it into reserves', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    pair.transferIn(0, 7n);
    pair.transferIn(1, 9n);
    expect(pair.skim()).toEqual({ amount0: 7n, amount1: 9n });
    expect([pair.balance0, pair.balance1]).toEqual([e18(5), e18(10)]);
    pair.transferIn(1, 9n);
    pair.sync(3);
    expect(pair.reserve1).toBe(e18(10) + 9n);
    expect(pair.skim()).toEqual({ amount0: 0n, amount1: 0n });
  });

  it('sync reverts OVERFLOW past uint112 and changes nothing', () => {
    const pair = newPair();
    addLiquidity(pair, e18(5), e18(10));
    pair.transferIn(0, MAX_UINT112);
    expectRevert(pair, 'UniswapV2: OVERFLOW', () => pair.sync(1));
  });
});

describe('spot price helper', () => {
  it('adjusts for decimals and inverts for token1', () => {
    const pair = new UniswapV2Pair({ token0: 'RWA', token1: 'USDC', decimals0: 18, decimals1: 6 });
    expect(pair.spotPrice()).toBeNaN();
    pair.mint(WALLET, e18(1000), 2000n * 10n ** 6n, 0);
    expect(pair.spotPrice()).toBeCloseTo(2, 12);
    expect(pair.spotPrice(1)).toBeCloseTo(0.5, 12);
  });
});
