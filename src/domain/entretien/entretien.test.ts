import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDomicilie, createTeam } from '../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { emptyEntretien } from './entretien-fields.ts';
import { parseEntretien, type EntretienForm } from './entretien-input.ts';
import { getEntretien, listEntretiens, updateEntretien } from './entretien.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

/** The problems a refused entretien names, field by field. */
function problemsOf(form: EntretienForm) {
  try {
    parseEntretien(form);
  } catch (error) {
    if (error instanceof InvalidInput) return error.fields;
    throw error;
  }
  assert.fail('the entretien was accepted');
}

const full: EntretienForm = {
  composition_menage: 'FEMME_ISOLE_AVEC_ENFANT',
  lien_commune: 'AUTRE',
  lien_commune_autre: '  Ancienne   résidente ',
  situation_residentielle: 'HEBERGEMENT_TIERS',
  cause_instabilite: 'VIOLENCE',
  motif_demande: 'PRESTATIONS_SOCIALES',
  accompagnement: 'OUI',
  accompagnement_par: 'Secours populaire',
  situation_pro: 'RSA',
  revenus: 'OUI',
  revenus_nature: 'RSA et allocations familiales',
  orientation: 'NON',
  orientation_par: 'ignoré : la personne est venue seule',
  domiciliation_existante: 'NON',
  commentaires: 'Première ligne\nseconde ligne',
};

describe('checking an entretien (parseEntretien)', () => {
  test('stores the template codes as they are, OUI / NON as booleans, the texts that go with them', () => {
    assert.deepEqual(parseEntretien(full), {
      composition_menage: 'FEMME_ISOLE_AVEC_ENFANT',
      lien_commune: 'AUTRE',
      lien_commune_autre: 'Ancienne résidente',
      situation_residentielle: 'HEBERGEMENT_TIERS',
      situation_residentielle_autre: null,
      cause_instabilite: 'VIOLENCE',
      cause_instabilite_autre: null,
      motif_demande: 'PRESTATIONS_SOCIALES',
      motif_demande_autre: null,
      accompagnement: true,
      accompagnement_par: 'Secours populaire',
      situation_pro: 'RSA',
      situation_pro_autre: null,
      revenus: true,
      revenus_nature: 'RSA et allocations familiales',
      orientation: false,
      orientation_par: null,
      domiciliation_existante: false,
      commentaires: 'Première ligne\nseconde ligne',
    });
  });

  test('every answer may be « non renseigné »: empty or missing texts are null', () => {
    assert.deepEqual(parseEntretien({}), emptyEntretien());
    assert.deepEqual(parseEntretien(Object.fromEntries(Object.keys(emptyEntretien()).map((field) => [field, ' ']))), emptyEntretien());
  });

  test('codes and OUI / NON come in any case, as spreadsheets write them', () => {
    const entretien = parseEntretien({ situation_pro: ' france_travail ', revenus: 'oui', domiciliation_existante: 'Non' });
    assert.deepEqual([entretien.situation_pro, entretien.revenus, entretien.domiciliation_existante], ['FRANCE_TRAVAIL', true, false]);
  });

  test('an answer outside the list is refused on its field', () => {
    assert.deepEqual(problemsOf({ composition_menage: 'FAMILLE', situation_residentielle: 'RUE', accompagnement: 'peut-être' }), {
      composition_menage: { code: 'entretien_reponse_inconnue' },
      situation_residentielle: { code: 'entretien_reponse_inconnue' },
      accompagnement: { code: 'entretien_reponse_inconnue' },
    });
  });

  test('AUTRE asks for its « précisez » text, which any other answer drops', () => {
    assert.deepEqual(problemsOf({ cause_instabilite: 'AUTRE', cause_instabilite_autre: '   ', motif_demande: 'autre' }), {
      cause_instabilite_autre: { code: 'entretien_autre_a_preciser' },
      motif_demande_autre: { code: 'entretien_autre_a_preciser' },
    });
    const entretien = parseEntretien({ cause_instabilite: 'EXPULSION', cause_instabilite_autre: 'gardé par erreur', accompagnement: '', accompagnement_par: 'CCAS' });
    assert.deepEqual([entretien.cause_instabilite_autre, entretien.accompagnement, entretien.accompagnement_par], [null, null, null]);
    // « Par qui » is optional after OUI.
    assert.equal(parseEntretien({ orientation: 'OUI' }).orientation_par, null);
  });

  test('texts too long are refused: 200 characters for a detail, 1,000 for the comments (column AJ)', () => {
    assert.deepEqual(problemsOf({ situation_pro: 'AUTRE', situation_pro_autre: 'x'.repeat(201), commentaires: 'é'.repeat(1001) }), {
      situation_pro_autre: { code: 'entretien_precision_trop_longue', max: 200 },
      commentaires: { code: 'entretien_commentaires_trop_longs', max: 1000 },
    });
    assert.equal(parseEntretien({ commentaires: 'é'.repeat(1000) }).commentaires?.length, 1000);
  });
});

async function world() {
  const team = await createTeam(t.db);
  const actor = (role: Role): StaffActor => ({ id: team[role].id, structureId: team.structureId, structureName: 'Test', timezone: 'Europe/Paris', role, email: team[role].email, nom: 'Agent', prenom: 'Test' });
  const person = await createDomicilie(t.db, team.structureId);
  const audits = () => t.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('target_id', '=', person.id).where('action', 'like', 'entretien.%').orderBy('id').execute();
  return { team, actor, person, audits };
}

