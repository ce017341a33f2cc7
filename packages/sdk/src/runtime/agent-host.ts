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

/** What the members of a population share: their plugin, kind and latency. */
export interface PopulationCast {
  readonly pluginId: string;
  readonly kind: string;
  /** Observation latency in ms of every member (default 0). */
  readonly latencyMs?: number;
}

/**
 * Places agents in a run: builds each one's context (its RNG stream, its latency, its view of
 * the world) and starts it. The RNG stream of agent `id` is `agent/<id>` in the run's seed
 * tree, so it depends on nothing but the seed and the id.
 */
export class AgentHost {
  private readonly placed: HostedContext[] = [];
  /** The seed tree of agents' streams: `agent/<id>` with the shared prefix hashed once. */
  private readonly agentSeeds: SeedTree;

  constructor(private readonly services: HostServices) {
    this.agentSeeds = services.seeds.child('agent');
  }

  /** Starts `placement.agent` now (its start runs as the agent, so failures name it). */
  place(placement: Placement): AgentContext {
    const { identity } = placement;
    const cast = this.cast({ pluginId: identity.pluginId, kind: identity.kind, latencyMs: placement.latencyMs ?? 0 });
    const context = new HostedContext(cast, identity.id, identity.index);
    context.agent = placement.agent;
    // The identity object given is the one the agent and its guard see.
    const extras = context.extras();
    extras.identity = identity;
    if (placement.guard || placement.limits) extras.facing = new GuardedContext(context, placement.agent, placement.guard, placement.limits);
    this.start(context);
    return context.facing;
  }

