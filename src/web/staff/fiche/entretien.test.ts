import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDomicilie } from '../../../../test/helpers/factories.ts';
import { page } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { recordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const formUrl = (id: string) => `/domicilies/${id}/entretien`;
const storedRow = (id: string) => t.db.selectFrom('entretiens').selectAll().where('domicilie_id', '=', id).executeTakeFirst();

const TERMS = [
  'Composition du ménage', 'Lien avec la commune', 'Situation résidentielle', "Cause de l'instabilité du logement", 'Motif principal de la demande',
  'Accompagnement social', 'Situation professionnelle', 'Revenus', 'Orientation', 'Domiciliation ailleurs', 'Commentaires',
];

async function setUp() {
  const w = await recordsWorld(t);
  const person = await createDomicilie(t.db, w.team.structureId, { nom: 'Dupont', prenom: 'Marie' });
  return { w, person };
}

describe('the « Entretien » section of the « Dossier » tab', () => {
  test('a record without an entretien reads « Non renseigné » everywhere, and editors get the way to fill it', async () => {
    const { w, person } = await setUp();
    const section = page((await (await w.as('instructeur')).get(`/domicilies/${person.id}`)).body).region('Entretien');
    assert.deepEqual(section.terms(), Object.fromEntries(TERMS.map((term) => [term, 'Non renseigné'])));
    assert.deepEqual(section.links(), [{ text: "Modifier l'entretien", href: formUrl(person.id) }]);
  });

  test('the form: one group per question with its legend, « Non renseigné » checked, the « précisez » text next to its list', async () => {
    const { w, person } = await setUp();
    const response = await (await w.as('instructeur')).get(formUrl(person.id));
    assert.equal(response.statusCode, 200);
    const form = page(response.body);
    const composition = form.region('Composition du ménage').choices('composition_menage');
    assert.deepEqual(composition.map((choice) => choice.label), [
      'Non renseigné', 'Couple avec enfant(s)', 'Couple sans enfant', 'Femme isolée avec enfant(s)', 'Femme isolée sans enfant', 'Homme isolé avec enfant(s)', 'Homme isolé sans enfant',
    ]);
    assert.deepEqual(composition.filter((choice) => choice.checked).map((choice) => choice.value), ['']);
    const residence = form.region('Situation résidentielle');
    assert.ok(residence.choices('situation_residentielle').some((choice) => choice.value === 'AUTRE' && choice.label === 'Autre'));
    const precisez = residence.field('Autre situation, précisez');
    assert.equal(precisez.name, 'situation_residentielle_autre');
    assert.equal(precisez.description, 'Obligatoire si vous avez choisi « Autre ».');
    const accompagnement = form.region('La personne a-t-elle un accompagnement social ?');
    assert.deepEqual(accompagnement.choices('accompagnement').map((choice) => [choice.value, choice.label]), [['', 'Non renseigné'], ['OUI', 'Oui'], ['NON', 'Non']]);
    assert.equal(accompagnement.field('Par quelle structure').name, 'accompagnement_par');
    assert.equal(form.field('Commentaires').type, 'textarea');
    assert.deepEqual(form.form("Enregistrer l'entretien").action, formUrl(person.id));
  });

  test('an instructeur saves it: back to the section with the message, the answers in words, the codes stored', async () => {
    const { w, person } = await setUp();
    const client = await w.as('instructeur');
    const response = await client.post(formUrl(person.id), {
      composition_menage: 'HOMME_ISOLE_SANS_ENFANT', situation_residentielle: 'AUTRE', situation_residentielle_autre: 'Squat',
      cause_instabilite: 'SORTIE_INCARCERATION', accompagnement: 'OUI', accompagnement_par: 'SPIP', revenus: 'NON', orientation: 'OUI', commentaires: 'Revient le mardi',
    });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/domicilies/${person.id}#entretien-titre`);
    const section = page((await client.get(`/domicilies/${person.id}`)).body).region('Entretien');
    assert.equal(section.status, "L'entretien est enregistré.");
    assert.deepEqual(section.terms(), {
      'Composition du ménage': 'Homme isolé sans enfant',
      'Lien avec la commune': 'Non renseigné',
      'Situation résidentielle': 'Autre (Squat)',
      "Cause de l'instabilité du logement": "Sortie d'incarcération",
      'Motif principal de la demande': 'Non renseigné',
      'Accompagnement social': 'Oui (SPIP)',
      'Situation professionnelle': 'Non renseigné',
      Revenus: 'Non',
      Orientation: 'Oui',
      'Domiciliation ailleurs': 'Non renseigné',
      Commentaires: 'Revient le mardi',
    });
    const row = await storedRow(person.id);
    assert.deepEqual([row?.composition_menage, row?.situation_residentielle, row?.accompagnement, row?.revenus, row?.orientation_par], ['HOMME_ISOLE_SANS_ENFANT', 'AUTRE', true, false, null]);
    // The form opens again on what was saved.
    const again = page((await client.get(formUrl(person.id))).body);
    assert.deepEqual(again.region('Composition du ménage').choices('composition_menage').filter((choice) => choice.checked).map((choice) => choice.value), ['HOMME_ISOLE_SANS_ENFANT']);
    assert.equal(again.field('Autre situation, précisez').value, 'Squat');
  });

  test('AUTRE without its « précisez »: the form comes back with the error next to the field and what was chosen', async () => {
    const { w, person } = await setUp();
    const response = await (await w.as('gestionnaire')).post(formUrl(person.id), { motif_demande: 'AUTRE', motif_demande_autre: ' ', revenus: 'OUI' });
    assert.equal(response.statusCode, 400);
    const form = page(response.body);
    assert.match(form.alert ?? '', /^Le formulaire contient une erreur/);
    const precisez = form.field('Autre motif, précisez');
    assert.equal(precisez.error, 'Vous avez choisi « Autre » : précisez.');
    assert.ok(precisez.invalid);
    assert.deepEqual(form.region('Motif principal de la demande').choices('motif_demande').filter((choice) => choice.checked).map((choice) => choice.value), ['AUTRE']);
    assert.deepEqual(form.region('La personne a-t-elle des revenus ?').choices('revenus').filter((choice) => choice.checked).map((choice) => choice.value), ['OUI']);
    assert.equal(await storedRow(person.id), undefined);
  });

  test('an answer outside the list is refused on its group, read with it', async () => {
    const { w, person } = await setUp();
    const response = await (await w.as('instructeur')).post(formUrl(person.id), { situation_pro: 'CHOMEUR' });
    assert.equal(response.statusCode, 400);
    const group = page(response.body).root.querySelector('fieldset[aria-describedby="situation_pro-error"]');
    assert.ok(group, 'the group names its error');
    assert.equal(page(response.body).root.querySelector('#situation_pro-error')?.text, 'Choisissez une des réponses proposées.');
  });

  test('the facteur reads the entretien but gets no form: 403 on the page and on a post, nothing written', async () => {
    const { w, person } = await setUp();
    await (await w.as('instructeur')).post(formUrl(person.id), { revenus: 'OUI', revenus_nature: 'Salaire' });
    const facteur = await w.as('facteur');
    const section = page((await facteur.get(`/domicilies/${person.id}`)).body).region('Entretien');
    assert.equal(section.terms().Revenus, 'Oui (Salaire)');
    assert.deepEqual(section.links(), []);
    assert.equal((await facteur.get(formUrl(person.id))).statusCode, 403);
    assert.equal((await facteur.post(formUrl(person.id), { revenus: 'NON' })).statusCode, 403);
    assert.equal((await storedRow(person.id))?.revenus, true);
  });

  test('a post without the CSRF token changes nothing', async () => {
    const { w, person } = await setUp();
    const response = await (await w.as('administrateur')).post(formUrl(person.id), { revenus: 'OUI' }, { csrf: false });
    assert.equal(response.statusCode, 403);
    assert.equal(await storedRow(person.id), undefined);
  });

  test('staff of another structure find no such record', async () => {
    const { person } = await setUp();
    const other = await recordsWorld(t);
    const stranger = await other.as('administrateur');
    assert.equal((await stranger.get(formUrl(person.id))).statusCode, 404);
    assert.equal((await stranger.post(formUrl(person.id), { revenus: 'OUI' })).statusCode, 404);
    assert.equal(await storedRow(person.id), undefined);
  });
});
