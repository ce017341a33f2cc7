import { ModelConfigError, RevertError } from '../errors';
import { FEE_DENOMINATOR, getD } from './stableswap-math';
import { StableSwapPool, type StableSwapPoolConfig } from './stableswap-pool';

// The setup mirrors curvefi/curve-contract's brownie suite for the 3pool: coins with decimals
// [18, 6, 6] (contracts/pools/3pool/pooldata.json), A = 360 * 2 and fee = admin_fee = 0 at
// deployment (tests/fixtures/deployments.py), then `add_initial_liquidity` of 1e6 of each coin
// (tests/fixtures/pooldata.py `initial_amounts`). Checks marked "curve:" restate assertions
// of the named test file in tests/pools/common/unitary/.

const DECIMALS = [18, 6, 6];
const UNIT = DECIMALS.map((d) => 10n ** BigInt(d));
const BASE_AMOUNT = 1_000_000n;
const INITIAL = UNIT.map((u) => u * BASE_AMOUNT);
const N = 3n;
const ALICE = 'alice';
const BOB = 'bob';

function pool3(overrides: Partial<StableSwapPoolConfig> = {}): StableSwapPool {
  return new StableSwapPool({
    coins: ['DAI', 'USDC', 'USDT'],
    decimals: DECIMALS,
    A: 720,
    fee: 0,
    adminFee: 0,
    ...overrides,
  });
}

function seeded(overrides: Partial<StableSwapPoolConfig> = {}): StableSwapPool {
  const pool = pool3(overrides);
  pool.addLiquidity(ALICE, INITIAL);
  return pool;
}

function snapshot(pool: StableSwapPool): unknown {
  return {
    balances: pool.balances(),
    admin: [0, 1, 2].map((i) => pool.adminBalance(i)),
    supply: pool.totalSupply,
    holders: pool.lpHolders(),
    fee: [pool.fee, pool.adminFee],
    killed: pool.isKilled,
  };
}

