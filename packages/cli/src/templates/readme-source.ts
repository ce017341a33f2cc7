import type { PluginTemplateSpec } from './plugin-template-spec';

const FENCE = '```';

/** `README.md` of a scaffolded plugin: layout, how to build and test it, its config, how to use it. */
export function readmeSource(spec: PluginTemplateSpec): string {
  const buildAndTest =
    spec.mode === 'workspace'
      ? `This package lives in a Paradox checkout (\`${spec.displayDir}\`) and uses the checkout's
TypeScript and Jest configuration. From the checkout's root:

${FENCE}sh
pnpm install                      # links the new workspace package
pnpm build                        # tsc -b (registered in tsconfig.build.json)
pnpm exec jest ${spec.displayDir}
${FENCE}

\`pnpm exec tsc -p tsconfig.json\` type-checks it with everything else, specs included.`
      : `This is a standalone package. It needs Node 20.19+ and pnpm 10 (\`npm i -g pnpm@10\`), and a
Paradox checkout, built, for the SDK and the lab it links to:
\`@paradox/sdk\` is \`${spec.sdk}\` and \`@paradox/lab\` (used by the spec only) is \`${spec.lab}\`.
If you move the package or the checkout, fix those two paths in \`package.json\`. Then:

${FENCE}sh
(cd PATH/TO/PARADOX && pnpm install && pnpm build)   # once: the SDK and lab as compiled JS
pnpm install
pnpm build                                            # tsc: dist/ with types
pnpm test                                             # jest: runs src/*.spec.ts
${FENCE}`;
  return `# ${spec.id}

A Paradox plugin: agents for the RWA liquidity-paradox simulator. It was
scaffolded by \`paradox new plugin ${spec.id}\` with one agent kind, \`dip-buyer\`, that works and is
tested: replace it with your own.

| file | what |
|---|---|
| \`src/index.ts\` | the plugin (default export): id \`${spec.id}\`, version, agent kinds |
| \`src/dip-buyer.ts\` | one agent kind: its config schema (zod, with defaults) and its behaviour |
| \`src/dip-buyer.spec.ts\` | runs the agent in a small world and checks what it does |

## Build and test

${buildAndTest}

## The \`dip-buyer\` agent

After each trade on its pool, it compares the pool's price with an oracle's; when the pool trades
at least \`discount\` below the oracle, it spends \`spendShare\` of its cash on the pool's base token,
then waits \`cooldownMinutes\`.

| key | default | meaning |
|---|---|---|
| \`pool\` | (required) | AMM pool to watch and buy on, e.g. \`RWA/USD\` |
| \`oracle\` | (required) | oracle feed taken as fair value, e.g. \`RWA-NAV\` |
| \`discount\` | 0.05 | buy when the pool is this share below the oracle |
| \`spendShare\` | 0.25 | share of the agent's cash spent per purchase |
| \`cooldownMinutes\` | 60 | wait after a purchase |

## Use it in a scenario

${FENCE}ts
import { DAY } from '@paradox/sdk';
import { NAV_FEED, POOL, buildRwaLendingWorld, runInline } from '@paradox/lab';
import plugin from '${spec.packageName}';

runInline({
  plugins: [plugin],
  horizonMs: 30 * DAY,
  build(run) {
    const world = buildRwaLendingWorld(run, { /* pool, NAV path, lending market, positions */ });
    world.giveUsd('buyer-1', 10_000);
    run.place({ plugin: '${spec.id}', kind: 'dip-buyer', id: 'buyer-1', config: { pool: POOL, oracle: NAV_FEED } });
  },
});
${FENCE}

A scenario names agents by plugin id and kind; \`loadPlugin('${spec.packageName}')\` or
\`loadPlugin('./path/to/package')\` from \`@paradox/sdk\` loads the compiled plugin by name or path.

## Rules agents live by

- Import only \`@paradox/sdk\` (and \`rxjs\`) outside specs: that keeps tournaments fair.
- Time only from \`ctx.now()\` and \`ctx.schedule\`/\`ctx.every\`; RxJS time operators with
  \`ctx.scheduler\`; randomness only from \`ctx.rng\`. Same seed, same results.
- See the world through topics (\`ctx.on\`) and views (\`ctx.view\`), change it only with
  \`ctx.submit(action)\`.

Next: the tutorial \`docs/tutorial-liquidation-strategy.md\` in the Paradox repository turns this
scaffold into a custom liquidation strategy and races it against the built-in greedy bot.
`;
}
