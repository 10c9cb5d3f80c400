import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PGlite } from '@electric-sql/pglite';
import { guardPglite, InstanceReplaced } from './pglite-guard.ts';
import { EmbeddedDatabaseStopped, isEmbeddedDatabaseReadOnly } from './storage-errors.ts';

/** A backend ErrorResponse as PostgreSQL writes it: severity, non-localised severity, code, message. */
function errorResponse(severity: string, code: string, message: string): Buffer {
  const fields = Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${message}\0\0`, 'latin1');
  const length = Buffer.alloc(4);
  length.writeInt32BE(fields.length + 4);
  return Buffer.concat([Buffer.from('E'), length, fields]);
}
const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
const rows = Buffer.alloc(3000, 0x44);

/** A stand-in for PGlite that answers each call with the next list of pieces, and counts its calls. */
function fakePglite(answers: Buffer[][]) {
  const fake = {
    calls: 0,
    closed: false,
    waitReady: Promise.resolve(),
    async execProtocolRawStream(_message: Uint8Array, options: { onRawData: (piece: Uint8Array) => void }) {
      const pieces = answers[fake.calls++] ?? [readyForQuery];
      for (const piece of pieces) options.onRawData(piece);
    },
    async close() {
      fake.closed = true;
    },
    async query() {
      fake.calls++;
    },
  };
  return fake;
}

const call = (pglite: PGlite) => {
  const received: Uint8Array[] = [];
  return pglite.execProtocolRawStream(Buffer.from('Q'), { onRawData: (piece) => void received.push(piece) }).then(() => received);
};
const quiet = { stopped: () => {}, readOnly: () => {}, reopened: () => {} };
const journalFull = errorResponse('ERROR', '53100', 'could not write to file "pg_wal/xlogtemp.42": No space left on device');

describe('the PGlite guard', () => {
  test('passes answers through, ordinary errors and a full table included', async () => {
    const tableFull = errorResponse('ERROR', '53100', 'could not extend file "base/5/16385": No space left on device');
    const fake = fakePglite([[rows, readyForQuery], [errorResponse('ERROR', '23505', 'duplicate key'), readyForQuery], [tableFull, readyForQuery], [readyForQuery]]);
    const guarded = guardPglite(fake as unknown as PGlite, { reopen: () => assert.fail('no reopening'), events: quiet });
    assert.equal((await call(guarded)).length, 2);
    await call(guarded);
    await call(guarded);
    await call(guarded);
    assert.equal(fake.calls, 4);
  });

  test('after a failed journal write, even split across two pieces, the instance is never called again', async () => {
    const cut = 40;
    const fake = fakePglite([[rows, Buffer.concat([rows.subarray(0, 10), journalFull.subarray(0, cut)]), journalFull.subarray(cut), readyForQuery]]);
    const stopped: string[] = [];
    const guarded = guardPglite(fake as unknown as PGlite, { reopen: () => Promise.reject(new Error('still full')), events: { ...quiet, stopped: (reason) => stopped.push(reason) } });
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    assert.deepEqual(stopped, ['could not write to file "pg_wal/xlogtemp.42": No space left on device']);
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    await assert.rejects(guarded.query('SELECT 1'), EmbeddedDatabaseStopped);
    await guarded.close();
    assert.equal(fake.calls, 1, 'the stopped instance was not called again');
    assert.equal(fake.closed, false, 'nor closed: closing would run it');
  });

  test('a PANIC, or PGlite itself throwing, stops it too; a new instance takes over once it opens', async () => {
    const first = fakePglite([[errorResponse('PANIC', '58030', 'could not write to log file')]]);
    const second = fakePglite([]);
    let reopened = 0;
    const guarded = guardPglite(first as unknown as PGlite, { reopen: async () => second as unknown as PGlite, events: { ...quiet, reopened: () => reopened++ } });
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    await call(guarded);
    assert.deepEqual([first.calls, second.calls, reopened], [1, 1, 1]);
    const throwing = { waitReady: Promise.resolve(), execProtocolRawStream: () => Promise.reject(new Error('RuntimeError: unreachable')) };
    const broken = guardPglite(throwing as unknown as PGlite, { reopen: () => Promise.reject(new Error('no')), events: quiet });
    await assert.rejects(call(broken), EmbeddedDatabaseStopped);
  });

  test('while the folder cannot be reopened, a stand-in answers; once it can, the new instance takes over and the stand-in is discarded', async () => {
    const first = fakePglite([[journalFull, readyForQuery]]);
    const copy = fakePglite([]);
    const fresh = fakePglite([]);
    let writable = false;
    let discarded = 0;
    const told: string[] = [];
    const guarded = guardPglite(first as unknown as PGlite, {
      reopen: async () => fresh as unknown as PGlite,
      canReopen: () => writable,
      standIn: async () => ({ instance: copy as unknown as PGlite, discard: async () => void discarded++ }),
      events: { stopped: () => told.push('stopped'), readOnly: () => told.push('read-only'), reopened: () => told.push('reopened') },
    });
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    await call(guarded);
    await call(guarded);
    assert.deepEqual([first.calls, copy.calls, fresh.calls], [1, 2, 0], 'the stand-in answered, the stopped instance was left alone');
    assert.equal(isEmbeddedDatabaseReadOnly(), true);
    writable = true;
    await call(guarded);
    assert.equal(copy.calls, 3, 'recovery is tried at most every 2 s');
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    await call(guarded);
    assert.deepEqual([copy.calls, fresh.calls, discarded], [3, 1, 1]);
    // A connection opened on the copy holds statements prepared there: its next call is refused, so pg drops it.
    const fromCopy = guarded.execProtocolRawStream(Buffer.from('Q'), { onRawData: () => {}, expected: copy } as Parameters<PGlite['execProtocolRawStream']>[1]);
    await assert.rejects(fromCopy, (error: Error & { code?: string }) => error instanceof InstanceReplaced && error.code === '08006');
    assert.equal(fresh.calls, 1);
    assert.equal(isEmbeddedDatabaseReadOnly(), false);
    assert.deepEqual(told, ['stopped', 'read-only', 'reopened']);
    await guarded.close();
    assert.equal(fresh.closed, true);
  });

  test('a stand-in that fails in turn is dropped, and a new one is made at the next try', async () => {
    const first = fakePglite([[journalFull, readyForQuery]]);
    const copies = [fakePglite([[errorResponse('PANIC', '58030', 'could not write')]]), fakePglite([])];
    let made = 0;
    const guarded = guardPglite(first as unknown as PGlite, {
      reopen: () => assert.fail('the folder is never reopened here'),
      canReopen: () => false,
      standIn: async () => ({ instance: copies[made++] as unknown as PGlite, discard: async () => {} }),
      events: quiet,
    });
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    await assert.rejects(call(guarded), EmbeddedDatabaseStopped);
    await new Promise((resolve) => setTimeout(resolve, 2_050));
    await call(guarded);
    assert.deepEqual([made, copies[1]!.calls], [2, 1]);
    await guarded.close();
  });
});
