import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Manifest } from '../output/write-run';

const TMP = '.tmp';

/**
 * Finished runs under `<dir>/<run id>/`, each written whole or not at all: a run is written into
 * `<dir>/.tmp/<id>.<host>.<pid>.<thread>` and renamed into place when complete, so a process
 * killed at any moment leaves either a finished run or a temporary directory (removed by the next
 * {@link RunStore.removeStale} on the same host). A run is finished when its directory exists.
 */
export class RunStore {
  constructor(readonly dir: string) {}

  has(id: string): boolean {
    return existsSync(join(this.dir, id, 'manifest.json'));
  }

  pathOf(id: string): string {
    return join(this.dir, id);
  }

  /** Ids of the finished runs, sorted. */
  ids(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir).filter((name) => name !== TMP && this.has(name)).sort();
  }

  /** A fresh temporary directory to write run `id` into. */
  begin(id: string): string {
    const tmp = join(this.dir, TMP, `${id}.${hostname()}.${process.pid}.${threadId}`);
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    return tmp;
  }

  /**
   * Makes the run in `tmp` durable (fsync of its files) and renames it into place. If another
   * process finished the same run first, keeps theirs (identical by construction), unless
   * `replace`: then the old run is moved aside first (a crash in between leaves the run missing,
   * so it is recomputed, never half-written).
   */
  commit(id: string, tmp: string, replace = false): void {
    for (const name of readdirSync(tmp)) syncFile(join(tmp, name));
    if (replace && existsSync(join(this.dir, id))) {
      const old = `${tmp}.replaced`;
      renameSync(join(this.dir, id), old);
      rmSync(old, { recursive: true, force: true });
    }
    try {
      renameSync(tmp, join(this.dir, id));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if ((code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EPERM') && this.has(id)) {
        rmSync(tmp, { recursive: true, force: true });
        return;
      }
      throw error;
    }
    syncFile(this.dir);
  }

  /** Drops a temporary directory without committing it. */
  abandon(tmp: string): void {
    rmSync(tmp, { recursive: true, force: true });
  }

  /** Removes temporary directories left on this host by processes that no longer run. */
  removeStale(): number {
    const tmpDir = join(this.dir, TMP);
    if (!existsSync(tmpDir)) return 0;
    let removed = 0;
    for (const name of readdirSync(tmpDir)) {
      const parts = name.split('.');
      const pid = Number(parts[parts.length - 2]);
      const host = parts.slice(1, -2).join('.');
      if (host !== hostname() || !Number.isInteger(pid) || isAlive(pid)) continue;
      rmSync(join(tmpDir, name), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  readManifest(id: string): Manifest {
    return JSON.parse(readFileSync(join(this.dir, id, 'manifest.json'), 'utf8')) as Manifest;
  }

  readSummary(id: string): Record<string, unknown> {
    return JSON.parse(readFileSync(join(this.dir, id, 'summary.json'), 'utf8')) as Record<string, unknown>;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function syncFile(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on directories; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
