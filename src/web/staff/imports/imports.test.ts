import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, afterEach, before, describe, test } from 'node:test';
import { TestClient } from '../../../../test/helpers/client.ts';
import { createDomicilie, createTeam, STAFF_PASSWORD } from '../../../../test/helpers/factories.ts';
import { page as html } from '../../../../test/helpers/html.ts';
import { postFile } from '../../../../test/helpers/multipart.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { csvOf, headers, person, xlsxOf } from '../../../domain/spreadsheet/import.fixtures.ts';
import { writingHooks } from '../../../domain/imports/imports.service.ts';
import { searchDomicilies } from '../../../domain/domicilies/search.service.ts';
import { administrateurOf } from '../../../../test/helpers/factories.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());
afterEach(() => {
  delete writingHooks.afterBatch;
});

const xlsx = (content: Buffer, fileName = 'domicilies.xlsx') => ({ name: 'fichier', fileName, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content });

async function loggedIn(email: string) {
  const client = new TestClient(t.app);
  await client.login(email, STAFF_PASSWORD);
  return client;
}

/** Follows the page as its browser does (it reloads itself while the import works) until it settles. */
async function settled(client: TestClient, url: string) {
  for (let tries = 0; tries < 240; tries++) {
    const response = await client.get(url);
    assert.equal(response.statusCode, 200, response.body);
    if (!response.body.includes('http-equiv="refresh"')) return html(response.body);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`${url} still working`);
}

const imported = (structureId: string) =>
  t.db
    .selectFrom('domicilies')
    .select(['id', 'custom_ref', 'nom', 'prenom', 'sexe', 'birth_date', 'status', 'start_date', 'end_date', 'dossier_number', 'first_domiciliation_on', 'last_visit_at', 'import_id'])
    .where('structure_id', '=', structureId)
    .orderBy('dossier_number')
    .execute();
const auditOf = (structureId: string, prefix: string) =>
  t.db.selectFrom('audit_log').select(['action', 'details']).where('structure_id', '=', structureId).where('action', 'like', `${prefix}%`).orderBy('created_at').orderBy('id').execute();

/** Five people, one of each status, the first with an entretien and a child. */
const fivePeople = () => [
  headers,
  person(),
  person({ id: 'A-002', nom: 'Bernard', prenom: 'Paul', civilite: 'H', statut: 'RADIE', motif_radiation: 'ENTREE_LOGEMENT', date_debut: '01/01/2025', date_premiere_domiciliation: '01/01/2024', date_fin: '15/06/2025', date_dernier_passage: '01/06/2025', ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null }),
  person({ id: 'A-003', nom: 'Petit', prenom: 'Nora', statut: 'REFUS', motif_refus: 'SATURATION', date_debut: null, date_fin: '20/09/2026', date_premiere_domiciliation: null, date_dernier_passage: null, ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null }),
  person({ id: null, nom: 'Roux', prenom: 'Émile', civilite: 'H', statut: 'INSTRUCTION', date_debut: null, date_fin: null, date_premiere_domiciliation: null, date_dernier_passage: null, ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null }),
  person({ id: '90005', nom: 'Faure', prenom: 'Inès', statut: 'ATTENTE_DECISION', type: 'RENOUVELLEMENT', date_debut: null, date_fin: null, date_premiere_domiciliation: null, date_dernier_passage: null, ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null }),
];

