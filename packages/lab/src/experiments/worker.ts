import { executeRun, type RunRecord, type RunTask } from './execute-run';

/**
 * The worker-pool entry point (piscina loads the compiled `dist/experiments/worker.js`): one
 * task, one run, stored by the worker itself so that only a small record crosses threads.
 */
export default function runTask(task: RunTask): RunRecord {
  return executeRun(task);
}
