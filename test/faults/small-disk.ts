import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real disk of its own for a data folder: a tmpfs of `size`, filled by one big file and freed
 * again, unmounted after the test (and, lazily, if the process exits before).
 */
export function smallDisk(prefix: string, size = '160m') {
  const path = mkdtempSync(join(tmpdir(), prefix));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]);
  let mounted = true;
  process.once('exit', () => {
    if (mounted) execFileSync('umount', ['-l', path], { stdio: 'ignore' });
  });
  const filler = join(path, 'filler');
  return {
    path,
    fill() {
      const free = statfsSync(path).bavail * statfsSync(path).bsize;
      if (free > 0) execFileSync('fallocate', ['-l', String(free), filler]);
      assert.ok(statfsSync(path).bavail < 4, 'the disk is full');
    },
    free: () => rmSync(filler, { force: true }),
    remove() {
      rmSync(filler, { force: true });
      if (mounted) execFileSync('umount', ['-l', path]);
      mounted = false;
      rmSync(path, { recursive: true, force: true });
    },
  };
}
