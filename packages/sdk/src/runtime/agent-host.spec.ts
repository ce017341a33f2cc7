import { delay, map } from 'rxjs';
import { EventBus, Kernel, MemorySink, Recorder, SeedTree } from '@paradox/engine';
import { AgentHost } from './agent-host';
import type { Agent, AgentContext } from '../context';
import { defineTopic, defineView } from '../keys';
import type { ActionResult, WorldPort } from '../action';

const PRICE = defineTopic<number>('price');
const POOL = defineView<{ reserve: number }>('pool');

function setup(world?: WorldPort) {
  const kernel = new Kernel();
  const bus = new EventBus(kernel);
  const sink = new MemorySink();
  const recorder = new Recorder(sink);
  const host = new AgentHost({
    kernel,
    bus,
    seeds: new SeedTree(1).child('run'),
    recorder,
    world: world ?? { submit: (_a, action, done) => done({ ok: true, value: 'done', atMs: kernel.now, action }), view: (_a, name) => (name === 'pool' ? { reserve: 5 } : undefined) },
  });
  const identity = (id: string) => ({ id, pluginId: 'test', kind: 'k', address: id, index: 0 });
  return { kernel, bus, host, recorder, sink, identity };
}

describe('AgentHost', () => {
  it('gives each agent its latency, its own RNG stream and virtual-time operators', () => {
    const { kernel, bus, host, identity } = setup();
    const seen: string[] = [];
    const watcher = (name: string): Agent => ({
      start(ctx) {
        ctx.subscribe(ctx.observe(PRICE).pipe(delay(1000, ctx.scheduler), map((p) => p * 2)), (p) => seen.push(`${name} ${p} @${ctx.now()}`));
      },
    });
    host.place({ identity: identity('fast'), agent: watcher('fast'), latencyMs: 0 });
    host.place({ identity: identity('slow'), agent: watcher('slow'), latencyMs: 60_000 });
    kernel.scheduleAt(10, () => bus.publish('price', 0.5), null);
    kernel.run();
    expect(seen).toEqual(['fast 1 @1010', 'slow 1 @61010']);
  });

  it('sends direct messages by id or by handle, the same messages in the same order', () => {
    const { kernel, host, identity } = setup();
    const got: unknown[] = [];
    host.place({ identity: identity('b'), agent: { start() {}, onMessage: (m) => got.push([m.from, m.to, m.body, kernel.now]) } });
    host.place({
      identity: identity('a'),
      agent: {
        start(ctx) {
          const b = ctx.recipient('b');
          expect(ctx.recipient('b')).toBe(b);
          ctx.schedule(10, () => {
            ctx.send('b', 'by id', 5);
            ctx.sendTo(b, 'by handle', 5);
            ctx.sendTo(b, 'sooner', 1);
          });
        },
      },
    });
    kernel.run();
    expect(got).toEqual([
      ['a', 'b', 'sooner', 11],
      ['a', 'b', 'by id', 15],
      ['a', 'b', 'by handle', 15],
    ]);
  });

  it('an agent that ignores messages gets none of those still arriving, whose events still happen', () => {
    const { kernel, bus, host, identity } = setup();
    const heard: unknown[] = [];
    const once: Agent = {
      start() {},
      onMessage(message, ctx) {
        heard.push(message.body);
        ctx.ignoreMessages();
      },
    };
    host.place({ identity: identity('once'), agent: once });
    kernel.scheduleAt(0, () => {
      for (let i = 1; i <= 3; i++) bus.send('x', 'once', i, i * 10);
    }, null);
    const outcome = kernel.run();
    expect(heard).toEqual([1]);
    expect(outcome.eventsProcessed).toBe(4); // (the send, and three deliveries)
  });

  it('views, actions with results, records and logs', () => {
    const { kernel, host, sink, recorder, identity } = setup();
    const results: unknown[] = [];
    host.place({
      identity: identity('trader'),
      agent: {
        start(ctx: AgentContext) {
          ctx.schedule(5, () => {
            ctx.record('reserve', ctx.view(POOL).reserve);
            const id = ctx.log('decided', { sell: 1n });
            ctx.submit({ kind: 'swap' }, (r) => results.push([r, id, kernel.cause]));
          });
        },
      },
    });
    kernel.run();
    recorder.flush();
    expect(sink.rows('series')).toEqual([{ t: 5, series: 'trader.reserve', value: 5 }]);
    expect(sink.rows('events')[0]).toMatchObject({ type: 'decided', actor: 'trader', data: '{"sell":"1"}' });
    expect(results).toEqual([[{ ok: true, value: 'done', atMs: 5, action: { kind: 'swap' } }, 1, 1]]);
  });

  it('hands each result to the handler it was submitted with, naming its action', () => {
    const { kernel, host, identity } = setup();
    const seen: string[] = [];
    const first = (r: ActionResult) => seen.push(`first ${r.action.kind}`);
    const second = (r: ActionResult) => seen.push(`second ${r.action.kind}`);
    host.place({
      identity: identity('bot'),
      agent: {
        start(ctx) {
          ctx.submit({ kind: 'one' }, first);
          ctx.submit({ kind: 'two' }, second);
          ctx.submit({ kind: 'three' }, first);
          ctx.submit({ kind: 'four' });
        },
      },
    });
    kernel.run();
    expect(seen).toEqual(['first one', 'second two', 'first three']);
  });

  it('names the agent when it throws, at start or in a handler', () => {
    const { kernel, bus, host, identity } = setup();
    host.place({
      identity: identity('bad-bot'),
      agent: { start: (ctx) => void ctx.on(PRICE, () => { throw new Error('division by zero'); }) },
    });
    kernel.scheduleAt(0, () => bus.publish('price', 1), null);
    const outcome = kernel.run();
    expect(outcome.error?.message).toBe('agent "bad-bot" (plugin "test") failed at t=0d 00:00:00.000 while handling an observation of "price": division by zero');
  });

  it('every() repeats until cancelled, and stopAll ends subscriptions', () => {
    const { kernel, bus, host, identity } = setup();
    const ticks: number[] = [];
    const prices: number[] = [];
    host.place({
      identity: identity('ticker'),
      agent: {
        start(ctx) {
          const c = ctx.every(100, () => {
            ticks.push(ctx.now());
            if (ticks.length === 3) c.cancel();
          });
          ctx.on(PRICE, (p) => prices.push(p));
        },
      },
    });
    kernel.scheduleAt(1000, () => bus.publish('price', 1), null);
    kernel.run({ until: 1500 });
    host.stopAll();
    kernel.scheduleAt(2000, () => bus.publish('price', 2), null);
    kernel.run();
    expect(ticks).toEqual([100, 200, 300]);
    expect(prices).toEqual([1]);
  });

  it('an agent’s draws do not depend on which other agents exist', () => {
    const draw = (others: string[]) => {
      const { kernel, host, identity } = setup();
      let mine: number[] = [];
      for (const id of others) host.place({ identity: identity(id), agent: { start: (ctx) => void ctx.rng.next() } });
      host.place({ identity: identity('me'), agent: { start: (ctx) => void (mine = [ctx.rng.next(), ctx.rng.next()]) } });
      kernel.run();
      return mine;
    };
    expect(draw([])).toEqual(draw(['a', 'b', 'c']));
  });
});
