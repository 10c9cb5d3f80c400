import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbeddedDatabaseStopped, isEmbeddedDatabaseStopped, isStorageFull } from './storage-errors.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

test('a full or read-only disk is told apart, whichever code PostgreSQL or Node gives it', () => {
  for (const error of [
    withCode('53100', 'could not extend file "base/5/16385": No space left on device'),
    withCode('42501', 'could not open file "base/5/6113": Read-only file system'),
    withCode('58030', 'could not write to file "pg_wal/xlogtemp.42": Read-only file system'),
    withCode('ENOSPC'),
    withCode('EROFS'),
    new Error('outer', { cause: withCode('53100') }),
  ]) {
    assert.equal(isStorageFull(error), true, String(error));
  }
});

test('other failures are not: a permission refused, a broken rule, a lost connection', () => {
  for (const error of [withCode('42501', 'permission denied for table x'), withCode('23505'), withCode('57P01'), withCode('ECONNREFUSED'), null, 'ENOSPC']) {
    assert.equal(isStorageFull(error), false, String(error));
  }
});

test('a stopped embedded database is recognised, even wrapped', () => {
  assert.equal(isEmbeddedDatabaseStopped(new EmbeddedDatabaseStopped('53100 could not write')), true);
  assert.equal(isEmbeddedDatabaseStopped(new Error('x', { cause: new EmbeddedDatabaseStopped('y') })), true);
  assert.equal(isEmbeddedDatabaseStopped(withCode('53100')), false);
});
