import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFPage } from 'pdf-lib';
import { missingTools, tools } from '../../../test/helpers/external-tools.ts';
import { ATTESTATION_FORM_FILE } from './attestation-layout.ts';
import { DEMANDE_FORM_FILE, demandeFields } from './demande-layout.ts';
import { FormFilling, pdfBytes } from './form-filling.ts';
import { line, wordsOfPages } from './pdf-words.fixtures.ts';
import { preparedForm } from './prepared-form.ts';

/** The decoded bytes of each content stream of a page, in order. */
function contentsOf(document: PDFDocument, page: PDFPage): string[] {
  const contents = page.node.get(PDFName.of('Contents'))!;
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs.map((ref) => Buffer.from(decodePDFRawStream(document.context.lookup(ref) as PDFRawStream).decode()).toString('latin1'));
}

describe('a prepared official form, filled', () => {
  test('a strict reader finds nothing to repair: the update keeps the base trailer\'s size and identifier', { skip: missingTools(tools.qpdf) }, async () => {
    for (const file of [ATTESTATION_FORM_FILE, DEMANDE_FORM_FILE]) {
      const dir = mkdtempSync(join(tmpdir(), 'formulaire-'));
      try {
        writeFileSync(join(dir, 'f.pdf'), pdfBytes(new FormFilling(await preparedForm(file)).pdf()));
        // qpdf exits 0 when clean, 3 with warnings (a wrong /Size, a broken reference), 2 on errors.
        const run = spawnSync('qpdf', ['--check', join(dir, 'f.pdf')], { encoding: 'utf8' });
        assert.equal(run.status, 0, `${file}: ${run.stdout}${run.stderr}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  test("each page keeps the form's own content stream, byte for byte, then the values", async () => {
    for (const file of [ATTESTATION_FORM_FILE, DEMANDE_FORM_FILE]) {
      const blank = await PDFDocument.load(readFileSync(new URL(`../../../assets/forms/${file}`, import.meta.url)));
      const filled = await PDFDocument.load(pdfBytes(new FormFilling(await preparedForm(file)).pdf()));
      assert.equal(filled.getPageCount(), blank.getPageCount());
      filled.getPages().forEach((page, index) => {
        const own = contentsOf(blank, blank.getPage(index));
        const contents = contentsOf(filled, page);
        assert.deepEqual(contents.slice(1, -2), own, `${file}, page ${index + 1}`);
        assert.deepEqual([contents[0]!.trim(), contents.at(-2)!.trim()], ['q', 'Q']);
      });
    }
  });

  test('two documents filled at once each hold their own values only; a letter typed with a separate accent prints as one, other alphabets print', { skip: missingTools(tools.pdftotext) }, async () => {
    const form = await preparedForm(DEMANDE_FORM_FILE);
    const first = new FormFilling(form);
    const second = new FormFilling(form);
    first.fillLine(demandeFields.noms, 'PREMIÈRE');
    second.fillLine(demandeFields.noms, 'SECONDE');
    second.fillLine(demandeFields.prenoms, 'Zoe\u0301');
    second.fillLine(demandeFields.birthPlace, 'Москва, Αθήνα, Hà Nội');
    const [firstPage] = wordsOfPages(first.pdf());
    const [secondPage] = wordsOfPages(second.pdf());
    assert.equal(line(firstPage!, 702.8), 'Nom(s) : PREMIÈRE');
    assert.equal(line(firstPage!, 682.6), 'Prénom(s) :');
    assert.equal(line(secondPage!, 702.8), 'Nom(s) : SECONDE');
    assert.equal(line(secondPage!, 682.6), 'Prénom(s) : Zoé');
    assert.equal(line(secondPage!, 662.4), 'Date de naissance : Lieu de naissance : Москва, Αθήνα, Hà Nội', 'Cyrillic, Greek, Vietnamese');
  });

  test("the values name only the font and the boxes' drawings that their page's resources hold", async () => {
    const filling = new FormFilling(await preparedForm(DEMANDE_FORM_FILE));
    filling.fillLine(demandeFields.noms, 'DUPONT');
    filling.choose(demandeFields.requestKind, '2');
    const document = await PDFDocument.load(pdfBytes(filling.pdf()));
    for (const page of document.getPages()) {
      const values = contentsOf(document, page).at(-1)!;
      const resources = page.node.Resources()!;
      const names = (kind: 'Font' | 'XObject') => new Set((resources.lookup(PDFName.of(kind), PDFDict)?.keys() ?? []).map((key) => key.asString()));
      // The operand just before « Tf » (after its size) and just before « Do », whole tokens as a reader splits them.
      const used = (pattern: RegExp) => [...values.matchAll(pattern)].map((match) => match[1]!);
      assert.ok(used(/(\S+) Do/g).length > 0);
      for (const name of used(/(\S+) Do/g)) assert.ok(names('XObject').has(name), `${name} Do`);
      for (const name of used(/(\S+) \S+ Tf/g)) assert.ok(names('Font').has(name), `${name} Tf`);
    }
  });

  test('a field the form does not have, or a box it does not offer, is a mistake that stops the document', async () => {
    const filling = new FormFilling(await preparedForm(DEMANDE_FORM_FILE));
    assert.throws(() => filling.fillLine('noms3', 'DUPONT'), /champ_inconnu/);
    assert.throws(() => filling.choose(demandeFields.requestKind, '3'), /case_inconnue/);
  });
});
