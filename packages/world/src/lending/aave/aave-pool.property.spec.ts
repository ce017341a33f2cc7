import fc from 'fast-check';
import { RevertError } from '../../errors';
import { AavePool, PositionView } from './aave-pool';
import { fingerprint, MemoryLedger, Prices, TESTNET_PRICES, testnetReserves } from './test-support';
import { MAX_UINT256, rayMul, WAD } from './wad-ray-math';

// Random sequences of supply / withdraw / borrow / repay / collateral switches / price moves /
// time / liquidations on the aave-v3-origin testnet market, checking after every step:
//   - a reverted action changes nothing (pool and token ledger);
//   - no negative balance, and per-reserve totals equal the sum of user balances;
//   - tokens are conserved and the pool's ledger balance equals its virtual balance;
//   - value: cash + debt + deficit (assets) vs aTokens + treasury accrual (liabilities) agree
//     within rounding (see `tolerance`), and never fall behind as time passes;
//   - liquidation succeeds only when HF < 1 and is refused for HF >= 1 with
//     HEALTH_FACTOR_NOT_BELOW_THRESHOLD;
//   - liquidatablePositions() (index) agrees with a brute-force health-factor scan.

const USERS = ['u0', 'u1', 'u2', 'u3'] as const;
const ASSETS = ['USDX', 'WBTC', 'WETH'] as const;
const DECIMALS: Record<string, number> = { USDX: 6, WBTC: 8, WETH: 18 };
const LIQUIDATOR = 'liq';
const LT: Record<string, bigint> = Object.fromEntries(testnetReserves().map((r) => [r.asset, BigInt(r.liquidationThreshold)]));

type Action =
  | { kind: 'supply'; user: number; asset: number; usd: number }
  | { kind: 'withdraw'; user: number; asset: number; fraction: number }
  | { kind: 'borrow'; user: number; asset: number; fraction: number }
  | { kind: 'repay'; user: number; asset: number; fraction: number }
  | { kind: 'collateral'; user: number; asset: number; on: boolean }
  | { kind: 'price'; asset: number; percent: number }
  | { kind: 'time'; seconds: number }
  | { kind: 'liquidate'; user: number; collateral: number; debt: number; fraction: number; receiveAToken: boolean };

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const asset = fc.integer({ min: 0, max: ASSETS.length - 1 });
// Fractions in [0, 1.1] of what is there (or of the borrowing power); 1 means MAX_UINT256 for
// withdraw/repay/liquidate, so the edges get hit often.
const fraction = fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1.1, noNaN: true }));

interface Opening {
  readonly collateral: number;
  readonly usd: number;
  readonly debt: number;
  readonly fraction: number;
}

