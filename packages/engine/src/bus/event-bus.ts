import type { Observable } from 'rxjs';
import type { Kernel } from '../kernel/kernel';
import type { Actor } from '../kernel/actor';
import { Topic } from './topic';

/** A message sent to one agent, not broadcast. */
export interface DirectMessage<T = unknown> {
  readonly from: string;
  readonly to: string;
  readonly body: T;
  readonly sentAtMs: number;
}

/**
 * Topics by name, plus direct messages between agents. Topic names are free-form strings;
 * the world and plugins agree on them through typed constants in the SDK.
 */
export class EventBus {
  private readonly topics = new Map<string, Topic<unknown>>();

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

  /** Sends `body` to agent `to` only, arriving after `delayMs`. */
  send<T>(from: string, to: string, body: T, delayMs = 0): void {
    const message: DirectMessage<T> = { from, to, body, sentAtMs: this.kernel.now };
    const inbox = this.topics.get(inboxName(to));
    if (!inbox) return;
    if (delayMs === 0) inbox.publish(message);
    else this.kernel.scheduleIn(delayMs, (m: DirectMessage<T>) => inbox.publish(m), message, { owner: undefined, label: `a message to "${to}"` });
  }

  /** The direct messages addressed to `agentId`. */
  inbox<T>(agentId: string, owner?: Actor): Observable<DirectMessage<T>> {
    return this.topic<DirectMessage<T>>(inboxName(agentId)).observe(0, owner);
  }

  topicNames(): string[] {
    return [...this.topics.keys()].sort();
  }
}

function inboxName(agentId: string): string {
  return `inbox/${agentId}`;
}
