import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The compiled worker entry point. Worker threads on Node 20 cannot load TypeScript, so when
 * this module itself runs from source (Jest, tsx) the pool still loads `dist/experiments/worker.js`:
 * build first (`pnpm build`).
 */
export function compiledWorkerFile(): string {
  const beside = join(__dirname, 'worker.js');
  if (existsSync(beside)) return beside;
  const dist = join(__dirname, '..', '..', 'dist', 'experiments', 'worker.js');
  if (existsSync(dist)) return dist;
  throw new Error(`the worker pool loads compiled JavaScript, and ${dist} does not exist: run \`pnpm build\` first`);
}
