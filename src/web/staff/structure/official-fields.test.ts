import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { StructureType } from '../../../db/schema.ts';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const SECTION = 'Pour les formulaires officiels';
const SAVE = 'Enregistrer les informations des formulaires';

async function teamOf(type: StructureType) {
  const team = await createTeam(t.db);
  // The factory makes a CCAS; the type is set by the administration command, not a page.
  if (type !== 'ccas') await t.db.updateTable('structures').set({ type }).where('id', '=', team.structureId).execute();
  return team;
}

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

function officialRow(structureId: string) {
  return t.db
    .selectFrom('structures')
    .select(['responsable_nom', 'responsable_prenom', 'responsable_fonction', 'agrement_prefecture', 'agrement_numero', 'agrement_fin', 'commune_arrondissement', 'postal_address'])
    .where('id', '=', structureId)
    .executeTakeFirstOrThrow();
}

const abriForm = {
  responsable_nom: 'Fontaine',
  responsable_prenom: 'Nadia',
  responsable_fonction: 'Présidente',
  agrement_prefecture: 'Préfecture du Rhône',
  agrement_numero: '69-2024-017',
  agrement_fin: '30/06/2027',
  postal_address: 'Association Abri\r\nBP 4012\r\n69341 Lyon Cedex 07',
};

