import { crc32, deflateRawSync } from 'node:zlib';

/** One file of a ZIP archive, compressed once: an entry can go into any number of archives. */
export type ZipEntry = { name: Buffer; crc: number; size: number; method: 0 | 8; data: Buffer };

/** Compressed with deflate (method 8), or stored as is (method 0) when it is compressed already. */
export function zipEntry(name: string, content: Uint8Array, compress = true): ZipEntry {
  const data = compress ? deflateRawSync(content, { level: 6 }) : Buffer.from(content);
  return { name: Buffer.from(name, 'utf8'), crc: crc32(content), size: content.length, method: compress ? 8 : 0, data };
}

const UTF8_NAMES = 0x0800;
const VERSION = 20; // 2.0: deflate, folders

/** The time and date fields of the format (two seconds precision, from 1980). */
function dosDateTime(date: Date): { time: number; day: number } {
  const time = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  const day = ((Math.max(date.getUTCFullYear(), 1980) - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  return { time, day };
}

/** The fields the local header and the central directory share, from « version needed » to the name's length. */
function sharedFields(entry: ZipEntry, when: { time: number; day: number }): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(VERSION, 0);
  fields.writeUInt16LE(UTF8_NAMES, 2);
  fields.writeUInt16LE(entry.method, 4);
  fields.writeUInt16LE(when.time, 6);
  fields.writeUInt16LE(when.day, 8);
  fields.writeUInt32LE(entry.crc, 10);
  fields.writeUInt32LE(entry.data.length, 14);
  fields.writeUInt32LE(entry.size, 18);
  fields.writeUInt16LE(entry.name.length, 22);
  fields.writeUInt16LE(0, 24); // no extra field
  return fields;
}

/** A ZIP archive (PKWARE APPNOTE, without ZIP64: each file and the archive stay under 4 GiB) of the entries, in order. */
export function zipArchive(entries: ZipEntry[], modified: Date): Buffer {
  const when = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const shared = sharedFields(entry, when);
    const local = Buffer.alloc(4);
    local.writeUInt32LE(0x04034b50, 0);
    chunks.push(local, shared, entry.name, entry.data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4); // made by
    shared.copy(central, 6);
    // comment length, disk number, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    directory.push(central, entry.name);
    offset += local.length + shared.length + entry.name.length + entry.data.length;
  }
  const directorySize = directory.reduce((size, chunk) => size + chunk.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}
