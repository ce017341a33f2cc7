import fc from 'fast-check';
import { RevertError } from '../errors';
import { UniswapV2Pair, ZERO_ADDRESS } from './uniswap-v2-pair';

// Random sequences of pair operations, checking after every step:
//  - a successful swap never decreases k = reserve0 * reserve1;
//  - reserves are never negative and never exceed the pair's balances;
//  - LP total supply equals the sum of holder balances, with 1000 locked at address(0);
//  - value is conserved: each token balance of the pair equals everything sent in minus
//    everything paid out (swap outputs, burns, skims);
//  - an operation that reverts leaves every observable field unchanged.

const HOLDERS = ['alice', 'bob', 'carol'] as const;
const FEE_TO = 'treasury';

type Op =
  | { kind: 'swapIn'; token: 0 | 1; amount: bigint; minOutBump: boolean }
  | { kind: 'swapRaw'; out0: bigint; out1: bigint; in0: bigint; in1: bigint }
  | { kind: 'mint'; holder: number; amount0: bigint; amount1: bigint }
  | { kind: 'addLiquidity'; holder: number; amount0: bigint; amount1: bigint }
  | { kind: 'burn'; holder: number; permille: number }
  | { kind: 'donate'; token: 0 | 1; amount: bigint }
  | { kind: 'skim' }
  | { kind: 'sync' }
  | { kind: 'transferLp'; from: number; to: number; permille: number }
  | { kind: 'feeSwitch'; on: boolean }
  | { kind: 'tick'; dt: number };

// Amounts spread over many magnitudes so both dust and whale trades occur.
const amount = fc
  .tuple(fc.integer({ min: 0, max: 26 }), fc.integer({ min: 1, max: 9999 }))
  .map(([exp, mant]) => (BigInt(mant) * 10n ** BigInt(exp)) / 1000n);
const holder = fc.integer({ min: 0, max: HOLDERS.length - 1 });
const token = fc.constantFrom<0 | 1>(0, 1);
const permille = fc.integer({ min: 0, max: 1000 });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('swapIn' as const), token, amount, minOutBump: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('swapRaw' as const), out0: amount, out1: amount, in0: amount, in1: amount }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('mint' as const), holder, amount0: amount, amount1: amount }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('addLiquidity' as const), holder, amount0: amount, amount1: amount }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('burn' as const), holder, permille }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('donate' as const), token, amount }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('skim' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('transferLp' as const), from: holder, to: holder, permille }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('feeSwitch' as const), on: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), dt: fc.integer({ min: 0, max: 3600 }) }) },
);

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

function runSequence(ops: Op[], feeBps: number, seedLiquidity: boolean): void {
  const pair = new UniswapV2Pair({ token0: 'RWA', token1: 'USDC', feeBps });
  const paidIn = [0n, 0n];
  const paidOut = [0n, 0n];
  let now = 0;
  if (seedLiquidity) {
    pair.mint('alice', 10n ** 24n, 3n * 10n ** 24n, now);
    paidIn[0]! += 10n ** 24n;
    paidIn[1]! += 3n * 10n ** 24n;
  }

  for (const o of ops) {
    const before = snapshot(pair);
    const k0 = pair.reserve0 * pair.reserve1;
    let swapped = false;
    try {
      switch (o.kind) {
        case 'swapIn': {
          let min = 0n;
          if (o.minOutBump && pair.reserve0 > 0n && pair.reserve1 > 0n && o.amount > 0n) {
            min = pair.getAmountOut(o.token, o.amount) + 1n; // must revert
          }
          const out = pair.swapExactIn(o.token, o.amount, now, min);
          paidIn[o.token]! += o.amount;
          paidOut[1 - o.token]! += out;
          swapped = true;
          break;
        }
        case 'swapRaw':
          pair.swap(o.out0, o.out1, o.in0, o.in1, now);
          paidIn[0]! += o.in0;
          paidIn[1]! += o.in1;
          paidOut[0]! += o.out0;
          paidOut[1]! += o.out1;
          swapped = true;
          break;
        case 'mint':
          pair.mint(HOLDERS[o.holder]!, o.amount0, o.amount1, now);
          paidIn[0]! += o.amount0;
          paidIn[1]! += o.amount1;
          break;
        case 'addLiquidity': {
          const r = pair.addLiquidity(HOLDERS[o.holder]!, o.amount0, o.amount1, now);
          paidIn[0]! += r.amount0;
          paidIn[1]! += r.amount1;
          break;
        }
        case 'burn': {
          const h = HOLDERS[o.holder]!;
          const r = pair.burn(h, (pair.balanceOf(h) * BigInt(o.permille)) / 1000n, now);
          paidOut[0]! += r.amount0;
          paidOut[1]! += r.amount1;
          break;
        }
        case 'donate':
          pair.transferIn(o.token, o.amount);
          paidIn[o.token]! += o.amount;
          break;
        case 'skim': {
          const r = pair.skim();
          paidOut[0]! += r.amount0;
          paidOut[1]! += r.amount1;
          break;
        }
        case 'sync':
          pair.sync(now);
          break;
        case 'transferLp': {
          const from = HOLDERS[o.from]!;
          pair.transferLiquidity(from, HOLDERS[o.to]!, (pair.balanceOf(from) * BigInt(o.permille)) / 1000n);
          break;
        }
        case 'feeSwitch':
          pair.setFeeTo(o.on ? FEE_TO : undefined);
          break;
        case 'tick':
          now += o.dt;
          break;
      }
    } catch (err) {
      if (!(err instanceof RevertError)) throw err;
      expect(snapshot(pair)).toEqual(before);
    }

    if (swapped) expect(pair.reserve0 * pair.reserve1).toBeGreaterThanOrEqual(k0);
    expect(pair.reserve0).toBeGreaterThanOrEqual(0n);
    expect(pair.reserve1).toBeGreaterThanOrEqual(0n);
    expect(pair.balance0).toBeGreaterThanOrEqual(pair.reserve0);
    expect(pair.balance1).toBeGreaterThanOrEqual(pair.reserve1);
    expect(pair.balance0).toBe(paidIn[0]! - paidOut[0]!);
    expect(pair.balance1).toBe(paidIn[1]! - paidOut[1]!);
    const holders = pair.lpHolders();
    expect(holders.reduce((s, [, b]) => s + b, 0n)).toBe(pair.totalSupply);
    expect(holders.every(([, b]) => b > 0n)).toBe(true);
    if (pair.totalSupply > 0n) expect(pair.balanceOf(ZERO_ADDRESS)).toBe(1000n);
    // the locked liquidity keeps both reserves positive once the pool exists
    if (pair.totalSupply > 0n) expect(pair.reserve0 > 0n && pair.reserve1 > 0n).toBe(true);
  }
}

describe('UniswapV2Pair properties', () => {
  it('hold over random operation sequences on a seeded pool (30 bps)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => runSequence(ops, 30, true)),
      { seed: 424242, numRuns: 200 },
    );
  });

  it('hold from an empty pair and with other fees', () => {
    fc.assert(
      fc.property(
        fc.array(op, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0, 5, 30, 100, 9999),
        (ops, feeBps) => runSequence(ops, feeBps, false),
      ),
      { seed: 171717, numRuns: 150 },
    );
  });
});
