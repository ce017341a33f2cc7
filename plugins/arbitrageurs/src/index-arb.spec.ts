import { HOUR, mintIndex } from '@paradox/sdk';
import { runInline } from '@paradox/lab';
import { AmmMarket, IndexVault, NavPathFund, UniswapV2Pair, createWorld, installAmmMarkets, installFunds, installIndexVaults } from '@paradox/world';
import arbitrageurs from './index';

const E18 = 10n ** 18n;

/**
 * An index IDX over three fund tokens (1/3 each; NAVs 1.00, 1.00 and 0.70, so NAV 0.90), an
 * IDX/USD pool with `pool` reserves (whole IDX, whole USD), and one index arbitrageur holding
 * `usd` and a basket for `basket` IDX. Returns the pool price, the NAV, the arbitrageur's wallet
 * valued at NAV, and the index flows it made.
 */
function simulate(options: { pool: [number, number]; usd: number; basket?: number; paused?: boolean; fundPools?: number; config?: Record<string, unknown> }) {
  let result: { price: number; nav: number; wealthStart: number; wealthEnd: number; supply: number; refused: string | undefined; usd: number; fundPrices: number[]; basketLeft: bigint } | undefined;
  const out = runInline({
    plugins: [arbitrageurs],
    horizonMs: 2 * HOUR,
    build(run) {
      const world = createWorld(run);
      run.attachWorld(world);
      const { ledger } = world;
      ledger.addToken({ symbol: 'USD', decimals: 6, issuer: 'usd-issuer' });
      const navs = [1, 1, 0.7];
      const funds = ['A', 'B', 'C'].map((t, i) => {
        ledger.addToken({ symbol: t, decimals: 18, issuer: `issuer:${t}` });
        return new NavPathFund(world, t, t, [[0, navs[i]!]]);
      });
      const vault = new IndexVault(ledger, { id: 'index', shareToken: 'IDX', components: funds.map((fund) => ({ fund, unitsPerShare: E18 / 3n })) });
      installFunds(world, [...funds, vault]);
      installIndexVaults(world, [vault]);
      const basket = (address: string, shares: bigint) => vault.depositAmounts(shares).forEach((u, i) => ledger.mint(funds[i]!.shareToken, `issuer:${funds[i]!.shareToken}`, address, u));
      const [idx, usd] = options.pool;
      basket('lp', ledger.units('IDX', idx));
      vault.deposit('lp', ledger.units('IDX', idx));
      ledger.mint('USD', 'usd-issuer', 'lp', ledger.units('USD', usd));
      const amm = new AmmMarket(world, 'IDX/USD', new UniswapV2Pair({ token0: 'IDX', token1: 'USD', decimals0: 18, decimals1: 6 }), 'IDX', 'USD');
      amm.addLiquidity('lp', ledger.units('IDX', idx), ledger.units('USD', usd));
      // Optional pools for the constituents at their NAVs, `fundPools` USD a side.
      const fundAmms = options.fundPools
        ? funds.map((f, i) => {
            const m = new AmmMarket(world, `${f.shareToken}/USD`, new UniswapV2Pair({ token0: f.shareToken, token1: 'USD', decimals0: 18, decimals1: 6 }), f.shareToken, 'USD');
            const tokens = ledger.units(f.shareToken, options.fundPools! / navs[i]!);
            ledger.mint(f.shareToken, `issuer:${f.shareToken}`, 'lp', tokens);
            ledger.mint('USD', 'usd-issuer', 'lp', ledger.units('USD', options.fundPools!));
            m.addLiquidity('lp', tokens, ledger.units('USD', options.fundPools!));
            return m;
          })
        : [];
      installAmmMarkets(world, [amm, ...fundAmms]);
      ledger.mint('USD', 'usd-issuer', 'arb', ledger.units('USD', options.usd));
      if (options.basket) basket('arb', ledger.units('IDX', options.basket));
      if (options.paused) vault.setOpen(false);
      const wealth = () => {
        let v = ledger.toNumber('USD', ledger.balanceOf('USD', 'arb')) + ledger.toNumber('IDX', ledger.balanceOf('IDX', 'arb')) * vault.navPerShare();
        funds.forEach((f) => (v += ledger.toNumber(f.shareToken, ledger.balanceOf(f.shareToken, 'arb')) * f.navPerShare()));
        return v;
      };
      const wealthStart = wealth();
      // A mint by an address without the basket is refused and changes nothing.
      let refused: string | undefined;
      world.submit('nobody', mintIndex('index', E18), (r) => (refused = r.ok ? undefined : r.reason));
      run.place({ plugin: 'arbitrageurs', kind: 'index', id: 'arb', config: { pool: 'IDX/USD', index: 'index', minProfit: 1, ...options.config } });
      return {
        summary() {
          const audit = ledger.audit() ?? amm.audit() ?? vault.audit();
          if (audit) throw new Error(audit);
          result = {
            price: amm.spotPrice(),
            nav: vault.navPerShare(),
            wealthStart,
            wealthEnd: wealth(),
            supply: ledger.toNumber('IDX', vault.totalShares()),
            refused,
            usd: ledger.toNumber('USD', ledger.balanceOf('USD', 'arb')),
            fundPrices: fundAmms.map((m) => m.spotPrice()),
            basketLeft: funds.reduce((s, f) => s + ledger.balanceOf(f.shareToken, 'arb'), 0n),
          };
          return {};
        },
      };
    },
  });
  const flows = out.events('index.flow').map((e) => JSON.parse(e['data'] as string) as { kind: string; account: string; shares: number });
  return { ...result!, flows, blocked: out.events('arb-blocked').length };
}

