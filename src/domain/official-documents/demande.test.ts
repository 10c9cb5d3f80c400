import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument, PDFName } from 'pdf-lib';
import { missingTools, tools } from '../../../test/helpers/external-tools.ts';
import { type DemandeData, fillDemande } from './demande.ts';
import { pdfBytes } from './form-filling.ts';
import { line, linesIn, ticked, wordsOfPages } from './pdf-words.fixtures.ts';

const marie: DemandeData = {
  person: { sexe: 'femme', nom: 'DUPONT', prenom: 'Marie', birthDate: '1985-03-14', birthPlace: 'Łódź (Pologne)', phone: '06 12 34 56 78', email: 'marie.dupont@example.org' },
  ayantsDroit: [
    { nom: 'DUPONT', prenom: 'Léa', birthDate: '2015-06-02' },
    { nom: "N'DIAYE", prenom: 'Amadou', birthDate: null },
  ],
  numeroUsager: '1042',
  renewal: false,
  structure: {
    name: 'Association Abri',
    type: 'association',
    communeArrondissement: null,
    responsable: { nom: 'MARTIN', prenom: 'Claire', fonction: 'directrice' },
    agrement: { prefecture: 'Préfecture du Rhône', numero: 'DDETS-69-2024-017' },
    addressLines: ['12 rue de la République', '69002 Lyon'],
    email: 'contact@abri.example',
    phone: '04 72 00 00 00',
    city: 'Lyon',
  },
};

// The middle of each line of the form, measured on the blank pages with pdftotext.
const request = {
  sexe: 723,
  noms: 702.8,
  prenoms: 682.6,
  birth: 662.4,
  phone: 561.6,
  email: 541.4,
  kind: 521.5,
  numeroUsager: 501.2,
  structureName: 460.9,
  responsable: 440.9,
  prefecture: 420.6,
  structureAddress: 400.4,
  structureEmail: 380.4,
  structurePhone: 360.1,
  madeAt: 332.2,
  interview: 150.8,
  interviewWith: 130.6,
};
const notice = { sexe: 724.7, noms: 704.4, prenoms: 684.4, birth: 664.2, structureName: 598.9, prefecture: 578.9, agrement: 558.7, accepted: 493.4, madeAt: 227.1 };

const sexeBoxes = [
  { label: 'Mme', before: 90 },
  { label: 'M.', before: 200 },
];
const kindBoxes = [
  { label: '1 ère demande', before: 120 },
  { label: 'Renouvellement', before: 260 },
];

const skip = missingTools(tools.pdftotext);

