// A compiled plugin loaded by path as a tournament entrant: liquidators that misbehave in the
// ways a tournament must survive. Plain CommonJS so worker threads can load it as is.
const { COLLATERAL_PRICES, NEWS, agentKind, definePlugin, z } = require('@paradox/sdk');

const config = z.object({
  /** `hang`: loops forever on the first price; `slow`: computes `work` iterations per price; `peek`: listens to the news. */
  behaviour: z.enum(['hang', 'slow', 'peek']),
  work: z.number().default(1e6),
});

// Burns CPU (not wall time: the budget counts CPU, so a busy machine does not change the verdict).
function compute(iterations) {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (x + i * 7) % 1000003;
  return x;
}

module.exports = definePlugin({
  id: 'misbehaving-bots',
  version: '1.0.0',
  description: 'liquidators that hang, overrun their budget, or look where their role may not',
  agents: {
    bot: agentKind({
      description: 'misbehaves on the first collateral price it sees',
      config,
      create: (cfg) => ({
        start(ctx) {
          if (cfg.behaviour === 'peek') {
            ctx.on(NEWS, () => undefined);
            return;
          }
          ctx.on(COLLATERAL_PRICES, () => {
            if (cfg.behaviour === 'hang') for (;;) compute(1000);
            compute(cfg.work);
          });
        },
      }),
    }),
  },
});
