// Social graphs: build time and peak memory of each generator at a million nodes, and one
// independent cascade at the cascade-bench settings (k = 8 links picked per holder, p = 0.3,
// 50 seeds). Each case runs in a child process of its own so that its peak RSS is its own.
// Run: pnpm exec tsx packages/world/src/bench/social.bench.ts [n] [case-filter]
// Prints one JSON object per line: {"bench":"social","case":...,"metric":...,"value":...}.
import { spawnSync } from 'node:child_process';
import { RandomStream } from '@paradox/engine';
import {
  type SocialGraph,
  barabasiAlbert,
  erdosRenyi,
  independentCascade,
  kOut,
  randomRegular,
  wattsStrogatz,
} from '../social';

const MIB = 1024 * 1024;

function emit(kase: string, metric: string, value: number): void {
  console.log(JSON.stringify({ bench: 'social', case: kase, metric, value }));
}

/** Peak resident set so far, MiB (resourceUsage reports kilobytes). */
function peakMib(): number {
  return process.resourceUsage().maxRSS / 1024;
}

interface Case {
  readonly name: (n: number) => string;
  readonly run: (n: number) => void;
}

function timeBuild(kase: string, build: () => SocialGraph): SocialGraph {
  const baseline = peakMib();
  const t0 = performance.now();
  const g = build();
  const wall = (performance.now() - t0) / 1000;
  emit(kase, 'wall_s', wall);
  emit(kase, 'peak_mib', peakMib());
  emit(kase, 'baseline_peak_mib', baseline);
  emit(kase, 'graph_mib', g.byteLength / MIB);
  emit(kase, 'edges', g.edgeCount);
  emit(kase, 'edges_per_s', g.edgeCount / wall);
  return g;
}

const cases: Record<string, Case> = {
  kOut: {
    name: (n) => `kOut n=${n} k=8`,
    run: (n) => void timeBuild(cases.kOut!.name(n), () => kOut(n, 8, new RandomStream('social-bench/kOut'))),
  },
  erdosRenyi: {
    name: (n) => `erdosRenyi n=${n} mean_degree=16`,
    run: (n) =>
      void timeBuild(cases.erdosRenyi!.name(n), () => erdosRenyi(n, 16 / (n - 1), new RandomStream('social-bench/er'))),
  },
  barabasiAlbert: {
    name: (n) => `barabasiAlbert n=${n} m=8`,
    run: (n) => void timeBuild(cases.barabasiAlbert!.name(n), () => barabasiAlbert(n, 8, new RandomStream('social-bench/ba'))),
  },
  wattsStrogatz: {
    name: (n) => `wattsStrogatz n=${n} k=16 beta=0.1`,
    run: (n) =>
      void timeBuild(cases.wattsStrogatz!.name(n), () => wattsStrogatz(n, 16, 0.1, new RandomStream('social-bench/ws'))),
  },
  randomRegular: {
    name: (n) => `randomRegular n=${n} d=16`,
    run: (n) => void timeBuild(cases.randomRegular!.name(n), () => randomRegular(n, 16, new RandomStream('social-bench/rr'))),
  },
  independentCascade: {
    name: (n) => `independentCascade kOut n=${n} k=8 p=0.3 seeds=50`,
    run: (n) => {
      const kase = cases.independentCascade!.name(n);
      const g = kOut(n, 8, new RandomStream('social-bench/kOut'));
      const rng = new RandomStream('social-bench/cascade');
      const seeds = rng.sampleIndices(n, 50);
      const t0 = performance.now();
      const result = independentCascade(g, seeds, 0.3, rng);
      const wall = (performance.now() - t0) / 1000;
      let attempts = 0;
      for (const u of result.order) attempts += g.degree(u);
      emit(kase, 'wall_s', wall);
      emit(kase, 'attempts_per_s', attempts / wall);
      emit(kase, 'reached_fraction', result.count / n);
      emit(kase, 'generations', result.generations);
      emit(kase, 'peak_mib', peakMib());
    },
  },
};

const [nArg, filter] = process.argv.slice(2);
const n = nArg !== undefined && nArg !== '' ? Number(nArg) : 1_000_000;
const child = process.env.SOCIAL_BENCH_CASE;
if (child !== undefined) {
  cases[child]!.run(n);
} else {
  for (const key of Object.keys(cases)) {
    if (filter !== undefined && !key.includes(filter)) continue;
    // A fresh process per case: maxRSS never goes down, so a shared one would report the max so far.
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, String(n)], {
      stdio: 'inherit',
      env: { ...process.env, SOCIAL_BENCH_CASE: key },
    });
    if (r.status !== 0) throw new Error(`social bench case ${key} failed with status ${r.status}`);
  }
}
