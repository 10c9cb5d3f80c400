import assert from 'node:assert/strict';
import { test } from 'node:test';
import { unzipSync } from 'fflate';
import { zipArchive, zipEntry } from './zip-writer.ts';

test('an archive of deflated and stored entries reads back whole, in order, with its date', () => {
  const text = Buffer.from('<w:t>Sophie LEFÈVRE</w:t>'.repeat(200), 'utf8');
  const image = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const entries = [zipEntry('word/document.xml', text), zipEntry('word/media/image1.png', image, false), zipEntry('docProps/été.xml', Buffer.alloc(0))];
  assert.ok(entries[0]!.data.length < text.length / 10, 'the XML is compressed');
  assert.deepEqual(entries[1]!.data, image, 'the image is stored as is');
  // The same entries go into several archives.
  for (const modified of [new Date('2026-11-26T14:05:32Z'), new Date('2027-01-01T00:00:00Z')]) {
    const archive = zipArchive(entries, modified);
    const files = unzipSync(archive);
    assert.deepEqual(Object.keys(files), ['word/document.xml', 'word/media/image1.png', 'docProps/été.xml']);
    assert.deepEqual(Buffer.from(files['word/document.xml']!), text);
    assert.deepEqual(Buffer.from(files['word/media/image1.png']!), image);
    assert.equal(files['docProps/été.xml']!.length, 0);
    // Date of the local header of the first file (MS-DOS format, two seconds precision).
    const day = archive.readUInt16LE(12);
    const time = archive.readUInt16LE(10);
    assert.deepEqual([(day >> 9) + 1980, (day >> 5) & 15, day & 31], [modified.getUTCFullYear(), modified.getUTCMonth() + 1, modified.getUTCDate()]);
    assert.deepEqual([time >> 11, (time >> 5) & 63, (time & 31) * 2], [modified.getUTCHours(), modified.getUTCMinutes(), modified.getUTCSeconds() & ~1]);
  }
});
