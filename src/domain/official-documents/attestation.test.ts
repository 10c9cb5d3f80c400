import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { missingTools, tools } from '../../../test/helpers/external-tools.ts';
import { type AttestationData, fillAttestation } from './attestation.ts';
import { pdfBytes, type PdfParts } from './form-filling.ts';
import { line, linesIn, type Word, wordsOfPages } from './pdf-words.fixtures.ts';

const marie: AttestationData = {
  person: { sexe: 'femme', nom: 'DUPONT', prenom: 'Marie', birthDate: '1985-03-14', birthPlace: 'Łódź (Pologne)' },
  ayantsDroit: [
    { nom: 'DUPONT', prenom: 'Léa', birthDate: '2015-06-02' },
    { nom: "N'DIAYE", prenom: 'Amadou', birthDate: null },
  ],
  structure: {
    name: 'Association Abri',
    type: 'association',
    communeArrondissement: 'Lyon 2e',
    responsable: { nom: 'MARTIN', prenom: 'Claire', fonction: 'directrice' },
    agrement: { prefecture: 'Préfecture du Rhône', numero: 'DDETS-69-2024-017' },
    addressLines: ['12 rue de la République', '69002 Lyon'],
    email: 'contact@abri.example',
    phone: '04 72 00 00 00',
    city: 'Lyon',
  },
  decision: { start: '2026-01-15', end: '2027-01-14', decidedOn: '2026-01-12', firstDomiciliation: '2024-01-15', renewal: false },
};

/** The one page's words. */
const wordsOf = (pdf: PdfParts): Word[] => wordsOfPages(pdf)[0]!;

// The middle of each line of the form, measured on the blank page.
const lines = {
  sexe: 720.5,
  noms: 700.2,
  prenoms: 680,
  birth: 660,
  structureName: 540.3,
  rattachement: 522.7,
  responsable: 503.5,
  prefecture: 481.4,
  agrement: 460.5,
  structureAddress: 439.6,
  email: 418.7,
  phone: 397.8,
  postalNames: 338.1,
  validity: 192.3,
  firstDomiciliation: 131.8,
  madeAt: 106,
};

const skip = missingTools(tools.pdftotext);

