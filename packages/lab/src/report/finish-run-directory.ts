import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalJson } from '../output/canonical-json';
import { writeParquet } from '../output/parquet';
import { sha256 } from '../output/write-run';
import { writeReport, type ReportInfo, type ReportOptions } from './write-report';

export interface FinishOptions {
  report?: ReportOptions;
  /** Add the new files' sha256 to manifest.json's `files` (default true). */
  updateManifest?: boolean;
}

export interface FinishResult {
  report: ReportInfo;
  /** Files written, by name, sorted. */
  files: string[];
}

/**
 * What a finished run directory gets after its CSVs: `series.parquet` and `events.parquet`
 * (see writeParquet), `report.html` (see writeReport), and their sha256 added to manifest.json's
 * `files`. Every file it writes is byte-identical for identical runs, and running it twice
 * changes nothing.
 */
export async function finishRunDirectory(dir: string, options: FinishOptions = {}): Promise<FinishResult> {
  await writeParquet(dir);
  const report = writeReport(dir, options.report ?? {});
  const files = ['series.parquet', 'events.parquet'].filter((f) => existsSync(join(dir, f)));
  files.push(basename(report.path));
  files.sort();
  const manifestPath = join(dir, 'manifest.json');
  if ((options.updateManifest ?? true) && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { files?: Record<string, string> };
    const hashes: Record<string, string> = { ...(manifest.files ?? {}) };
    for (const f of files) hashes[f] = sha256(readFileSync(join(dir, f)));
    writeFileSync(manifestPath, canonicalJson({ ...manifest, files: hashes }));
  }
  return { report, files };
}
