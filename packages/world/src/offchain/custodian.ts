import { RevertError } from '../errors';
import { minBig, PPB, toPpb } from './fixed-point';
import type { NavSource } from './nav-source';
import { checkFraction, checkId, checkMs } from './validate';

export interface CustodianConfig {
  id: string;
  /** An attestation is due this long after the previous one (or after taking custody). */
  attestationIntervalMs: number;
  /** Tolerance after the due date before the attestation counts as late (default 0). */
  graceMs?: number;
  /**
   * Share of value at which a disclosed frozen share is still carried in NAV, in [0, 1]
   * (default 1: frozen assets are owned, just inaccessible; 0 writes them off while frozen).
   */
  frozenMark?: number;
}

/** Who holds title to an asset, for which SPV. */
export interface TitleRecord {
  readonly assetId: string;
  readonly spvId: string;
  readonly custodianId: string;
  readonly sinceMs: number;
}

export type AttestationStatus = 'on-schedule' | 'late';

export interface AttestationState {
  readonly assetId: string;
  readonly lastAttestedMs: number | null;
  /** Amount attested (whole cash units, as the custodian stated it). */
  readonly attestedAmount: number | null;
  readonly dueMs: number;
  readonly status: AttestationStatus;
}

/** A custody breach: a share of each affected asset frozen and/or lost at atMs. */
export interface BreachRecord {
  readonly id: number;
  readonly atMs: number;
  /** Share of the asset frozen (inaccessible, maybe recoverable). */
  readonly frozenShare: number;
  /** Share of the asset lost outright. */
  readonly lostShare: number;
  readonly assetIds: readonly string[];
  /** When the world learns of it; null while undisclosed. Marks move only from then on. */
  readonly disclosedAtMs: number | null;
  /** Resolution of the frozen share: recoveredShare of it returns, the rest is lost. */
  readonly resolution: { readonly atMs: number; readonly recoveredShare: number } | null;
}

interface MutableBreach {
  id: number;
  atMs: number;
  frozenShare: number;
  lostShare: number;
  assetIds: string[];
  disclosedAtMs: number | null;
  resolution: { atMs: number; recoveredShare: number } | null;
}

interface Held {
  title: TitleRecord;
  asset: CustodiedAsset;
  lastAttestedMs: number | null;
  attestedAmount: number | null;
}

/** Impairment of an asset at a time: shares of the original holding lost and frozen. */
export interface Impairment {
  readonly lost: number;
  readonly frozen: number;
}

/**
 * A custodian: holds title to assets on behalf of SPVs, attests to them on a schedule, and can be
 * breached (hack, insolvency, fraud). A breach freezes and/or loses shares of the assets it
 * covers; the fund's NAV (through the CustodiedAsset wrapper) reflects it only once disclosed,
 * while the physical effect (cash that cannot be drawn) applies at once. Shares are fractions of
 * the holding and add up across breaches (at most 1 in total per asset).
 *
 * Time: integer ms; mutations cannot be dated before the latest one (RevertError).
 */
export class Custodian {
  readonly id: string;
  readonly attestationIntervalMs: number;
  readonly graceMs: number;
  readonly frozenMark: number;
  private readonly held = new Map<string, Held>();
  private readonly breachList: MutableBreach[] = [];
  private clockMs = 0;

  constructor(config: CustodianConfig) {
    this.id = checkId('custodian.id', config.id);
    const p = `custodian[${this.id}]`;
    this.attestationIntervalMs = checkMs(`${p}.attestationIntervalMs`, config.attestationIntervalMs, 1);
    this.graceMs = checkMs(`${p}.graceMs`, config.graceMs ?? 0);
    this.frozenMark = checkFraction(`${p}.frozenMark`, config.frozenMark ?? 1);
  }