describe('index arbitrageur (mint/redeem against the AMM)', () => {
  it('below NAV it buys on the AMM and redeems for the basket, leaving the pool within fee + threshold of NAV, richer at NAV', () => {
    const s = simulate({ pool: [100_000, 70_000], usd: 100_000 }); // spot 0.70 vs NAV 0.90
    expect(s.nav).toBeCloseTo(0.9, 12);
    expect(s.price / s.nav).toBeGreaterThan(1 - 0.003 - 0.005 - 0.001); // 0.3% fee, 0.5% threshold
    expect(s.price / s.nav).toBeLessThan(1);
    expect(s.flows.length).toBeGreaterThanOrEqual(1);
    expect(s.flows.every((f) => f.kind === 'redeem' && f.account === 'arb')).toBe(true);
    expect(s.supply).toBeLessThan(100_000); // the redeemed shares are burnt
    expect(s.wealthEnd).toBeGreaterThan(s.wealthStart + 1_000);
    expect(s.refused).toMatch(/lacks/);
  });

  it('above NAV it mints from its basket and sells, bringing the pool down to NAV', () => {
    const s = simulate({ pool: [100_000, 110_000], usd: 0, basket: 20_000 }); // spot 1.10 vs NAV 0.90
    expect(s.price / s.nav).toBeLessThan(1 + 0.003 + 0.005 + 0.001);
    expect(s.price / s.nav).toBeGreaterThan(1);
    expect(s.flows.some((f) => f.kind === 'mint')).toBe(true);
    expect(s.supply).toBeGreaterThan(100_000);
    expect(s.wealthEnd).toBeGreaterThan(s.wealthStart + 500); // about half the 10% premium on ~10k shares sold
  });

  it('with minting and redeeming paused it does nothing: the discount stays', () => {
    const s = simulate({ pool: [100_000, 70_000], usd: 100_000, paused: true });
    expect(s.price).toBeCloseTo(0.7, 12);
    expect(s.flows).toEqual([]);
    expect(s.blocked).toBe(1);
    expect(s.wealthEnd).toBe(s.wealthStart);
  });

  it('capital limits it: with little cash the discount only narrows', () => {
    const s = simulate({ pool: [100_000, 70_000], usd: 2_000 });
    expect(s.price / s.nav).toBeLessThan(0.85);
    expect(s.price).toBeGreaterThan(0.7);
  });

  it('with sellBasketOn it sells the redeemed basket on the constituents\' pools: the index discount moves into them', () => {
    const fundPools = 20_000;
    const s = simulate({ pool: [100_000, 70_000], usd: 100_000, fundPools, config: { sellBasketOn: { A: 'A/USD', B: 'B/USD', C: 'C/USD' } } });
    expect(s.flows.length).toBeGreaterThanOrEqual(1);
    expect(s.basketLeft).toBe(0n); // everything redeemed was sold
    expect(s.usd).toBeGreaterThan(100_000); // a profit in cash, at the pools' prices
    // The sound funds' tokens now trade below their NAVs (1.00, 1.00, 0.70).
    expect(s.fundPrices[0]!).toBeLessThan(0.99);
    expect(s.fundPrices[1]!).toBeLessThan(0.99);
    expect(s.fundPrices[2]!).toBeLessThan(0.7 * 0.99);
    // It stops where IDX and the basket's sale price meet (within fee and threshold), not at NAV.
    expect(s.price).toBeLessThan(s.nav);
  });
});
