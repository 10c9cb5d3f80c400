import { cpSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite, PGliteOptions } from '@electric-sql/pglite';
import { ROOM_FOR_JOURNAL, type StandIn } from './pglite-guard.ts';

/** Memory first (a tmpfs on Linux), then the system's temporary folder, which may sit on another disk. */
const PLACES = ['/dev/shm', tmpdir()];

function folderSize(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + statSync(join(entry.parentPath, entry.name)).size, 0);
}

function freeBytes(place: string): number {
  try {
    const disk = statfsSync(place);
    return disk.bavail * disk.bsize;
  } catch {
    return 0;
  }
}

/**
 * A copy of the embedded database's folder, opened where there is room, in which every
 * transaction is read-only: while the data folder's disk refuses writes, people still read
 * their files, and every change is refused (25006, shown as « disque plein ou protégé en
 * écriture »). The copy is deleted when the real database comes back (decision 0022).
 */
export function readOnlyCopy(folder: string, open: (options: PGliteOptions) => Promise<PGlite>): () => Promise<StandIn> {
  return async () => {
    // Recovery replays the journal into the copy: room for it, beyond the folder's own size.
    const needed = folderSize(folder) + ROOM_FOR_JOURNAL;
    const place = PLACES.find((candidate) => freeBytes(candidate) >= needed);
    if (!place) throw new Error('no room for a read-only copy of the database');
    const copy = mkdtempSync(join(place, 'domiciliation-lecture-seule-'));
    const discardCopy = () => rmSync(copy, { recursive: true, force: true });
    try {
      cpSync(folder, copy, { recursive: true });
      const instance = await open({ dataDir: copy, postgresqlconf: ['default_transaction_read_only = on'] });
      return {
        instance,
        discard: async () => {
          await instance.close().catch(() => {});
          discardCopy();
        },
      };
    } catch (error) {
      discardCopy();
      throw error;
    }
  };
}