  /**
   * Take custody of `asset` for `spvId`. Returns the wrapper the SPV should hold as its NavSource
   * (its id is the asset's id).
   */
  hold(args: { asset: NavSource; spvId: string; atMs: number }): CustodiedAsset {
    this.checkTime(args.atMs);
    if (this.held.has(args.asset.id)) throw new RevertError(`custodian ${this.id} already holds ${args.asset.id}`);
    if (typeof args.spvId !== 'string' || args.spvId.length === 0) throw new RevertError('spvId must be a non-empty string');
    this.clockMs = args.atMs;
    const asset = new CustodiedAsset(args.asset, this);
    this.held.set(args.asset.id, {
      title: { assetId: args.asset.id, spvId: args.spvId, custodianId: this.id, sinceMs: args.atMs },
      asset,
      lastAttestedMs: null,
      attestedAmount: null,
    });
    return asset;
  }

  /** Title records, optionally only those held for one SPV. */
  holdings(spvId?: string): TitleRecord[] {
    return [...this.held.values()].map((h) => h.title).filter((t) => spvId === undefined || t.spvId === spvId);
  }

  title(assetId: string): TitleRecord {
    return this.get(assetId).title;
  }

  /** The wrapper for a held asset. */
  custodied(assetId: string): CustodiedAsset {
    return this.get(assetId).asset;
  }

  /**
   * Move title to another SPV (a sale or restructuring). Refused while the asset's own status
   * forbids transfers (e.g. a challenged property title) or any of it is frozen here.
   */
  transferTitle(assetId: string, toSpvId: string, atMs: number): TitleRecord {
    this.checkTime(atMs);
    const h = this.get(assetId);
    if (typeof toSpvId !== 'string' || toSpvId.length === 0) throw new RevertError('toSpvId must be a non-empty string');
    if (!h.asset.transferAllowed(atMs)) throw new RevertError(`transfer of ${assetId} not allowed at ${atMs}`);
    this.clockMs = atMs;
    h.title = { assetId, spvId: toSpvId, custodianId: this.id, sinceMs: atMs };
    return h.title;
  }

  /**
   * Attest to holdings at atMs: one asset, or every held asset. The amount defaults to what is
   * truly there (underlying value less true impairment); a dishonest custodian agent passes its
   * own `amount` (only with `assetId`).
   */
  attest(args: { atMs: number; assetId?: string; amount?: number }): AttestationState[] {
    this.checkTime(args.atMs);
    if (args.amount !== undefined && (args.assetId === undefined || !Number.isFinite(args.amount) || args.amount < 0)) {
      throw new RevertError('attest: amount needs an assetId and must be a finite number >= 0');
    }
    const targets = args.assetId === undefined ? [...this.held.values()] : [this.get(args.assetId)];
    this.clockMs = args.atMs;
    for (const h of targets) {
      h.lastAttestedMs = args.atMs;
      h.attestedAmount = args.amount ?? h.asset.trueValue(args.atMs);
    }
    return targets.map((h) => this.attestationOf(h, args.atMs));
  }

  /** Attestation state of an asset at nowMs: late once past due + grace with no new attestation. */
  attestation(assetId: string, nowMs: number): AttestationState {
    return this.attestationOf(this.get(assetId), nowMs);
  }

