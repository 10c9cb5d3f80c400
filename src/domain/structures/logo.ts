import { crc32 } from 'node:zlib';
import { InvalidInput } from '../../shared/errors.ts';

/**
 * The structure's logo, printed at the head of its letters (issue 16). A file is trusted by
 * what its bytes are, never by its name or the type the browser announces: a PNG or a JPEG whose
 * structure is read through to its end, with its dimensions. Anything else is refused.
 */

export const LOGO_MAX_BYTES = 1024 * 1024;
/** A logo is a few hundred pixels wide; beyond this a small file may unpack to a huge picture. */
export const LOGO_MAX_SIDE = 5000;

export type LogoType = 'image/png' | 'image/jpeg';
export type CheckedLogo = { content: Buffer; contentType: LogoType; size: number; width: number; height: number };

/** What is wrong with the file sent as a logo; the staff dictionary words it (decision 0027). */
export type LogoProblem =
  | { code: 'logo_manquant' }
  | { code: 'logo_trop_lourd'; maxBytes: number }
  | { code: 'logo_format_refuse'; found: 'gif' | 'autre' }
  | { code: 'logo_illisible'; type: 'png' | 'jpeg' }
  | { code: 'logo_trop_grand'; maxSide: number };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_BIT_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

type Dimensions = { width: number; height: number };

/**
 * Walks every chunk of a PNG, each checked against its CRC, from IHDR (read for the size) to
 * IEND; null when the file is cut short, damaged or not laid out as a PNG is.
 */
export function readPng(bytes: Buffer): Dimensions | null {
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  let offset = 8;
  let size: Dimensions | null = null;
  let sawData = false;
  while (offset + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const end = offset + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return null;
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return null;
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length)) return null;
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (size === null) {
      if (type !== 'IHDR' || length !== 13) return null;
      const [width, height] = [data.readUInt32BE(0), data.readUInt32BE(4)];
      const [depth, colour, compression, filter, interlace] = [data[8]!, data[9]!, data[10]!, data[11]!, data[12]!];
      if (width === 0 || height === 0 || !PNG_BIT_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return null;
      size = { width, height };
    } else if (type === 'IDAT') {
      sawData = true;
    } else if (type === 'IEND') {
      return sawData ? size : null;
    }
    offset = end;
  }
  return null;
}

// Markers of a frame's header (SOF0–SOF15 but DHT, JPG and DAC), where the dimensions are.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

/**
 * Walks the segments of a JPEG from SOI to EOI, skipping the compressed data of each scan, and
 * reads the dimensions of its frame; null when the file is cut short or not laid out as a JPEG is.
 */
export function readJpeg(bytes: Buffer): Dimensions | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let offset = 2;
  let size: Dimensions | null = null;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    while (bytes[offset] === 0xff) offset += 1; // fill bytes
    const marker = bytes[offset];
    offset += 1;
    if (marker === undefined || marker === 0x00) return null;
    if (marker === 0xd9) return size;
    if (isRestart(marker) || marker === 0x01) continue;
    if (offset + 2 > bytes.length) return null;
    const length = bytes.readUInt16BE(offset);
    if (length < 2 || offset + length > bytes.length) return null;
    if (isStartOfFrame(marker)) {
      if (length < 8) return null;
      const height = bytes.readUInt16BE(offset + 3);
      const width = bytes.readUInt16BE(offset + 5);
      const components = bytes[offset + 7]!;
      if (width === 0 || height === 0 || components < 1 || components > 4) return null;
      size = { width, height };
    }
    offset += length;
    if (marker === 0xda) {
      if (size === null) return null;
      // The scan's data runs up to the next marker that is neither a stuffed 0xFF00 nor a restart.
      while (offset + 1 < bytes.length && !(bytes[offset] === 0xff && bytes[offset + 1] !== 0x00 && !isRestart(bytes[offset + 1]!))) offset += 1;
      if (offset + 1 >= bytes.length) return null;
    }
  }
  return null;
}

const refused = (problem: LogoProblem) => new InvalidInput<LogoProblem>({ logo: problem });

/**
 * The file as it may be stored, or InvalidInput on the field `logo`. `received` may hold one
 * byte more than the limit: the upload stops there, which is how a heavier file is told.
 */
export function checkLogo(received: Buffer | undefined): CheckedLogo {
  if (!received || received.length === 0) throw refused({ code: 'logo_manquant' });
  if (received.length > LOGO_MAX_BYTES) throw refused({ code: 'logo_trop_lourd', maxBytes: LOGO_MAX_BYTES });
  const isPng = received.subarray(0, 4).equals(PNG_SIGNATURE.subarray(0, 4));
  const isJpeg = received.length >= 3 && received[0] === 0xff && received[1] === 0xd8 && received[2] === 0xff;
  if (!isPng && !isJpeg) {
    const found = received.subarray(0, 4).toString('latin1') === 'GIF8' ? 'gif' : 'autre';
    throw refused({ code: 'logo_format_refuse', found });
  }
  const size = isPng ? readPng(received) : readJpeg(received);
  if (!size) throw refused({ code: 'logo_illisible', type: isPng ? 'png' : 'jpeg' });
  if (size.width > LOGO_MAX_SIDE || size.height > LOGO_MAX_SIDE) throw refused({ code: 'logo_trop_grand', maxSide: LOGO_MAX_SIDE });
  return { content: received, contentType: isPng ? 'image/png' : 'image/jpeg', size: received.length, ...size };
}