  /**
   * Places one agent per id, all of one plugin, kind and latency, and starts each (in order).
   * `create` builds a member's policy from its identity. Members share what they have in
   * common, so a population of a million holders costs one small context each: the context is
   * the member's identity (only unguarded agents: an entrant gets a plain identity through
   * {@link place}, never an object it could reach the host through).
   */
  placePopulation(cast: PopulationCast, ids: readonly string[], create: (identity: AgentIdentity) => Agent): void {
    const shared = this.cast({ pluginId: cast.pluginId, kind: cast.kind, latencyMs: cast.latencyMs ?? 0 });
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index]!;
      const context = new HostedContext(shared, id, index);
      context.agent = create(context);
      this.start(context);
    }
  }

  private cast(cast: Required<PopulationCast>): Cast {
    return { services: this.services, agentSeeds: this.agentSeeds, pluginId: cast.pluginId, kind: cast.kind, latencyMs: cast.latencyMs };
  }

  private start(context: HostedContext): void {
    this.placed.push(context);
    if (context.agent.onMessage) this.services.bus.addRecipient(context.id, context.facing);
    this.services.kernel.runAs(context.actor, 'start', startAgent, context);
  }

  /** Stops every agent (in placement order) and ends their subscriptions. */
  stopAll(): void {
    const placed = this.placed;
    // (indexed: a for-of here, run once, allocated an iterator result per agent)
    for (let i = 0; i < placed.length; i++) {
      const context = placed[i]!;
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

/** What the agents of one placement share (one object for a whole population). */
interface Cast {
  readonly services: HostServices;
  readonly agentSeeds: SeedTree;
  readonly pluginId: string;
  readonly kind: string;
  readonly latencyMs: number;
}

/** The parts of a context most agents of a large population never use, made on first use. */
interface Extras {
  identity: AgentIdentity | undefined;
  facing: (AgentContext & MessageRecipient) | undefined;
  scheduler: VirtualTimeScheduler | undefined;
  subscriptions: Subscription | undefined;
  unregister: (() => void)[] | undefined;
  /** The last result handler given to `submit`, and what relays results to it. */
  relayed: ((result: ActionResult) => void) | undefined;
  relay: ((result: ActionResult) => void) | undefined;
}

/**
 * One agent's context, which is also its identity (id, plugin, kind, address, index). Memory
 * is the limit with a million agents, so it holds only what differs per agent: what members
 * share is in {@link Cast}, and the RNG stream and the rarely used parts ({@link Extras}) are
 * made on first use. (Every field is set in the constructor, so all contexts keep one shape and
 * no out-of-object property store.)
 */
class HostedContext implements AgentContext, AgentIdentity, MessageRecipient {
  /** The policy: set right after construction (a population's factory gets the context as identity). */
  agent: Agent = NO_AGENT;
  private stream: RandomStream | undefined = undefined;
  private more: Extras | undefined = undefined;

  constructor(
    private readonly cast: Cast,
    readonly id: string,
    readonly index: number,
  ) {}

  /** A population member's address is its id; an agent placed with an identity has that one's. */
  get address(): string {
    return this.more?.identity?.address ?? this.id;
  }

  get pluginId(): string {
    return this.cast.pluginId;
  }

  get kind(): string {
    return this.cast.kind;
  }

  get latencyMs(): number {
    return this.cast.latencyMs;
  }

  get identity(): AgentIdentity {
    return this.more?.identity ?? this;
  }

  /** What the agent is given: this context, or a guarded one around it. */
  get facing(): AgentContext & MessageRecipient {
    return this.more?.facing ?? this;
  }

  /** The identity names the agent in failures: it has the id and plugin id an Actor needs. */
  get actor(): Actor {
    return this.identity;
  }

  get owner(): Actor {
    return this.identity;
  }

  extras(): Extras {
    return (this.more ??= { identity: undefined, facing: undefined, scheduler: undefined, subscriptions: undefined, unregister: undefined, relayed: undefined, relay: undefined });
  }

  /** Delivers a direct message to the agent's `onMessage` (the context is its recipient). */
  receive(message: DirectMessage<unknown>): void {
    this.agent.onMessage!(message, this);
  }

  get rng(): RandomStream {
    return (this.stream ??= this.cast.agentSeeds.stream(this.id));
  }

  get scheduler(): VirtualTimeScheduler {
    const extras = this.extras();
    return (extras.scheduler ??= new VirtualTimeScheduler(this.cast.services.kernel, this.actor));
  }

  now(): number {
    return this.cast.services.kernel.now;
  }

  schedule(delayMs: number, fn: () => void, label = 'a scheduled callback'): Cancellable {
    const kernel = this.cast.services.kernel;
    const event = kernel.scheduleIn(delayMs, call, fn, { owner: this.actor, label });
    return { cancel: () => void kernel.cancel(event) };
  }

  atEndOfInstant(fn: () => void, label = 'an end-of-instant callback'): Cancellable {
    const kernel = this.cast.services.kernel;
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
    return this.cast.services.bus.observe<T>(topic.topic, this.latencyMs, this.actor);
  }

  on<T>(topic: TopicKey<T>, handler: (event: T) => void): Subscription {
    // The bus's plain-handler path: no RxJS subscriber between the topic and the agent.
    const stop = this.cast.services.bus.topic<T>(topic.topic).on(handler, this.latencyMs, this.actor);
    const subscription = new Subscription(stop);
    this.subscriptions().add(subscription);
    return subscription;
  }

  subscribe<T>(stream: Observable<T>, handler: (event: T) => void): Subscription {
    const subscription = stream.subscribe(handler);
    this.subscriptions().add(subscription);
    return subscription;
  }

  private subscriptions(): Subscription {
    const extras = this.extras();
    return (extras.subscriptions ??= new Subscription());
  }

  inbox<T>() {
    return this.cast.services.bus.inbox<T>(this.id, this.actor);
  }

  onMessage<T>(handler: (message: DirectMessage<T>) => void): void {
    const extras = this.extras();
    (extras.unregister ??= []).push(this.cast.services.bus.onMessage(this.id, handler, this.actor));
  }

  ignoreMessages(): void {
    if (this.agent.onMessage) this.cast.services.bus.removeRecipient(this.id, this.facing);
  }

  send<T>(to: string, body: T, delayMs = 0): void {
    this.cast.services.bus.send(this.id, to, body, delayMs);
  }

  recipient(agentId: string): MessageHandle {
    return this.cast.services.bus.handleOf(agentId);
  }

  sendTo<T>(to: MessageHandle, body: T, delayMs = 0): void {
    this.cast.services.bus.sendTo(this.id, to, body, delayMs);
  }

  view<V>(key: ViewKey<V>): V {
    const view = this.cast.services.world.view(this.id, key.view);
    if (view === undefined) throw new Error(`the world offers no view "${key.view}"`);
    return view as V;
  }

  submit<R>(action: Action, onResult?: (result: ActionResult<R>) => void): void {
    const world = this.cast.services.world;
    // No closure for an agent that does not want the result: a million holders selling.
    if (!onResult) {
      world.submit(this.id, action, ignoreResult);
      return;
    }
    world.submit(this.id, action, this.relay(onResult as (r: ActionResult) => void));
  }

  /**
   * What hands the world's results to `onResult`, run as the agent. Made once per handler: an
   * agent that passes the same handler every time (a bot, whose results name their actions)
   * costs no closure per action, which would wait in memory for its block.
   */
  private relay(onResult: (result: ActionResult) => void): (result: ActionResult) => void {
    const extras = this.extras();
    if (extras.relayed !== onResult || extras.relay === undefined) {
      const kernel = this.cast.services.kernel;
      const actor = this.actor;
      extras.relayed = onResult;
      extras.relay = (result) => kernel.runAs(actor, `the result of its "${result.action.kind}" action`, onResult, result);
    }
    return extras.relay;
  }

  record(name: string, value: number): void {
    const { recorder, kernel } = this.cast.services;
    recorder.point(kernel.now, `${this.id}.${name}`, value);
  }

  log(type: string, data?: unknown): number {
    const { kernel, recorder } = this.cast.services;
    // What the agent does next in this callback is caused by what it just logged.
    kernel.cause = recorder.event(kernel.now, type, this.id, kernel.cause, data);
    return kernel.cause;
  }

  dispose(): void {
    const extras = this.more;
    if (extras !== undefined) {
      extras.subscriptions?.unsubscribe();
      extras.unregister?.forEach((off) => off());
    }
    if (this.agent.onMessage) this.cast.services.bus.removeRecipient(this.id, this.facing);
  }
}

/** A context's policy before its factory has returned (never started). */
const NO_AGENT: Agent = { start() {} };

function ignoreResult(): void {}

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
