import { delay, map } from 'rxjs';
import { EventBus, Kernel, MemorySink, Recorder, SeedTree, type DirectMessage } from '@paradox/engine';
import { AgentHost } from './agent-host';
import type { DecisionGuard } from './guarded-context';
import { defineTopic, defineView } from '../keys';

const PRICE = defineTopic<number>('price');
const NEWS = defineTopic<string>('news');
const POOL = defineView<{ reserve: number }>('pool');
const WALLET = defineView<{ usd: number }>('wallet');

function setup() {
  const kernel = new Kernel();
  const bus = new EventBus(kernel);
  const host = new AgentHost({
    kernel,
    bus,
    seeds: new SeedTree(1).child('run'),
    recorder: new Recorder(new MemorySink()),
    world: {
      // Results come later, as the world's do (after the block).
      submit: (_a, action, done) => void kernel.scheduleIn(1, () => done({ ok: true, value: 'done', atMs: kernel.now, action }), null),
      view: (_a, name) => (name === 'pool' ? { reserve: 5 } : name === 'wallet' ? { usd: 1 } : undefined),
    },
  });
  const identity = (id: string) => ({ id, pluginId: 'entrant', kind: 'bot', address: id, index: 0 });
  return { kernel, bus, host, identity };
}

/** A guard that records what ran as a decision, at which virtual time. */
function recordingGuard(kernel: Kernel) {
  const decisions: string[] = [];
  const guard: DecisionGuard = {
    decide(fn, arg, self) {
      decisions.push(`${kernel.currentLabel} @${kernel.now}`);
      fn.call(self, arg);
    },
  };
  return { guard, decisions };
}

describe('GuardedContext', () => {
  it('makes every call into the agent one decision: start, events, operators, schedules, messages, results', () => {
    const { kernel, bus, host, identity } = setup();
    const { guard, decisions } = recordingGuard(kernel);
    const seen: string[] = [];
    host.place({
      identity: identity('bot'),
      guard,
      agent: {
        start(ctx) {
          ctx.on(PRICE, (p) => seen.push(`on ${p}`));
          // The delayed operator's tick is a decision of its own; map and the handler nest in it.
          ctx.subscribe(ctx.observe(PRICE).pipe(delay(10, ctx.scheduler), map((p) => p * 2)), (p) => seen.push(`delayed ${p}`));
          ctx.schedule(5, () => ctx.submit({ kind: 'swap' }, () => seen.push('result')));
        },
        onMessage(message: DirectMessage<string>) {
          seen.push(`message ${message.body}`);
        },
      },
    });
    kernel.scheduleAt(1, () => bus.publish('price', 3), null);
    kernel.scheduleAt(2, () => bus.send('someone', 'bot', 'hi'), null);
    kernel.run();
    expect(seen).toEqual(['on 3', 'message hi', 'result', 'delayed 6']);
    // start, two observations of the price (plain handler and observable), the message, the
    // scheduled callback, the action's result, the delay's tick.
    expect(decisions).toHaveLength(7);
    expect(decisions[0]).toBe('start @0');
    expect(decisions.at(-1)).toMatch(/@11$/);
  });

  it('passes messages sent by handle on like messages sent by id', () => {
    const { kernel, host, identity } = setup();
    const { guard } = recordingGuard(kernel);
    const seen: string[] = [];
    host.place({ identity: identity('peer'), agent: { start() {}, onMessage: (m: DirectMessage<string>) => seen.push(`${m.from}: ${m.body}`) } });
    host.place({
      identity: identity('bot'),
      guard,
      agent: {
        start(ctx) {
          ctx.sendTo(ctx.recipient('peer'), 'by handle', 2);
          ctx.send('peer', 'by id', 1);
        },
      },
    });
    kernel.run();
    expect(seen).toEqual(['bot: by id', 'bot: by handle']);
  });

  it('a guard that throws fails the run naming the agent and what it was handling', () => {
    const { kernel, bus, host, identity } = setup();
    const guard: DecisionGuard = {
      decide(fn, arg, self) {
        fn.call(self, arg);
        if (kernel.now > 0) throw new Error('decision took 80 ms, over its budget of 50 ms');
      },
    };
    host.place({ identity: identity('slow-bot'), guard, agent: { start: (ctx) => void ctx.on(PRICE, () => undefined) } });
    kernel.scheduleAt(7, () => bus.publish('price', 1), null);
    expect(kernel.run().error?.message).toBe(
      'agent "slow-bot" (plugin "entrant") failed at t=0d 00:00:00.007 while handling an observation of "price": decision took 80 ms, over its budget of 50 ms',
    );
  });

  it('lets a role see and do only what it may, naming what it tried', () => {
    const limits = { role: 'liquidator', views: ['pool'], topics: ['price'], actions: ['liquidate'] };
    const attempt = (what: (ctx: import('../context').AgentContext) => void) => {
      const { kernel, host, identity } = setup();
      host.place({ identity: identity('bot'), limits, agent: { start: (ctx) => ctx.schedule(1, () => what(ctx)) } });
      return kernel.run().error?.message;
    };
    expect(attempt((ctx) => ctx.view(POOL))).toBeUndefined();
    expect(attempt((ctx) => ctx.submit({ kind: 'liquidate' }))).toBeUndefined();
    expect(attempt((ctx) => ctx.on(PRICE, () => undefined))).toBeUndefined();
    expect(attempt((ctx) => ctx.view(WALLET))).toMatch(/agent "bot" .* role "liquidator" may not read the view "wallet" \(it may: pool\)$/);
    expect(attempt((ctx) => ctx.on(NEWS, () => undefined))).toMatch(/role "liquidator" may not observe the topic "news" \(it may: price\)$/);
    expect(attempt((ctx) => ctx.observe(NEWS))).toMatch(/may not observe the topic "news"/);
    expect(attempt((ctx) => ctx.submit({ kind: 'swap' }))).toMatch(/role "liquidator" may not submit the action "swap" \(it may: liquidate\)$/);
  });
});
