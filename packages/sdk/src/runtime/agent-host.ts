import { Subscription, type Observable } from 'rxjs';
import {
  type Actor,
  type DirectMessage,
  type EventBus,
  type MessageHandle,
  type MessageRecipient,
  PHASE_COUNT,
  type RandomStream,
  type Kernel,
  type Recorder,
  type SeedTree,
  VirtualTimeScheduler,
} from '@paradox/engine';
import type { Agent, AgentContext, AgentIdentity, Cancellable } from '../context';
import type { TopicKey, ViewKey } from '../keys';
import type { Action, ActionResult, WorldPort } from '../action';
import { type DecisionGuard, GuardedContext, type RoleLimits } from './guarded-context';

/** What the host needs from the engine for one run. */
export interface HostServices {
  readonly kernel: Kernel;
  readonly bus: EventBus;
  readonly seeds: SeedTree;
  readonly recorder: Recorder;
  readonly world: WorldPort;
}

/** An agent placed in a run: its identity, latency and policy. */
export interface Placement {
  readonly identity: AgentIdentity;
  readonly agent: Agent;
  /** Observation latency in ms (default 0). */
  readonly latencyMs?: number;
  /** Runs each of the agent's decisions (a tournament entrant's budget and hang watch). */
  readonly guard?: DecisionGuard;
  /** What the agent's role lets it see and do (a tournament entrant's limits). */
  readonly limits?: RoleLimits;
}

/**
 * Places agents in a run: builds each one's context (its RNG stream, its latency, its view of
 * the world) and starts it. The RNG stream of agent `id` is `agent/<id>` in the run's seed
 * tree, so it depends on nothing but the seed and the id.
 */
export class AgentHost {
  private readonly placed: HostedContext[] = [];

  constructor(private readonly services: HostServices) {}

  /** Starts `placement.agent` now (its start runs as the agent, so failures name it). */
  place(placement: Placement): AgentContext {
    const context = new HostedContext(this.services, placement.identity, placement.agent, placement.latencyMs ?? 0);
    if (placement.guard || placement.limits) context.facing = new GuardedContext(context, placement.agent, placement.guard, placement.limits);
    this.placed.push(context);
    if (placement.agent.onMessage) this.services.bus.addRecipient(placement.identity.id, context.facing);
    this.services.kernel.runAs(context.actor, 'start', startAgent, context);
    return context.facing;
  }

  /** Stops every agent (in placement order) and ends their subscriptions. */
  stopAll(): void {
    for (const context of this.placed) {
      this.services.kernel.runAs(context.actor, 'stop', stopAgent, context);
      context.dispose();
    }
    this.placed.length = 0;
  }

  get count(): number {
    return this.placed.length;
  }

  /** The identities of the agents placed so far, in placement order. */
  identities(): AgentIdentity[] {
    return this.placed.map((c) => c.identity);
  }
}

/**
 * One agent's context. Its RNG stream, scheduler and subscription bag are built on first use:
 * in a population of a million holders most never need a scheduler, and memory is the limit.
 */
class HostedContext implements AgentContext, MessageRecipient {
  private stream: RandomStream | undefined;
  private virtualScheduler: VirtualTimeScheduler | undefined;
  private subscriptions: Subscription | undefined;
  private unregister: (() => void)[] | undefined;
  /** What the agent is given: this context, or a guarded one around it. */
  facing: AgentContext & MessageRecipient = this;

  constructor(
    private readonly services: HostServices,
    readonly identity: AgentIdentity,
    readonly agent: Agent,
    readonly latencyMs: number,
  ) {}

  /** The identity names the agent in failures: it has the id and plugin id an Actor needs. */
  get actor(): Actor {
    return this.identity;
  }

  get owner(): Actor {
    return this.identity;
  }

  /** Delivers a direct message to the agent's `onMessage` (the context is its recipient). */
  receive(message: DirectMessage<unknown>): void {
    this.agent.onMessage!(message, this);
  }

  get rng(): RandomStream {
    return (this.stream ??= this.services.seeds.stream(`agent/${this.identity.id}`));
  }

  get scheduler(): VirtualTimeScheduler {
    return (this.virtualScheduler ??= new VirtualTimeScheduler(this.services.kernel, this.actor));
  }

  now(): number {
    return this.services.kernel.now;
  }

