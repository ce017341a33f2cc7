#!/usr/bin/env -S node --max-semi-space-size=32
// (The flag is lab's SEMI_SPACE_MB, which V8 reads only at start-up: see heap-policy.ts. The
// root `pnpm paradox` script passes the same; bin.spec.ts checks that all three agree.)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { applyHeapPolicy } from '@paradox/lab';
import { main } from './main';

const argv = process.argv.slice(2);
// (a flag V8 reads at each full collection, so it can be set now, before any run starts)
applyHeapPolicy();

if (wantsSingleThreadedGc(argv) && !process.execArgv.includes('--single-threaded-gc')) {
  // An experiment on several workers keeps every core busy with simulation; V8's parallel GC
  // helper threads then only compete with them (on 2 cores, 2 workers ran no faster than 1).
  // V8 reads the flag at start-up only, so the CLI starts itself again with it.
  // (with a channel to the child: if this process dies, even by SIGKILL, the channel closes)
  const child = spawn(process.execPath, [...process.execArgv, '--single-threaded-gc', __filename, ...argv], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
} else {
  if (process.channel !== undefined) {
    // Started again by a parent `paradox` (above): stop when it is gone, killed outright
    // included, rather than run on unseen. What finished is kept, as after any crash. (The
    // channel must not keep this process alive once its work is done.)
    process.channel.unref();
    process.on('disconnect', () => process.exit(1));
  }
  void Promise.resolve(main(argv)).then((code) => {
    process.exitCode = code;
  });
}

/** `experiment run` with more than one worker (the default is one per core). */
function wantsSingleThreadedGc(args: readonly string[]): boolean {
  if (args[0] !== 'experiment' || args[1] !== 'run') return false;
  const inline = args.find((a) => a.startsWith('--workers='));
  const flag = args.findIndex((a) => a === '-w' || a === '--workers');
  const value = inline ? inline.slice('--workers='.length) : flag >= 0 ? args[flag + 1] : undefined;
  const workers = value === undefined ? availableParallelism() : Number(value);
  return workers > 1;
}
