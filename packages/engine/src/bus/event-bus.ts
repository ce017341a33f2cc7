import { Observable } from 'rxjs';
import type { Kernel, MessageHandler, ScheduleOptions } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';
import { OBSERVE_PHASE, Topic } from './topic';
import { Names } from '../names/names';

/** A message sent to one agent, not broadcast. */
export interface DirectMessage<T = unknown> {
  readonly from: string;
  readonly to: string;
  readonly body: T;
  readonly sentAtMs: number;
}

/** What a direct message's delivery is called (in failures). */
const MESSAGE_LABEL = 'a direct message';

/**
 * Topics by name, plus direct messages between agents. Topic names are free-form strings;
 * the world and plugins agree on them through typed constants in the SDK.
 *
 * Direct messages are built for populations of a million agents with millions of messages in
 * flight at once. Every agent id that receives (or is sent) messages is interned to a dense
 * integer {@link MessageHandle} (its number in the run's {@link Names}, shared with the ledger's
 * account ids), so a delivery finds its recipients by array index. A message in flight is
 * nothing but its queue entry ({@link Kernel.scheduleMessage}): sender, body, recipient handle
 * and delay fill the four references of the entry, so a delivery, long after the send, misses
 * the cache on the entry the kernel reads anyway and on nothing else of the message's. The
 * {@link DirectMessage} a recipient receives is built at delivery, so it dies young: long-lived
 * per-message objects are what made the collector copy and promote millions of them.
 *
 * History: messages first had an object each, then a slot in arrays of the bus's own (with a
 * free list) named by their queue entry; at a million holders, 2.2 million messages in flight
 * held 32 bytes more each that way, and each delivery missed the cache twice more.
 */
export class EventBus {
  private readonly topics = new Map<string, Topic<unknown>>();

  /** Handle -> its recipients (filled up to the highest handle that has one). */
  private readonly handleRecipients: (MessageRecipient | MessageRecipient[] | undefined)[] = [];

  constructor(
    private readonly kernel: Kernel,
    /** Agent ids and their handles; the run's one table, shared with the ledger. */
    readonly names: Names = new Names(),
  ) {
    kernel.attachMessages(this.messages);
  }

