import { spawnSync } from 'node:child_process';

/**
 * Some tests need a program from outside npm (LibreOffice, pdftotext, a PostgreSQL server,
 * Chromium). On a developer's machine without it, such a test is skipped and says which
 * program is missing and how to install it; in CI (`CI=true`) a missing program fails the test,
 * so nothing is ever skipped there.
 */
export type ExternalTool = { command: string; args?: string[]; install: string };

export const tools = {
  soffice: { command: 'soffice', args: ['--version'], install: 'apt-get install libreoffice-writer-nogui fonts-liberation2' },
  pdftotext: { command: 'pdftotext', args: ['-v'], install: 'apt-get install poppler-utils' },
  // A strict reader of the PDF's structure (cross-references, trailer), beyond what pdftotext forgives.
  qpdf: { command: 'qpdf', args: ['--version'], install: 'apt-get install qpdf' },
  chromium: { command: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--version'], install: 'apt-get install chromium' },
  postgres: { command: 'bash', args: ['-c', 'ls -d /usr/lib/postgresql/*/bin/pg_ctl'], install: 'apt-get install postgresql' },
  // Mounting a small disk of its own needs root and the right to mount: tried for real.
  mount: {
    command: 'bash',
    args: ['-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=1m tmpfs "$d" && umount "$d" && rmdir "$d" && command -v fallocate'],
    install: 'root, with the right to mount a tmpfs (mount -t tmpfs), and util-linux',
  },
  // A disk that turns read-only under a running app, as ext4 does after an error: a loop device.
  ext4Loop: {
    command: 'bash',
    args: ['-c', 'i=$(mktemp) && d=$(mktemp -d) && truncate -s 8M "$i" && mkfs.ext4 -q -F "$i" && mount -o loop "$i" "$d" && s=$(basename $(findmnt -n -o SOURCE "$d")) && test -w /sys/fs/ext4/$s/trigger_fs_error; r=$?; umount "$d"; rmdir "$d"; rm -f "$i"; exit $r'],
    install: 'root, loop devices (/dev/loop*), e2fsprogs (mkfs.ext4) and util-linux (losetup, findmnt)',
  },
} satisfies Record<string, ExternalTool>;

const found = new Map<ExternalTool, boolean>();

function isInstalled(tool: ExternalTool): boolean {
  if (!found.has(tool)) {
    const run = spawnSync(tool.command, tool.args ?? [], { stdio: 'ignore', timeout: 60_000 });
    found.set(tool, run.error === undefined && run.status === 0);
  }
  return found.get(tool)!;
}

/**
 * `false` when every tool is there; otherwise the reason to skip, to pass as `{ skip }` to
 * `test()` or `describe()`. Under CI it throws instead, failing the run.
 */
export function missingTools(...needed: ExternalTool[]): string | false {
  const missing = needed.filter((tool) => !isInstalled(tool));
  if (missing.length === 0) return false;
  const reason = `outil absent : ${missing.map((tool) => `${tool.command} (${tool.install})`).join(', ')}`;
  if (process.env.CI === 'true') throw new Error(`CI: ${reason}`);
  return reason;
}
