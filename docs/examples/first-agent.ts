import assert from 'node:assert/strict';
import { delay } from 'rxjs';
import { type Agent, type AgentContext, HOUR, MINUTE, agentKind, definePlugin, defineTopic, z } from '@paradox/sdk';
import { type Scenario, runScenario } from '@paradox/lab';
import { MemorySink } from '@paradox/engine';

// 1. A topic: the typed name of an event stream the world (here: our scenario) publishes.
const NAV = defineTopic<{ navPerShare: number }>('nav');

// 2. A behaviour. It reacts to what it observes, after its own latency, and draws randomness
//    only from its own stream. This one frets when NAV drops and, after thinking it over (a
//    virtual-time delay, so it costs nothing), decides whether to sell.
class NervousHolder implements Agent {
  constructor(private readonly config: { panicBelow: number; thinkMinutes: number }) {}

  start(ctx: AgentContext): void {
    const thinking = ctx.observe(NAV).pipe(delay(this.config.thinkMinutes * MINUTE, ctx.scheduler));
    ctx.subscribe(thinking, ({ navPerShare }) => {
      if (navPerShare < this.config.panicBelow && ctx.rng.bernoulli(0.5)) {
        ctx.log('decided-to-sell', { navPerShare });
      }
    });
  }
}

// 3. A plugin: an id, a version and agent kinds, each with a config schema (defaults included).
export const nervousPlugin = definePlugin({
  id: 'nervous-holders',
  version: '1.0.0',
  description: 'Holders that sell when NAV drops',
  agents: {
    holder: agentKind({
      description: 'Sells with probability 1/2 after NAV falls below a threshold',
      config: z.object({ panicBelow: z.number().min(0).default(0.95), thinkMinutes: z.number().min(0).default(30) }),
      create: (config) => new NervousHolder(config),
    }),
  },
});

// 4. A scenario sets up the agents and the exogenous news; it does not script what they do.
const navDrop: Scenario<{ holders: number }> = {
  name: 'nav-drop',
  description: 'A NAV markdown reaches 100 nervous holders',
  plugins: [nervousPlugin],
  parseParams: () => ({ holders: 100 }),
  horizonMs: () => 24 * HOUR,
  build(run, { holders }) {
    for (let i = 0; i < holders; i++) {
      run.place({ plugin: 'nervous-holders', kind: 'holder', id: `holder-${i}`, latencyMs: i * MINUTE });
    }
    run.kernel.scheduleAt(HOUR, () => run.bus.publish(NAV.topic, { navPerShare: 0.9 }), null);
    return { summary: () => ({}) };
  },
};

export default function example(): void {
  const sink = new MemorySink();
  const result = runScenario(navDrop, { seed: 42, sink });
  const sales = sink.rows('events').filter((e) => e['type'] === 'decided-to-sell');

  assert.equal(result.outcome.timeMs, 24 * HOUR); // ran to the horizon
  assert.ok(sales.length > 30 && sales.length < 70, `about half of 100 sell, got ${sales.length}`);
  // The first possible sale: news at 1 h, holder-0 has no latency, thinks 30 min.
  assert.ok(Math.min(...sales.map((s) => s['t'] as number)) >= HOUR + 30 * MINUTE);
  // Same seed, same story.
  const again = new MemorySink();
  runScenario(navDrop, { seed: 42, sink: again });
  assert.deepEqual(again.rows('events'), sink.rows('events'));
}
