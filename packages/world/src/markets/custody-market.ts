import {
  ATTESTATIONS,
  type AttestAction,
  type AttestationEvent,
  BREACH_DISCLOSURES,
  type BreachDisclosedEvent,
  type BreachNotice,
  type BreachView,
  CUSTODY,
  type CustodianView,
  type CustodyAssetView,
  type DiscloseBreachAction,
  type SufferBreachAction,
} from '@paradox/sdk';
import { RevertError } from '../errors';
import type { BreachRecord, Custodian } from '../offchain/custodian';
import type { World } from '../world/world';

export interface CustodyDeskOptions {
  /**
   * Agent ids that operate the custodian: only they may attest, disclose and report breaches,
   * and only they are told of a breach before it is disclosed.
   */
  readonly operators: readonly string[];
}

/**
 * A {@link Custodian} placed in the world. The model keeps title, attestations and breaches; this
 * desk turns them into what agents meet: the custodian agent's off-chain requests
 * (`custody.attest`, `custody.disclose`, and `custody.breach` for a breach its own hazard process
 * draws), the public events `custody.attestation` and `custody.breach-disclosed`, and the
 * `custody` view (attestation age and status, breaches disclosed so far).
 *
 * A breach is news nobody hears at first: {@link breach} (the scenario's exogenous shock) logs it
 * as a `custody.breach` event, which is not published, and tells only the operators, by direct
 * message ({@link BreachNotice}). When the world learns of it is the operators' decision.
 */
export class CustodyDesk {
  private readonly operatorSet: ReadonlySet<string>;

  constructor(
    private readonly world: World,
    readonly custodian: Custodian,
    readonly options: CustodyDeskOptions,
  ) {
    this.operatorSet = new Set(options.operators);
  }

  get id(): string {
    return this.custodian.id;
  }

  /**
   * An exogenous breach now (a hack, a fraud): freezes and/or loses shares of the listed assets
   * (default: all held). Logged, not published; the operators receive a {@link BreachNotice}.
   */
  breach(args: { frozenShare?: number; lostShare?: number; assetIds?: readonly string[] } = {}): BreachRecord {
    return this.applyBreach('scenario', args);
  }

  /** `custody.attest` from an operator: every asset at its true amount, or one at a stated amount. */
  attest(sender: string, action: AttestAction): AttestationEvent {
    this.checkOperator(sender, 'attest');
    const now = this.world.kernel.now;
    const states = this.custodian.attest({
      atMs: now,
      ...(action.assetId === undefined ? {} : { assetId: action.assetId }),
      ...(action.amount === undefined ? {} : { amount: action.amount }),
    });
    const event: AttestationEvent = {
      custodian: this.id,
      assets: states.map((s) => ({ assetId: s.assetId, amount: s.attestedAmount ?? 0, nextDueMs: s.dueMs })),
    };
    // The log also keeps what was truly there, for analysis; agents see only the statement.
    const record = {
      ...event,
      trueAmounts: states.map((s) => this.custodian.custodied(s.assetId).trueValue(now)),
    };
    this.world.emit(ATTESTATIONS.topic, sender, event, record);
    return event;
  }

  /** `custody.disclose` from an operator: breach `id` becomes public now. */
  disclose(sender: string, action: DiscloseBreachAction): BreachDisclosedEvent {
    this.checkOperator(sender, 'disclose a breach');
    const now = this.world.kernel.now;
    const b = this.custodian.disclose(action.breach, now);
    const event: BreachDisclosedEvent = {
      custodian: this.id,
      breach: b.id,
      frozenShare: b.frozenShare,
      lostShare: b.lostShare,
      assetIds: b.assetIds,
      occurredAtMs: b.atMs,
      delayMs: now - b.atMs,
    };
    this.world.emit(BREACH_DISCLOSURES.topic, sender, event);
    return event;
  }

  /** `custody.breach` from an operator: the hook of a custodian agent's own hazard process. */
  sufferBreach(sender: string, action: SufferBreachAction): BreachRecord {
    this.checkOperator(sender, 'report a breach');
    return this.applyBreach(sender, {
      ...(action.frozenShare === undefined ? {} : { frozenShare: action.frozenShare }),
      ...(action.lostShare === undefined ? {} : { lostShare: action.lostShare }),
      ...(action.assetIds === undefined ? {} : { assetIds: action.assetIds }),
    });
  }