function expectRevert(pool: StableSwapPool, reason: string | RegExp, op: () => unknown): void {
  const before = snapshot(pool);
  let thrown: unknown;
  try {
    op();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(RevertError);
  if (typeof reason === 'string') expect((thrown as RevertError).reason).toBe(reason);
  else expect((thrown as RevertError).reason).toMatch(reason);
  expect(snapshot(pool)).toEqual(before);
}

const pairs: Array<[number, number]> = [
  [0, 1],
  [0, 2],
  [1, 0],
  [1, 2],
  [2, 0],
  [2, 1],
];

describe('StableSwapPool construction', () => {
  it('names the offending parameter', () => {
    expect(() => pool3({ coins: ['DAI'], decimals: [18] })).toThrow(/^coins: must list at least 2/);
    expect(() => pool3({ decimals: [18, 6] })).toThrow(/^decimals: /);
    expect(() => pool3({ decimals: [18, 6, 19] })).toThrow(/^decimals\[2\]: /);
    expect(() => pool3({ A: 0 })).toThrow(/^A: /);
    expect(() => pool3({ A: 1_000_000 })).toThrow(/^A: /);
    expect(() => pool3({ fee: 5_000_000_001n })).toThrow(/^fee: /);
    expect(() => pool3({ adminFee: 10n ** 10n + 1n })).toThrow(/^adminFee: /);
    expect(() => pool3({ rates: [1n, 1n] })).toThrow(/^rates: /);
    expect(() => pool3({ coins: ['DAI', 'DAI', 'USDT'] })).toThrow(/^coins\[1\]: must be distinct/);
    expect(() => pool3({ A: 1.5 })).toThrow(ModelConfigError);
  });

  it('defaults RATES to the 3pool constants', () => {
    const pool = pool3();
    expect([0, 1, 2].map((i) => pool.rate(i))).toEqual([10n ** 18n, 10n ** 30n, 10n ** 30n]);
  });
});

describe('add_liquidity (curve: test_add_liquidity_initial.py, test_add_liquidity.py)', () => {
  it('test_initial: one of each coin mints n * 1e18 LP; min_amount 2e18 still passes', () => {
    for (const min of [0n, 2n * 10n ** 18n]) {
      const pool = pool3();
      expect(pool.addLiquidity(ALICE, UNIT, min)).toBe(N * 10n ** 18n);
      expect(pool.totalSupply).toBe(N * 10n ** 18n);
      expect(pool.balances()).toEqual(UNIT);
    }
  });

  it('test_initial_liquidity_missing_coin: the first deposit needs every coin', () => {
    for (let idx = 0; idx < 3; idx++) {
      const pool = pool3();
      const amounts = [...UNIT];
      amounts[idx] = 0n;
      expectRevert(pool, 'dev: initial deposit requires all coins', () => pool.addLiquidity(ALICE, amounts));
    }
  });

  it('test_add_liquidity: a second equal deposit mints the same again', () => {
    const pool = seeded();
    expect(pool.addLiquidity(BOB, INITIAL)).toBe(N * 10n ** 18n * BASE_AMOUNT);
    expect(pool.totalSupply).toBe(2n * N * 10n ** 18n * BASE_AMOUNT);
    expect(pool.balances()).toEqual(INITIAL.map((a) => 2n * a));
  });

  it('test_add_with_slippage: 0.999 < LP / (n * 1e18) < 1 for a slightly unbalanced deposit', () => {
    const pool = seeded();
    const amounts = [(UNIT[0]! * 99n) / 100n, (UNIT[1]! * 101n) / 100n, UNIT[2]!];
    const lp = Number(pool.addLiquidity(BOB, amounts)) / (3 * 1e18);
    expect(lp).toBeGreaterThan(0.999);
    expect(lp).toBeLessThan(1);
  });

  it('test_add_one_coin: 0.999 < LP / (1e18 * base_amount) < 1', () => {
    for (let idx = 0; idx < 3; idx++) {
      const pool = seeded();
      const amounts = [0n, 0n, 0n];
      amounts[idx] = INITIAL[idx]!;
      const lp = Number(pool.addLiquidity(BOB, amounts)) / (1e18 * Number(BASE_AMOUNT));
      expect(lp).toBeGreaterThan(0.999);
      expect(lp).toBeLessThan(1);
    }
  });

  it('test_min_amount_too_high / test_min_amount_with_slippage revert', () => {
    const pool = seeded();
    expectRevert(pool, 'Slippage screwed you', () => pool.addLiquidity(BOB, UNIT, N * 10n ** 18n + 1n));
    const amounts = [(UNIT[0]! * 99n) / 100n, (UNIT[1]! * 101n) / 100n, UNIT[2]!];
    expectRevert(pool, 'Slippage screwed you', () => pool.addLiquidity(BOB, amounts, N * 10n ** 18n));
  });

  it('an all-zero deposit into a live pool reverts (D1 must exceed D0)', () => {
    const pool = seeded();
    expectRevert(pool, 'dev: D1 must exceed D0', () => pool.addLiquidity(BOB, [0n, 0n, 0n]));
  });

  it('an imbalanced deposit pays the imbalance fee, part of it to the admin', () => {
    const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
    pool.addLiquidity(BOB, [INITIAL[0]!, 0n, 0n]);
    for (let i = 0; i < 3; i++) expect(pool.adminBalance(i)).toBeGreaterThan(0n);
    expect(pool.holdings(0)).toBe(2n * INITIAL[0]!);
    expect(pool.holdings(1)).toBe(INITIAL[1]!);
  });
});

describe('exchange (curve: test_exchange.py)', () => {
  // test_exchange: fee, admin_fee in combinations_with_replacement([0, 0.04, 0.1337, 0.5], 2);
  // bob sells one whole coin; 1 - max(1e-4, 1/received) - fee < received/10**dec < 1 - fee, and
  // the admin fee is 10**dec * fee * admin_fee within rel max(1e-3, 1/(expected - 1.1)).
  const fees = [0, 0.04, 0.1337, 0.5];
  const combos: Array<[number, number]> = [];
  fees.forEach((f, a) => fees.slice(a).forEach((g) => combos.push([f, g])));

  it.each(combos)('fee %s, admin_fee %s: bounds on received and admin fee for every pair', (fee, adminFee) => {
    for (const [sending, receiving] of pairs) {
      const pool = seeded();
      if (fee || adminFee) pool.setFee(BigInt(Math.round(1e10 * fee)), BigInt(Math.round(1e10 * adminFee)));
      const received = Number(pool.exchange(sending, receiving, UNIT[sending]!, 0n));
      const ratio = received / 10 ** DECIMALS[receiving]!;
      expect(ratio).toBeGreaterThan(1 - Math.max(1e-4, 1 / received) - fee);
      expect(ratio).toBeLessThan(1 - fee);

      const expectedAdmin = 10 ** DECIMALS[receiving]! * fee * adminFee;
      const admin = Number(pool.adminBalance(receiving));
      if (expectedAdmin >= 1) {
        expect(Math.abs(expectedAdmin / admin - 1)).toBeLessThanOrEqual(Math.max(1e-3, 1 / (expectedAdmin - 1.1)));
      } else {
        expect(admin).toBeLessThanOrEqual(1);
      }
    }
  });

  it('test_min_dy: exchange pays get_dy to within 1 unit', () => {
    for (const [sending, receiving] of pairs) {
      const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
      const minDy = pool.getDy(sending, receiving, UNIT[sending]!);
      const received = pool.exchange(sending, receiving, UNIT[sending]!, minDy - 1n);
      expect(received - minDy <= 1n && minDy - received <= 1n).toBe(true);
    }
  });

  it('get_dy at 1:1 balance is dx minus the fee, less a tiny curvature term', () => {
    const pool = seeded({ A: 2000, fee: 4_000_000 });
    const dy = pool.getDy(0, 1, 1000n * UNIT[0]!); // 1000 DAI into a 1M/1M/1M pool
    const noFee = 1000n * UNIT[1]!;
    const afterFee = noFee - (noFee * 4_000_000n) / FEE_DENOMINATOR; // 999.6 USDC
    expect(dy).toBeLessThanOrEqual(afterFee);
    expect(Number(afterFee - dy) / Number(afterFee)).toBeLessThan(1e-6);
  });

  it('reverts below min_dy, for same coin, bad index, while killed, and changes nothing', () => {
    const pool = seeded();
    const dy = pool.getDy(0, 1, UNIT[0]!);
    expectRevert(pool, 'Exchange resulted in fewer coins than expected', () => pool.exchange(0, 1, UNIT[0]!, dy + 2n));
    expectRevert(pool, 'dev: same coin', () => pool.exchange(1, 1, UNIT[1]!));
    expectRevert(pool, /coin index out of range/, () => pool.exchange(0, 3, UNIT[0]!));
    expectRevert(pool, /coin index out of range/, () => pool.exchange(-1, 0, UNIT[0]!));
    expectRevert(pool, 'model: negative amount', () => pool.exchange(0, 1, -1n));
    // selling nothing gives y = xp_j and dy = -1, a uint underflow in Vyper
    expectRevert(pool, 'dev: uint256 underflow', () => pool.exchange(0, 1, 0n));
    pool.kill();
    expectRevert(pool, 'dev: is killed', () => pool.exchange(0, 1, UNIT[0]!));
    pool.unkill();
    expect(pool.exchange(0, 1, UNIT[0]!)).toBeGreaterThan(0n);
  });

  it('an empty pool refuses to trade (get_y divides by the empty third balance)', () => {
    const pool = pool3();
    expectRevert(pool, 'dev: division by zero', () => pool.exchange(0, 1, UNIT[0]!));
  });
});

describe('remove_liquidity (curve: test_remove_liquidity.py)', () => {
  it('pays balance * amount / supply of each coin, and works while killed', () => {
    const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
    pool.exchange(0, 1, 1000n * UNIT[0]!);
    pool.kill();
    const supply = pool.totalSupply;
    const balances = pool.balances();
    const out = pool.removeLiquidity(ALICE, supply / 4n, [0n, 0n, 0n]);
    expect(out).toEqual(balances.map((b) => (b * (supply / 4n)) / supply));
    expect(pool.totalSupply).toBe(supply - supply / 4n);
  });

  it('reverts on min_amounts and on more LP than held', () => {
    const pool = seeded();
    const half = pool.totalSupply / 2n;
    const min = INITIAL.map((a) => a / 2n + 1n);
    expectRevert(pool, 'Withdrawal resulted in fewer coins than expected', () =>
      pool.removeLiquidity(ALICE, half, min),
    );
    expectRevert(pool, 'dev: insufficient funds', () => pool.removeLiquidity(BOB, 1n));
  });
});

describe('remove_liquidity_imbalance (curve: test_remove_liquidity_imbalance.py)', () => {
  it.each([2n, 5n, 10n])('test_remove_balanced: divisor %s burns max_burn within 1', (divisor) => {
    const pool = seeded();
    const amounts = INITIAL.map((a) => a / divisor);
    const maxBurn = (N * 10n ** 18n * BASE_AMOUNT) / divisor;
    pool.removeLiquidityImbalance(ALICE, amounts, maxBurn + 1n);
    expect(pool.balances()).toEqual(INITIAL.map((a, i) => a - amounts[i]!));
    const left = N * 10n ** 18n * BASE_AMOUNT - maxBurn;
    const diff = pool.balanceOf(ALICE) - left;
    expect(diff >= -1n && diff <= 1n).toBe(true);
  });

  it('test_remove_some / test_remove_one: ideal * 0.99 < LP left < ideal', () => {
    for (let idx = 0; idx < 3; idx++) {
      const some = seeded();
      const amounts = INITIAL.map((a) => a / 2n);
      amounts[idx] = 0n;
      some.removeLiquidityImbalance(ALICE, amounts, N * 10n ** 18n * BASE_AMOUNT);
      const idealSome = 1e18 * 1e6 * 3 - (1e18 * 1e6 / 2) * 2;
      expect(Number(some.balanceOf(ALICE))).toBeGreaterThan(idealSome * 0.99);
      expect(Number(some.balanceOf(ALICE))).toBeLessThan(idealSome);
      expect(some.balanceOf(ALICE)).toBe(some.totalSupply);

      const one = seeded();
      const single = [0n, 0n, 0n];
      single[idx] = INITIAL[idx]! / 2n;
      one.removeLiquidityImbalance(ALICE, single, N * 10n ** 18n * BASE_AMOUNT);
      const idealOne = 1e18 * 1e6 * 3 - 1e18 * 1e6 / 2;
      expect(Number(one.balanceOf(ALICE))).toBeGreaterThan(idealOne * 0.99);
      expect(Number(one.balanceOf(ALICE))).toBeLessThan(idealOne);
    }
  });

  it.each([1n, 2n, 10n])('test_exceed_max_burn: divisor %s with max_burn - 1 reverts', (divisor) => {
    const pool = seeded();
    const amounts = INITIAL.map((a) => a / divisor);
    const maxBurn = (N * 10n ** 18n * BASE_AMOUNT) / divisor;
    expectRevert(pool, 'Slippage screwed you', () => pool.removeLiquidityImbalance(ALICE, amounts, maxBurn - 1n));
  });

  it('test_cannot_remove_zero / test_no_totalsupply revert', () => {
    const pool = seeded();
    expectRevert(pool, 'dev: zero tokens burned', () => pool.removeLiquidityImbalance(ALICE, [0n, 0n, 0n], 0n));
    pool.removeLiquidity(ALICE, pool.totalSupply);
    expectRevert(pool, 'dev: zero total supply', () => pool.removeLiquidityImbalance(ALICE, [0n, 0n, 0n], 0n));
  });
});

describe('remove_liquidity_one_coin (curve: test_remove_liquidity_one_coin.py)', () => {
  it('test_amount_received: burning 1e18 LP gives 10**dec // 1.00001 <= received <= 10**dec', () => {
    for (let idx = 0; idx < 3; idx++) {
      const pool = seeded();
      const received = pool.removeLiquidityOneCoin(ALICE, 10n ** 18n, idx, 0n);
      expect(Number(received)).toBeGreaterThanOrEqual(Math.floor(10 ** DECIMALS[idx]! / 1.00001));
      expect(received).toBeLessThanOrEqual(UNIT[idx]!);
    }
  });

  it('test_lp_token_balance / test_expected_vs_actual: pays calc_withdraw_one_coin exactly', () => {
    for (let idx = 0; idx < 3; idx++) {
      for (const divisor of [1n, 5n, 42n]) {
        const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
        const amount = pool.balanceOf(ALICE) / divisor;
        const expected = pool.calcWithdrawOneCoin(amount, idx);
        expect(pool.removeLiquidityOneCoin(ALICE, amount, idx, 0n)).toBe(expected);
        expect(pool.balanceOf(ALICE)).toBe(N * 10n ** 18n * BASE_AMOUNT - amount);
      }
    }
  });

  it('test_below_min_amount / test_amount_exceeds_balance / index checks revert', () => {
    const pool = seeded();
    const amount = pool.balanceOf(ALICE);
    const expected = pool.calcWithdrawOneCoin(amount, 0);
    expectRevert(pool, 'Not enough coins removed', () => pool.removeLiquidityOneCoin(ALICE, amount, 0, expected + 1n));
    expectRevert(pool, 'dev: insufficient funds', () => pool.removeLiquidityOneCoin(BOB, 1n, 0, 0n));
    expectRevert(pool, /coin index out of range/, () => pool.removeLiquidityOneCoin(ALICE, 1n, -1, 0n));
    expectRevert(pool, /coin index out of range/, () => pool.removeLiquidityOneCoin(ALICE, 1n, 3, 0n));
  });
});

describe('float cross-check of exchange (independent whitepaper bisection)', () => {
  // Same reference as stableswap-math.spec.ts, here end to end through decimals, rates and fee:
  // out = (xp_j - y) * (1 - fee) converted to coin j units. Trades are >= 1% of the balance and
  // balances >= 1e9 whole coins so that the contract's floors (a few base units) stay far below
  // the 1e-12 tolerance.
  function bisect(f: (v: number) => number, lo: number, hi: number): number {
    const sLo = Math.sign(f(lo));
    for (let k = 0; k < 2000; k++) {
      const mid = (lo + hi) / 2;
      if (mid <= lo || mid >= hi) break;
      if (Math.sign(f(mid)) === sLo) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  }
  function refOut(xp: number[], amp: number, i: number, j: number, dxNorm: number, feeFrac: number): number {
    const n = xp.length;
    const Ann = (amp / n ** (n - 1)) * n ** n;
    const S = xp.reduce((a, b) => a + b, 0);
    const D = bisect(
      (d) => {
        let DP = d;
        for (const x of xp) DP *= d / (n * x);
        return Ann * S + d - Ann * d - DP;
      },
      S * 1e-9,
      S,
    );
    const others = xp.map((v, k) => (k === i ? v + dxNorm : v)).filter((_, k) => k !== j);
    const y = bisect(
      (yy) => {
        let DP = D;
        for (const v of others) DP *= D / (n * v);
        DP *= D / (n * yy);
        return Ann * (others.reduce((a, b) => a + b, 0) + yy) + D - Ann * D - DP;
      },
      D * 1e-12,
      D,
    );
    return (xp[j]! - y) * (1 - feeFrac);
  }

  it.each([
    [100, 4_000_000, [1, 1, 1], 0.05],
    [2000, 4_000_000, [3, 1, 0.5], 0.2],
    [10, 30_000_000, [0.2, 1, 4], 0.01],
    [720, 0, [1, 2, 1], 0.5],
  ])('A=%s fee=%s balances x%s trade %s of balance', (A, fee, weights, frac) => {
    const pool = pool3({ A, fee, adminFee: 5_000_000_000 });
    pool.addLiquidity(
      ALICE,
      weights.map((w, k) => BigInt(Math.round(w * 1e9)) * UNIT[k]!),
    );
    for (const [i, j] of pairs) {
      const dx = (pool.balance(i) * BigInt(Math.round(frac * 1e6))) / 1_000_000n;
      const xp = pool.xp().map(Number);
      const dxNorm = Number((dx * pool.rate(i)) / 10n ** 18n);
      const expected = (refOut(xp, A, i, j, dxNorm, fee / 1e10) * 1e18) / Number(pool.rate(j));
      const got = Number(pool.getDy(i, j, dx));
      expect(Math.abs(got - expected) / expected).toBeLessThan(1e-12);
    }
  });
});

describe("Curve's Python model (curve-contract tests/simulation.py)", () => {
  // test_simulate_exchange.py trades against the contract and this model, with fee 1e7 and
  // admin_fee 0, asserting (y_1 - y_0) - dy_m <= dy_m * 1e-10. Here: |ours - model| <= 1e-10.
  class CurveModel {
    constructor(
      readonly A: bigint,
      readonly x: bigint[],
      readonly n: bigint,
      readonly p: bigint[],
      readonly fee = 10n ** 7n,
    ) {}
    xp(): bigint[] {
      return this.x.map((x, k) => (x * this.p[k]!) / 10n ** 18n);
    }
    D(): bigint {
      let Dprev = 0n;
      const xp = this.xp();
      const S = xp.reduce((a, b) => a + b, 0n);
      let D = S;
      const Ann = this.A * this.n;
      while ((D > Dprev ? D - Dprev : Dprev - D) > 1n) {
        let DP = D;
        for (const x of xp) DP = (DP * D) / (this.n * x);
        Dprev = D;
        D = ((Ann * S + DP * this.n) * D) / ((Ann - 1n) * D + (this.n + 1n) * DP);
      }
      return D;
    }
    y(i: number, j: number, x: bigint): bigint {
      const D = this.D();
      const xx = this.xp();
      xx[i] = x;
      const rest = xx.filter((_, k) => k !== j);
      const Ann = this.A * this.n;
      let c = D;
      for (const y of rest) c = (c * D) / (y * this.n);
      c = (c * D) / (this.n * Ann);
      const b = rest.reduce((a, v) => a + v, 0n) + D / Ann - D;
      let yPrev = 0n;
      let y = D;
      while ((y > yPrev ? y - yPrev : yPrev - y) > 1n) {
        yPrev = y;
        y = (y * y + c) / (2n * y + b);
      }
      return y;
    }
    exchange(i: number, j: number, dx: bigint): bigint {
      const xp = this.xp();
      const x = xp[i]! + dx;
      const y = this.y(i, j, x);
      const dy = xp[j]! - y;
      const fee = (dy * this.fee) / 10n ** 10n;
      this.x[i] = (x * 10n ** 18n) / this.p[i]!;
      this.x[j] = ((y + fee) * 10n ** 18n) / this.p[j]!;
      return dy - fee;
    }
  }

  it('agrees over a sequence of trades, and final balances match to 6 digits', () => {
    const pool = pool3({ fee: 10n ** 7n, adminFee: 0 });
    pool.addLiquidity(ALICE, INITIAL.map((a) => a / 10n));
    const model = new CurveModel(720n, pool.balances(), 3n, [10n ** 18n, 10n ** 30n, 10n ** 30n]);
    const maxUnit = 10n ** 18n;
    for (let t = 0; t < 60; t++) {
      const send = t % 3;
      const recv = (send + 1 + ((t >> 1) & 1)) % 3;
      const value = (5n * UNIT[send]! * 1000n) / BigInt(1 + ((t * 37) % 100));
      const got = pool.exchange(send, recv, value);
      let dyM = model.exchange(send, recv, (value * maxUnit) / UNIT[send]!);
      dyM = (dyM * UNIT[recv]!) / maxUnit;
      const diff = got > dyM ? got - dyM : dyM - got;
      expect(Number(diff)).toBeLessThanOrEqual(Number(dyM) * 1e-10 + 1);
    }
    pool.balances().forEach((b, k) => expect(Number(b) / Number(model.x[k]!)).toBeCloseTo(1, 6));
  });
});

describe('admin fees, virtual price, rates, spot price', () => {
  it('holdings = balances + admin balances; withdraw and donate move them', () => {
    const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
    const out = pool.exchange(0, 1, 10_000n * UNIT[0]!);
    expect(pool.holdings(0)).toBe(INITIAL[0]! + 10_000n * UNIT[0]!);
    expect(pool.holdings(1)).toBe(INITIAL[1]! - out);
    const admin = pool.adminBalance(1);
    expect(admin).toBeGreaterThan(0n);
    expect(pool.withdrawAdminFees()).toEqual([0n, admin, 0n]);
    expect(pool.adminBalance(1)).toBe(0n);

    pool.exchange(1, 2, 10_000n * UNIT[1]!);
    const admin2 = pool.adminBalance(2);
    const before = pool.balance(2);
    pool.donateAdminFees();
    expect(pool.balance(2)).toBe(before + admin2);
  });

  it('virtual price starts at 1e18 and grows with fees', () => {
    const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
    expect(pool.getVirtualPrice()).toBe(10n ** 18n);
    let vp = pool.getVirtualPrice();
    for (const [i, j] of pairs) {
      pool.exchange(i, j, 50_000n * UNIT[i]!);
      const next = pool.getVirtualPrice();
      expect(next).toBeGreaterThan(vp);
      vp = next;
    }
    expect(() => pool3().getVirtualPrice()).toThrow(RevertError);
  });

  it('calc_token_amount approximates deposits and withdrawals without fees', () => {
    const pool = seeded({ fee: 4_000_000, adminFee: 5_000_000_000 });
    const amounts = [1000n * UNIT[0]!, 0n, 0n];
    const estimate = pool.calcTokenAmount(amounts, true);
    const minted = pool.addLiquidity(BOB, amounts);
    expect(minted).toBeLessThan(estimate); // the real deposit pays the imbalance fee
    expect(Number(estimate - minted) / Number(estimate)).toBeLessThan(1e-3);
    expect(pool.calcTokenAmount(amounts, false)).toBeGreaterThan(0n);
  });

  it('spot price matches a tiny get_dy and sees the imbalance', () => {
    const pool = pool3({ A: 100 });
    pool.addLiquidity(ALICE, [3_000_000n * UNIT[0]!, 1_000_000n * UNIT[1]!, 1_000_000n * UNIT[2]!]);
    const p = pool.spotPrice(0, 1);
    expect(p).toBeLessThan(1); // DAI is abundant, so it is cheap
    const dy = Number(pool.getDy(0, 1, UNIT[0]!)) / 1e6;
    expect(Math.abs(dy - p) / p).toBeLessThan(1e-5);
    expect(pool.spotPrice(1, 0) * p).toBeCloseTo(1, 12);
    expect(pool3().spotPrice(0, 1)).toBeNaN();
  });

  it('a rate override prices a coin above par (e.g. a yield-bearing token at NAV 1.05)', () => {
    const pool = pool3({ A: 200 });
    pool.addLiquidity(ALICE, [1_000_000n * UNIT[0]!, 1_000_000n * UNIT[1]!, 1_000_000n * UNIT[2]!]);
    pool.setRate(0, (10n ** 18n * 105n) / 100n);
    expect(pool.spotPrice(0, 1)).toBeGreaterThan(1.04);
    const dy = Number(pool.getDy(0, 1, 100n * UNIT[0]!)) / 1e6;
    expect(dy / 100).toBeGreaterThan(1.04);
    expect(pool.getD()).toBe(getD(pool.xp(), pool.A));
  });

  it('setFee refuses values above the contract maxima', () => {
    const pool = seeded();
    expectRevert(pool, 'dev: fee exceeds maximum', () => pool.setFee(5_000_000_001n, 0n));
    expectRevert(pool, 'dev: admin fee exceeds maximum', () => pool.setFee(0n, 10n ** 10n + 1n));
  });

  it('LP tokens transfer between holders', () => {
    const pool = seeded();
    pool.transferLiquidity(ALICE, BOB, 10n ** 18n);
    expect(pool.balanceOf(BOB)).toBe(10n ** 18n);
    expectRevert(pool, 'dev: insufficient funds', () => pool.transferLiquidity(BOB, ALICE, 10n ** 18n + 1n));
  });
});

describe('two-coin pool with differing decimals', () => {
  it('exchanges both ways near par and keeps D within rounding', () => {
    const pool = new StableSwapPool({
      coins: ['RWA-USD', 'USDC'],
      decimals: [18, 6],
      A: 100,
      fee: 4_000_000,
      adminFee: 0,
    });
    pool.addLiquidity(ALICE, [5_000_000n * 10n ** 18n, 5_000_000n * 10n ** 6n]);
    const D0 = pool.getD();
    const out = pool.exchange(0, 1, 10_000n * 10n ** 18n);
    expect(Number(out) / 1e6 / 10_000).toBeCloseTo(0.9996, 4);
    const back = pool.exchange(1, 0, out);
    expect(Number(back) / 1e18).toBeLessThan(10_000);
    expect(pool.getD()).toBeGreaterThanOrEqual(D0);
  });
});