describe('Ma structure: what the official forms need', () => {
  test('an association’s administrateur sees what is missing, linked to each field, and fills it in', async () => {
    const team = await teamOf('association');
    const admin = await loggedIn(team.administrateur.email);
    const section = html((await admin.get('/structure')).body).region(SECTION);
    assert.deepEqual(section.links(), [
      { text: 'Le nom du responsable', href: '#responsable_nom' },
      { text: 'Le prénom du responsable', href: '#responsable_prenom' },
      { text: 'La fonction du responsable', href: '#responsable_fonction' },
      { text: "La préfecture qui a délivré l'agrément", href: '#agrement_prefecture' },
      { text: "Le numéro d'agrément", href: '#agrement_numero' },
    ]);
    assert.equal(section.form(SAVE).action, '/structure/formulaires-officiels');
    assert.deepEqual(section.texts('legend'), ['Responsable de la structure', 'Agrément de la préfecture']);
    assert.equal(section.field("Fin de l'agrément").description, 'Format jj/mm/aaaa, par exemple 14/03/1985.');
    assert.equal(section.field('Adresse postale pour le courrier').type, 'textarea');
    assert.ok(!section.text.includes('Commune ou arrondissement'), 'an association has no commune or arrondissement to give');

    const saved = await admin.post('/structure/formulaires-officiels', abriForm);
    assert.equal(saved.statusCode, 303);
    assert.deepEqual(await officialRow(team.structureId), {
      responsable_nom: 'Fontaine',
      responsable_prenom: 'Nadia',
      responsable_fonction: 'Présidente',
      agrement_prefecture: 'Préfecture du Rhône',
      agrement_numero: '69-2024-017',
      agrement_fin: '2027-06-30',
      commune_arrondissement: null,
      postal_address: 'Association Abri\nBP 4012\n69341 Lyon Cedex 07',
    });
    const reloaded = html((await admin.get('/structure')).body);
    assert.equal(reloaded.status, 'Les informations des formulaires officiels ont été enregistrées.');
    const filled = reloaded.region(SECTION);
    assert.deepEqual(filled.links(), [], 'nothing missing any more');
    assert.equal(filled.field("Fin de l'agrément").value, '30/06/2027');
    assert.equal(filled.field('Nom du responsable').value, 'Fontaine');
    assert.equal(filled.field('Adresse postale pour le courrier').value, 'Association Abri\nBP 4012\n69341 Lyon Cedex 07');
  });

  test('a CCAS gives a commune or arrondissement and has no agrément', async () => {
    const team = await teamOf('ccas');
    const admin = await loggedIn(team.administrateur.email);
    const section = html((await admin.get('/structure')).body).region(SECTION);
    assert.deepEqual(section.texts('legend'), ['Responsable de la structure']);
    assert.ok(!section.text.includes('agrément'), 'a CCAS is not asked for an agrément');
    assert.match(section.field('Commune ou arrondissement').description, /divisée en arrondissements/);
    await admin.post('/structure/formulaires-officiels', { responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice', commune_arrondissement: 'Lyon 1er arrondissement' });
    const row = await officialRow(team.structureId);
    assert.equal(row.commune_arrondissement, 'Lyon 1er arrondissement');
    assert.equal(row.responsable_fonction, 'Directrice');
  });

  test('refused inputs are explained next to their field, what was typed is kept and nothing is saved', async () => {
    const team = await teamOf('association');
    const admin = await loggedIn(team.administrateur.email);
    const refused = await admin.post('/structure/formulaires-officiels', {
      ...abriForm,
      responsable_fonction: 'F'.repeat(101),
      agrement_fin: '31/02/2027',
      postal_address: 'a\nb\nc\nd\ne\nf\ng',
    });
    assert.equal(refused.statusCode, 400);
    const form = html(refused.body).region(SECTION);
    assert.match(form.alert ?? '', /3 erreurs/);
    assert.equal(form.field('Fonction du responsable').error, 'La fonction du responsable ne doit pas dépasser 100 caractères.');
    assert.match(form.field("Fin de l'agrément").error ?? '', /n'est pas une date valide/);
    assert.equal(form.field("Fin de l'agrément").value, '31/02/2027');
    assert.equal(form.field('Adresse postale pour le courrier').error, "L'adresse postale tient en 6 lignes au plus.");
    assert.equal(form.field('Nom du responsable').value, 'Fontaine', 'the other fields keep what was typed');
    assert.equal((await officialRow(team.structureId)).responsable_nom, null);
  });

  test('an agrément sent for a CCAS, or a commune for an association, is refused', async () => {
    const ccas = await teamOf('ccas');
    const ccasAdmin = await loggedIn(ccas.administrateur.email);
    const agrement = await ccasAdmin.post('/structure/formulaires-officiels', { responsable_nom: 'Garnier', agrement_numero: '69-2024-017' });
    assert.equal(agrement.statusCode, 400);
    assert.match(html(agrement.body).alert ?? '', /Seule une association a un agrément/);
    assert.equal((await officialRow(ccas.structureId)).agrement_numero, null);

    const association = await teamOf('association');
    const associationAdmin = await loggedIn(association.administrateur.email);
    const commune = await associationAdmin.post('/structure/formulaires-officiels', { commune_arrondissement: 'Lyon 7e' });
    assert.equal(commune.statusCode, 400);
    assert.match(html(commune.body).alert ?? '', /ne concerne qu'un CCAS ou un CIAS/);
  });

  test('the change is in the audit trail with the fields it touched, never their values', async () => {
    const team = await teamOf('association');
    const admin = await loggedIn(team.administrateur.email);
    await admin.post('/structure/formulaires-officiels', abriForm);
    await admin.post('/structure/formulaires-officiels', { ...abriForm, responsable_nom: 'Fontaine-Roux', agrement_fin: '' });
    await admin.post('/structure/formulaires-officiels', { ...abriForm, responsable_nom: 'Fontaine-Roux', agrement_fin: '' });
    const entries = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_id', 'details'])
      .where('structure_id', '=', team.structureId)
      .where('action', '=', 'structure.official_fields_changed')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      entries.map((entry) => entry.details),
      [
        { fields: 'responsable_nom responsable_prenom responsable_fonction agrement_prefecture agrement_numero agrement_fin postal_address' },
        { fields: 'responsable_nom agrement_fin' },
      ],
      'a save that changes nothing is not logged',
    );
    assert.ok(entries.every((entry) => entry.actor_id === team.administrateur.id && entry.target_id === team.structureId));
    assert.doesNotMatch(JSON.stringify(entries), /Fontaine|Rhône/);
  });

  for (const role of ['gestionnaire', 'instructeur', 'facteur'] as const) {
    test(`a ${role} reads the fields without a form, and the server refuses the change (403)`, async () => {
      const team = await teamOf('association');
      const admin = await loggedIn(team.administrateur.email);
      await admin.post('/structure/formulaires-officiels', abriForm);
      const client = await loggedIn(team[role].email);
      const section = html((await client.get('/structure')).body).region(SECTION);
      assert.deepEqual(section.forms(), []);
      assert.deepEqual(section.terms(), {
        Responsable: 'Nadia Fontaine, Présidente',
        'Agrément de la préfecture': "Préfecture du Rhône, n° 69-2024-017, jusqu'au 30/06/2027",
        'Adresse postale pour le courrier': 'Association Abri BP 4012 69341 Lyon Cedex 07',
      });
      const refused = await client.post('/structure/formulaires-officiels', { ...abriForm, responsable_nom: 'Autre' });
      assert.equal(refused.statusCode, 403);
      assert.equal((await officialRow(team.structureId)).responsable_nom, 'Fontaine');
    });
  }

  test('a gestionnaire is told what is missing, without links to a form they cannot use', async () => {
    const team = await teamOf('ccas');
    const client = await loggedIn(team.gestionnaire.email);
    const section = html((await client.get('/structure')).body).region(SECTION);
    assert.match(section.text, /ne peut pas être imprimée tant que ces informations manquent : Le nom du responsable Le prénom du responsable La fonction du responsable/);
    assert.deepEqual(section.links(), []);
    assert.deepEqual(section.terms(), { Responsable: 'Non renseigné', 'Commune ou arrondissement': 'Non renseigné', 'Adresse postale pour le courrier': "La même que l'adresse de l'accueil" });
  });
});
