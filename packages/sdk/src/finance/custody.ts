import type { Action } from '../action';
import { defineTopic, defineView } from '../keys';

/**
 * Attest to the reserves a custodian holds (an off-chain report, handled at once). Only the
 * custodian's operators may. Without `assetId`, every asset it holds, each at what is truly
 * there; a custodian that misreports passes its own `amount` (whole cash units) for one asset.
 */
export interface AttestAction extends Action {
  readonly kind: 'custody.attest';
  readonly custodian: string;
  readonly assetId?: string;
  readonly amount?: number;
}

/** Make breach `breach` public (off-chain, at once): from now on NAV marks and redemptions follow it. */
export interface DiscloseBreachAction extends Action {
  readonly kind: 'custody.disclose';
  readonly custodian: string;
  readonly breach: number;
}

/**
 * The custodian suffers a breach now (a hack, a fraud): the hook through which a custodian agent's
 * own hazard process applies breaches drawn from its random stream. Scenarios that script a
 * breach call the model instead. Nobody is told but the custodian's operators.
 */
export interface SufferBreachAction extends Action {
  readonly kind: 'custody.breach';
  readonly custodian: string;
  readonly frozenShare?: number;
  readonly lostShare?: number;
  readonly assetIds?: readonly string[];
}

export function attest(custodian: string, options: { assetId?: string; amount?: number } = {}): AttestAction {
  return { kind: 'custody.attest', custodian, ...options };
}

export function discloseBreach(custodian: string, breach: number): DiscloseBreachAction {
  return { kind: 'custody.disclose', custodian, breach };
}

export function sufferBreach(custodian: string, options: Omit<SufferBreachAction, 'kind' | 'custodian'> = {}): SufferBreachAction {
  return { kind: 'custody.breach', custodian, ...options };
}

/** A custodian published an attestation. Amounts are whole cash units as the custodian stated them. */
export interface AttestationEvent {
  readonly custodian: string;
  readonly assets: readonly { readonly assetId: string; readonly amount: number; readonly nextDueMs: number }[];
}
export const ATTESTATIONS = defineTopic<AttestationEvent>('custody.attestation');

/** A breach, as the world learns of it when the custodian discloses it. */
export interface BreachDisclosedEvent {
  readonly custodian: string;
  readonly breach: number;
  readonly frozenShare: number;
  readonly lostShare: number;
  readonly assetIds: readonly string[];
  /** When it happened, and how long it stayed hidden. */
  readonly occurredAtMs: number;
  readonly delayMs: number;
}
export const BREACH_DISCLOSURES = defineTopic<BreachDisclosedEvent>('custody.breach-disclosed');

/**
 * The private notice a custodian's operators receive (a direct message, `from` = `custody:<id>`)
 * when their custodian is breached. Nobody else is told until they disclose it.
 */
export interface BreachNotice {
  readonly kind: 'custody.breach';
  readonly custodian: string;
  readonly breach: number;
  readonly atMs: number;
  readonly frozenShare: number;
  readonly lostShare: number;
  readonly assetIds: readonly string[];
}

/** One asset's attestation state. */
export interface CustodyAssetView {
  readonly assetId: string;
  readonly spvId: string;
  readonly lastAttestedMs: number | null;
  readonly attestedAmount: number | null;
  readonly dueMs: number;
  readonly status: 'on-schedule' | 'late';
  /** Time since the last attestation (or since custody began, if none yet), ms. */
  readonly ageMs: number;
}

/** A breach record as a view shows it. */
export interface BreachView {
  readonly breach: number;
  readonly atMs: number;
  readonly frozenShare: number;
  readonly lostShare: number;
  readonly assetIds: readonly string[];
  readonly disclosedAtMs: number | null;
}

/** A custodian as the world sees it (and, for its own operators, what only they know). */
export interface CustodianView {
  readonly id: string;
  readonly attestationIntervalMs: number;
  assets(): readonly CustodyAssetView[];
  /** The oldest attestation's age across assets, ms. */
  attestationAgeMs(): number;
  /** `late` once any asset is past due plus grace without a new attestation. */
  status(): 'on-schedule' | 'late';
  disclosedBreaches(): readonly BreachView[];
  /** Breaches not yet disclosed: shown only to the custodian's operators, empty for anyone else. */
  undisclosedBreaches(): readonly BreachView[];
  /** Whether the calling agent operates this custodian. */
  isOperator(): boolean;
}
/** All custodians, by id. */
export const CUSTODY = defineView<ReadonlyMap<string, CustodianView>>('custody');