  /**
   * A breach at atMs freezing and losing shares of the listed assets (default: all held). Give
   * disclosedAtMs to schedule disclosure now, or call disclose later.
   */
  breach(args: { atMs: number; frozenShare?: number; lostShare?: number; assetIds?: readonly string[]; disclosedAtMs?: number }): BreachRecord {
    this.checkTime(args.atMs);
    const frozen = args.frozenShare ?? 0;
    const lost = args.lostShare ?? 0;
    if (!(frozen >= 0 && frozen <= 1) || !(lost >= 0 && lost <= 1)) {
      throw new RevertError(`breach shares must be in [0, 1], got frozen ${frozen}, lost ${lost}`);
    }
    const ids = args.assetIds ? [...args.assetIds] : [...this.held.keys()];
    for (const id of ids) {
      this.get(id);
      // Recovered parts of resolved freezes are whole again and may be breached again.
      const prior = this.breachList
        .filter((b) => b.assetIds.includes(id))
        .reduce((s, b) => s + b.lostShare + b.frozenShare * (b.resolution ? 1 - b.resolution.recoveredShare : 1), 0);
      if (prior + frozen + lost > 1 + 1e-12) throw new RevertError(`breach shares of ${id} would exceed the holding (${prior} already impaired)`);
    }
    const d = args.disclosedAtMs;
    if (d !== undefined && (!Number.isInteger(d) || d < args.atMs)) throw new RevertError(`disclosedAtMs must be an integer >= atMs, got ${d}`);
    this.clockMs = args.atMs;
    const b: MutableBreach = {
      id: this.breachList.length + 1,
      atMs: args.atMs,
      frozenShare: frozen,
      lostShare: lost,
      assetIds: ids,
      disclosedAtMs: d ?? null,
      resolution: null,
    };
    this.breachList.push(b);
    return snapshot(b);
  }

  /** Make a breach public from atMs on: marks and redemption status follow from then. */
  disclose(breachId: number, atMs: number): BreachRecord {
    this.checkTime(atMs);
    const b = this.getBreach(breachId);
    if (b.disclosedAtMs !== null && b.disclosedAtMs <= atMs) throw new RevertError(`breach ${breachId} already disclosed at ${b.disclosedAtMs}`);
    if (atMs < b.atMs) throw new RevertError(`cannot disclose breach ${breachId} before it happened`);
    this.clockMs = atMs;
    b.disclosedAtMs = atMs;
    return snapshot(b);
  }

  /** Settle a breach's frozen share: recoveredShare of it comes back, the rest is lost. */
  resolveFreeze(breachId: number, args: { atMs: number; recoveredShare: number }): BreachRecord {
    this.checkTime(args.atMs);
    const b = this.getBreach(breachId);
    if (b.resolution !== null) throw new RevertError(`breach ${breachId} already resolved`);
    if (!(args.recoveredShare >= 0 && args.recoveredShare <= 1)) throw new RevertError(`recoveredShare must be in [0, 1], got ${args.recoveredShare}`);
    this.clockMs = args.atMs;
    b.resolution = { atMs: args.atMs, recoveredShare: args.recoveredShare };
    return snapshot(b);
  }

  breaches(): BreachRecord[] {
    return this.breachList.map(snapshot);
  }

  /**
   * Impairment of an asset at nowMs counting only breaches disclosed by then ('disclosed', what
   * NAV uses) or every breach that has happened ('true', what is physically there).
   */
  impairment(assetId: string, nowMs: number, view: 'disclosed' | 'true'): Impairment {
    let lost = 0;
    let frozen = 0;
    for (const b of this.breachList) {
      if (b.atMs > nowMs || !b.assetIds.includes(assetId)) continue;
      if (view === 'disclosed' && (b.disclosedAtMs === null || b.disclosedAtMs > nowMs)) continue;
      if (b.resolution !== null && b.resolution.atMs <= nowMs) {
        lost += b.lostShare + b.frozenShare * (1 - b.resolution.recoveredShare);
      } else {
        lost += b.lostShare;
        frozen += b.frozenShare;
      }
    }
    return { lost: Math.min(1, lost), frozen: Math.min(1 - Math.min(1, lost), frozen) };
  }

  private attestationOf(h: Held, nowMs: number): AttestationState {
    const dueMs = (h.lastAttestedMs ?? h.title.sinceMs) + this.attestationIntervalMs;
    return {
      assetId: h.title.assetId,
      lastAttestedMs: h.lastAttestedMs,
      attestedAmount: h.attestedAmount,
      dueMs,
      status: nowMs <= dueMs + this.graceMs ? 'on-schedule' : 'late',
    };
  }

  private get(assetId: string): Held {
    const h = this.held.get(assetId);
    if (!h) throw new RevertError(`custodian ${this.id} does not hold ${assetId}`);
    return h;
  }

