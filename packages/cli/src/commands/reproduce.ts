import { reproduceRun } from '@paradox/lab';
import type { CliIo } from '../main';

/** `paradox reproduce MANIFEST`: reruns a run and checks every output hash; 1 if any differs. */
export function reproduceCommand(manifest: string, options: { out?: string; keep: boolean }, io: CliIo): number {
  const outcome = reproduceRun(manifest, { keep: options.keep, ...(options.out ? { out: options.out } : {}) });
  for (const change of outcome.versionChanges) io.err(`note: version changed since the manifest: ${change}\n`);
  if (outcome.identical) {
    io.out(`reproduced: all ${outcome.checked} output files match ${manifest}\n`);
    if (options.keep || options.out) io.out(`rerun outputs in ${outcome.dir}\n`);
    return 0;
  }
  io.err(`not reproduced: ${outcome.differences.length} of ${outcome.checked} files differ (rerun outputs kept in ${outcome.dir}):\n`);
  for (const d of outcome.differences) {
    const what = d.actual === null ? 'not produced by the rerun' : d.expected === null ? 'not in the manifest' : `sha256 ${d.expected.slice(0, 12)}... expected, ${d.actual.slice(0, 12)}... now`;
    io.err(`  ${d.file}: ${what}\n`);
  }
  return 1;
}
