import { ModelConfigError } from '../errors';
import { fromBase, minBig, PPB, toPpb } from './fixed-point';
import type { NavSource } from './nav-source';
import { DAY } from './time';
import { checkAmount, checkDecimals, checkFraction, checkId, checkMs, checkNumber, checkOneOf } from './validate';

/** Day-count basis for a money-market yield quote. */
export type DayCount = 'act/360' | 'act/365';

/** How the purchase price is given. */
export type BillQuote =
  /** Bank discount rate (how T-bills are auctioned): price = face (1 - d N / 360). */
  | { discountRate: number }
  /** Money-market (simple) yield on the purchase price: price = face / (1 + y N / basis). */
  | { yield: number; dayCount?: DayCount }
  /** Purchase price in cash base units, 0 < price <= face. */
  | { price: bigint };

export interface TreasuryBillConfig {
  id: string;
  /** Decimals of the cash asset (default 6). */
  cashDecimals?: number;
  /** Face value held, cash base units. */
  face: bigint;
  purchaseMs: number;
  /** Maturity; (maturityMs - purchaseMs) must be a whole number of days >= 1. */
  maturityMs: number;
  quote: BillQuote;
  /** Fraction of value lost when selling before maturity (bid side), in [0, 1) (default 0). */
  saleHaircut?: number;
}

/**
 * A T-bill position valued at amortized cost with daily accrual: the discount (face - price)
 * accretes in equal steps per whole day elapsed, the amortized-cost method money-market funds use
 * (SEC Rule 2a-7). Both a bank-discount quote (act/360) and a simple money-market yield
 * (act/360 or act/365) give straight-line daily accrual of the same discount: face * d / 360 per
 * day for the former, price * y / basis for the latter.
 *
 * value(t) = price + (face - price) * floor((t - purchase) / DAY) / N, face from maturity on.
 * Cash comes out through drawCash: at face after maturity, or by selling part of the position at
 * value * (1 - saleHaircut) before it. Amounts are bigint base units, rounded down.
 */
export class TreasuryBill implements NavSource {
  readonly id: string;
  readonly cashDecimals: number;
  readonly purchaseMs: number;
  readonly maturityMs: number;
  /** Days from purchase to maturity. */
  readonly days: number;
  private readonly haircutPpb: bigint;
  private face: bigint;
  private cost: bigint;

  constructor(config: TreasuryBillConfig) {
    this.id = checkId('treasuryBill.id', config.id);
    const p = `treasuryBill[${this.id}]`;
    this.cashDecimals = checkDecimals(`${p}.cashDecimals`, config.cashDecimals ?? 6);
    this.face = checkAmount(`${p}.face`, config.face, 1n);
    this.purchaseMs = checkMs(`${p}.purchaseMs`, config.purchaseMs);
    this.maturityMs = checkMs(`${p}.maturityMs`, config.maturityMs, this.purchaseMs + DAY);
    if ((this.maturityMs - this.purchaseMs) % DAY !== 0) {
      throw new ModelConfigError(`${p}.maturityMs`, `must be a whole number of days after purchaseMs (${this.purchaseMs})`, this.maturityMs);
    }
    this.days = (this.maturityMs - this.purchaseMs) / DAY;
    this.haircutPpb = toPpb(checkFraction(`${p}.saleHaircut`, config.saleHaircut ?? 0, true));
    this.cost = priceFromQuote(p, config.quote, this.face, this.days);
  }

  /** Face value still held, base units. */
  faceValue(): bigint {
    return this.face;
  }

  /** Amortized purchase cost of what is still held, base units. */
  costBasis(): bigint {
    return this.cost;
  }

  /** Whole days of accrual at t, 0..days. */
  daysElapsed(nowMs: number): number {
    if (nowMs <= this.purchaseMs) return 0;
    return Math.min(this.days, Math.floor((nowMs - this.purchaseMs) / DAY));
  }

  /** Amortized-cost value at t, base units. */
  valueBase(nowMs: number): bigint {
    if (nowMs >= this.maturityMs) return this.face;
    return this.cost + ((this.face - this.cost) * BigInt(this.daysElapsed(nowMs))) / BigInt(this.days);
  }

  /** NAV mark, whole cash units. */
  value(nowMs: number): number {
    return fromBase(this.valueBase(nowMs), this.cashDecimals);
  }

  /** Money-market yield of the position on its cost: (face / cost - 1) * basis / N. */
  moneyMarketYield(dayCount: DayCount = 'act/360'): number {
    const basis = dayCount === 'act/360' ? 360 : 365;
    return (Number(this.face) / Number(this.cost) - 1) * (basis / this.days);
  }

  /**
   * Release up to maxCash: redeem at face from maturity on; before it, sell the face amount whose
   * proceeds at value * (1 - saleHaircut) do not exceed maxCash.
   */
  drawCash(nowMs: number, maxCash: bigint): bigint {
    if (maxCash <= 0n || this.face === 0n) return 0n;
    if (nowMs >= this.maturityMs) {
      const out = minBig(this.face, maxCash);
      this.cost -= (this.cost * out) / this.face;
      this.face -= out;
      return out;
    }
    const v = this.valueBase(nowMs);
    const net = PPB - this.haircutPpb;
    if (v === 0n) return 0n;
    const sold = minBig(this.face, (maxCash * this.face * PPB) / (v * net));
    const proceeds = (sold * v * net) / (this.face * PPB);
    this.cost -= (this.cost * sold) / this.face;
    this.face -= sold;
    return proceeds;
  }
}

function priceFromQuote(p: string, quote: BillQuote, face: bigint, days: number): bigint {
  if (quote === null || typeof quote !== 'object') {
    throw new ModelConfigError(`${p}.quote`, 'must be { discountRate } | { yield, dayCount? } | { price }', quote);
  }
  let price: bigint;
  if ('discountRate' in quote) {
    const d = checkNumber(`${p}.quote.discountRate`, quote.discountRate, { min: 0 });
    price = face - (face * toPpb(d) * BigInt(days)) / (PPB * 360n);
  } else if ('yield' in quote) {
    const y = checkNumber(`${p}.quote.yield`, quote.yield, { min: 0 });
    const dc = checkOneOf(`${p}.quote.dayCount`, quote.dayCount ?? 'act/360', ['act/360', 'act/365'] as const);
    const basis = dc === 'act/360' ? 360n : 365n;
    price = (face * PPB * basis) / (PPB * basis + toPpb(y) * BigInt(days));
  } else if ('price' in quote) {
    price = checkAmount(`${p}.quote.price`, quote.price, 1n);
  } else {
    throw new ModelConfigError(`${p}.quote`, 'must be { discountRate } | { yield, dayCount? } | { price }', quote);
  }
  if (price <= 0n || price > face) throw new ModelConfigError(`${p}.quote`, `must give a price in (0, face = ${face}]`, price);
  return price;
}

/** Bank discount rate of a bill bought at `price` for `days` days: (face - price) / face * 360 / days. */
export function discountRateOf(price: bigint, face: bigint, days: number): number {
  if (face <= 0n || days <= 0) throw new RangeError('discountRateOf: face and days must be positive');
  return ((Number(face - price) / Number(face)) * 360) / days;
}