  topic<T>(name: string): Topic<T> {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = new Topic<unknown>(name, this.kernel);
      this.topics.set(name, topic);
    }
    return topic as Topic<T>;
  }

  publish<T>(name: string, value: T): void {
    this.topics.get(name)?.publish(value);
  }

  observe<T>(name: string, latencyMs = 0, owner?: Actor): Observable<T> {
    return this.topic<T>(name).observe(latencyMs, owner);
  }

  /**
   * The dense handle of agent `agentId` for {@link sendTo}: a small integer, the same for the
   * whole run, assigned on first use (registering a recipient or sending to the id does it).
   * Resolving an id once and sending by handle saves a lookup by string per message.
   */
  handleOf(agentId: string): MessageHandle {
    return this.names.intern(agentId);
  }

  /** The agent id of a handle from {@link handleOf}. */
  idOf(handle: MessageHandle): string {
    const id = this.names.nameOf(handle);
    if (id === undefined) throw new RangeError(`no agent has message handle ${handle}`);
    return id;
  }

  /**
   * Sends `body` to agent `to` only, arriving after `delayMs` (in the observation phase). One
   * queue event per message; a message to an agent with no handler arrives and does nothing.
   */
  send<T>(from: string, to: string, body: T, delayMs = 0): void {
    this.sendTo(from, this.handleOf(to), body, delayMs);
  }

  /**
   * {@link send} to the agent of `to`, a handle from {@link handleOf}: the same message, the
   * same order of delivery, without looking the recipient up by name.
   */
  sendTo<T>(from: string, to: MessageHandle, body: T, delayMs = 0): void {
    if (!(to >= 0 && to < this.names.count && Number.isInteger(to))) throw new RangeError(`no agent has message handle ${to}`);
    const delay = Math.max(0, Math.round(delayMs));
    if (!(delay < Infinity)) {
      // (what the kernel says of a time it cannot schedule, as it always has)
      this.kernel.scheduleIn(delayMs, noop, undefined, MESSAGE_OPTIONS);
      return;
    }
    // (the delay rather than the send time: a small integer, held in the entry without a box)
    this.kernel.scheduleMessage(delay, OBSERVE_PHASE, from, body, to, delay);
  }

  /**
   * Registers a recipient of messages to `agentId`. An agent's context is its own recipient,
   * so a population of a million agents costs no closure or wrapper per agent.
   */
  addRecipient(agentId: string, recipient: MessageRecipient): void {
    if (recipient.id !== agentId) throw new Error(`a recipient for "${recipient.id}" cannot receive the messages of "${agentId}"`);
    const handle = this.handleOf(agentId);
    const recipients = this.handleRecipients;
    // (filled in order, never past the end: a write far past it would turn the array sparse)
    while (recipients.length <= handle) recipients.push(undefined);
    const existing = recipients[handle];
    if (existing === undefined) this.handleRecipients[handle] = recipient;
    else if (Array.isArray(existing)) existing.push(recipient);
    else this.handleRecipients[handle] = [existing, recipient];
  }

  removeRecipient(agentId: string, recipient: MessageRecipient): void {
    const handle = this.names.find(agentId);
    if (handle === undefined) return;
    const current = this.handleRecipients[handle];
    if (current === recipient) this.handleRecipients[handle] = undefined;
    else if (Array.isArray(current)) {
      const i = current.indexOf(recipient);
      if (i >= 0) current.splice(i, 1);
    }
  }

  /** Registers a callback for messages to `agentId`; returns a function that removes it. */
  onMessage<T>(agentId: string, handler: (message: DirectMessage<T>) => void, owner?: Actor): () => void {
    const recipient: MessageRecipient = { id: agentId, owner, receive: handler as (m: DirectMessage<unknown>) => void };
    this.addRecipient(agentId, recipient);
    return () => this.removeRecipient(agentId, recipient);
  }

  /** The direct messages addressed to `agentId`, as an Observable. */
  inbox<T>(agentId: string, owner?: Actor): Observable<DirectMessage<T>> {
    return new Observable<DirectMessage<T>>((subscriber) => this.onMessage<T>(agentId, (m) => subscriber.next(m), owner));
  }

  /** Delivers the messages the kernel hands back, with the fields {@link sendTo} scheduled. */
  private readonly messages: MessageHandler = {
    label: MESSAGE_LABEL,
    deliver: (from, body, to, delay) => {
      const recipients = this.handleRecipients[to as MessageHandle];
      if (recipients === undefined) return;
      const sentAtMs = this.kernel.now - (delay as number);
      const first = Array.isArray(recipients) ? recipients[0] : recipients;
      if (first === undefined) return; // (all its recipients were removed)
      this.deliverTo(recipients, { from: from as string, to: first.id, body, sentAtMs });
    },
  };

  /** @internal */
  deliver(message: DirectMessage<unknown>): void {
    const handle = this.names.find(message.to);
    const recipients = handle === undefined ? undefined : this.handleRecipients[handle];
    if (recipients !== undefined) this.deliverTo(recipients, message);
  }

  private deliverTo(recipients: MessageRecipient | MessageRecipient[], message: DirectMessage<unknown>): void {
    if (Array.isArray(recipients)) {
      for (const r of recipients.slice()) this.kernel.runAs(r.owner, MESSAGE_LABEL, r.receive, message, r);
    } else {
      this.kernel.runAs(recipients.owner, MESSAGE_LABEL, recipients.receive, message, recipients);
    }
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }
}

/** Options of a message the kernel is asked to schedule as before (only to report a bad delay). */
const MESSAGE_OPTIONS: ScheduleOptions = { phase: OBSERVE_PHASE, owner: undefined, label: MESSAGE_LABEL };

function noop(): void {}

/**
 * A dense integer naming an agent to {@link EventBus.sendTo}; see {@link EventBus.handleOf}.
 * Valid for the bus that issued it only.
 */
export type MessageHandle = number;

/** Whoever receives an agent's direct messages; failures are attributed to `owner`. */
export interface MessageRecipient {
  /**
   * The agent id it receives for: the messages' `to` (read from the recipient, which a
   * delivery reaches anyway, rather than from the table of names, a cache miss more).
   */
  readonly id: string;
  readonly owner: Actor | undefined;
  receive(message: DirectMessage<unknown>): void;
}