  private getBreach(id: number): MutableBreach {
    const b = this.breachList[id - 1];
    if (!b) throw new RevertError(`no breach ${id} at custodian ${this.id}`);
    return b;
  }

  private checkTime(atMs: number): void {
    if (!Number.isInteger(atMs) || atMs < this.clockMs) {
      throw new RevertError(`time must be an integer >= custodian ${this.id} clock ${this.clockMs}, got ${atMs}`);
    }
  }
}

function snapshot(b: MutableBreach): BreachRecord {
  return { ...b, assetIds: [...b.assetIds], resolution: b.resolution ? { ...b.resolution } : null };
}

/**
 * An asset as an SPV holds it through a custodian: the NavSource a fund should list. Its mark is
 * the underlying's less disclosed impairment (frozen shares carried at the custodian's
 * frozenMark); its cash is the underlying's less what is truly lost, and none while any of it is
 * truly frozen (the custodian cannot move it). Redemptions are not allowed while a disclosed
 * freeze lasts or the underlying forbids them.
 */
export class CustodiedAsset implements NavSource {
  readonly id: string;

  constructor(
    readonly underlying: NavSource & { transferAllowed?(nowMs: number): boolean },
    readonly custodian: Custodian,
  ) {
    this.id = underlying.id;
  }

  value(nowMs: number): number {
    const { lost, frozen } = this.custodian.impairment(this.id, nowMs, 'disclosed');
    return this.underlying.value(nowMs) * (1 - lost - frozen * (1 - this.custodian.frozenMark));
  }

  /** Value net of every breach so far, disclosed or not (frozen at full value). */
  trueValue(nowMs: number): number {
    const { lost } = this.custodian.impairment(this.id, nowMs, 'true');
    return this.underlying.value(nowMs) * (1 - lost);
  }

  drawCash(nowMs: number, maxCash: bigint): bigint {
    if (!this.underlying.drawCash || maxCash <= 0n) return 0n;
    const { lost, frozen } = this.custodian.impairment(this.id, nowMs, 'true');
    if (frozen > 0 || lost >= 1) return 0n;
    // Ask the underlying for enough that, after the lost share vanishes, maxCash arrives.
    const keepPpb = PPB - toPpb(lost);
    if (keepPpb <= 0n) return 0n;
    const got = this.underlying.drawCash(nowMs, (maxCash * PPB) / keepPpb);
    return minBig(maxCash, (got * keepPpb) / PPB);
  }

  redemptionAllowed(nowMs: number): boolean {
    if (this.underlying.redemptionAllowed?.(nowMs) === false) return false;
    return this.custodian.impairment(this.id, nowMs, 'disclosed').frozen === 0;
  }

  transferAllowed(nowMs: number): boolean {
    if (this.underlying.transferAllowed?.(nowMs) === false) return false;
    return this.custodian.impairment(this.id, nowMs, 'true').frozen === 0;
  }
}

/** Which custodian holds which asset, across custodians. */
export class CustodyRegistry {
  private readonly custodians = new Map<string, Custodian>();

  add(custodian: Custodian): void {
    if (this.custodians.has(custodian.id)) throw new RevertError(`custodian ${custodian.id} already registered`);
    this.custodians.set(custodian.id, custodian);
  }

  custodian(id: string): Custodian {
    const c = this.custodians.get(id);
    if (!c) throw new RevertError(`no custodian ${id}`);
    return c;
  }

  /** Title record of an asset, or null if no registered custodian holds it. */
  titleOf(assetId: string): TitleRecord | null {
    for (const c of this.custodians.values()) {
      const t = c.holdings().find((h) => h.assetId === assetId);
      if (t) return t;
    }
    return null;
  }

  /** Every title held for an SPV, across custodians. */
  titlesFor(spvId: string): TitleRecord[] {
    return [...this.custodians.values()].flatMap((c) => c.holdings(spvId));
  }
}
