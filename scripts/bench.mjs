#!/usr/bin/env node
// Runs every compiled benchmark (packages/*/dist/bench/*.bench.js, plugins too), each in its
// own process so that peak memory and JIT state belong to one benchmark. Each prints one JSON
// object per line (see ../shared/BENCHMARKS.md). `pnpm bench -- engine` runs only files whose
// name contains "engine".
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filter = process.argv.slice(2).filter((a) => a !== '--');
const files = [];
for (const group of ['packages', 'plugins']) {
  for (const pkg of readdirSync(join(root, group))) {
    const dir = join(root, group, pkg, 'dist', 'bench');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) if (f.endsWith('.bench.js')) files.push(join(dir, f));
  }
}
for (const file of files) {
  if (filter.length && !filter.some((f) => file.includes(f))) continue;
  // Experiments on several workers run as `paradox experiment run` does: GC on each worker's thread.
  const flags = file.endsWith('experiments.bench.js') ? ['--expose-gc', '--single-threaded-gc'] : ['--expose-gc'];
  execFileSync(process.execPath, [...flags, file], { stdio: 'inherit' });
}
