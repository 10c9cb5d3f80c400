import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pdfDocument } from '../../../test/helpers/documents.ts';
import { gifImage, jpegImage, pngImage } from '../../../test/helpers/images.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { checkDocumentFile, checkTitle, DOCUMENT_MAX_BYTES } from './document-file.ts';
import { openDocument, sealDocument } from './document-sealing.ts';

const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidInput);
    return Object.values(error.fields)[0];
  }
  assert.fail('the input was accepted');
};

describe('a person’s document: its type from its bytes', () => {
  test('a whole PDF, a PNG and a JPEG are kept with the type their bytes tell', () => {
    assert.equal(checkDocumentFile(pdfDocument()).contentType, 'application/pdf');
    assert.equal(checkDocumentFile(pngImage(30, 20)).contentType, 'image/png');
    assert.equal(checkDocumentFile(jpegImage()).contentType, 'image/jpeg');
  });

  test('a text file, a GIF, a cut PDF, a cut PNG, an empty file and one byte beyond 10 MB are refused, each with its reason', () => {
    assert.deepEqual(problemOf(() => checkDocumentFile(Buffer.from('Bonjour, ceci est un texte renommé en .pdf\n'))), { code: 'document_format_refuse', found: 'autre' });
    assert.deepEqual(problemOf(() => checkDocumentFile(gifImage())), { code: 'document_format_refuse', found: 'gif' });
    const pdf = pdfDocument(4000);
    assert.deepEqual(problemOf(() => checkDocumentFile(pdf.subarray(0, pdf.length - 40))), { code: 'document_illisible', type: 'pdf' });
    assert.deepEqual(problemOf(() => checkDocumentFile(Buffer.from('%PDF-1.7\nstartxref\n999999\n%%EOF\n'))), { code: 'document_illisible', type: 'pdf' }, 'a trailer pointing outside the file');
    const png = pngImage(40, 40);
    assert.deepEqual(problemOf(() => checkDocumentFile(png.subarray(0, png.length - 12))), { code: 'document_illisible', type: 'png' });
    assert.deepEqual(problemOf(() => checkDocumentFile(Buffer.alloc(0))), { code: 'document_vide' });
    assert.deepEqual(problemOf(() => checkDocumentFile(undefined)), { code: 'document_manquant' });
    const heavy = Buffer.concat([pdfDocument(DOCUMENT_MAX_BYTES)]).subarray(0, DOCUMENT_MAX_BYTES + 1);
    assert.deepEqual(problemOf(() => checkDocumentFile(heavy)), { code: 'document_trop_lourd', maxBytes: DOCUMENT_MAX_BYTES });
    const atTheLimit = pdfDocument(DOCUMENT_MAX_BYTES - 1000);
    assert.ok(atTheLimit.length <= DOCUMENT_MAX_BYTES);
    assert.equal(checkDocumentFile(atTheLimit).size, atTheLimit.length);
  });

  test('a title is required, 120 characters at most, without control characters or line breaks', () => {
    assert.equal(checkTitle('  Carte d’identité  '), 'Carte d’identité');
    assert.deepEqual(problemOf(() => checkTitle('   ')), { code: 'document_titre_manquant' });
    assert.deepEqual(problemOf(() => checkTitle(undefined)), { code: 'document_titre_manquant' });
    assert.equal(checkTitle('é'.repeat(120)).length, 120);
    assert.deepEqual(problemOf(() => checkTitle('é'.repeat(121))), { code: 'document_titre_trop_long', max: 120 });
    assert.deepEqual(problemOf(() => checkTitle('Carte\u0000vitale')), { code: 'document_titre_caracteres' });
    assert.deepEqual(problemOf(() => checkTitle('Carte\nvitale')), { code: 'document_titre_caracteres' });
    assert.deepEqual(problemOf(() => checkTitle('Carte \uFFFD')), { code: 'document_titre_caracteres' });
  });

  test('sealed bytes open only on their own row and person', () => {
    const key = Buffer.alloc(32, 3);
    const sealed = sealDocument(key, 'document-a', 'person-a', Buffer.from('contenu'));
    const row = { sealed_iv: sealed.iv, sealed_tag: sealed.authTag, sealed_base64: sealed.ciphertext.toString('base64') };
    assert.equal(openDocument(key, 'document-a', 'person-a', row).toString(), 'contenu');
    const gone = (error: unknown) => error instanceof AppError && error.code === 'GONE';
    assert.throws(() => openDocument(key, 'document-b', 'person-a', row), gone);
    assert.throws(() => openDocument(key, 'document-a', 'person-b', row), gone);
    assert.throws(() => openDocument(Buffer.alloc(32, 4), 'document-a', 'person-a', row, { code: 'document_autre_cle' }), (error) => gone(error) && (error as AppError).problem?.code === 'document_autre_cle');
  });
});
