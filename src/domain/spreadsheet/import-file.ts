import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { cellFromExcel, textCell, type Cell } from './cell-values.ts';
import {
  MAX_IMPORT_BYTES,
  MAX_INFLATED_BYTES,
  MAX_SHARED_STRINGS_BYTES,
  MAX_SMALL_PART_BYTES,
  isFileRefusal,
  refuseFile,
} from './import-problems.ts';

/** The uploaded file as the job keeps it: its bytes and the name the person gave it. */
export type ImportSource = { bytes: Uint8Array; fileName: string };

/** One row of the sheet: its number (from 1, the header's) and its cells from column A. */
export type RawRow = { line: number; cells: Cell[] };
/** Cells are read up to the template's last column, AZ: anything to the right is not the template's. */
const READ_COLUMNS = 52;
const CHUNK = 256 * 1024;

export type FileFormat = 'xlsx' | 'csv';

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: an old .xls, or an .xlsx encrypted by a password (the package sits inside). */
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Text a person could have saved from a spreadsheet: no NUL byte and few control characters. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20)) control++;
  }
  return control <= head.length / 100;
}

/** What the file is, by its first bytes (never by its name alone); refuses what the import cannot read. */
export function fileFormat(source: ImportSource): FileFormat {
  const { bytes } = source;
  if (bytes.length > MAX_IMPORT_BYTES) throw refuseFile({ code: 'import_fichier_trop_lourd', maxBytes: MAX_IMPORT_BYTES });
  if (bytes.length === 0) throw refuseFile({ code: 'import_fichier_vide' });
  if (startsWith(bytes, ZIP)) return 'xlsx';
  if (startsWith(bytes, COMPOUND_FILE)) {
    const encrypted = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
    throw refuseFile({ code: encrypted ? 'import_classeur_protege' : 'import_ancien_format_excel' });
  }
  if (looksLikeText(bytes)) return 'csv';
  throw refuseFile({ code: 'import_pas_un_tableur' });
}

/**
 * Inflates every part of the workbook once, keeping nothing, before exceljs reads it: exceljs
 * streams the parts through unzipper without bounding them, so a small file that inflates to
 * gigabytes (a zip bomb) or a huge table of shared strings held in memory is refused here.
 * Also refuses a zip that is not a workbook (a .docx, an .ods) and a damaged one.
 */
export function checkWorkbookArchive(bytes: Uint8Array): void {
  let total = 0;
  let tooLarge = false;
  let unreadable = false;
  const names = new Set<string>();
  const unzip = new Unzip((file) => {
    names.add(file.name);
    const limit = file.name === 'xl/sharedStrings.xml' ? MAX_SHARED_STRINGS_BYTES : /^xl\/worksheets\/sheet\d+\.xml$/.test(file.name) ? Infinity : MAX_SMALL_PART_BYTES;
    let inflated = 0;
    file.ondata = (error, data) => {
      if (error) {
        unreadable = true;
        return;
      }
      inflated += data.length;
      total += data.length;
      if (inflated > limit || total > MAX_INFLATED_BYTES) {
        tooLarge = true;
        file.terminate();
      }
    };
    try {
      file.start();
    } catch {
      unreadable = true; // a compression method other than stored or deflate
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < bytes.length && !tooLarge && !unreadable; offset += CHUNK) {
      unzip.push(bytes.subarray(offset, offset + CHUNK), offset + CHUNK >= bytes.length);
    }
  } catch {
    unreadable = true;
  }
  if (tooLarge) throw refuseFile({ code: 'import_classeur_trop_gros', maxBytes: MAX_INFLATED_BYTES });
  if (unreadable) throw refuseFile({ code: 'import_fichier_illisible' });
  if (!names.has('xl/workbook.xml')) throw refuseFile({ code: 'import_pas_un_tableur' });
  if (![...names].some((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))) throw refuseFile({ code: 'import_fichier_vide' });
}

function* chunksOf(bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.length; offset += CHUNK) yield bytes.subarray(offset, offset + CHUNK);
}

type WorkbookProperties = { properties?: { model?: { date1904?: boolean } } };

/**
 * exceljs's streaming reader sometimes loses the archive's last part when it had to set a
 * worksheet aside to wait for the shared strings (workbooks written by exceljs end with
 * xl/workbook.xml): it then fails before the first row, on the same bytes that read well the
 * next time. The bytes are in memory, so such a failure is read again, a few times at most.
 */
const READ_ATTEMPTS = 3;

/** The first worksheet's rows, streamed: exceljs reads the sheet's XML as it comes. */
export async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<RawRow & { date1904: boolean }> {
  checkWorkbookArchive(bytes);
  for (let attempt = 1; ; attempt++) {
    let started = false;
    const input = Readable.from(chunksOf(bytes));
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore' });
    try {
      for await (const worksheet of reader) {
        const date1904 = (reader as unknown as WorkbookProperties).properties?.model?.date1904 === true;
        for await (const row of worksheet) {
          started = true;
          const values = row.values as unknown[];
          const cells: Cell[] = [];
          for (let column = 1; column <= Math.min(values.length - 1, READ_COLUMNS); column++) cells.push(cellFromExcel(values[column]));
          yield { line: row.number, cells, date1904 };
        }
        return;
      }
      return;
    } catch (error) {
      if (isFileRefusal(error)) throw error;
      // Damaged XML inside a sound archive fails every time: exceljs throws what its parser met.
      if (started || attempt >= READ_ATTEMPTS) throw refuseFile({ code: 'import_fichier_illisible' });
    } finally {
      input.destroy();
    }
  }
}

/** The separator of a CSV file: the one its header line uses most, outside quotes. */
export function csvSeparator(headerLine: string): ';' | ',' | '\t' {
  const outsideQuotes = headerLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((separator) => [separator, outsideQuotes.split(separator).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/**
 * A CSV file's records, streamed: UTF-8 with or without BOM, else Windows-1252 (what Excel
 * writes in France when asked for « CSV (séparateur : point-virgule) »); `;`, `,` or a tab.
 */
export async function* csvRows(bytes: Uint8Array): AsyncGenerator<RawRow> {
  const encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  const head = new TextDecoder(encoding).decode(bytes.subarray(0, 64 * 1024));
  const separator = csvSeparator(head.split(/\r?\n|\r/, 1)[0] ?? '');
  const decoder = new TextDecoder(encoding);
  const text = Readable.from(
    (function* () {
      for (const chunk of chunksOf(bytes)) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    })(),
  );
  const parser = parseCsv({ delimiter: separator, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, max_record_size: 1_000_000 });
  text.pipe(parser);
  let line = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++;
      yield { line, cells: record.slice(0, READ_COLUMNS).map(textCell) };
    }
  } catch {
    throw refuseFile({ code: 'import_fichier_illisible' });
  } finally {
    text.destroy();
    parser.destroy();
  }
}
