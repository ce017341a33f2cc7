import { ModelConfigError, RevertError } from '../errors';
import { PriceHistory, assertTimeMs } from './price-history';
import { FeedErrors, type FeedHistory, type PriceFeed, type PriceReading, type RoundData } from './types';
import { checkDecimals } from './units';

/** Parts per billion: the resolution at which deviation thresholds are compared, exactly. */
const PPB = 1_000_000_000n;

/** Configuration of a {@link PushFeed}. */
export interface PushFeedConfig {
  readonly description?: string;
  /** Decimals of the answer; 8 like Chainlink USD feeds. */
  readonly decimals?: number;
  /**
   * Relative change that triggers a new round, as a fraction (0.005 = 0.5%). Resolved to parts
   * per billion. 0 means any change (and even no change) qualifies.
   */
  readonly deviationThreshold: number;
  /** Time since the last round after which a new round is due regardless of deviation, in ms. */
  readonly heartbeatMs: number;
  /** Accounts allowed to submit (OCR transmitters). Omitted: anyone may submit. */
  readonly reporters?: readonly string[];
  /** Inclusive bounds on answers (OCR `minAnswer`/`maxAnswer`). Default: [1, unbounded). */
  readonly minAnswer?: bigint;
  readonly maxAnswer?: bigint;
  /**
   * When true (default) `submit` reverts unless `shouldUpdate` holds, so the on-chain record is
   * exactly what Chainlink's trigger rules would produce. Set false to let a reporter push any
   * answer (a compromised or manual feed).
   */
  readonly enforceTriggers?: boolean;
}

/**
 * A push oracle with Chainlink Data Feed semantics: a reporter (keeper agent) submits an observed
 * price; a new round is written when the price deviates from the current answer by at least the
 * deviation threshold, or when the heartbeat has elapsed since the last round, whichever comes
 * first (Chainlink docs, "Decentralized Data Model": "The first condition that is met triggers an
 * update"; smartcontractkit/chainlink core/services/fluxmonitorv2/deviation_checker.go
 * `OutsideDeviation`: met when `|new - old| / |old| >= threshold`).
 *
 * Rounds number from 1; `answeredInRound === roundId` as on OCR aggregators; `startedAt ===
 * updatedAt` because a round is written in one transaction. Time is integer ms.
 */
export class PushFeed implements PriceFeed {
  readonly decimals: number;
  readonly description: string;
  readonly heartbeatMs: number;
  readonly deviationThreshold: number;
  readonly enforceTriggers: boolean;
  private readonly thresholdPpb: bigint;
  private readonly reporters: ReadonlySet<string> | null;
  private readonly minAnswer: bigint;
  private readonly maxAnswer: bigint | null;
  private readonly rounds = new PriceHistory();

  constructor(config: PushFeedConfig) {
    const decimals = config.decimals ?? 8;
    checkDecimals(decimals, 'decimals');
    const { deviationThreshold, heartbeatMs } = config;
    if (!Number.isFinite(deviationThreshold) || deviationThreshold < 0 || deviationThreshold >= 1) {
      throw new ModelConfigError('deviationThreshold', 'must be a fraction in [0, 1)', deviationThreshold);
    }
    if (!Number.isSafeInteger(heartbeatMs) || heartbeatMs <= 0) {
      throw new ModelConfigError('heartbeatMs', 'must be a positive integer number of ms', heartbeatMs);
    }
    const minAnswer = config.minAnswer ?? 1n;
    const maxAnswer = config.maxAnswer ?? null;
    if (maxAnswer !== null && maxAnswer < minAnswer) {
      throw new ModelConfigError('maxAnswer', `must be >= minAnswer (${minAnswer})`, maxAnswer);
    }
    if (config.reporters !== undefined && config.reporters.length === 0) {
      throw new ModelConfigError('reporters', 'must list at least one reporter, or be omitted', '[]');
    }
    this.decimals = decimals;
    this.description = config.description ?? 'push feed';
    this.deviationThreshold = deviationThreshold;
    this.thresholdPpb = BigInt(Math.round(deviationThreshold * 1e9));
    this.heartbeatMs = heartbeatMs;
    this.enforceTriggers = config.enforceTriggers ?? true;
    this.reporters = config.reporters === undefined ? null : new Set(config.reporters);
    this.minAnswer = minAnswer;
    this.maxAnswer = maxAnswer;
  }