  /** The custodian as agent `agentId` sees it. */
  view(agentId: string): CustodianView {
    const desk = this;
    const custodian = this.custodian;
    const operator = this.operatorSet.has(agentId);
    return {
      id: custodian.id,
      attestationIntervalMs: custodian.attestationIntervalMs,
      assets: () => desk.assets(),
      attestationAgeMs: () => desk.assets().reduce((oldest, a) => Math.max(oldest, a.ageMs), 0),
      status: () => (desk.assets().some((a) => a.status === 'late') ? 'late' : 'on-schedule'),
      disclosedBreaches: () => desk.breachViews(true),
      undisclosedBreaches: () => (operator ? desk.breachViews(false) : []),
      isOperator: () => operator,
    };
  }

  private assets(): CustodyAssetView[] {
    const now = this.world.kernel.now;
    return this.custodian.holdings().map((title) => {
      const s = this.custodian.attestation(title.assetId, now);
      return {
        assetId: title.assetId,
        spvId: title.spvId,
        lastAttestedMs: s.lastAttestedMs,
        attestedAmount: s.attestedAmount,
        dueMs: s.dueMs,
        status: s.status,
        ageMs: now - (s.lastAttestedMs ?? title.sinceMs),
      };
    });
  }

  private breachViews(disclosed: boolean): BreachView[] {
    const now = this.world.kernel.now;
    return this.custodian
      .breaches()
      .filter((b) => b.atMs <= now && (b.disclosedAtMs !== null && b.disclosedAtMs <= now) === disclosed)
      .map((b) => ({ breach: b.id, atMs: b.atMs, frozenShare: b.frozenShare, lostShare: b.lostShare, assetIds: b.assetIds, disclosedAtMs: b.disclosedAtMs }));
  }

  private applyBreach(actor: string, args: { frozenShare?: number; lostShare?: number; assetIds?: readonly string[] }): BreachRecord {
    const { kernel, recorder, bus } = this.world;
    const b = this.custodian.breach({ atMs: kernel.now, ...args });
    const notice: BreachNotice = {
      kind: 'custody.breach',
      custodian: this.id,
      breach: b.id,
      atMs: b.atMs,
      frozenShare: b.frozenShare,
      lostShare: b.lostShare,
      assetIds: b.assetIds,
    };
    // Logged (with its cause) but not published: the world does not know yet.
    kernel.cause = recorder.event(kernel.now, 'custody.breach', actor, kernel.cause, notice);
    for (const operator of this.options.operators) bus.send(`custody:${this.id}`, operator, notice);
    return b;
  }

  private checkOperator(sender: string, what: string): void {
    for (const id of this.options.operators) if (this.world.addressOf(id) === sender) return;
    throw new RevertError(`${sender} may not ${what} for custodian ${this.id}`);
  }
}

/**
 * Registers the custody requests (`custody.attest`, `custody.disclose`, `custody.breach`; off-chain,
 * handled at once) and the `custody` view for a set of custodians.
 */
export function installCustody(world: World, desks: readonly CustodyDesk[]): ReadonlyMap<string, CustodyDesk> {
  const byId = new Map(desks.map((d) => [d.id, d] as const));
  const deskOf = (id: string): CustodyDesk => {
    const desk = byId.get(id);
    if (!desk) throw new RevertError(`unknown custodian "${id}"`);
    return desk;
  };
  world.registerAction<AttestAction>('custody.attest', (sender, a) => deskOf(a.custodian).attest(sender, a), { onChain: false });
  world.registerAction<DiscloseBreachAction>('custody.disclose', (sender, a) => deskOf(a.custodian).disclose(sender, a), { onChain: false });
  world.registerAction<SufferBreachAction>('custody.breach', (sender, a) => deskOf(a.custodian).sufferBreach(sender, a), { onChain: false });
  world.registerView(CUSTODY.view, (agentId) => new Map(desks.map((d) => [d.id, d.view(agentId)] as const)));
  return byId;
}
