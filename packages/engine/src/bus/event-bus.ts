import { Observable } from 'rxjs';
import type { Kernel, ScheduleOptions } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';
import { OBSERVE_PHASE, Topic } from './topic';

/** A message sent to one agent, not broadcast. */
export interface DirectMessage<T = unknown> {
  readonly from: string;
  readonly to: string;
  readonly body: T;
  readonly sentAtMs: number;
}

/** How a direct message is scheduled (one constant object: no options object per message). */
const MESSAGE_OPTIONS: ScheduleOptions = { phase: OBSERVE_PHASE, owner: undefined, label: 'a direct message' };

/**
 * Topics by name, plus direct messages between agents. Topic names are free-form strings;
 * the world and plugins agree on them through typed constants in the SDK.
 */
export class EventBus {
  private readonly topics = new Map<string, Topic<unknown>>();
  private readonly recipients = new Map<string, MessageRecipient | MessageRecipient[]>();

  constructor(private readonly kernel: Kernel) {}

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
   * Sends `body` to agent `to` only, arriving after `delayMs` (in the observation phase). One
   * queue event per message; a message to an agent with no handler arrives and does nothing.
   */
  send<T>(from: string, to: string, body: T, delayMs = 0): void {
    const message: DirectMessage<T> = { from, to, body, sentAtMs: this.kernel.now };
    this.kernel.scheduleIn(delayMs, this.deliverMessage, message, MESSAGE_OPTIONS);
  }

  /**
   * Registers a recipient of messages to `agentId`. An agent's context is its own recipient,
   * so a population of a million agents costs no closure or wrapper per agent.
   */
  addRecipient(agentId: string, recipient: MessageRecipient): void {
    const existing = this.recipients.get(agentId);
    if (existing === undefined) this.recipients.set(agentId, recipient);
    else if (Array.isArray(existing)) existing.push(recipient);
    else this.recipients.set(agentId, [existing, recipient]);
  }

  removeRecipient(agentId: string, recipient: MessageRecipient): void {
    const current = this.recipients.get(agentId);
    if (current === recipient) this.recipients.delete(agentId);
    else if (Array.isArray(current)) {
      const i = current.indexOf(recipient);
      if (i >= 0) current.splice(i, 1);
    }
  }

  /** Registers a callback for messages to `agentId`; returns a function that removes it. */
  onMessage<T>(agentId: string, handler: (message: DirectMessage<T>) => void, owner?: Actor): () => void {
    const recipient: MessageRecipient = { owner, receive: handler as (m: DirectMessage<unknown>) => void };
    this.addRecipient(agentId, recipient);
    return () => this.removeRecipient(agentId, recipient);
  }

  /** The direct messages addressed to `agentId`, as an Observable. */
  inbox<T>(agentId: string, owner?: Actor): Observable<DirectMessage<T>> {
    return new Observable<DirectMessage<T>>((subscriber) => this.onMessage<T>(agentId, (m) => subscriber.next(m), owner));
  }

  private readonly deliverMessage = (message: DirectMessage<unknown>) => this.deliver(message);

  /** @internal */
  deliver(message: DirectMessage<unknown>): void {
    const recipients = this.recipients.get(message.to);
    if (recipients === undefined) return;
    const label = 'a direct message';
    if (Array.isArray(recipients)) {
      for (const r of recipients.slice()) this.kernel.runAs(r.owner, label, r.receive, message, r);
    } else {
      this.kernel.runAs(recipients.owner, label, recipients.receive, message, recipients);
    }
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }
}

/** Whoever receives an agent's direct messages; failures are attributed to `owner`. */
export interface MessageRecipient {
  readonly owner: Actor | undefined;
  receive(message: DirectMessage<unknown>): void;
}
