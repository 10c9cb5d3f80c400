import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { strToU8, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { AppError } from '../../shared/errors.ts';
import { csvOf, headers, person, readAll, xlsxOf } from './import.fixtures.ts';
import { readTemplate } from './import-reading.ts';
import { MAX_IMPORT_BYTES, type ImportFileProblem } from './import-problems.ts';

const today = '2026-04-01';

async function refusal(bytes: Uint8Array, fileName = 'domicilies.xlsx'): Promise<ImportFileProblem> {
  try {
    await readAll(readTemplate({ bytes, fileName }, { today }));
  } catch (error) {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, 'INVALID_INPUT');
    return error.problem as ImportFileProblem;
  }
  assert.fail('the file was read');
}

/** An OLE compound file's first bytes, then its directory naming `stream` (UTF-16, as Office writes it). */
const compoundFile = (stream: string) => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);

test('a renamed PDF or image is not a spreadsheet', async () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0x10]), Buffer.alloc(200, 7)]);
  assert.deepEqual(await refusal(pdf), { code: 'import_pas_un_tableur' });
  assert.deepEqual(await refusal(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')), { code: 'import_pas_un_tableur' });
});

test('a password-protected workbook and an old .xls are told apart by their compound file', async () => {
  assert.deepEqual(await refusal(compoundFile('EncryptionInfo\0EncryptedPackage')), { code: 'import_classeur_protege' });
  assert.deepEqual(await refusal(compoundFile('Workbook')), { code: 'import_ancien_format_excel' });
});

test('a zip that is not a workbook, a damaged workbook and an empty file are refused', async () => {
  assert.deepEqual(await refusal(zipSync({ 'word/document.xml': strToU8('<w:document/>') })), { code: 'import_pas_un_tableur' });
  const workbook = await xlsxOf([headers, person()]);
  assert.deepEqual(await refusal(workbook.subarray(0, workbook.length - 200)), { code: 'import_fichier_illisible' });
  const damaged = Buffer.from(workbook);
  damaged.fill(0x41, 300, 900);
  assert.deepEqual(await refusal(damaged), { code: 'import_fichier_illisible' });
  assert.deepEqual(await refusal(new Uint8Array(0)), { code: 'import_fichier_vide' });
  assert.deepEqual(await refusal(await xlsxOf([headers])), { code: 'import_fichier_vide' });
});

test('another layout is not the template, in xlsx as in CSV', async () => {
  const other = [['Nom', 'Prénom', 'Date de naissance', 'Statut', 'Adresse'], ['Martin', 'Lucie', '14/03/1985', 'VALIDE', '1 rue X']];
  assert.equal((await refusal(await xlsxOf(other))).code, 'import_pas_le_modele');
  assert.deepEqual(await refusal(Buffer.from(csvOf(other)), 'f.csv'), { code: 'import_pas_le_modele', recognized: 5, expected: 52 });
  assert.equal((await refusal(Buffer.from('Bonjour,\nceci est une lettre.\n'), 'lettre.txt')).code, 'import_pas_le_modele');
});

test('a file over 50 MB is refused before anything is read', async () => {
  const heavy = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x41);
  heavy.write('PK\x03\x04', 0, 'latin1');
  assert.deepEqual(await refusal(heavy), { code: 'import_fichier_trop_lourd', maxBytes: MAX_IMPORT_BYTES });
});

/** fflate writes the headers; the repeated byte is deflated by Node's zlib, many times faster (decision 0025). */
class Deflated extends ZipPassThrough {
  constructor(name: string, private readonly deflated: Uint8Array) {
    super(name);
    this.compression = 8;
  }

  protected override process(_source: Uint8Array, final: boolean): void {
    if (final) this.ondata(null, this.deflated as Uint8Array<ArrayBuffer>, true);
  }
}

/** A workbook whose `part` inflates to `megabytes` of spaces: a few hundred kilobytes on disk. */
function bomb(part: string, megabytes: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, text] of Object.entries({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' })) {
    if (name === part) continue;
    const file = new ZipDeflate(name);
    zip.add(file);
    file.push(strToU8(text), true);
  }
  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  const deflate = deflateRawSync(Buffer.alloc(megabytes * megabyte.length, 0x20), { level: 1 });
  const file = new Deflated(part, deflate);
  zip.add(file);
  for (let index = 0; index < megabytes; index++) file.push(megabyte, index === megabytes - 1);
  zip.end();
  return Buffer.concat(chunks);
}

test('a zip bomb is refused while it inflates, past 200 MB in all or 32 MB of shared strings', async () => {
  const sheetBomb = bomb('xl/worksheets/sheet1.xml', 210);
  assert.ok(sheetBomb.length < 2 * 1024 * 1024, `${sheetBomb.length} bytes`);
  assert.deepEqual(await refusal(sheetBomb), { code: 'import_classeur_trop_gros', maxBytes: 200 * 1024 * 1024 });
  assert.equal((await refusal(bomb('xl/sharedStrings.xml', 33))).code, 'import_classeur_trop_gros');
});

test('thousands of formulas without results are reported row by row, never evaluated', async () => {
  const rows = Array.from({ length: 2000 }, (_, index) => person({ nom: { formula: `UPPER("n${index}")` }, date_naissance: { formula: 'TODAY()-10000' } }));
  const events = await readAll(readTemplate({ bytes: await xlsxOf([headers, ...rows]), fileName: 'f.xlsx' }, { today }));
  assert.equal(events.length, 2000);
  assert.ok(events.every((event) => event.kind === 'problems' && event.problems.map((problem) => problem.problem.code).join() === 'import_formule_sans_resultat,import_formule_sans_resultat'));
});
