import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createDomicilie } from '../../../test/helpers/factories.ts';
import { createPortalAccount } from '../../../test/helpers/portal-factories.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { addDays, addMonths, formatDate, isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { openSession } from '../sessions/sessions.service.ts';
import { lockDomicilie } from './domicilies.service.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { identity, recordsWorld, textOf, type RecordsWorld } from './domicilies.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');
const decisionsTable = /^Historique des décisions/;

describe('creating a domicilié', () => {
  test('an instructeur fills the form: record, first decision, last visit and audit; then the fiche', async () => {
    const w = await recordsWorld(t);
    const client = await w.as('instructeur');
    const form = await client.get('/domicilies/nouveau');
    assert.equal(form.statusCode, 200);
    const fields = { Nom: 'nom', Prénom: 'prenom', "Nom d'usage ou surnom": 'surnom', Sexe: 'sexe', 'Date de naissance': 'date_naissance', 'Lieu de naissance': 'lieu_naissance', Nationalité: 'nationalite', 'Langue parlée': 'langue', Téléphone: 'telephone', 'Adresse e-mail': 'email' };
    const empty = html(form.body);
    for (const [label, name] of Object.entries(fields)) assert.equal(empty.field(label).name, name, label);
    assert.equal(empty.region('Ayant droit n° 1').field('Prénom').name, 'ayant_droit_0_prenom');
    const response = await client.post('/domicilies/nouveau', {
      ...identity({ surnom: 'Sosso', sexe: 'femme', lieu_naissance: 'Grenoble', nationalite: 'Française', langue: 'Français', telephone: '06 11 22 33 44', email: 'Sophie@Exemple.fr' }),
      ayant_droit_0_nom: 'Lefèvre', ayant_droit_0_prenom: 'Tom', ayant_droit_0_date_naissance: '02/03/2018', ayant_droit_0_lien: 'enfant',
    });
    assert.equal(response.statusCode, 303);
    const id = /\/domicilies\/([0-9a-f-]{36})$/.exec(String(response.headers.location))![1]!;
    const row = await t.db.selectFrom('domicilies').select(['nom', 'prenom', 'surnom', 'sexe', 'birth_date', 'email', 'status', 'dossier_number', 'created_by', 'last_visit_at', 'structure_id']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row, last_visit_at: isoDateIn(row.last_visit_at!, 'Europe/Paris') }, {
      nom: 'Lefèvre', prenom: 'Sophie', surnom: 'Sosso', sexe: 'femme', birth_date: '1992-06-30', email: 'sophie@exemple.fr', status: 'instruction',
      dossier_number: 1, created_by: w.team.instructeur.id, last_visit_at: today(), structure_id: w.team.structureId,
    });
    assert.deepEqual((await w.decisions(id)).map((d) => d.status), ['instruction']);
    assert.deepEqual((await w.auditActions(id)).map((entry) => entry.action), ['decision.instruction', 'domicilie.created']);
    const fiche = html((await client.get(`/domicilies/${id}`)).body);
    assert.equal(fiche.status, 'Le dossier n° 1 a été créé.');
    assert.equal(fiche.heading, 'Sophie LEFÈVRE Instruction');
    assert.deepEqual(fiche.table('Ayants droit'), [['Tom LEFÈVRE', '02/03/2018', 'Enfant']]);
  });

  test('missing or wrong fields are explained in French and the form keeps what was typed', async () => {
    const w = await recordsWorld(t);
    const response = await (await w.as('gestionnaire')).post('/domicilies/nouveau', {
      nom: ' ', prenom: 'Paul', date_naissance: '31/02/1990', email: 'pas-une-adresse', ayant_droit_1_prenom: 'Léa',
    });
    assert.equal(response.statusCode, 400);
    const refused = html(response.body);
    const summary = refused.alert ?? '';
    for (const message of [/Indiquez le nom\./, /La date de naissance n'est pas une date valide/, /Indiquez une adresse e-mail valide/, /Indiquez le nom de l'ayant droit n° 2/, /Choisissez le lien de l'ayant droit n° 2/]) {
      assert.match(summary, message);
    }
    assert.equal(refused.field('Nom').error, 'Indiquez le nom.');
    assert.match(refused.field('Date de naissance').error ?? '', /n'est pas une date valide/);
    assert.match(refused.region('Ayant droit n° 2').field('Lien avec le domicilié').error ?? '', /Choisissez le lien/);
    assert.deepEqual([refused.field('Prénom').value, refused.field('Adresse e-mail').value], ['Paul', 'pas-une-adresse']);
    assert.equal(await t.db.selectFrom('domicilies').select('id').where('structure_id', '=', w.team.structureId).executeTakeFirst(), undefined);
    const future = await (await w.as('gestionnaire')).post('/domicilies/nouveau', identity({ date_naissance: formatDate(addDays(today(), 1)) }));
    assert.match(html(future.body).field('Date de naissance').error ?? '', /ne peut pas être dans le futur/);
  });

  test('a possible duplicate (same name without accents or case, same birth date) is shown before creating', async () => {
    const w = await recordsWorld(t);
    const first = await w.create(identity({ nom: 'Lefèvre', prenom: 'Sophie' }));
    const client = await w.as('instructeur');
    const warned = await client.post('/domicilies/nouveau', identity({ nom: 'LEFEVRE', prenom: 'sophie' }));
    assert.equal(warned.statusCode, 200);
    const warning = html(warned.body);
    assert.match(warning.alert ?? '', /^Ce domicilié a peut-être déjà un dossier /);
    assert.match(warning.alert ?? '', /Sophie LEFÈVRE, né\(e\) le 30\/06\/1992, dossier n° 1 \(Instruction\)/);
    assert.equal(warning.link('Sophie LEFÈVRE').href, `/domicilies/${first}`);
    const confirm = warning.field("Il s'agit d'une autre personne : créer quand même un nouveau dossier");
    assert.deepEqual([confirm.name, confirm.type, confirm.value, confirm.checked, confirm.required], ['confirmer_doublon', 'checkbox', 'oui', false, true]);
    assert.equal(warning.field('Nom').value, 'LEFEVRE');
    assert.ok(warning.buttons().includes('Créer quand même le dossier'));
    assert.equal((await t.db.selectFrom('domicilies').select('id').where('structure_id', '=', w.team.structureId).execute()).length, 1);
    // Another birth date, or another structure, is not a duplicate.
    assert.equal((await client.post('/domicilies/nouveau', identity({ date_naissance: '01/07/1992' }))).statusCode, 303);
    const other = await recordsWorld(t);
    assert.equal((await (await other.as('instructeur')).post('/domicilies/nouveau', identity())).statusCode, 303);
    const confirmed = await client.post('/domicilies/nouveau', identity({ nom: 'LEFEVRE', prenom: 'sophie', confirmer_doublon: 'oui' }));
    assert.equal(confirmed.statusCode, 303);
    const created = await t.db.selectFrom('audit_log').select('details').where('action', '=', 'domicilie.created').where('actor_id', '=', w.team.instructeur.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    assert.equal(created.details.possible_duplicates, 1);
  });

  test('20 records created at the same moment get the numbers 1 to 20, each once', async () => {
    const w = await recordsWorld(t);
    const instructeur = await w.as('instructeur');
    const gestionnaire = await w.as('gestionnaire');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => (index % 2 ? instructeur : gestionnaire).post('/domicilies/nouveau', identity({ nom: `Nom${index}`, prenom: 'Test' }))),
    );
    assert.deepEqual(new Set(answers.map((answer) => answer.statusCode)), new Set([303]));
    const numbers = await t.db.selectFrom('domicilies').select('dossier_number').where('structure_id', '=', w.team.structureId).orderBy('dossier_number').execute();
    assert.deepEqual(numbers.map((row) => row.dossier_number), Array.from({ length: 20 }, (_, index) => index + 1));
    const next = await w.create(identity({ nom: 'Suivant' }));
    const row = await t.db.selectFrom('domicilies').select('dossier_number').where('id', '=', next).executeTakeFirstOrThrow();
    assert.equal(row.dossier_number, 21);
  });

  test('a facteur cannot open or post the creation form (403)', async () => {
    const w = await recordsWorld(t);
    const facteur = await w.as('facteur');
    assert.equal((await facteur.get('/domicilies/nouveau')).statusCode, 403);
    assert.equal((await facteur.post('/domicilies/nouveau', identity())).statusCode, 403);
    const list = html((await facteur.get('/domicilies')).body);
    assert.ok(!list.links().some((link) => link.href === '/domicilies/nouveau'));
    assert.doesNotMatch(list.text, /Créer un domicilié/);
  });
});

