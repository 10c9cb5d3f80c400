import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { missingTools, tools } from '../../../test/helpers/external-tools.ts';
import { readDocxText } from '../../../test/helpers/factories.ts';
import { jpegImage, pngImage } from '../../../test/helpers/images.ts';
import type { LetterBase } from './letter-layout.ts';
import { buildPostalAttestation, buildRadiationLetter, buildRefusalLetter } from './letters.ts';

const base = (overrides: Partial<LetterBase['structure']> = {}, sexe: LetterBase['person']['sexe'] = 'femme'): LetterBase => ({
  structure: {
    name: 'Association Abri',
    type: 'association',
    communeArrondissement: null,
    addressLines: ['Association Abri', 'BP 4012', '69341 Lyon Cedex 07'],
    phone: '04 72 00 00 00',
    email: 'accueil@abri.example',
    city: 'Lyon',
    responsable: { nom: 'Fontaine', prenom: 'Nadia', fonction: 'Présidente' },
    agrement: { prefecture: 'Préfecture du Rhône', numero: '69-2024-017' },
    logo: null,
    ...overrides,
  },
  person: { sexe, nom: "N'Diaye-Łukasz", prenom: 'Awa', birthDate: '1990-12-24' },
  madeOn: '2026-12-01',
});

const refusal = () =>
  buildRefusalLetter({ ...base(), decidedOn: '2026-11-28', motif: 'Pas de lien avec la commune', motifText: 'Aucun lien établi avec Lyon.', orientation: 'CCAS de Villeurbanne, 2 rue Jean Moulin' });
const radiation = () => buildRadiationLetter({ ...base({}, 'homme'), decidedOn: '2026-11-30', motif: 'Non-manifestation depuis plus de 3 mois', motifText: null });
const postal = () => buildPostalAttestation({ ...base({}, null), start: '2026-01-01', end: '2026-12-31' });

const appealWords = ['recours gracieux', 'Nadia Fontaine, Présidente, Association Abri', 'recours contentieux devant le tribunal administratif', 'deux mois à compter de la notification'];

