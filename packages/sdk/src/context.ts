import type { Observable, SchedulerLike, Subscription } from 'rxjs';
import type { DirectMessage, MessageHandle, RandomStream } from '@paradox/engine';
import type { TopicKey, ViewKey } from './keys';
import type { Action, ActionResult } from './action';

/** Who an agent is, apart from how it behaves: a tournament swaps the policy, not the identity. */
export interface AgentIdentity {
  /** Unique within the run, e.g. `holder-17`. */
  readonly id: string;
  /** The plugin and agent kind whose factory built the policy. */
  readonly pluginId: string;
  readonly kind: string;
  /** The agent's on-chain address (its wallet) in the world. */
  readonly address: string;
  /** Index within its population (0-based), handy for per-population setup. */
  readonly index: number;
}

/** A handle to cancel something scheduled. */
export interface Cancellable {
  cancel(): void;
}

/**
 * Everything an agent may use, and nothing more. An agent sees the world through topics and
 * views (each after its own observation latency) and changes it only by submitting actions.
 * All time is virtual and all randomness comes from the agent's own seeded stream.
 */
export interface AgentContext {
  readonly identity: AgentIdentity;
  /** Observation latency of this agent in ms: every topic it observes arrives this much later. */
  readonly latencyMs: number;
  /** Current virtual time in ms since the scenario started. */
  now(): number;
  /** The agent's own random stream: its draws do not depend on any other agent. */
  readonly rng: RandomStream;
  /**
   * The run's virtual-time RxJS scheduler. Pass it to every time-based operator:
   * `delay(5 * MINUTE, ctx.scheduler)`. Using the default (wall-clock) scheduler fails the run.
   */
  readonly scheduler: SchedulerLike;
  /** Runs `fn` after `delayMs` of virtual time. */
  schedule(delayMs: number, fn: () => void, label?: string): Cancellable;
  /**
   * Runs `fn` at the end of the current millisecond, after every event already due in it (all
   * the observations of one block, say). Use it to react once to a burst: remember the latest
   * event, defer the decision.
   */
  atEndOfInstant(fn: () => void, label?: string): Cancellable;
  /** Runs `fn` every `periodMs`, first after `firstDelayMs` (default one period). */
  every(periodMs: number, fn: () => void, firstDelayMs?: number): Cancellable;
  /** A topic as this agent sees it (after its latency). */
  observe<T>(topic: TopicKey<T>): Observable<T>;
  /** Subscribes `handler` to a topic; the subscription ends when the agent stops. */
  on<T>(topic: TopicKey<T>, handler: (event: T) => void): Subscription;
  /** Subscribes `handler` to any stream (e.g. a piped observe); ended when the agent stops. */
  subscribe<T>(stream: Observable<T>, handler: (event: T) => void): Subscription;
  /** Direct messages to this agent, as a stream. */
  inbox<T = unknown>(): Observable<DirectMessage<T>>;
  /** Direct messages to this agent, to a plain callback: the cheap path for large populations. */
  onMessage<T = unknown>(handler: (message: DirectMessage<T>) => void): void;
  /**
   * From now on, the agent's {@link Agent.onMessage} method is not called: messages to it,
   * including those on their way, still arrive (they are events of the run) and are dropped,
   * as for an agent that takes none. For an agent that has heard all it will act on (a holder
   * that already knows the rumour): at a million agents, a message nobody reads then costs no
   * look at the agent. Subscriptions made with `onMessage(handler)` or `inbox()` go on.
   */
  ignoreMessages(): void;
  /** Sends a message to one agent, arriving after `delayMs`. */
  send<T>(to: string, body: T, delayMs?: number): void;
  /**
   * The run's handle of agent `agentId` for {@link sendTo}: a small integer, fixed for the
   * run. Resolve a recipient once (or take handles from a view that offers them, like the
   * social graph's `neighbourHandles`) and send by handle: a population of a million agents
   * then pays no lookup by name per message.
   */
  recipient(agentId: string): MessageHandle;
  /**
   * {@link send} to the agent of handle `to` (from {@link recipient} or a view): the same
   * message, delivered in the same order, as `send(id, body, delayMs)`.
   */
  sendTo<T>(to: MessageHandle, body: T, delayMs?: number): void;
  /** A read-only view of the world; throws if the world offers no such view. */
  view<V>(key: ViewKey<V>): V;
  /** Submits an action; `onResult` is called in virtual time when it is applied or refused. */
  submit<R = unknown>(action: Action, onResult?: (result: ActionResult<R>) => void): void;
  /** Records a point of a time series under this agent's name: `<agent id>.<name>`. */
  record(name: string, value: number): void;
  /**
   * Logs an event of this agent and returns its id. Its cause is what the agent was reacting
   * to, and it becomes the cause of whatever the agent does next in this callback (messages,
   * actions, schedules), so a cascade can be walked back to its news.
   */
  log(type: string, data?: unknown): number;
}

/**
 * A behaviour. `start` sets up subscriptions and schedules; from then on the agent reacts to
 * what it observes. `stop` (optional) releases anything the context does not track itself.
 */
export interface Agent {
  start(ctx: AgentContext): void;
  stop?(): void;
  /**
   * Direct messages to this agent, if it takes any. A method rather than a subscription so
   * that a population of a million agents costs no closure per agent.
   */
  onMessage?(message: DirectMessage<any>, ctx: AgentContext): void;
}