describe('the fiche: « Dossier », editing, deleting, « Historique »', () => {
  test('editors edit the identity and the ayants droit; a facteur reads only', async () => {
    const w = await recordsWorld(t);
    const id = await w.create(identity({ ayant_droit_0_nom: 'Lefèvre', ayant_droit_0_prenom: 'Tom', ayant_droit_0_lien: 'enfant' }));
    const instructeur = await w.as('instructeur');
    const form = html((await instructeur.get(`/domicilies/${id}/modifier`)).body);
    assert.equal(form.region('Ayant droit n° 1').field('Prénom').value, 'Tom');
    assert.equal(form.region('Ayant droit n° 1').field('Lien avec le domicilié').value, 'enfant');
    assert.equal(form.field('Date de naissance').value, '30/06/1992');
    const saved = await instructeur.post(`/domicilies/${id}`, {
      ...identity({ prenom: 'Sophie-Anne', telephone: '07 00 00 00 01' }),
      ayant_droit_0_nom: '', ayant_droit_0_prenom: '', ayant_droit_1_nom: 'Martin', ayant_droit_1_prenom: 'Luc', ayant_droit_1_lien: 'conjoint',
    });
    assert.equal(saved.statusCode, 303);
    const row = await t.db.selectFrom('domicilies').select(['prenom', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { prenom: 'Sophie-Anne', phone: '07 00 00 00 01' });
    const ayants = await t.db.selectFrom('ayants_droit').select(['prenom', 'lien']).where('domicilie_id', '=', id).execute();
    assert.deepEqual(ayants, [{ prenom: 'Luc', lien: 'conjoint' }]);
    const bad = await instructeur.post(`/domicilies/${id}`, identity({ nom: '' }));
    assert.equal(bad.statusCode, 400);
    assert.equal(html(bad.body).field('Nom').error, 'Indiquez le nom.');
    const facteur = await w.as('facteur');
    assert.equal((await facteur.get(`/domicilies/${id}`)).statusCode, 200);
    assert.equal((await facteur.get(`/domicilies/${id}/modifier`)).statusCode, 403);
    assert.equal((await facteur.post(`/domicilies/${id}`, identity({ nom: 'Pirate' }))).statusCode, 403);
    assert.equal((await t.db.selectFrom('domicilies').select('nom').where('id', '=', id).executeTakeFirstOrThrow()).nom, 'Lefèvre');
  });

  test('the échéance is announced under two months and once passed', async () => {
    const w = await recordsWorld(t);
    const client = await w.as('facteur');
    const soon = await createDomicilie(t.db, w.team.structureId, { start_date: addMonths(today(), -11), end_date: addDays(today(), 20) });
    const passed = await createDomicilie(t.db, w.team.structureId, { start_date: addMonths(today(), -13), end_date: addDays(today(), -3) });
    const fine = await createDomicilie(t.db, w.team.structureId, { start_date: today(), end_date: addMonths(today(), 12) });
    assert.match(textOf((await client.get(`/domicilies/${soon.id}`)).body), /Échéance proche : la domiciliation se termine le/);
    assert.match(html((await client.get(`/domicilies/${passed.id}/historique`)).body).alert ?? '', /^Échéance dépassée depuis le/);
    assert.doesNotMatch(textOf((await client.get(`/domicilies/${fine.id}`)).body), /Échéance (proche|dépassée)/);
  });

  test('deleting takes a confirmation, is for gestionnaires and administrateurs only, and removes everything', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(today());
    assert.equal((await (await w.as('instructeur')).post(`/domicilies/${id}/supprimer`, { confirmation: 'oui' })).statusCode, 403);
    const account = await createPortalAccount(t.db, w.team.structureId, id);
    await openSession(t.db, 'portal', account.id);
    const gestionnaire = await w.as('gestionnaire');
    const dossier = html((await gestionnaire.get(`/domicilies/${id}`)).body).region('Suppression du dossier');
    assert.deepEqual(dossier.disclosures(), [{ summary: 'Supprimer le dossier…', open: false }], 'the question opens on demand');
    assert.match(dossier.text, /Supprimer définitivement le dossier de Sophie LEFÈVRE \? Ses décisions, son courrier, ses procurations et son accès au portail usager seront supprimés\. Cette action est définitive\./);
    assert.deepEqual(dossier.form('Oui, supprimer définitivement'), { action: `/domicilies/${id}/supprimer`, method: 'post', hidden: { confirmation: 'oui' }, buttons: ['Oui, supprimer définitivement'] });
    assert.equal((await gestionnaire.post(`/domicilies/${id}/supprimer`)).statusCode, 400, 'a post without the confirmation deletes nothing');
    assert.ok(await t.db.selectFrom('domicilies').select('id').where('id', '=', id).executeTakeFirst(), 'nothing deleted before confirming');
    const done = await gestionnaire.post(`/domicilies/${id}/supprimer`, { confirmation: 'oui' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/domicilies');
    assert.equal(await t.db.selectFrom('domicilies').select('id').where('id', '=', id).executeTakeFirst(), undefined);
    assert.equal((await t.db.selectFrom('decisions').select('id').where('domicilie_id', '=', id).execute()).length, 0);
    assert.equal((await t.db.selectFrom('sessions').select('id_hash').where('subject_id', '=', account.id).execute()).length, 0, 'portal sessions closed');
    assert.equal((await gestionnaire.get(`/domicilies/${id}`)).statusCode, 404);
    const logged = await t.db.selectFrom('audit_log').select('details').where('target_id', '=', id).where('action', '=', 'domicilie.deleted').executeTakeFirstOrThrow();
    assert.deepEqual(logged.details, { dossier_number: 1 });
  });

  test('« Historique » lists decisions with who and when, portal logins and the audit of the record', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(today());
    await t.db.insertInto('portal_logins').values({ structure_id: w.team.structureId, domicilie_id: id, logged_in_at: new Date('2026-11-20T09:15:00Z') }).execute();
    const response = await (await w.as('facteur')).get(`/domicilies/${id}/historique`);
    assert.equal(response.statusCode, 200);
    const page = html(response.body);
    const [validated] = page.table(decisionsTable);
    assert.deepEqual(validated!.slice(1), ['Domiciliation validée', `Du ${formatDate(today())} au ${formatDate(addDays(addMonths(today(), 12), -1))}`, 'Alex Durand']);
    assert.deepEqual(page.region('Connexions au portail usager').texts('li'), ['20/11/2026 à 10:15']);
    const journal = page.table(/^Actions sur ce dossier/).map((row) => row.slice(1));
    for (const action of ['Décision : domiciliation validée', 'Création du dossier']) assert.ok(journal.some((row) => row[0] === action && row[1] === 'Alex Durand'), action);
    assert.deepEqual(page.region('Onglets de la fiche').texts('[aria-current="page"]'), ['Historique']);
  });

  test("overseas: times and dates are the structure's, and a birth that is today there is not « in the future »", async () => {
    const w = await recordsWorld(t);
    await t.db.updateTable('structures').set({ timezone: 'Pacific/Noumea' }).where('id', '=', w.team.structureId).execute();
    const id = await w.createValid(today());
    // 20:15 UTC is 07:15 the next morning in Nouméa (UTC+11).
    await t.db.insertInto('portal_logins').values({ structure_id: w.team.structureId, domicilie_id: id, logged_in_at: new Date('2026-11-20T20:15:00Z') }).execute();
    await t.db.updateTable('decisions').set({ created_at: new Date('2026-11-20T20:15:00Z'), decided_on: '2026-11-21' }).where('domicilie_id', '=', id).execute();
    const page = html((await (await w.as('facteur')).get(`/domicilies/${id}/historique`)).body);
    assert.deepEqual(page.region('Connexions au portail usager').texts('li'), ['21/11/2026 à 07:15']);
    // Both decisions carry the same instant: their order between them is not the point.
    assert.deepEqual(page.table(decisionsTable).map((row) => row.slice(0, 2)).sort(), [
      ['21/11/2026 — enregistrée le 21/11/2026 à 07:15', 'Domiciliation validée'],
      ['21/11/2026 — enregistrée le 21/11/2026 à 07:15', 'Instruction de la demande'],
    ]);
    assert.doesNotMatch(page.text, /20\/11\/2026 à 21:15/);
    const bornToday = formatDate(isoDateIn(new Date(), 'Pacific/Noumea'));
    const created = await (await w.as('instructeur')).post('/domicilies/nouveau', identity({ nom: 'Wamytan', prenom: 'Léo', date_naissance: bornToday }));
    assert.equal(created.statusCode, 303, textOf(created.body).slice(0, 300));
  });

  test('staff of another structure get 404 on every page and action of a record, and change nothing', async () => {
    const a = await recordsWorld(t);
    const b = await recordsWorld(t);
    const id = await a.createValid(today());
    const admin = await b.as('administrateur');
    for (const url of [`/domicilies/${id}`, `/domicilies/${id}/modifier`, `/domicilies/${id}/historique`]) assert.equal((await admin.get(url)).statusCode, 404, url);
    assert.equal((await admin.post(`/domicilies/${id}`, identity({ nom: 'Pirate' }))).statusCode, 404);
    assert.equal((await admin.post(`/domicilies/${id}/supprimer`, { confirmation: 'oui' })).statusCode, 404);
    const row = await t.db.selectFrom('domicilies').select(['nom', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { nom: 'Lefèvre', status: 'valide' });
  });
});

describe('the lock of a domicilié’s row, taken by every change of the record', () => {
  const actorOf = (w: RecordsWorld): StaffActor => ({ ...w.team.instructeur, structureName: 'Test', timezone: 'Europe/Paris', nom: 'Durand', prenom: 'Alex' });

  test('another structure’s domicilié is not found', async () => {
    const [w, other] = [await recordsWorld(t), await recordsWorld(t)];
    const id = await w.create();
    await assert.rejects(
      t.db.transaction().execute((trx) => lockDomicilie(trx, actorOf(other), id)),
      (error) => error instanceof AppError && error.code === 'NOT_FOUND',
    );
    const row = await t.db.transaction().execute((trx) => lockDomicilie(trx, actorOf(w), id));
    assert.deepEqual([row.id, row.status, row.waiting_courrier], [id, 'instruction', 0]);
  });

  test('while one transaction holds it, no other can take it', { skip: process.env.TEST_DATABASE_URL ? false : 'PGlite has one connection: two transactions never overlap' }, async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    let release!: () => void;
    let taken!: () => void;
    const isTaken = new Promise<void>((resolve) => (taken = resolve));
    const holder = t.db.transaction().execute(async (trx) => {
      await lockDomicilie(trx, actorOf(w), id);
      taken();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isTaken;
    try {
      await assert.rejects(
        t.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL lock_timeout = '200ms'`.execute(trx);
          await lockDomicilie(trx, actorOf(w), id);
        }),
        /lock timeout/,
      );
    } finally {
      release();
      await holder;
    }
    await t.db.transaction().execute((trx) => lockDomicilie(trx, actorOf(w), id));
  });
});
