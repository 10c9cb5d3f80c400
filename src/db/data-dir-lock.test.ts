import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { lockDataDir } from './data-dir-lock.ts';

const root = new URL('../..', import.meta.url).pathname;

test('a second application process on the same data folder refuses to start with a clear message', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'domiciliation-lock-'));
  const release = lockDataDir(dataDir);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', DATABASE_URL: '', NODE_ENV: 'development' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 1);
    assert.match(stderr, /déjà utilisé par un autre processus/);
  } finally {
    release();
  }
});

test('a lock left by a process that is gone is taken over', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'domiciliation-lock-'));
  writeFileSync(join(dataDir, 'app.lock'), '999999999');
  const release = lockDataDir(dataDir);
  assert.equal(readFileSync(join(dataDir, 'app.lock'), 'utf8'), String(process.pid));
  release();
  assert.equal(existsSync(join(dataDir, 'app.lock')), false);
});
