/**
 * Anything a fund can hold and mark: a loan book, a property, a T-bill position, a custodied
 * wrapper around any of these. `value` is in whole cash units (e.g. dollars, a number), at time
 * `nowMs` (integer ms since scenario start). It must be deterministic and side-effect free.
 */
export interface NavSource {
  /** A label for errors and reports. */
  readonly id: string;
  /** Mark in whole cash units at `nowMs`. */
  value(nowMs: number): number;
  /**
   * Release up to `maxCash` base units of cash to the holder (income collected, matured
   * principal, or a sale), reducing this source's value accordingly. Returns the amount
   * released, 0 <= released <= maxCash. Must not throw: a fund calls it in the middle of a
   * dealing window. Sources that cannot release cash omit this.
   */
  drawCash?(nowMs: number, maxCash: bigint): bigint;
  /**
   * False when the asset's legal or custody status forbids paying redemptions (e.g. a frozen
   * title, a disclosed custody freeze). Omitted means always allowed.
   */
  redemptionAllowed?(nowMs: number): boolean;
}

/** A source with a value fixed by the caller: a placeholder asset in tests and examples. */
export class StaticNavSource implements NavSource {
  constructor(
    readonly id: string,
    private amount: number,
  ) {}

  value(): number {
    return this.amount;
  }

  /** Re-mark the asset (e.g. a scenario's exogenous revaluation). */
  setValue(amount: number): void {
    this.amount = amount;
  }
}
