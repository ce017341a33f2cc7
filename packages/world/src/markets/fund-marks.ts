import type { FundMarkPolicy } from '@paradox/sdk';
import { RevertError } from '../errors';
import { type NavSource, fromBase } from '../offchain';
import { DAY } from '../offchain/time';

/**
 * How a fund's manager marks its assets, shared by every asset of one fund: a mark policy and a
 * standing manual write-down (a fraction of asset value).
 */
export class MarkBook {
  private policy: FundMarkPolicy = { kind: 'model' };
  private writeDownFraction = 0;

  current(): FundMarkPolicy {
    return this.policy;
  }

  writeDown(): number {
    return this.writeDownFraction;
  }

  /** Delay of write-downs in ms (0 under mark to model). */
  delayMs(): number {
    return this.policy.kind === 'delay-write-downs' ? Math.round(this.policy.days * DAY) : 0;
  }

  /** Validates a change without applying it (so a refused action changes nothing). */
  static check(change: { policy?: FundMarkPolicy; writeDown?: number }): void {
    const { policy, writeDown } = change;
    if (policy !== undefined) {
      if (policy === null || typeof policy !== 'object') throw new RevertError('mark policy must be { kind: "model" } or { kind: "delay-write-downs", days }');
      if (policy.kind === 'delay-write-downs') {
        if (typeof policy.days !== 'number' || !Number.isFinite(policy.days) || policy.days < 0) {
          throw new RevertError(`mark policy days must be a finite number >= 0, got ${String(policy.days)}`);
        }
      } else if (policy.kind !== 'model') {
        throw new RevertError(`unknown mark policy kind ${JSON.stringify((policy as { kind: unknown }).kind)} (model, delay-write-downs)`);
      }
    }
    if (writeDown !== undefined && (typeof writeDown !== 'number' || !(writeDown >= 0 && writeDown < 1))) {
      throw new RevertError(`writeDown must be a fraction in [0, 1), got ${String(writeDown)}`);
    }
  }

  set(change: { policy?: FundMarkPolicy; writeDown?: number }): void {
    MarkBook.check(change);
    if (change.policy !== undefined) this.policy = change.policy.kind === 'model' ? { kind: 'model' } : { kind: 'delay-write-downs', days: change.policy.days };
    if (change.writeDown !== undefined) this.writeDownFraction = change.writeDown;
  }
}

interface Sample {
  readonly t: number;
  /** Economic value at t: the source's value plus all the cash drawn from it until t. */
  readonly e: number;
}

/**
 * A fund asset as the fund marks it. The model value comes from the wrapped source; the mark
 * applies the fund's {@link MarkBook}:
 *
 * ```
 * E(t)      = value(t) + cash drawn from the asset until t          (economic value)
 * hidden(t) = max(0, E(t − delay) − E(t))                           (write-downs not yet recognised)
 * mark(t)   = (value(t) + hidden(t)) · (1 − writeDown)
 * ```
 *
 * Drawing cash lowers `value` and raises the drawn total by the same amount, so it is not a
 * write-down; a loan book's step that marks loans down lowers E, and under a delay the fund
 * keeps reporting the old value for `delay` ms. E(t − delay) is read from samples the market
 * takes at loan-book steps, dealing windows, policy changes and (while a delay applies) daily.
 */
export class MarkedAsset implements NavSource {
  readonly id: string;
  private drawn = 0;
  private samples: Sample[] = [];

  constructor(
    readonly source: NavSource,
    private readonly marks: MarkBook,
    private readonly cashDecimals: number,
  ) {
    this.id = source.id;
  }

  /** The model's value, before the mark policy. */
  modelValue(nowMs: number): number {
    return this.source.value(nowMs);
  }

  value(nowMs: number): number {
    const model = this.source.value(nowMs);
    const delay = this.marks.delayMs();
    let marked = model;
    if (delay > 0) {
      const past = this.economicAt(nowMs - delay);
      if (past !== undefined) {
        const hidden = past - (model + this.drawn);
        if (hidden > 0) marked += hidden;
      }
    }
    const w = this.marks.writeDown();
    return w === 0 ? marked : marked * (1 - w);
  }

  drawCash(nowMs: number, maxCash: bigint): bigint {
    const got = this.source.drawCash?.(nowMs, maxCash) ?? 0n;
    if (got > 0n) this.drawn += fromBase(got, this.cashDecimals);
    return got;
  }

  redemptionAllowed(nowMs: number): boolean {
    return this.source.redemptionAllowed?.(nowMs) ?? true;
  }

  /**
   * Records the economic value at `nowMs` (times must not decrease). Returns whether it fell
   * since the previous sample (a write-down the policy may delay).
   */
  sample(nowMs: number): boolean {
    const e = this.source.value(nowMs) + this.drawn;
    const last = this.samples[this.samples.length - 1];
    const fell = last !== undefined && e < last.e - 1e-6;
    if (last && last.t === nowMs) this.samples[this.samples.length - 1] = { t: nowMs, e };
    else this.samples.push({ t: nowMs, e });
    // Keep what a lookup at nowMs - delay (or later) can still need: the last sample at or
    // before that time and everything after it.
    const horizon = nowMs - this.marks.delayMs();
    let keepFrom = 0;
    for (let i = 0; i < this.samples.length; i++) if (this.samples[i]!.t <= horizon) keepFrom = i;
    if (keepFrom > 0) this.samples = this.samples.slice(keepFrom);
    return fell;
  }

  /** Economic value at the last sample at or before `t`; the earliest sample if none is. */
  private economicAt(t: number): number | undefined {
    let found: Sample | undefined = this.samples[0];
    for (const s of this.samples) {
      if (s.t > t) break;
      found = s;
    }
    return found?.e;
  }
}