describe('« Importer des domiciliés »', () => {
  test('an administrateur sends a file, reads the preview, confirms, and finds the people with their decisions, entretien, ayants droit and numbers', async () => {
    const team = await createTeam(t.db);
    const before = await createDomicilie(t.db, team.structureId, { nom: 'Déjà', prenom: 'Là' });
    const admin = await loggedIn(team.administrateur.email);
    const upload = html((await admin.get('/imports')).body);
    assert.equal(upload.heading, 'Importer des domiciliés');
    assert.equal(upload.field('Fichier des domiciliés').type, 'file');
    assert.equal((await admin.get('/imports/modele.xlsx')).headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal((await admin.get('/imports/exemple.xlsx')).rawPayload.subarray(0, 2).toString(), 'PK');

    const sent = await postFile(admin, '/imports', xlsx(await xlsxOf(fivePeople()), 'Fichier CCAS.xlsx'));
    assert.equal(sent.statusCode, 303);
    const url = sent.headers.location as string;
    assert.match(url, /^\/imports\/[0-9a-f-]{36}$/, 'the address names no person');
    const preview = await settled(admin, url);
    assert.equal(preview.heading, "Aperçu de l'import", preview.text);
    assert.match(preview.text, /5 personnes, dont 5 domiciliés à créer et 1 ayants droit/);
    assert.match(preview.text, /Actif : 1/);
    assert.match(preview.text, /Radié : 1/);
    assert.match(preview.text, /Martin\s+Lucie\s+14\/03\/1985\s+Actif\s+01\/02\/2026\s+31\/01\/2027/);
    assert.equal((await imported(team.structureId)).length, 1, 'nothing written before the confirmation');

    assert.equal((await admin.post(`${url}/confirmer`)).statusCode, 303);
    const result = await settled(admin, url);
    assert.equal(result.heading, 'Import terminé');
    assert.match(result.text, /5 domiciliés créés/);

    const people = await imported(team.structureId);
    assert.deepEqual(
      people.map((p) => [p.dossier_number, p.custom_ref, p.nom, p.status, p.start_date, p.end_date, p.first_domiciliation_on, p.sexe]),
      [
        [before.dossier_number, null, 'Déjà', 'valide', people[0]!.start_date, people[0]!.end_date, null, people[0]!.sexe],
        [before.dossier_number + 1, 'A-001', 'Martin', 'valide', '2026-02-01', '2027-01-31', '2026-02-01', 'femme'],
        [before.dossier_number + 2, 'A-002', 'Bernard', 'radie', null, null, '2024-01-01', 'homme'],
        [before.dossier_number + 3, 'A-003', 'Petit', 'refuse', null, null, null, 'femme'],
        [before.dossier_number + 4, null, 'Roux', 'instruction', null, null, null, 'homme'],
        [before.dossier_number + 5, '90005', 'Faure', 'a_valider', null, null, null, 'femme'],
      ],
    );
    const martin = people[1]!;
    assert.ok(martin.import_id);
    // Column Q, in the structure's time zone (Paris, winter): 10/03/2026 at midnight.
    assert.equal(martin.last_visit_at?.toISOString(), '2026-03-09T23:00:00.000Z');
    const decisions = await t.db.selectFrom('decisions').select(['domicilie_id', 'status', 'is_renewal', 'start_date', 'end_date', 'motif', 'decided_on']).where('structure_id', '=', team.structureId).where('domicilie_id', '<>', before.id).orderBy('created_at').execute();
    const byPerson = (id: string) => decisions.filter((d) => d.domicilie_id === id).map(({ domicilie_id: _, ...d }) => d);
    assert.deepEqual(byPerson(martin.id), [{ status: 'valide', is_renewal: false, start_date: '2026-02-01', end_date: '2027-01-31', motif: null, decided_on: '2026-02-01' }]);
    assert.deepEqual(byPerson(people[2]!.id).map((d) => [d.status, d.decided_on, d.motif]), [['valide', '2025-01-01', null], ['radie', '2025-06-15', 'entree_dans_un_logement']]);
    assert.deepEqual(byPerson(people[3]!.id).map((d) => [d.status, d.decided_on, d.motif]), [['refuse', '2026-09-20', 'saturation']]);
    assert.deepEqual(byPerson(people[4]!.id).map((d) => d.status), ['instruction']);
    assert.deepEqual(byPerson(people[5]!.id).map((d) => [d.status, d.is_renewal]), [['a_valider', false]]);
    const entretien = await t.db.selectFrom('entretiens').select(['composition_menage', 'situation_pro', 'situation_pro_autre', 'accompagnement', 'accompagnement_par']).where('domicilie_id', '=', martin.id).executeTakeFirst();
    assert.deepEqual(entretien, { composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', situation_pro: 'AUTRE', situation_pro_autre: 'Saisonnière', accompagnement: true, accompagnement_par: 'CCAS' });
    const ayants = await t.db.selectFrom('ayants_droit').select(['nom', 'prenom', 'birth_date', 'lien']).where('domicilie_id', '=', martin.id).execute();
    assert.deepEqual(ayants, [{ nom: 'Martin', prenom: 'Jade', birth_date: '2015-05-02', lien: 'enfant' }]);
    const structure = await t.db.selectFrom('structures').select('last_dossier_number').where('id', '=', team.structureId).executeTakeFirstOrThrow();
    assert.equal(structure.last_dossier_number, before.dossier_number + 5);

    // Found at the desk by name, and by the ID of the old file.
    const actor = await administrateurOf(t.db, team.structureId);
    assert.deepEqual((await searchDomicilies(t.db, actor, { q: 'martin luc' })).rows.map((row) => row.id), [martin.id]);
    assert.deepEqual((await searchDomicilies(t.db, actor, { q: 'a-001' })).rows.map((row) => row.id), [martin.id]);
    assert.deepEqual((await searchDomicilies(t.db, actor, { q: '90005' })).rows.map((row) => row.nom), ['Faure'], 'a number is a numéro de dossier or an ID');

    // The trail says what file, how big, how many; never a person.
    const trail = await auditOf(team.structureId, 'import.');
    assert.deepEqual(trail.map((entry) => entry.action), ['import.checked', 'import.confirmed', 'import.completed']);
    const completed = trail[2]!.details as Record<string, unknown>;
    assert.equal(completed.file_name, 'Fichier CCAS.xlsx');
    assert.equal(completed.created, 5);
    assert.equal(completed.created_valide, 1);
    assert.doesNotMatch(JSON.stringify(trail), /Martin|Lucie|1985/);
    // The file is gone from the database once written.
    const row = await t.db.selectFrom('imports').select(['sealed_file', 'state']).where('structure_id', '=', team.structureId).executeTakeFirstOrThrow();
    assert.deepEqual(row, { sealed_file: null, state: 'done' });

    // The same file again creates nobody twice: every row is listed as already there.
    const again = await postFile(admin, '/imports', xlsx(await xlsxOf(fivePeople())));
    const second = await settled(admin, again.headers.location as string);
    assert.match(second.text, /5 domiciliés déjà présents : ne seront pas créés/);
    assert.match(second.text, /Ligne 2 : Martin Lucie, né\(e\) le 14\/03\/1985 — même identifiant que le dossier n° \d+/);
    assert.match(second.text, /Roux Émile.*mêmes nom, prénom et date de naissance/);
    assert.match(second.text, /il n'y a rien à créer/);
  });

  test('a file with faulty cells is reported cell by cell, nothing is written, and the report downloads', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const sent = await postFile(admin, '/imports', xlsx(await xlsxOf([headers, person(), person({ id: 'A-9', date_naissance: '31/02/1980' })])));
    const report = await settled(admin, sent.headers.location as string);
    assert.equal(report.heading, 'Le fichier contient des erreurs');
    assert.match(report.text, /ligne 3, colonne F \(Date de naissance\) : « 31\/02\/1980 » n'est pas une date/);
    assert.equal((await imported(team.structureId)).length, 0);
    const download = await admin.get(`${sent.headers.location}/erreurs.xlsx`);
    assert.equal(download.statusCode, 200);
    assert.equal(download.rawPayload.subarray(0, 2).toString(), 'PK');
    assert.deepEqual((await auditOf(team.structureId, 'import.')).map((entry) => entry.action), ['import.checked', 'import.report_downloaded']);
  });

  test('only an administrateur imports; the form needs its token; a file too large is refused and nothing is kept', async () => {
    const team = await createTeam(t.db);
    const file = xlsx(await xlsxOf([headers, person()]));
    const gestionnaire = await loggedIn(team.gestionnaire.email);
    assert.equal((await gestionnaire.get('/imports')).statusCode, 403);
    assert.equal((await postFile(gestionnaire, '/imports', file)).statusCode, 403);
    const admin = await loggedIn(team.administrateur.email);
    assert.equal((await postFile(admin, '/imports', file, { csrf: false })).statusCode, 403);
    const heavy = await postFile(admin, '/imports', xlsx(Buffer.alloc(50 * 1024 * 1024 + 10, 0x41), 'gros.csv'));
    assert.equal(heavy.statusCode, 413);
    assert.match(html(heavy.body).text, /dépasse 50 Mo/);
    const none = await t.db.selectFrom('imports').select('id').where('structure_id', '=', team.structureId).execute();
    assert.deepEqual(none, []);
  });

  test('a file sent without a session, or by a gestionnaire, is refused before its body is read', async () => {
    const team = await createTeam(t.db);
    const gestionnaire = await loggedIn(team.gestionnaire.email);
    const total = 20 * 1024 * 1024;
    for (const cookie of ['', [...gestionnaire.cookies].map(([name, value]) => `${name}=${value}`).join('; ')]) {
      let sent = 0;
      // 20 MB offered a megabyte at a time: the server stops asking for more once it has refused.
      const body = Readable.from((function* () {
        for (let chunk = 0; chunk < 20; chunk += 1) {
          sent += 1024 * 1024;
          yield Buffer.alloc(1024 * 1024, 0x41);
        }
      })());
      const response = await gestionnaire.app.inject({
        method: 'POST', url: '/imports', payload: body,
        headers: { cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(total) },
      });
      assert.ok([401, 403, 303].includes(response.statusCode), `status ${response.statusCode}`);
      assert.ok(sent < total, `${sent} bytes read of ${total}`);
    }
  });

  test('a failure while writing leaves nobody written, the numbers untouched and the import failed', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const rows = Array.from({ length: 450 }, (_, index) => person({ id: `B-${index}`, nom: `Nom${'abcdefghij'[index % 10]}`, prenom: `P${index}`, ayant_droit_1_nom: null, ayant_droit_1_prenom: null, ayant_droit_1_date_naissance: null, ayant_droit_1_lien: null }));
    const sent = await postFile(admin, '/imports', { name: 'fichier', fileName: 'gros.csv', contentType: 'text/csv', content: Buffer.from(csvOf([headers, ...rows])) });
    const url = sent.headers.location as string;
    assert.match((await settled(admin, url)).text, /450 domiciliés à créer/);
    writingHooks.afterBatch = async (batch) => {
      if (batch === 1) throw new Error('disque plein (test)');
    };
    await admin.post(`${url}/confirmer`);
    const failed = await settled(admin, url);
    assert.equal(failed.heading, "L'import a échoué");
    assert.match(failed.text, /aucun domicilié n'a été créé/);
    assert.deepEqual(await imported(team.structureId), []);
    const structure = await t.db.selectFrom('structures').select('last_dossier_number').where('id', '=', team.structureId).executeTakeFirstOrThrow();
    assert.equal(structure.last_dossier_number, 0);
    assert.deepEqual((await auditOf(team.structureId, 'import.')).map((entry) => entry.action), ['import.checked', 'import.confirmed', 'import.failed']);
  });

  test('two files sent at once: one is checked, the other refused clearly', async () => {
    const team = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const content = await xlsxOf([headers, person()]);
    const answers = await Promise.all([postFile(admin, '/imports', xlsx(content)), postFile(admin, '/imports', xlsx(content))]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 409]);
    const refused = answers.find((answer) => answer.statusCode === 409)!;
    assert.match(html(refused.body).text, /Un import est déjà en cours pour votre structure/);
  });

  test("another structure's administrateur finds no import; one left running by a stopped process is failed when read", async () => {
    const team = await createTeam(t.db);
    const other = await createTeam(t.db);
    const admin = await loggedIn(team.administrateur.email);
    const sent = await postFile(admin, '/imports', xlsx(await xlsxOf([headers, person()])));
    const url = sent.headers.location as string;
    await settled(admin, url);
    const stranger = await loggedIn(other.administrateur.email);
    assert.equal((await stranger.get(url)).statusCode, 404);
    assert.equal((await stranger.post(`${url}/confirmer`)).statusCode, 404);
    assert.equal((await stranger.get(`${url}/erreurs.xlsx`)).statusCode, 404);

    const left = await t.db
      .insertInto('imports')
      .values({ structure_id: team.structureId, created_by: team.administrateur.id, file_name: 'x.xlsx', file_size: 1, state: 'writing', updated_at: new Date(Date.now() - 3600_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const shown = html((await admin.get(`/imports/${left.id}`)).body);
    assert.equal(shown.heading, "L'import a échoué");
    assert.match(shown.text, /L'import a été interrompu/);
  });
});
