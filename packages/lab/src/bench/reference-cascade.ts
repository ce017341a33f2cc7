// B1 `cascade-bench` (../shared/BENCHMARKS.md) written the way a competent engineer writes a
// fast plain-JS simulation: floats for money, typed arrays for state, one binary heap of timed
// events. It is the baseline Paradox's engine is measured against in the same bench run
// (cascade.bench.ts), so it imports nothing from Paradox and takes no shortcut the spec does
// not allow: same graph, same holders, same positions, same liquidation rules.
//
// Events counted (`events`): each timed event popped from the heap (every rumour delivery,
// including the 50 on day 10 and those reaching holders who already know, and each of the
// three oracle updates) plus each liquidation. A holder's sale happens inside its delivery and
// a bot's sale inside its liquidation, so neither is counted again. Deliveries due after the
// horizon are never scheduled.

export type ReferenceVariant = 'nav' | 'spot';

export interface ReferenceOutcome {
  /** AMM spot price (USD per RWA) on day 60. */
  readonly ammPriceFinal: number;
  readonly rwaSoldByHolders: number;
  readonly liquidations: number;
  /** Sum over positions of max(0, debt - collateral x final AMM price), USD. */
  readonly badDebt: number;
  readonly events: number;
  /** Each bot's USD from selling what it seized less what it repaid. */
  readonly botProfits: readonly number[];
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HORIZON = 60 * DAY;
const ORACLE_DAYS = [0, 30, 60] as const;
const LINKS = 8;
const INFORMED = 50;
const SELL_PROBABILITY = 0.6;
const PASS_PROBABILITY = 0.3;
const MEAN_PASS_DELAY = 2 * HOUR;
const FEE_KEPT = 0.997;
const LIQUIDATION_THRESHOLD = 0.85;
const CLOSE_FACTOR = 0.5;
const LIQUIDATION_BONUS = 1.05;
const BOTS = 5;

/** Fundamental NAV per share: 1.00 until day 10, linear to 0.85 at day 40, flat after. */
function fundamentalNav(t: number): number {
  if (t <= 10 * DAY) return 1;
  if (t >= 40 * DAY) return 0.85;
  return 1 - (0.15 * (t - 10 * DAY)) / (30 * DAY);
}

/**
 * sfc32, seeded through splitmix32 from (seed, stream): separate streams for set-up, rumour and
 * bots, so the holders' draws (and hence what they sell) are the same in both variants.
 */
function sfc32(seed: number, stream: number): () => number {
  let s = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 1, 0x85ebca6b)) | 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return z ^ (z >>> 15);
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * Undirected k-out graph in CSR form: each node picks k distinct others uniformly (Floyd's
 * sampling), and a pair picked from both ends is kept once, from its lower end.
 */
function kOutGraph(n: number, k: number, rand: () => number): { offsets: Int32Array; adjacency: Int32Array } {
  const picks = new Int32Array(n * k);
  const others = n - 1;
  for (let u = 0; u < n; u++) {
    const base = u * k;
    for (let j = others - k, m = 0; j < others; j++, m++) {
      let t = Math.floor(rand() * (j + 1));
      for (let q = 0; q < m; q++) {
        if (picks[base + q] === t) {
          t = j;
          break;
        }
      }
      picks[base + m] = t;
    }
    // Picks were drawn among the others (indices 0..n-2); map them past u.
    for (let m = 0; m < k; m++) if (picks[base + m]! >= u) picks[base + m]!++;
  }
  const pickedBack = (v: number, u: number): boolean => {
    for (let q = v * k, end = q + k; q < end; q++) if (picks[q] === u) return true;
    return false;
  };
  const degree = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) {
    for (let e = u * k, end = e + k; e < end; e++) {
      const v = picks[e]!;
      if (v < u && pickedBack(v, u)) {
        picks[e] = -1; // already kept from v's end
        continue;
      }
      degree[u]!++;
      degree[v]!++;
    }
  }
  const offsets = new Int32Array(n + 1);
  for (let u = 0; u < n; u++) offsets[u + 1] = offsets[u]! + degree[u]!;
  const adjacency = new Int32Array(offsets[n]!);
  const fill = degree; // reused as each node's write cursor
  fill.set(offsets.subarray(0, n));
  for (let u = 0; u < n; u++) {
    for (let e = u * k, end = e + k; e < end; e++) {
      const v = picks[e]!;
      if (v < 0) continue;
      adjacency[fill[u]!++] = v;
      adjacency[fill[v]!++] = u;
    }
  }
  return { offsets, adjacency };
}