const opening: fc.Arbitrary<Opening> = fc.record({
  collateral: asset,
  usd: fc.integer({ min: 1, max: 60_000 }),
  debt: fc.integer({ min: 1, max: 2 }), // offset from the collateral: a different asset
  // Mostly close to the LTV limit, so that price moves make positions liquidatable.
  fraction: fc.oneof(fc.double({ min: 0.85, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
});

interface Scenario {
  readonly openings: readonly Opening[];
  readonly actions: readonly Action[];
}

function scenario(withTime: boolean): fc.Arbitrary<Scenario> {
  const weighted = (weight: number, arbitrary: fc.Arbitrary<Action>) => ({ weight, arbitrary });
  const a = [
    weighted(2, fc.record({ kind: fc.constant('supply' as const), user, asset, usd: fc.integer({ min: 1, max: 60_000 }) })),
    weighted(2, fc.record({ kind: fc.constant('withdraw' as const), user, asset: fc.nat(), fraction })),
    weighted(2, fc.record({ kind: fc.constant('borrow' as const), user, asset, fraction })),
    weighted(2, fc.record({ kind: fc.constant('repay' as const), user, asset: fc.nat(), fraction })),
    weighted(1, fc.record({ kind: fc.constant('collateral' as const), user, asset, on: fc.boolean() })),
    weighted(3, fc.record({ kind: fc.constant('price' as const), asset, percent: fc.integer({ min: 60, max: 112 }) })),
    weighted(
      4,
      fc.record({
        kind: fc.constant('liquidate' as const),
        user,
        collateral: fc.nat(),
        debt: fc.nat(),
        fraction,
        receiveAToken: fc.boolean(),
      }),
    ),
  ];
  if (withTime) a.push(weighted(2, fc.record({ kind: fc.constant('time' as const), seconds: fc.integer({ min: 1, max: 90 * 86_400 }) })));
  return fc.record({
    openings: fc.array(opening, { minLength: USERS.length, maxLength: 2 * USERS.length }),
    actions: fc.array(fc.oneof(...a), { minLength: 5, maxLength: 40 }),
  });
}

function scale(balance: bigint, f: number): bigint {
  if (f === 1) return MAX_UINT256;
  return (balance * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
}

/** Pick the i-th of `preferred` (the user's actual collaterals or debts), else any asset. */
function pick(preferred: string[], i: number): string {
  if (preferred.length > 0 && i % 4 !== 3) return preferred[i % preferred.length]!;
  return ASSETS[i % ASSETS.length]!;
}

function ledgerPrint(ledger: MemoryLedger): string {
  const accounts = [...USERS, LIQUIDATOR, 'whale', 'aave:pool', 'aave:treasury'];
  return ASSETS.map((a) => accounts.map((u) => ledger.balanceOf(a, u)).join(',')).join(';');
}

type Book = Map<string, PositionView[]>;

// jest's expect() builds an error with a stack trace on every call, which dominates these runs;
// invariants are checked with a plain assertion instead.
function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`invariant violated: ${what}`);
}

/** Users the index must report: HF < 1 and an enabled collateral with a balance. */
function bruteForceLiquidatable(pool: AavePool, book: Book): Set<string> {
  const out = new Set<string>();
  for (const [u, ps] of book) {
    const hasCollateral = ps.some((p) => p.usingAsCollateral && p.scaledATokenBalance > 0n && LT[p.asset]! > 0n);
    if (hasCollateral && pool.healthFactor(u) < WAD) out.add(u);
  }
  return out;
}

/**
 * Whether a position is large enough for the index's rounding allowance (INDEX_MARGIN in
 * aave-pool.ts): collateral and debt each worth at least 0.10 of base currency.
 */
function bigEnough(pool: AavePool, u: string): boolean {
  const acct = pool.getUserAccountData(u);
  return acct.totalCollateralBase >= 10_000_000n && acct.totalDebtBase >= 10_000_000n;
}

function run({ openings, actions: actionsList }: Scenario): void {
  const prices = new Prices(TESTNET_PRICES);
  const ledger = new MemoryLedger();
  const initial: Record<string, bigint> = {};
  for (const a of ASSETS) {
    const big = 10n ** BigInt(DECIMALS[a]! + 9);
    for (const u of [...USERS, LIQUIDATOR]) ledger.mint(a, u, big);
    initial[a] = big * BigInt(USERS.length + 1);
  }
  const pool = new AavePool({ reserves: testnetReserves(), priceSource: prices.get, ledger });
  // A whale provides liquidity in every reserve so that the users can borrow.
  for (const a of ASSETS) {
    ledger.mint(a, 'whale', 10n ** BigInt(DECIMALS[a]! + 9));
    initial[a] = initial[a]! + 10n ** BigInt(DECIMALS[a]! + 9);
    pool.supply('whale', a, 10n ** BigInt(DECIMALS[a]! + 6));
  }
  let ops = ASSETS.length;
  let now = 0;
  let timePassed = false;
  // Each user opens a position: supply some dollars of one asset, borrow part of the power in another.
  openings.forEach((o, i) => {
    const u = USERS[i % USERS.length]!;
    const c = ASSETS[o.collateral]!;
    pool.supply(u, c, (BigInt(o.usd) * 10n ** 8n * 10n ** BigInt(DECIMALS[c]!)) / prices.get(c));
    const d = ASSETS[(o.collateral + o.debt) % ASSETS.length]!;
    const base = (pool.getUserAccountData(u).availableBorrowsBase * BigInt(Math.floor(o.fraction * 1e6))) / 1_000_000n;
    const units = (base * 10n ** BigInt(DECIMALS[d]!)) / prices.get(d);
    if (units > 0n) pool.borrow(u, d, units);
    ops += 2;
  });

  for (const act of actionsList) {
    const before = fingerprint(pool);
    const ledgerBefore = ledgerPrint(ledger);
    let hfBefore: bigint | undefined;
    try {
      switch (act.kind) {
        case 'supply': {
          const a = ASSETS[act.asset]!;
          const units = (BigInt(act.usd) * 10n ** 8n * 10n ** BigInt(DECIMALS[a]!)) / prices.get(a);
          pool.supply(USERS[act.user]!, a, units);
          break;
        }
        case 'withdraw': {
          const u = USERS[act.user]!;
          const a = pick(pool.positions(u).filter((p) => p.scaledATokenBalance > 0n).map((p) => p.asset), act.asset);
          pool.withdraw(u, a, scale(pool.aTokenBalance(u, a), act.fraction));
          break;
        }
        case 'borrow': {
          const a = ASSETS[act.asset]!;
          const u = USERS[act.user]!;
          const base = (pool.getUserAccountData(u).availableBorrowsBase * BigInt(Math.floor(act.fraction * 1e6))) / 1_000_000n;
          pool.borrow(u, a, (base * 10n ** BigInt(DECIMALS[a]!)) / prices.get(a));
          break;
        }
        case 'repay': {
          const u = USERS[act.user]!;
          const a = pick(pool.positions(u).filter((p) => p.borrowing).map((p) => p.asset), act.asset);
          pool.repay(u, a, scale(pool.debtBalance(u, a), act.fraction));
          break;
        }
        case 'collateral':
          pool.setUserUseReserveAsCollateral(USERS[act.user]!, ASSETS[act.asset]!, act.on);
          break;
        case 'price': {
          const a = ASSETS[act.asset]!;
          const next = (prices.get(a) * BigInt(act.percent)) / 100n;
          const floor = TESTNET_PRICES[a]! / 20n;
          prices.set(a, next < floor ? floor : next);
          break;
        }
        case 'time':
          now += act.seconds;
          pool.setTime(now);
          timePassed = true;
          break;
        case 'liquidate': {
          // Mostly aim at an unhealthy user when there is one.
          const unhealthy = USERS.filter((x) => pool.healthFactor(x) < WAD);
          const u = unhealthy.length > 0 && act.user !== 0 ? unhealthy[act.user % unhealthy.length]! : USERS[act.user]!;
          const ps = pool.positions(u);
          const c = pick(ps.filter((p) => p.usingAsCollateral).map((p) => p.asset), act.collateral);
          const d = pick(ps.filter((p) => p.borrowing).map((p) => p.asset), act.debt);
          hfBefore = pool.healthFactor(u);
          const res = pool.liquidationCall(LIQUIDATOR, c, d, u, scale(pool.debtBalance(u, d), act.fraction), act.receiveAToken);
          // Liquidation happened: the position was unhealthy.
          check(hfBefore < WAD, 'liquidated a healthy position');
          check(res.debtRepaid > 0n, 'liquidation repaid nothing');
          break;
        }
      }
      ops++;
    } catch (e) {
      if (!(e instanceof RevertError)) throw e;
      check(fingerprint(pool) === before, `${act.kind} reverted with ${e.reason} but changed the pool`);
      check(ledgerPrint(ledger) === ledgerBefore, `${act.kind} reverted but moved tokens`);
      if (act.kind === 'liquidate' && hfBefore !== undefined) {
        if (hfBefore >= WAD) check(e.reason === 'HEALTH_FACTOR_NOT_BELOW_THRESHOLD', `healthy position refused with ${e.reason}`);
        else {
          expect([
            'MUST_NOT_LEAVE_DUST',
            'INVALID_BURN_AMOUNT',
            'COLLATERAL_CANNOT_BE_LIQUIDATED',
            'SPECIFIED_CURRENCY_NOT_BORROWED_BY_USER',
            'NOT_ENOUGH_AVAILABLE_LIQUIDITY',
          ]).toContain(e.reason);
        }
      }
    }
    checkInvariants(pool, ledger, initial, ops, timePassed);
  }
}

function checkInvariants(pool: AavePool, ledger: MemoryLedger, initial: Record<string, bigint>, ops: number, timePassed: boolean): void {
  const book: Book = new Map(pool.accounts().map((u) => [u, pool.positions(u)]));
  for (const a of ASSETS) {
    const r = pool.reserve(a);
    let sumA = 0n;
    let sumD = 0n;
    for (const ps of book.values()) {
      for (const p of ps) {
        if (p.asset !== a) continue;
        check(p.scaledATokenBalance >= 0n && p.scaledVariableDebt >= 0n, `non-negative balances of ${a}`);
        sumA += p.scaledATokenBalance;
        sumD += p.scaledVariableDebt;
      }
    }
    check(sumA === r.scaledATokenSupply, `aToken total of ${a}`);
    check(sumD === r.scaledVariableDebt, `debt total of ${a}`);
    for (const v of [r.virtualUnderlyingBalance, r.deficit, r.accruedToTreasury, r.isolationModeTotalDebt]) check(v >= 0n, `non-negative totals of ${a}`);
    // Tokens are neither created nor destroyed; the pool holds exactly its virtual balance.
    check(ledger.total(a) === initial[a], `token conservation of ${a}`);
    check(ledger.balanceOf(a, pool.poolAccount) === r.virtualUnderlyingBalance, `pool holds its virtual balance of ${a}`);
    // Each mint/burn/transfer at an index I rounds by at most about I/2 + 1 units on each
    // side; with indexes below 2 in these runs, 4 units per operation is a safe bound.
    const assets = r.virtualUnderlyingBalance + r.totalVariableDebt + r.deficit;
    const liabilities = rayMul(r.scaledATokenSupply + r.accruedToTreasury, r.normalizedIncome);
    const tolerance = 4n * BigInt(ops) + 4n;
    check(assets - liabilities >= -tolerance, `assets ${assets} >= liabilities ${liabilities} of ${a}`);
    // Without time, interest cannot open a gap: the books balance within rounding.
    if (!timePassed) check(assets - liabilities <= tolerance, `assets ${assets} ~ liabilities ${liabilities} of ${a}`);
  }
  // The index finds every liquidatable position big enough for float keys, and nothing else.
  const found = pool.liquidatablePositions();
  const truth = bruteForceLiquidatable(pool, book);
  for (const p of found) check(truth.has(p.user), `${p.user} reported liquidatable`);
  const foundSet = new Set(found.map((p) => p.user));
  for (const u of truth) if (!foundSet.has(u)) check(!bigEnough(pool, u), `${u} missed by the index`);
}

describe('AavePool properties', () => {
  it('random sequences without time: books balance within rounding', () => {
    fc.assert(fc.property(scenario(false), run), { seed: 1337, numRuns: 250 });
  });

  it('random sequences with interest: invariants hold and assets never fall behind liabilities', () => {
    fc.assert(fc.property(scenario(true), run), { seed: 4242, numRuns: 250 });
  });
});
