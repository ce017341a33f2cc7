import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// Simulation code draws time and randomness from the engine only. Tests, benchmarks and the
// CLI (which times runs and draws progress bars) are outside the simulation.
const root = join(__dirname, '..');
const FORBIDDEN: [RegExp, string][] = [
  [/\bMath\.random\s*\(/, 'Math.random (use the agent/process RandomStream)'],
  [/\bDate\.now\s*\(/, 'Date.now (use the kernel clock)'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() (use the kernel clock)'],
  [/\bsetTimeout\s*\(/, 'setTimeout (schedule on the kernel)'],
  [/\bsetInterval\s*\(/, 'setInterval (schedule on the kernel)'],
  [/\b(asyncScheduler|asapScheduler|animationFrameScheduler)\b/, "RxJS's wall-clock schedulers (use the run's VirtualTimeScheduler)"],
  [/\bperformance\.now\s*\(/, 'performance.now (wall clock)'],
];
const EXEMPT = /(\.spec\.ts|\.test\.ts|\.bench\.ts)$|\/(bench|__tests__|__fixtures__)\//;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist') return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function simulationSources(): string[] {
  const dirs = [
    ...readdirSync(join(root, 'packages')).filter((p) => p !== 'cli').map((p) => join(root, 'packages', p, 'src')),
    ...readdirSync(join(root, 'plugins')).map((p) => join(root, 'plugins', p, 'src')),
  ];
  return dirs.flatMap((d) => (statSync(d, { throwIfNoEntry: false })?.isDirectory() ? sources(d) : [])).filter((f) => !EXEMPT.test(f));
}

describe('house rules', () => {
  it('simulation code uses no wall clock and no unseeded randomness', () => {
    const offences: string[] = [];
    for (const file of simulationSources()) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\*|\/\/)/.test(line)) return; // comments may name what they forbid
        for (const [pattern, what] of FORBIDDEN) if (pattern.test(line)) offences.push(`${relative(root, file)}:${i + 1}: ${what}`);
      });
    }
    expect(offences).toEqual([]);
  });

  it('plugins import only the SDK (and their own files)', () => {
    const offences: string[] = [];
    for (const plugin of readdirSync(join(root, 'plugins'))) {
      const dir = join(root, 'plugins', plugin, 'src');
      if (!statSync(dir, { throwIfNoEntry: false })) continue;
      for (const file of sources(dir)) {
        if (EXEMPT.test(file)) continue;
        for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
          const spec = m[1]!;
          if (spec.startsWith('.') || spec === '@paradox/sdk' || spec.startsWith('@paradox/sdk/') || spec === 'rxjs' || spec.startsWith('node:')) continue;
          offences.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('the engine imports no other Paradox package (it knows no finance)', () => {
    const offences = sources(join(root, 'packages', 'engine', 'src'))
      .filter((f) => /from '@paradox\//.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offences).toEqual([]);
  });
});