describe('an entretien in the database', () => {
  test('nobody filled it in yet: every answer is « non renseigné »', async () => {
    const w = await world();
    assert.deepEqual(await getEntretien(t.db, w.actor('facteur'), w.person.id), emptyEntretien());
  });

  test('an instructeur saves it; the facteur reads it; the audit names the fields changed, never the answers', async () => {
    const w = await world();
    assert.deepEqual(await updateEntretien(t.db, w.actor('instructeur'), w.person.id, { composition_menage: 'COUPLE_AVEC_ENFANT', revenus: 'OUI', revenus_nature: 'Salaire' }), [
      'composition_menage', 'revenus', 'revenus_nature',
    ]);
    const read = await getEntretien(t.db, w.actor('facteur'), w.person.id);
    assert.deepEqual([read.composition_menage, read.revenus, read.revenus_nature, read.situation_pro], ['COUPLE_AVEC_ENFANT', true, 'Salaire', null]);
    const row = await t.db.selectFrom('entretiens').select(['structure_id', 'updated_by']).where('domicilie_id', '=', w.person.id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { structure_id: w.team.structureId, updated_by: w.team.instructeur.id });

    // A second save changes one answer and empties another: the others stay as they were.
    assert.deepEqual(await updateEntretien(t.db, w.actor('gestionnaire'), w.person.id, { composition_menage: 'COUPLE_AVEC_ENFANT', revenus: 'NON' }), ['revenus', 'revenus_nature']);
    // The same answers again change nothing and are not audited.
    assert.deepEqual(await updateEntretien(t.db, w.actor('administrateur'), w.person.id, { composition_menage: 'COUPLE_AVEC_ENFANT', revenus: 'NON' }), []);
    assert.deepEqual(await w.audits(), [
      { action: 'entretien.update', actor_id: w.team.instructeur.id, details: { fields: 'composition_menage,revenus,revenus_nature' } },
      { action: 'entretien.update', actor_id: w.team.gestionnaire.id, details: { fields: 'revenus,revenus_nature' } },
    ]);
  });

  test('the facteur may not change it', async () => {
    const w = await world();
    await assert.rejects(updateEntretien(t.db, w.actor('facteur'), w.person.id, { revenus: 'OUI' }), (error: AppError) => error.code === 'FORBIDDEN');
    assert.equal(await t.db.selectFrom('entretiens').select('domicilie_id').where('domicilie_id', '=', w.person.id).executeTakeFirst(), undefined);
  });

  test('a refused form writes nothing', async () => {
    const w = await world();
    await assert.rejects(updateEntretien(t.db, w.actor('instructeur'), w.person.id, { revenus: 'OUI', situation_pro: 'AUTRE' }), InvalidInput);
    assert.deepEqual(await getEntretien(t.db, w.actor('instructeur'), w.person.id), emptyEntretien());
  });

  test('another structure neither reads nor changes it, nor finds it in its list', async () => {
    const w = await world();
    await updateEntretien(t.db, w.actor('instructeur'), w.person.id, { situation_pro: 'SALARIE' });
    const other = await createTeam(t.db);
    const stranger: StaffActor = { ...w.actor('administrateur'), id: other.administrateur.id, structureId: other.structureId };
    await assert.rejects(getEntretien(t.db, stranger, w.person.id), (error: AppError) => error.code === 'NOT_FOUND');
    await assert.rejects(updateEntretien(t.db, stranger, w.person.id, { situation_pro: 'RETRAITE' }), (error: AppError) => error.code === 'NOT_FOUND');
    assert.equal((await getEntretien(t.db, w.actor('facteur'), w.person.id)).situation_pro, 'SALARIE');
    assert.equal((await listEntretiens(t.db, stranger)).size, 0);
    assert.equal((await listEntretiens(t.db, stranger, [w.person.id])).size, 0);
    const mine = await listEntretiens(t.db, w.actor('facteur'));
    assert.deepEqual([...mine.keys()], [w.person.id]);
    assert.equal(mine.get(w.person.id)?.situation_pro, 'SALARIE');
  });

  test('the table itself refuses a code outside the lists and a « précisez » without AUTRE', async () => {
    const w = await world();
    const insert = (values: Record<string, unknown>) => t.db.insertInto('entretiens').values({ domicilie_id: w.person.id, structure_id: w.team.structureId, ...values }).execute();
    await assert.rejects(insert({ composition_menage: 'couple_avec_enfant' }), /check constraint/);
    await assert.rejects(insert({ situation_pro: 'SALARIE', situation_pro_autre: 'Intérim' }), /check constraint/);
    await assert.rejects(insert({ revenus: false, revenus_nature: 'Salaire' }), /check constraint/);
    await assert.rejects(insert({ commentaires: 'x'.repeat(1001) }), /check constraint/);
  });

  test('the entretien goes with the record when it is deleted', async () => {
    const w = await world();
    await updateEntretien(t.db, w.actor('instructeur'), w.person.id, { domiciliation_existante: 'OUI' });
    await t.db.deleteFrom('domicilies').where('id', '=', w.person.id).execute();
    assert.equal(await t.db.selectFrom('entretiens').select('domicilie_id').where('domicilie_id', '=', w.person.id).executeTakeFirst(), undefined);
  });
});