/** Min-heap of timed events on growable typed arrays: time, and whom it is for (-1 - k: oracle update k). */
class EventHeap {
  size = 0;
  private time = new Float64Array(1024);
  private target = new Int32Array(1024);

  push(t: number, who: number): void {
    if (this.size === this.time.length) this.grow();
    const time = this.time;
    const target = this.target;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (time[parent]! <= t) break;
      time[i] = time[parent]!;
      target[i] = target[parent]!;
      i = parent;
    }
    time[i] = t;
    target[i] = who;
  }

  topTime(): number {
    return this.time[0]!;
  }

  topTarget(): number {
    return this.target[0]!;
  }

  pop(): void {
    const time = this.time;
    const target = this.target;
    const n = --this.size;
    const t = time[n]!;
    const who = target[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && time[child + 1]! < time[child]!) child++;
      if (time[child]! >= t) break;
      time[i] = time[child]!;
      target[i] = target[child]!;
      i = child;
    }
    time[i] = t;
    target[i] = who;
  }

  private grow(): void {
    const time = new Float64Array(this.time.length * 2);
    const target = new Int32Array(this.target.length * 2);
    time.set(this.time);
    target.set(this.target);
    this.time = time;
    this.target = target;
  }
}

/**
 * The lending market's index by liquidation price (debt / (threshold x collateral)): a max-heap,
 * so the unhealthy positions at price p (health factor < 1, i.e. liquidation price > p) are the
 * ones at its top. A position leaves it when liquidated and comes back with its new
 * liquidation price; one stripped of all collateral does not come back.
 */
class LiquidationIndex {
  size = 0;
  private readonly key: Float64Array;
  private readonly position: Int32Array;

  constructor(capacity: number) {
    this.key = new Float64Array(capacity);
    this.position = new Int32Array(capacity);
  }

  push(liquidationPrice: number, p: number): void {
    const key = this.key;
    const position = this.position;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (key[parent]! >= liquidationPrice) break;
      key[i] = key[parent]!;
      position[i] = position[parent]!;
      i = parent;
    }
    key[i] = liquidationPrice;
    position[i] = p;
  }

  /** Whether some position is unhealthy at `price`. */
  anyBelow(price: number): boolean {
    return this.size > 0 && this.key[0]! > price;
  }

  /** Removes and returns the position with the highest liquidation price. */
  pop(): number {
    const key = this.key;
    const position = this.position;
    const top = position[0]!;
    const n = --this.size;
    const k = key[n]!;
    const p = position[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && key[child + 1]! > key[child]!) child++;
      if (key[child]! <= k) break;
      key[i] = key[child]!;
      position[i] = position[child]!;
      i = child;
    }
    key[i] = k;
    position[i] = p;
    return top;
  }
}

/**
 * Runs B1 once. `onLiquidation` (for tests) hears the model time of each liquidation.
 *
 * A price change the market sees (an oracle update in `nav`; any AMM trade in `spot`) starts a
 * round: the positions unhealthy at that price are taken from the index, the bots (in a newly
 * shuffled order) take them in turn, and each is liquidated once at the market's price of the
 * moment, the seized RWA sold at once. In `spot` those sales are themselves a price change, so
 * rounds follow until one finds no unhealthy position.
 */