  schedule(delayMs: number, fn: () => void, label = 'a scheduled callback'): Cancellable {
    const kernel = this.services.kernel;
    const event = kernel.scheduleIn(delayMs, call, fn, { owner: this.actor, label });
    return { cancel: () => void kernel.cancel(event) };
  }

  atEndOfInstant(fn: () => void, label = 'an end-of-instant callback'): Cancellable {
    const kernel = this.services.kernel;
    const event = kernel.scheduleIn(0, call, fn, { owner: this.actor, label, phase: PHASE_COUNT - 1 });
    return { cancel: () => void kernel.cancel(event) };
  }

  every(periodMs: number, fn: () => void, firstDelayMs = periodMs): Cancellable {
    if (!(periodMs > 0)) throw new RangeError(`every(): period must be > 0 ms, got ${periodMs}`);
    let cancelled = false;
    let current: Cancellable | undefined;
    const tick = () => {
      if (cancelled) return;
      current = this.schedule(periodMs, tick, 'a periodic callback');
      fn();
    };
    current = this.schedule(firstDelayMs, tick, 'a periodic callback');
    return {
      cancel: () => {
        cancelled = true;
        current?.cancel();
      },
    };
  }

  observe<T>(topic: TopicKey<T>): Observable<T> {
    return this.services.bus.observe<T>(topic.topic, this.latencyMs, this.actor);
  }

  on<T>(topic: TopicKey<T>, handler: (event: T) => void): Subscription {
    // The bus's plain-handler path: no RxJS subscriber between the topic and the agent.
    const stop = this.services.bus.topic<T>(topic.topic).on(handler, this.latencyMs, this.actor);
    const subscription = new Subscription(stop);
    (this.subscriptions ??= new Subscription()).add(subscription);
    return subscription;
  }

  subscribe<T>(stream: Observable<T>, handler: (event: T) => void): Subscription {
    const subscription = stream.subscribe(handler);
    (this.subscriptions ??= new Subscription()).add(subscription);
    return subscription;
  }

  inbox<T>() {
    return this.services.bus.inbox<T>(this.identity.id, this.actor);
  }

  onMessage<T>(handler: (message: DirectMessage<T>) => void): void {
    (this.unregister ??= []).push(this.services.bus.onMessage(this.identity.id, handler, this.actor));
  }

  send<T>(to: string, body: T, delayMs = 0): void {
    this.services.bus.send(this.identity.id, to, body, delayMs);
  }

  recipient(agentId: string): MessageHandle {
    return this.services.bus.handleOf(agentId);
  }

  sendTo<T>(to: MessageHandle, body: T, delayMs = 0): void {
    this.services.bus.sendTo(this.identity.id, to, body, delayMs);
  }

  view<V>(key: ViewKey<V>): V {
    const view = this.services.world.view(this.identity.id, key.view);
    if (view === undefined) throw new Error(`the world offers no view "${key.view}"`);
    return view as V;
  }

  submit<R>(action: Action, onResult?: (result: ActionResult<R>) => void): void {
    const kernel = this.services.kernel;
    const actor = this.actor;
    this.services.world.submit(this.identity.id, action, (result) => {
      if (!onResult) return;
      kernel.runAs(actor, `the result of its "${action.kind}" action`, onResult as (r: ActionResult) => void, result);
    });
  }

  record(name: string, value: number): void {
    this.services.recorder.point(this.services.kernel.now, `${this.identity.id}.${name}`, value);
  }

  log(type: string, data?: unknown): number {
    const { kernel, recorder } = this.services;
    // What the agent does next in this callback is caused by what it just logged.
    kernel.cause = recorder.event(kernel.now, type, this.identity.id, kernel.cause, data);
    return kernel.cause;
  }

  dispose(): void {
    this.subscriptions?.unsubscribe();
    this.unregister?.forEach((off) => off());
    if (this.agent.onMessage) this.services.bus.removeRecipient(this.identity.id, this.facing);
  }
}

function call(fn: () => void): void {
  fn();
}

function startAgent(context: HostedContext): void {
  const { agent, facing } = context;
  if (facing instanceof GuardedContext) facing.decide(agent.start, facing, agent);
  else agent.start(context);
}

function stopAgent(context: HostedContext): void {
  const { agent, facing } = context;
  if (!agent.stop) return;
  if (facing instanceof GuardedContext) facing.decide(agent.stop, undefined, agent);
  else agent.stop();
}