describe('the letters, read back from their XML', () => {
  test('the refusal holds the reason, the orientation, the means and time of appeal, the person and the letterhead', async () => {
    const text = await readDocxText(await refusal());
    for (const expected of [
      'Association Abri', 'BP 4012', 'Tél. 04 72 00 00 00 – accueil@abri.example', 'Organisme agréé par la Préfecture du Rhône, agrément n° 69-2024-017',
      "Madame Awa N'DIAYE-ŁUKASZ", 'chez Association Abri', "Objet : refus de votre demande d'élection de domicile", 'Madame,',
      'Par une décision du 28 novembre 2026', 'Motif du refus : Pas de lien avec la commune.', 'Aucun lien établi avec Lyon.',
      'Orientation : nous vous invitons à vous adresser à CCAS de Villeurbanne, 2 rue Jean Moulin.', ...appealWords,
      'Fait à Lyon, le 1 décembre 2026', 'Présidente',
    ]) {
      assert.ok(text.includes(expected), `refusal lacks « ${expected} »\n${text}`);
    }
  });

  test('without an orientation, the refusal says where such a person may turn', async () => {
    const text = await readDocxText(await buildRefusalLetter({ ...base(), decidedOn: '2026-11-28', motif: 'Saturation', motifText: null, orientation: null }));
    assert.match(text, /Orientation : vous pouvez vous adresser au centre communal ou intercommunal d'action sociale/);
  });

  test('the radiation holds its reason, its date and the appeal; a man is « Monsieur » and « radié »', async () => {
    const text = await readDocxText(await radiation());
    for (const expected of ['Monsieur Awa', 'Objet : fin de votre domiciliation (radiation)', 'Par une décision du 30 novembre 2026', 'vous êtes radié à cette date', 'Motif de la radiation : Non-manifestation depuis plus de 3 mois.', ...appealWords]) {
      assert.ok(text.includes(expected), `radiation lacks « ${expected} »`);
    }
  });

  test('the attestation postale names the person, the birth date, the address « chez » the structure and the period; no sex recorded, no civility', async () => {
    const text = await readDocxText(await postal());
    assert.ok(
      text.includes("Association Abri atteste que Awa N'DIAYE-ŁUKASZ, né(e) le 24 décembre 1990, est domicilié(e) chez Association Abri du 1 janvier 2026 au 31 décembre 2026"),
      text,
    );
    assert.ok(text.includes('chez Association Abri\nAssociation Abri\nBP 4012\n69341 Lyon Cedex 07'));
    assert.doesNotMatch(text, /recours/);
  });

  test('A4; the logo, PNG or JPEG, is in word/media and fits its box; without a logo there is no image', async () => {
    for (const [logo, extension] of [
      [{ content: pngImage(900, 300), type: 'png' as const, width: 900, height: 300 }, 'png'],
      [{ content: jpegImage(), type: 'jpg' as const, width: 120, height: 48 }, 'jpg'],
    ] as const) {
      const files = unzipSync(await buildPostalAttestation({ ...base({ logo }), start: '2026-01-01', end: '2026-12-31' }));
      const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
      assert.equal(media.length, 1);
      assert.ok(media[0]!.endsWith(`.${extension}`), media[0]);
      assert.deepEqual(Buffer.from(files[media[0]!]!), logo.content);
      const xml = strFromU8(files['word/document.xml']!);
      assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
      const extent = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(xml)!;
      const [width, height] = [Number(extent[1]) / 9525, Number(extent[2]) / 9525];
      assert.ok(width <= 227 && height <= 91, `${width} × ${height} px`);
      assert.ok(Math.abs(width / height - logo.width / logo.height) < 0.05, 'proportions kept');
    }
    const files = unzipSync(await refusal());
    assert.deepEqual(Object.keys(files).filter((name) => name.startsWith('word/media/')), []);
  });
});

describe('the letters fill one template per kind', () => {
  const mediaOf = async (letter: Promise<Buffer>) => {
    const files = unzipSync(await letter);
    return Object.entries(files).filter(([name]) => name.startsWith('word/media/')).map(([name, content]) => [name.slice(name.lastIndexOf('.')), Buffer.from(content)]);
  };
  const postalWith = (logo: LetterBase['structure']['logo']) => buildPostalAttestation({ ...base({ logo }), start: '2026-01-01', end: '2026-12-31' });

  test('a logo replaced or removed: the next letter shows the new one, then none', async () => {
    const first = pngImage(300, 100);
    const second = pngImage(200, 200);
    assert.deepEqual(await mediaOf(postalWith({ content: first, type: 'png', width: 300, height: 100 })), [['.png', first]]);
    assert.deepEqual(await mediaOf(postalWith({ content: second, type: 'png', width: 200, height: 200 })), [['.png', second]]);
    assert.deepEqual(await mediaOf(postalWith({ content: jpegImage(), type: 'jpg', width: 120, height: 48 })), [['.jpg', jpegImage()]]);
    assert.deepEqual(await mediaOf(postalWith(null)), []);
    assert.deepEqual(await mediaOf(postalWith({ content: first, type: 'png', width: 300, height: 100 })), [['.png', first]], 'the first logo again');
  });

  test('two letters of a kind, one after the other, each hold their own values; missing lines leave no empty line nor label', async () => {
    const other = base({ name: 'CCAS de Démo', addressLines: ['1 place de la Mairie', '01000 Bourg'], phone: null, email: null, agrement: null, city: 'Bourg', responsable: { nom: 'Garnier', prenom: 'Claire', fonction: 'Directrice' } }, 'homme');
    const first = await readDocxText(await refusal());
    const second = await readDocxText(await buildRefusalLetter({ ...other, person: { ...other.person, nom: 'Martin', prenom: 'Jean' }, decidedOn: '2026-10-02', motif: 'Saturation', motifText: null, orientation: null }));
    assert.ok(first.includes('Aucun lien établi avec Lyon.') && first.includes("Madame Awa N'DIAYE-ŁUKASZ"));
    assert.equal(
      second.split('\nObjet')[0],
      ['CCAS de Démo', '1 place de la Mairie', '01000 Bourg', 'Monsieur Jean MARTIN', 'chez CCAS de Démo', '1 place de la Mairie', '01000 Bourg'].join('\n'),
      'no contact, no agrément line',
    );
    assert.match(second, /Motif du refus : Saturation\.\nOrientation : vous pouvez/, 'no paragraph for a motif without its text');
    for (const absent of ['Association Abri', 'Lyon', 'Awa', 'Organisme agréé', 'Tél.']) assert.ok(!second.includes(absent), `« ${absent} » is the first letter's`);
    assert.ok(second.includes('Fait à Bourg, le 1 décembre 2026') && second.includes('Claire Garnier, Directrice, CCAS de Démo'));
  });

  test('« & », « < », « > » and quotes are written as text, in the body, the image description and the properties', async () => {
    const name = `Abri "L'Étape" & <Cie>`;
    const logo = { content: pngImage(90, 30), type: 'png' as const, width: 90, height: 30 };
    const docx = await buildRefusalLetter({
      ...base({ name, logo, responsable: { nom: 'O"Brien', prenom: 'Seán', fonction: 'Président & trésorier' } }),
      decidedOn: '2026-11-28',
      motif: 'Autre',
      motifText: 'Ménage "à 2" & <3 enfants>',
      orientation: "l'accueil <Nord> & \"Sud\"",
    });
    const files = unzipSync(docx);
    const xml = strFromU8(files['word/document.xml']!);
    assert.ok(xml.includes('Abri &quot;L&apos;Étape&quot; &amp; &lt;Cie&gt;'));
    assert.match(xml, /descr="Logo de Abri &quot;L&apos;Étape&quot; &amp; &lt;Cie&gt;"/);
    assert.doesNotMatch(xml, /<3|<Cie>|<Nord>|DOCX(FIELD|LINES)/);
    assert.match(strFromU8(files['docProps/core.xml']!), /<dc:creator>Abri &quot;L&apos;Étape&quot; &amp; &lt;Cie&gt;<\/dc:creator>/);
    const text = await readDocxText(docx);
    for (const expected of [`chez ${name}`, 'Ménage "à 2" & <3 enfants>', `nous vous invitons à vous adresser à l'accueil <Nord> & "Sud".`, `Seán O"Brien, Président & trésorier, ${name}`]) {
      assert.ok(text.includes(expected), `« ${expected} »\n${text}`);
    }
  });
});

describe('the letters open in LibreOffice', { skip: missingTools(tools.soffice) }, () => {
  test('each letter converts to text holding its reason, its appeal and the person', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'letters-'));
    try {
      const withLogo = base({ name: `Abri "L'Étape" & <Cie>`, logo: { content: pngImage(300, 100), type: 'png', width: 300, height: 100 } });
      writeFileSync(join(dir, 'refus.docx'), await buildRefusalLetter({ ...withLogo, decidedOn: '2026-11-28', motif: 'Saturation', motifText: 'Capacité atteinte & liste <pleine>.', orientation: null }));
      writeFileSync(join(dir, 'radiation.docx'), await radiation());
      writeFileSync(join(dir, 'postale.docx'), await postal());
      const files = ['refus', 'radiation', 'postale'].map((name) => join(dir, `${name}.docx`));
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/lo-profile-${process.pid}`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, ...files], { stdio: 'pipe', timeout: 180_000 });
      const read = (name: string) => readFileSync(join(dir, `${name}.txt`), 'utf8').replace(/\s+/g, ' ');
      const refus = read('refus');
      for (const expected of ['Motif du refus : Saturation.', 'Capacité atteinte & liste <pleine>.', `chez Abri "L'Étape" & <Cie>`, 'recours gracieux', 'tribunal administratif', 'deux mois', "N'DIAYE-ŁUKASZ"]) assert.ok(refus.includes(expected), `refus: « ${expected} »`);
      const radie = read('radiation');
      for (const expected of ['Motif de la radiation : Non-manifestation depuis plus de 3 mois.', '30 novembre 2026', 'recours contentieux', "N'DIAYE-ŁUKASZ"]) assert.ok(radie.includes(expected), `radiation: « ${expected} »`);
      const postale = read('postale');
      for (const expected of ['Attestation postale', "Awa N'DIAYE-ŁUKASZ", 'né(e) le 24 décembre 1990', 'du 1 janvier 2026 au 31 décembre 2026', 'Fait à Lyon']) assert.ok(postale.includes(expected), `postale: « ${expected} »`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
