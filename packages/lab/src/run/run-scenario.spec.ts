import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MemorySink } from '@paradox/engine';
import { agentKind, definePlugin, defineTopic, z } from '@paradox/sdk';
import { gossipDemo } from '../scenarios/gossip-demo';
import { runScenario } from './run-scenario';
import { runToDirectory } from './run-to-directory';
import type { Scenario } from './scenario';
import { UNHASHED_FILES } from '../output/write-run';

const small = { agents: 300, horizonDays: 3 };

function outputsOf(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) if (!UNHASHED_FILES.has(name)) files[name] = readFileSync(join(dir, name), 'utf8');
  return files;
}

describe('determinism', () => {
  it('the same seed gives byte-identical outputs; another seed does not', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'paradox-det-'));
    const a = runToDirectory(gossipDemo, { seed: 7, params: small, out: join(tmp, 'a') });
    const b = runToDirectory(gossipDemo, { seed: 7, params: small, out: join(tmp, 'b') });
    const c = runToDirectory(gossipDemo, { seed: 8, params: small, out: join(tmp, 'c') });
    expect(outputsOf(join(tmp, 'a'))).toEqual(outputsOf(join(tmp, 'b')));
    expect(a.manifest.files).toEqual(b.manifest.files);
    expect(c.manifest.files['events.csv']).not.toEqual(a.manifest.files['events.csv']);
    expect(a.result.outcome.eventsProcessed).toBeGreaterThan(300);
  });

  it('a run inside a worker thread gives the same event-log hash as in the main thread', async () => {
    // Workers load the compiled JavaScript (Node 20 cannot load .ts in a worker): `pnpm build` first.
    const labDist = join(__dirname, '..', '..', 'dist', 'index.js');
    const tmp = mkdtempSync(join(tmpdir(), 'paradox-worker-'));
    const inMain = runToDirectory(gossipDemo, { seed: 11, params: small, out: join(tmp, 'main') });
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      const lab = require(workerData.labDist);
      const { manifest } = lab.runToDirectory(lab.gossipDemo, { seed: 11, params: workerData.params, out: workerData.out });
      parentPort.postMessage(manifest.files);
    `;
    const files = await new Promise<Record<string, string>>((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: { labDist, params: small, out: join(tmp, 'worker') } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    expect(files['events.csv']).toBe(inMain.manifest.files['events.csv']);
    expect(files).toEqual(inMain.manifest.files);
  });
});

describe('a throwing plugin', () => {
  const TICK = defineTopic<number>('tick');
  const flaky = definePlugin({
    id: 'flaky',
    version: '0.0.1',
    description: 'fails on the third tick',
    agents: {
      counter: agentKind({
        description: 'counts ticks',
        config: z.object({ failAt: z.number() }),
        create: (cfg) => ({
          start(ctx) {
            ctx.on(TICK, (n) => {
              ctx.record('tick', n);
              if (n === cfg.failAt) throw new Error(`cannot handle tick ${n}`);
            });
          },
        }),
      }),
    },
  });
  const scenario: Scenario<Record<string, never>> = {
    name: 'ticks',
    description: 'publishes ticks',
    plugins: [flaky],
    parseParams: () => ({}),
    horizonMs: () => 10_000,
    build(run) {
      run.place({ plugin: 'flaky', kind: 'counter', id: 'counter-1', config: { failAt: 3 } });
      for (let i = 1; i <= 5; i++) run.kernel.scheduleAt(i * 1000, (n: number) => run.bus.publish('tick', n), i);
      return { summary: () => ({}) };
    },
  };

  it('is reported with plugin id, agent id and the event, and the data so far is kept', () => {
    const sink = new MemorySink();
    const result = runScenario(scenario, { seed: 1, sink });
    expect(result.outcome.reason).toBe('failed');
    expect(result.outcome.error?.message).toBe(
      'agent "counter-1" (plugin "flaky") failed at t=0d 00:00:03.000 while handling an observation of "tick": cannot handle tick 3',
    );
    expect(sink.rows('series').map((r) => r['value'])).toEqual([1, 2, 3]);
  });

  it('refuses bad agent config before the run starts, naming the path', () => {
    const bad: Scenario<Record<string, never>> = {
      ...scenario,
      build(run) {
        run.place({ plugin: 'flaky', kind: 'counter', id: 'c', config: { failAt: 'soon' }, path: 'agents[0]' });
        return { summary: () => ({}) };
      },
    };
    expect(() => runScenario(bad, { seed: 1 })).toThrow('agents[0].config.failAt: invalid input: expected number, received string, got "soon"');
  });
});