export function runReference(holders: number, variant: ReferenceVariant, seed: number, onLiquidation?: (timeMs: number) => void): ReferenceOutcome {
  const H = holders;
  const setup = sfc32(seed, 0);
  const rumour = sfc32(seed, 1);
  const botDraws = sfc32(seed, 2);

  // World.
  let ammRwa = 200 * H;
  let ammUsd = 200 * H;
  const sellToAmm = (rwa: number): number => {
    const inWithFee = FEE_KEPT * rwa;
    const out = (ammUsd * inWithFee) / (ammRwa + inWithFee);
    ammRwa += rwa;
    ammUsd -= out;
    return out;
  };
  let oraclePrice = fundamentalNav(0);
  const marketPrice = variant === 'nav' ? () => oraclePrice : () => ammUsd / ammRwa;

  // Holders and their graph.
  const { offsets, adjacency } = kOutGraph(H, LINKS, setup);
  const rwa = new Float64Array(H);
  for (let i = 0; i < H; i++) rwa[i] = 100 + 900 * setup();
  const informed = new Uint8Array(H);

  // Borrowers: positions opened at NAV 1.00.
  const B = Math.floor(H / 5);
  const collateral = new Float64Array(B);
  const debt = new Float64Array(B);
  const index = new LiquidationIndex(B);
  for (let p = 0; p < B; p++) {
    collateral[p] = 1_000 + 19_000 * setup();
    debt[p] = collateral[p]! * 1.0 * (0.5 + 0.3 * setup());
    index.push(debt[p]! / (LIQUIDATION_THRESHOLD * collateral[p]!), p);
  }

  // Timed events: the oracle updates and, on day 10, the rumour reaching INFORMED distinct
  // holders (Floyd's sampling); rumour deliveries join as holders pass it on.
  const queue = new EventHeap();
  ORACLE_DAYS.forEach((day, k) => queue.push(day * DAY, -1 - k));
  const chosen = new Set<number>();
  for (let j = H - Math.min(INFORMED, H); j < H; j++) {
    const t = Math.floor(setup() * (j + 1));
    const h = chosen.has(t) ? j : t;
    chosen.add(h);
    queue.push(10 * DAY, h);
  }

  let events = 0;
  let now = 0;
  let rwaSoldByHolders = 0;
  let liquidations = 0;
  const botProfits = new Float64Array(BOTS);
  const botOrder = Int32Array.from({ length: BOTS }, (_, i) => i);
  const round = new Int32Array(B);

  const liquidate = (p: number, bot: number): void => {
    const price = marketPrice();
    let repaid = CLOSE_FACTOR * debt[p]!;
    let seized = (repaid * LIQUIDATION_BONUS) / price;
    if (seized >= collateral[p]!) {
      seized = collateral[p]!;
      repaid = (seized * price) / LIQUIDATION_BONUS;
    }
    collateral[p] = collateral[p]! - seized;
    debt[p] = debt[p]! - repaid;
    botProfits[bot] = botProfits[bot]! + sellToAmm(seized) - repaid;
    if (collateral[p]! > 0) index.push(debt[p]! / (LIQUIDATION_THRESHOLD * collateral[p]!), p);
    liquidations++;
    events++;
    onLiquidation?.(now);
  };

  const onPriceChange = (): void => {
    while (index.anyBelow(marketPrice())) {
      const price = marketPrice();
      let n = 0;
      while (index.anyBelow(price)) round[n++] = index.pop();
      for (let i = BOTS - 1; i > 0; i--) {
        const j = Math.floor(botDraws() * (i + 1));
        const b = botOrder[i]!;
        botOrder[i] = botOrder[j]!;
        botOrder[j] = b;
      }
      for (let i = 0; i < n; i++) liquidate(round[i]!, botOrder[i % BOTS]!);
      // The bots' sales move only the AMM, which a NAV-priced market does not see.
      if (variant === 'nav') return;
    }
  };

  const hear = (h: number): void => {
    if (informed[h]) return;
    informed[h] = 1;
    const sells = rumour() < SELL_PROBABILITY;
    const fraction = 0.5 + 0.5 * rumour();
    if (sells) {
      const amount = fraction * rwa[h]!;
      rwa[h] = rwa[h]! - amount;
      rwaSoldByHolders += amount;
      sellToAmm(amount);
      if (variant === 'spot') onPriceChange();
    }
    for (let e = offsets[h]!, end = offsets[h + 1]!; e < end; e++) {
      if (rumour() < PASS_PROBABILITY) {
        const at = now - MEAN_PASS_DELAY * Math.log(1 - rumour());
        if (at <= HORIZON) queue.push(at, adjacency[e]!);
      }
    }
  };

  while (queue.size > 0 && queue.topTime() <= HORIZON) {
    now = queue.topTime();
    const who = queue.topTarget();
    queue.pop();
    events++;
    if (who >= 0) {
      hear(who);
    } else {
      oraclePrice = fundamentalNav(now);
      if (variant === 'nav') onPriceChange();
    }
  }

  const ammPriceFinal = ammUsd / ammRwa;
  let badDebt = 0;
  for (let p = 0; p < B; p++) badDebt += Math.max(0, debt[p]! - collateral[p]! * ammPriceFinal);
  return { ammPriceFinal, rwaSoldByHolders, liquidations, badDebt, events, botProfits: Array.from(botProfits) };
}