  /** Number of rounds written so far. */
  get roundCount(): number {
    return this.rounds.length;
  }

  /**
   * Would Chainlink's trigger rules start a new round for `observed` at `nowMs`? True when there
   * is no round yet, when the heartbeat has elapsed since the last round, or when
   * `|observed - answer| / |answer| >= deviationThreshold`.
   */
  shouldUpdate(observed: bigint, nowMs: number): boolean {
    assertTimeMs(nowMs);
    const n = this.rounds.length;
    if (n === 0) return true;
    const lastAt = this.rounds.timesMs[n - 1] as number;
    if (nowMs - lastAt >= this.heartbeatMs) return true;
    return this.deviates(this.rounds.prices[n - 1] as bigint, observed);
  }

  /** Does `next` differ from `current` by at least the threshold? Exact, in parts per billion. */
  deviates(current: bigint, next: bigint): boolean {
    const diff = next >= current ? next - current : current - next;
    const base = current >= 0n ? current : -current;
    if (base === 0n) return diff !== 0n || this.thresholdPpb === 0n;
    return diff * PPB >= this.thresholdPpb * base;
  }

  /** When the heartbeat next forces a round, or null before the first round. */
  nextHeartbeatMs(): number | null {
    const n = this.rounds.length;
    return n === 0 ? null : (this.rounds.timesMs[n - 1] as number) + this.heartbeatMs;
  }

  /**
   * Write a new round. Reverts `unauthorized transmitter` for a reporter not on the list,
   * `median is out of min-max range` outside the answer bounds, `timestamp before latest round`
   * if time runs backwards, and (with `enforceTriggers`) `deviation below threshold and heartbeat
   * not elapsed` when the trigger rules do not call for a round.
   */
  submit(reporter: string, answer: bigint, nowMs: number): RoundData {
    assertTimeMs(nowMs);
    if (this.reporters !== null && !this.reporters.has(reporter)) throw new RevertError('unauthorized transmitter');
    if (answer < this.minAnswer || (this.maxAnswer !== null && answer > this.maxAnswer)) {
      throw new RevertError('median is out of min-max range');
    }
    const n = this.rounds.length;
    if (n > 0 && nowMs < (this.rounds.timesMs[n - 1] as number)) throw new RevertError('timestamp before latest round');
    if (this.enforceTriggers && !this.shouldUpdate(answer, nowMs)) {
      throw new RevertError('deviation below threshold and heartbeat not elapsed');
    }
    this.rounds.push(nowMs, answer);
    return this.getRoundData(n + 1);
  }

  /** Chainlink `getRoundData`; reverts `No data present` for an unknown round. */
  getRoundData(roundId: number): RoundData {
    const i = roundId - 1;
    if (!Number.isInteger(roundId) || i < 0 || i >= this.rounds.length) throw new RevertError(FeedErrors.NO_DATA);
    const at = this.rounds.timesMs[i] as number;
    return { roundId, answer: this.rounds.prices[i] as bigint, startedAtMs: at, updatedAtMs: at, answeredInRound: roundId };
  }

  /** Chainlink `latestRoundData` as of `nowMs`. */
  latestRoundData(nowMs: number): RoundData {
    return this.getRoundData(this.latest(nowMs).roundId);
  }

  latest(nowMs: number): PriceReading {
    const i = this.rounds.indexAt(nowMs);
    if (i < 0) throw new RevertError(FeedErrors.NO_DATA);
    return { price: this.rounds.prices[i] as bigint, updatedAtMs: this.rounds.timesMs[i] as number, roundId: i + 1 };
  }

  history(untilMs?: number): FeedHistory {
    return this.rounds.until(untilMs);
  }
}