describe('the demande d’élection de domicile (CERFA n° 16029*01)', { skip }, () => {
  test('page 1 pre-filled with the person, the request and the structure; what the person and the structure complete is left blank', async () => {
    const [page1] = wordsOfPages(await fillDemande(marie));
    const text = (y: number) => line(page1!, y);
    assert.deepEqual(ticked(page1!, request.sexe, sexeBoxes), ['Mme']);
    assert.equal(text(request.noms), 'Nom(s) : DUPONT');
    assert.equal(text(request.prenoms), 'Prénom(s) : Marie');
    assert.equal(text(request.birth), 'Date de naissance : 14 03 1985 Lieu de naissance : Łódź (Pologne)');
    assert.deepEqual(linesIn(page1!, 575, 635), ['DUPONT Léa, 02/06/2015', "N'DIAYE Amadou"]);
    assert.equal(text(request.phone), 'Numéro de téléphone: 06 12 34 56 78');
    assert.equal(text(request.email), 'Courriel : marie.dupont@example.org');
    assert.deepEqual(ticked(page1!, request.kind, kindBoxes), ['1 ère demande']);
    assert.equal(text(request.numeroUsager), 'Numéro d’usager (réservé à l’organisme domiciliataire) : 1042');
    assert.equal(text(request.structureName), 'Nom de l’organisme : Association Abri');
    assert.equal(text(request.responsable), 'Responsable de l’organisme (Nom, Prénom, Fonction) : Claire MARTIN, directrice');
    assert.equal(text(request.prefecture), 'Si organisme agréé, préfecture ayant délivré l’agrément : Préfecture du Rhône');
    assert.equal(text(request.structureAddress), 'Adresse postale : 12 rue de la République, 69002 Lyon');
    assert.equal(text(request.structureEmail), 'Courriel : contact@abri.example');
    assert.equal(text(request.structurePhone), 'Téléphone : 04 72 00 00 00');
    assert.equal(text(request.madeAt), 'Fait à le Fait à le', 'dated and signed by hand');
    assert.equal(text(request.interview), 'Vous êtes convoqué à un entretien le : à h');
    assert.equal(text(request.interviewWith), 'avec :');
  });

  test('page 2, the notice of the decision: who asks and which structure, the decision itself left blank', async () => {
    const [, page2] = wordsOfPages(await fillDemande(marie));
    const text = (y: number) => line(page2!, y);
    assert.deepEqual(ticked(page2!, notice.sexe, sexeBoxes), ['Mme']);
    assert.equal(text(notice.noms), 'Nom(s) : DUPONT');
    assert.equal(text(notice.prenoms), 'Prénom(s) : Marie');
    assert.equal(text(notice.birth), 'Date de naissance : 14 03 1985 Lieu de naissance : Łódź (Pologne)');
    assert.equal(text(notice.structureName), 'Nom de l’organisme : Association Abri');
    assert.equal(text(notice.prefecture), 'Si organisme agréé, préfecture ayant délivré l’agrément : Préfecture du Rhône');
    assert.equal(text(notice.agrement), 'Numéro d’agrément : DDETS-69-2024-017');
    assert.equal(text(notice.accepted), 'Votre demande est : acceptée', 'neither acceptée nor refusée ticked');
    assert.equal(text(notice.madeAt), 'Fait à le');
  });

  test('a renewal ticks « Renouvellement »; a man « M. »; a CCAS prints no agrément; missing phone and e-mail stay blank', async () => {
    const ccas: DemandeData = {
      ...marie,
      person: { ...marie.person, sexe: 'homme', phone: null, email: null },
      renewal: true,
      structure: { ...marie.structure, name: 'CCAS de Marseille', type: 'ccas', communeArrondissement: 'Marseille 3e arrondissement' },
    };
    const [page1, page2] = wordsOfPages(await fillDemande(ccas));
    assert.deepEqual(ticked(page1!, request.kind, kindBoxes), ['Renouvellement']);
    assert.deepEqual(ticked(page1!, request.sexe, sexeBoxes), ['M.']);
    assert.deepEqual(ticked(page2!, notice.sexe, sexeBoxes), ['M.']);
    assert.equal(line(page1!, request.phone), 'Numéro de téléphone:');
    assert.equal(line(page1!, request.email), 'Courriel :');
    assert.match(line(page1!, request.prefecture), /l’agrément :$/);
    assert.equal(line(page2!, notice.agrement), 'Numéro d’agrément :');
  });

  test('neither Mme nor M. when the record says neither', async () => {
    const [page1, page2] = wordsOfPages(await fillDemande({ ...marie, person: { ...marie.person, sexe: 'autre' } }));
    assert.deepEqual(ticked(page1!, request.sexe, sexeBoxes), []);
    assert.deepEqual(ticked(page2!, notice.sexe, sexeBoxes), []);
  });

  test('a long compound name fits whole on both pages', async () => {
    const nom = "DE LA TOUR D'AUVERGNE-LAURAGUAIS-MONTMORENCY-ŁASKI-SAINT-EXUPÉRY-DE-BOURBON-PARME";
    const prenom = 'Marie-Éléonore Anne-Sophie Ludivine Łucja Bénédicte-Joséphine Hélène Marguerite';
    const [page1, page2] = wordsOfPages(await fillDemande({ ...marie, person: { ...marie.person, nom, prenom } }));
    assert.equal(line(page1!, request.noms), `Nom(s) : ${nom}`);
    assert.equal(line(page1!, request.prenoms), `Prénom(s) : ${prenom}`);
    assert.equal(line(page2!, notice.noms), `Nom(s) : ${nom}`);
    assert.equal(line(page2!, notice.prenoms), `Prénom(s) : ${prenom}`);
  });

  test('two A4 pages, nothing left to fill', async () => {
    const document = await PDFDocument.load(pdfBytes(await fillDemande(marie)));
    assert.equal(document.getPageCount(), 2);
    for (const page of document.getPages()) {
      assert.deepEqual(page.getSize(), { width: 595.25, height: 842 });
      assert.equal(page.node.Annots(), undefined, 'no widget left on the page');
    }
    assert.equal(document.catalog.get(PDFName.of('AcroForm')), undefined);
  });
});
