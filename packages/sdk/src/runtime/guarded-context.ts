import { Observable, type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import type { DirectMessage, MessageHandle, MessageRecipient, RandomStream } from '@paradox/engine';
import type { Agent, AgentContext, AgentIdentity, Cancellable } from '../context';
import type { TopicKey, ViewKey } from '../keys';
import type { Action, ActionResult } from '../action';

/**
 * Runs each decision of a guarded agent: every call from the run into the agent's code (its
 * start, a topic event, a scheduled callback, a message, an action's result, a scheduler tick
 * of its RxJS operators) goes through `decide`. A tournament's guard times each decision and
 * throws when one exceeds its budget; the throw is attributed to the agent like any failure.
 */
export interface DecisionGuard {
  decide<T>(fn: (arg: T) => void, arg: T, self?: unknown): void;
}

/**
 * What an agent playing a role may see and do. A missing list allows everything of that kind;
 * a listed one allows only the names in it.
 */
export interface RoleLimits {
  readonly role: string;
  /** View names the role may read (e.g. `lending.markets`). */
  readonly views?: readonly string[] | undefined;
  /** Topic names the role may observe (e.g. `lending.collateral-prices`). */
  readonly topics?: readonly string[] | undefined;
  /** Action kinds the role may submit (e.g. `lending.liquidate`). */
  readonly actions?: readonly string[] | undefined;
}

/** An agent read, observed or submitted what its role does not allow. */
export class RoleViolation extends Error {
  constructor(role: string, what: 'read the view' | 'observe the topic' | 'submit the action', name: string, allowed: readonly string[]) {
    super(`role "${role}" may not ${what} "${name}" (it may: ${allowed.join(', ') || 'none'})`);
    this.name = 'RoleViolation';
  }
}

const UNGUARDED: DecisionGuard = {
  decide(fn, arg, self) {
    fn.call(self, arg);
  },
};

/**
 * The context a guarded agent gets instead of the host's own: the same services, with every
 * callback into the agent wrapped in the guard's `decide` and every read and action checked
 * against the role's limits. Decisions nest (an observed event's operators call the agent's
 * handler); only the outermost one is a decision, so its time counts once.
 */
export class GuardedContext implements AgentContext, MessageRecipient {
  private depth = 0;
  private guardedScheduler: SchedulerLike | undefined;

  constructor(
    private readonly inner: AgentContext,
    private readonly agent: Agent,
    private readonly guard: DecisionGuard = UNGUARDED,
    private readonly limits?: RoleLimits,
  ) {}

  /** Runs one call into the agent as a decision (the outermost call only). */
  decide<T>(fn: (arg: T) => void, arg: T, self?: unknown): void {
    if (this.depth > 0) {
      fn.call(self, arg);
      return;
    }
    this.depth++;
    try {
      this.guard.decide(fn, arg, self);
    } finally {
      this.depth--;
    }
  }

  private wrap<T>(fn: (arg: T) => void): (arg: T) => void {
    return (arg: T) => this.decide(fn, arg);
  }

  private wrap0(fn: () => void): () => void {
    return () => this.decide(fn, undefined);
  }

  /** The agent whose messages it receives. */
  get id(): string {
    return this.inner.identity.id;
  }

  /** Messages to the agent are attributed to it. */
  get owner(): AgentIdentity {
    return this.inner.identity;
  }

  get identity(): AgentIdentity {
    return this.inner.identity;
  }

  get latencyMs(): number {
    return this.inner.latencyMs;
  }

  get rng(): RandomStream {
    return this.inner.rng;
  }

  /** The run's scheduler, with every action it runs for this agent made a decision. */
  get scheduler(): SchedulerLike {
    if (this.guardedScheduler) return this.guardedScheduler;
    const inner = this.inner.scheduler;
    const context = this;
    this.guardedScheduler = {
      now: () => inner.now(),
      schedule<S>(work: (this: SchedulerAction<S>, state?: S) => void, delay?: number, state?: S): Subscription {
        return inner.schedule<S>(function (this: SchedulerAction<S>, s?: S) {
          context.decide(work, s, this);
        }, delay, state);
      },
    };
    return this.guardedScheduler;
  }

  now(): number {
    return this.inner.now();
  }

  schedule(delayMs: number, fn: () => void, label?: string): Cancellable {
    return this.inner.schedule(delayMs, this.wrap0(fn), label);
  }

  atEndOfInstant(fn: () => void, label?: string): Cancellable {
    return this.inner.atEndOfInstant(this.wrap0(fn), label);
  }

  every(periodMs: number, fn: () => void, firstDelayMs?: number): Cancellable {
    return this.inner.every(periodMs, this.wrap0(fn), firstDelayMs);
  }

  observe<T>(topic: TopicKey<T>): Observable<T> {
    this.checkTopic(topic.topic);
    const source = this.inner.observe(topic);
    // Everything downstream of the topic (the agent's operators and handler) is its decision.
    return new Observable<T>((subscriber) =>
      source.subscribe({
        next: (value) => this.decide((v: T) => subscriber.next(v), value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      }),
    );
  }

  on<T>(topic: TopicKey<T>, handler: (event: T) => void): Subscription {
    this.checkTopic(topic.topic);
    return this.inner.on(topic, this.wrap(handler));
  }

  subscribe<T>(stream: Observable<T>, handler: (event: T) => void): Subscription {
    return this.inner.subscribe(stream, this.wrap(handler));
  }

  inbox<T = unknown>(): Observable<DirectMessage<T>> {
    const source = this.inner.inbox<T>();
    return new Observable<DirectMessage<T>>((subscriber) =>
      source.subscribe({ next: (m) => this.decide((v: DirectMessage<T>) => subscriber.next(v), m) }),
    );
  }

  onMessage<T = unknown>(handler: (message: DirectMessage<T>) => void): void {
    this.inner.onMessage<T>(this.wrap(handler));
  }

  ignoreMessages(): void {
    this.inner.ignoreMessages();
  }

  /** Direct messages to the agent's `onMessage` method, as a decision. */
  receive(message: DirectMessage<unknown>): void {
    this.decide((m: DirectMessage<unknown>) => this.agent.onMessage!(m, this), message);
  }

  send<T>(to: string, body: T, delayMs?: number): void {
    this.inner.send(to, body, delayMs);
  }

  recipient(agentId: string): MessageHandle {
    return this.inner.recipient(agentId);
  }

  sendTo<T>(to: MessageHandle, body: T, delayMs?: number): void {
    this.inner.sendTo(to, body, delayMs);
  }

  view<V>(key: ViewKey<V>): V {
    const allowed = this.limits?.views;
    if (allowed && !allowed.includes(key.view)) throw new RoleViolation(this.limits!.role, 'read the view', key.view, allowed);
    return this.inner.view(key);
  }

  submit<R = unknown>(action: Action, onResult?: (result: ActionResult<R>) => void): void {
    const allowed = this.limits?.actions;
    if (allowed && !allowed.includes(action.kind)) throw new RoleViolation(this.limits!.role, 'submit the action', action.kind, allowed);
    this.inner.submit<R>(action, onResult && this.wrap(onResult));
  }

  record(name: string, value: number): void {
    this.inner.record(name, value);
  }

  log(type: string, data?: unknown): number {
    return this.inner.log(type, data);
  }

  private checkTopic(name: string): void {
    const allowed = this.limits?.topics;
    if (allowed && !allowed.includes(name)) throw new RoleViolation(this.limits!.role, 'observe the topic', name, allowed);
  }
}