describe('the attestation d’élection de domicile (CERFA n° 16030*01)', { skip }, () => {
  test('the official form, filled: the person, the structure, the validity, « Fait à … le … »', async () => {
    const words = wordsOf(await fillAttestation(marie));
    const text = (y: number) => line(words, y);
    assert.equal(text(lines.noms), 'Nom(s) : DUPONT', 'the name on the first block’s « Nom(s) » line, which has no field');
    assert.equal(text(lines.prenoms), 'Prénom(s) : Marie');
    assert.equal(text(lines.birth), 'Date de naissance : 14 03 1985 Lieu de naissance : Łódź (Pologne)');
    assert.equal(text(lines.structureName), 'Nom de l’organisme : Association Abri');
    assert.match(text(lines.rattachement), /arrondissemen ?t :$/, 'no commune for an association: the line stays blank');
    assert.equal(text(lines.responsable).replace(/.*\) : /, ''), 'Claire MARTIN, directrice');
    assert.match(text(lines.prefecture), /l’agrément : Préfecture du Rhône$/);
    assert.equal(text(lines.agrement), 'Numéro d’agrément : DDETS-69-2024-017');
    assert.equal(text(lines.structureAddress), 'Adresse postale : 12 rue de la République, 69002 Lyon');
    assert.equal(text(lines.email), 'Courriel : contact@abri.example');
    assert.equal(text(lines.phone), 'Téléphone : 04 72 00 00 00');
    assert.equal(text(lines.postalNames), 'Nom(s) : DUPONT Prénom(s) : Marie');
    assert.equal(text(lines.validity), 'Date de validité de l’attestation : 15 01 2026 au 14 01 2027 (première demande)');
    assert.equal(text(lines.firstDomiciliation), 'Date de première domiciliation au sein de l’organisme : 15 01 2024');
    assert.equal(text(lines.madeAt), 'Fait à Lyon le 12 01 2026');
  });

  test('the postal address as mail must carry it, and the ayants droit one a line', async () => {
    const words = wordsOf(await fillAttestation(marie));
    assert.deepEqual(linesIn(words, 266, 331), ['Marie DUPONT', 'chez Association Abri', '12 rue de la République', '69002 Lyon']);
    assert.deepEqual(linesIn(words, 574, 629), ['DUPONT Léa, 02/06/2015', "N'DIAYE Amadou"]);
  });

  test('Mme for a woman, M. for a man, neither box otherwise', async () => {
    const tick = async (sexe: AttestationData['person']['sexe']) => {
      const words = wordsOf(await fillAttestation({ ...marie, person: { ...marie.person, sexe } }));
      const marks = words.filter((word) => Math.abs(word.y - lines.sexe) < 6 && !['Mme', 'M.'].includes(word.text));
      return marks.map((mark) => (mark.x < 100 ? 'Mme' : 'M.'));
    };
    assert.deepEqual(await tick('femme'), ['Mme']);
    assert.deepEqual(await tick('homme'), ['M.']);
    assert.deepEqual(await tick('autre'), []);
    assert.deepEqual(await tick(null), []);
  });

  test('a renewal says so; a CCAS of a commune with arrondissements names it, and never an agrément', async () => {
    const ccas: AttestationData = {
      ...marie,
      structure: { ...marie.structure, name: 'CCAS de Marseille', type: 'ccas', communeArrondissement: 'Marseille 3e arrondissement', city: 'Marseille' },
      decision: { ...marie.decision, renewal: true },
    };
    const words = wordsOf(await fillAttestation(ccas));
    assert.match(line(words, lines.validity), /au 14 01 2027 \(renouvellement\)$/);
    assert.match(line(words, lines.rattachement), /: Marseille 3e arrondissement$/);
    assert.match(line(words, lines.prefecture), /l’agrément :$/);
    assert.equal(line(words, lines.agrement), 'Numéro d’agrément :');
    assert.equal(line(words, lines.madeAt), 'Fait à Marseille le 12 01 2026');
  });

  test('a long compound name with accents and apostrophes fits whole, in a smaller size', async () => {
    const nom = "DE LA TOUR D'AUVERGNE-LAURAGUAIS-MONTMORENCY-ŁASKI-SAINT-EXUPÉRY";
    const prenom = 'Marie-Éléonore Anne-Sophie Ludivine Łucja Bénédicte-Joséphine Hélène';
    const words = wordsOf(await fillAttestation({ ...marie, person: { ...marie.person, nom, prenom } }));
    assert.equal(line(words, lines.noms), `Nom(s) : ${nom}`);
    assert.equal(line(words, lines.prenoms), `Prénom(s) : ${prenom}`);
    assert.equal(line(words, lines.postalNames), `Nom(s) : ${nom} Prénom(s) : ${prenom}`);
    const normal = wordsOf(await fillAttestation(marie));
    const heightOf = (list: Word[], text: string, y: number) => list.find((word) => word.text === text && Math.abs(word.y - y) < 6)!.height;
    assert.ok(heightOf(words, 'Marie-Éléonore', lines.postalNames) < heightOf(normal, 'Marie', lines.postalNames), 'set smaller than the form’s size');
  });

  test('eight ayants droit with long names are all on the form, sharing lines beyond what one a line holds', async () => {
    const ayantsDroit = Array.from({ length: 8 }, (_, index) => ({ nom: `DUPONT-LEFÈVRE-ŁASKA${index + 1}`, prenom: 'Marie-Charlotte', birthDate: `201${index}-06-02` }));
    const words = wordsOf(await fillAttestation({ ...marie, ayantsDroit }));
    const family = linesIn(words, 574, 629).join(' ');
    for (const [index, ayant] of ayantsDroit.entries()) {
      assert.ok(family.includes(`${ayant.nom} Marie-Charlotte, 02/06/201${index}`), ayant.nom);
    }
    assert.match(family, / ; /);
  });

  test('one A4 page, nothing left to fill: no field, no widget, no form dictionary', async () => {
    const document = await PDFDocument.load(pdfBytes(await fillAttestation(marie)));
    assert.equal(document.getPageCount(), 1);
    assert.deepEqual(document.getPage(0).getSize(), { width: 595.25, height: 842 });
    // Asked first: pdf-lib's getForm() makes an empty form dictionary when there is none.
    assert.equal(document.catalog.get(PDFName.of('AcroForm')), undefined);
    assert.equal(document.getForm().getFields().length, 0);
    const annotations = document.getPage(0).node.Annots()?.asArray() ?? [];
    const widgets = annotations.filter((ref) => {
      const annotation = document.context.lookup(ref);
      return annotation instanceof PDFDict && annotation.get(PDFName.of('Subtype')) === PDFName.of('Widget');
    });
    assert.equal(widgets.length, 0);
  });
});
