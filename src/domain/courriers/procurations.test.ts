import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { page as html } from '../../../test/helpers/html.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { formatDate } from '../../shared/dates.ts';
import { auditOf, daysFromToday, insertProcuration, mailWorld } from './courriers.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const procurationsOf = (domicilieId: string) =>
  t.db.selectFrom('procurations').select(['id', 'nom', 'prenom', 'birth_date', 'start_date', 'end_date', 'created_by']).where('domicilie_id', '=', domicilieId).execute();

const procurationsTable = 'Personnes autorisées à retirer le courrier';
const mailHistory = 'Historique, du plus récent au plus ancien';

const validForm = () => ({ nom: 'Martin', prenom: 'Jean', date_naissance: '1970-11-02', date_debut: daysFromToday(0), date_fin: daysFromToday(365) });

describe('procurations', () => {
  test('every date of the tab is typed in French order with the same hint, today shown as typed', async () => {
    const w = await mailWorld(t);
    const tab = html((await (await w.as('instructeur')).get(w.url())).body);
    assert.equal(tab.root.querySelectorAll('input[type="date"]').length, 0, 'no browser date picker (it shows mm/dd/yyyy on many machines)');
    for (const label of ['Date de naissance du mandataire', 'Date de début', 'Date de fin']) {
      const field = tab.field(label);
      assert.equal(field.type, 'text', label);
      assert.equal(field.description, 'Format jj/mm/aaaa, par exemple 14/03/1985.', label);
    }
    assert.equal(tab.field('Date de début').value, formatDate(daysFromToday(0)));
  });

  test('an instructeur adds a procuration (dates as typed by a date field or by hand); audit keeps ids only', async () => {
    const w = await mailWorld(t);
    const client = await w.as('instructeur');
    const response = await client.post(w.url('/procurations'), { ...validForm(), date_fin: formatDate(daysFromToday(365)) });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `${w.url()}#procurations-titre`, 'back to the procurations, not the top of the tab');
    const [row] = await procurationsOf(w.id);
    assert.deepEqual({ ...row, id: undefined }, {
      id: undefined, nom: 'Martin', prenom: 'Jean', birth_date: '1970-11-02', start_date: daysFromToday(0), end_date: daysFromToday(365), created_by: w.team.instructeur.id,
    });
    const page = html((await client.get(w.url())).body);
    assert.equal(page.status, 'La procuration a été ajoutée.');
    assert.deepEqual(page.table(procurationsTable).map((row) => row.slice(0, 4)), [['Jean MARTIN', '02/11/1970', `du ${formatDate(daysFromToday(0))} au ${formatDate(daysFromToday(365))}`, 'Valide']]);
    const audit = (await auditOf(t, w.id)).at(-1)!;
    assert.equal(audit.action, 'procuration.created');
    assert.deepEqual(audit.details, { procuration_id: row!.id });
  });

  // The field is named by its label in the « Procurations » section and by its id in the list of errors, whose links lead to it.
  const invalid: [string, Record<string, string>, [string, string], RegExp][] = [
    ['no name', { nom: ' ' }, ['Nom du mandataire', 'procuration_nom'], /Indiquez le nom du mandataire/],
    ['no first name', { prenom: '' }, ['Prénom du mandataire', 'procuration_prenom'], /Indiquez le prénom du mandataire/],
    ['a birth date in the future', { date_naissance: daysFromToday(1) }, ['Date de naissance du mandataire', 'procuration_date_naissance'], /Indiquez une date de naissance passée/],
    ['an impossible start date', { date_debut: '31/02/2026' }, ['Date de début', 'procuration_date_debut'], /Indiquez la date de début/],
    ['no end date', { date_fin: '' }, ['Date de fin', 'procuration_date_fin'], /Indiquez la date de fin/],
    ['an end date past the years a date may have', { date_fin: '31/12/9999' }, ['Date de fin', 'procuration_date_fin'], /Indiquez la date de fin/],
    ['an end before the start', { date_debut: daysFromToday(10), date_fin: daysFromToday(5) }, ['Date de fin', 'procuration_date_fin'], /La date de fin doit être après la date de début/],
    ['an end already passed', { date_debut: daysFromToday(-10), date_fin: daysFromToday(-1) }, ['Date de fin', 'procuration_date_fin'], /La date de fin est déjà passée/],
    ['a 101-character name', { nom: 'x'.repeat(101) }, ['Nom du mandataire', 'procuration_nom'], /ne doit pas dépasser 100 caractères/],
  ];
  for (const [label, change, [fieldLabel, fieldId], message] of invalid) {
    test(`refuses ${label} in French, keeps what was typed`, async () => {
      const w = await mailWorld(t);
      const response = await (await w.as('gestionnaire')).post(w.url('/procurations'), { ...validForm(), ...change });
      assert.equal(response.statusCode, 400);
      const refused = html(response.body);
      assert.equal(refused.link(message).href, `#${fieldId}`, 'the list of errors leads to the field');
      const form = refused.region('Procurations');
      const field = form.field(fieldLabel);
      assert.match(field.error ?? '', message);
      assert.equal(field.invalid, true);
      if (change.nom === undefined) assert.equal(form.field('Nom du mandataire').value, 'Martin');
      assert.equal((await procurationsOf(w.id)).length, 0);
    });
  }

  test('at most 5 per domicilié: the sixth is refused and the form is replaced by an explanation', async () => {
    const w = await mailWorld(t);
    const client = await w.as('administrateur');
    for (let i = 0; i < 5; i++) assert.equal((await client.post(w.url('/procurations'), { ...validForm(), nom: `Mandataire${i}` })).statusCode, 303);
    const full = html((await client.get(w.url())).body).region('Procurations');
    assert.match(full.text, /5 procurations au maximum : supprimez-en une pour en ajouter une autre\./);
    assert.ok(!full.buttons().includes('Ajouter la procuration'));
    const sixth = await client.post(w.url('/procurations'), validForm());
    assert.equal(sixth.statusCode, 400);
    assert.match(html(sixth.body).alert ?? '', /Ce domicilié a déjà 5 procurations/);
    assert.equal((await procurationsOf(w.id)).length, 5);
  });

  test('5 at most even when added at the same moment', async () => {
    const w = await mailWorld(t);
    const client = await w.as('administrateur');
    await client.get('/healthz');
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => client.post(w.url('/procurations'), { ...validForm(), nom: `Mandataire${i}` }).then((r) => r.statusCode)));
    assert.equal(statuses.filter((status) => status === 303).length, 5);
    assert.equal(statuses.filter((status) => status === 400).length, 3);
    assert.equal((await procurationsOf(w.id)).length, 5);
  });

  test('deleting a procuration: removed, audited; the events that used it stay; deleting again is harmless', async () => {
    const w = await mailWorld(t);
    const procurationId = await insertProcuration(t, w, { start: daysFromToday(-1), end: daysFromToday(10) });
    const facteur = await w.as('facteur');
    await facteur.post(w.url('/courriers/reception'), { courrier: '1' });
    assert.equal((await facteur.post(w.url('/courriers/distribution'), { recipient: procurationId })).statusCode, 303);
    const client = await w.as('gestionnaire');
    assert.equal((await client.post(w.url(`/procurations/${procurationId}/supprimer`))).statusCode, 303);
    assert.equal((await procurationsOf(w.id)).length, 0);
    const page = html((await client.get(w.url())).body);
    assert.equal(page.status, 'La procuration a été supprimée.');
    assert.match(page.table(mailHistory)[0]![2]!, /, remis à un mandataire \(procuration supprimée depuis\), mandataire$/);
    const handOut = await t.db.selectFrom('courrier_events').select(['recipient', 'procuration_id']).where('domicilie_id', '=', w.id).where('kind', '=', 'hand_out').executeTakeFirstOrThrow();
    assert.deepEqual(handOut, { recipient: 'mandataire', procuration_id: null });
    assert.equal((await auditOf(t, w.id)).at(-1)!.action, 'procuration.deleted');
    const again = await client.post(w.url(`/procurations/${procurationId}/supprimer`));
    assert.equal(again.statusCode, 303);
    assert.equal(html((await client.get(w.url())).body).status, "Cette procuration n'existait plus.");
  });

  test("a procuration of another domicilié cannot be deleted through this one's URL", async () => {
    const w = await mailWorld(t);
    const other = await mailWorld(t);
    const foreign = await insertProcuration(t, other, { start: daysFromToday(-1), end: daysFromToday(10) });
    await (await w.as('gestionnaire')).post(w.url(`/procurations/${foreign}/supprimer`));
    assert.equal((await procurationsOf(other.id)).length, 1);
  });
});

describe('transfert (forwarding address)', () => {
  const transfertOf = (domicilieId: string) => t.db.selectFrom('transferts').select(['recipient_name', 'address', 'start_date', 'end_date']).where('domicilie_id', '=', domicilieId).execute();
  const form = () => ({ recipient_name: 'Centre social Nord', address: '4 rue des Lilas\n69004 Lyon', date_debut: daysFromToday(0), date_fin: daysFromToday(60) });

  test('create, replace, delete; audited with ids only', async () => {
    const w = await mailWorld(t);
    const client = await w.as('instructeur');
    assert.equal((await client.post(w.url('/transfert'), form())).statusCode, 303);
    assert.deepEqual(await transfertOf(w.id), [{ recipient_name: 'Centre social Nord', address: '4 rue des Lilas\n69004 Lyon', start_date: daysFromToday(0), end_date: daysFromToday(60) }]);
    assert.equal((await client.post(w.url('/transfert'), { ...form(), recipient_name: 'Hôpital Sud', date_fin: daysFromToday(10) })).statusCode, 303);
    const rows = await transfertOf(w.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.recipient_name, 'Hôpital Sud');
    assert.deepEqual(html((await client.get(w.url())).body).region('Transfert du courrier').terms(), {
      Destinataire: 'Hôpital Sud', Adresse: '4 rue des Lilas 69004 Lyon', Période: `du ${formatDate(daysFromToday(0))} au ${formatDate(daysFromToday(10))} (valide)`,
    });
    assert.equal((await client.post(w.url('/transfert/supprimer'))).statusCode, 303);
    assert.deepEqual(await transfertOf(w.id), []);
    const audits = await auditOf(t, w.id);
    assert.deepEqual(audits.map((a) => a.action), ['transfert.saved', 'transfert.saved', 'transfert.deleted']);
    assert.doesNotMatch(JSON.stringify(audits), /Lilas|Nord|Sud/);
    assert.equal((await client.post(w.url('/transfert/supprimer'))).statusCode, 303, 'deleting again is harmless');
  });

  test('bad input is explained in French', async () => {
    const w = await mailWorld(t);
    const response = await (await w.as('gestionnaire')).post(w.url('/transfert'), { recipient_name: '', address: '', date_debut: 'demain', date_fin: '' });
    assert.equal(response.statusCode, 400);
    const form = html(response.body).region('Transfert du courrier');
    const errors = ['Nom du destinataire', 'Adresse de transfert', 'Date de début', 'Date de fin'].map((label) => form.field(label).error ?? '');
    [/Indiquez le nom du destinataire/, /Indiquez l'adresse de transfert/, /Indiquez la date de début/, /Indiquez la date de fin/].forEach((message, index) => assert.match(errors[index]!, message));
    assert.equal(form.field('Date de début').value, 'demain', 'what was typed is kept');
    assert.deepEqual(await transfertOf(w.id), []);
  });
});

describe('the facteur cannot manage procurations or the transfert (403, logged)', () => {
  test('every management route answers 403, changes nothing, and the refusal is in the audit log', async () => {
    const w = await mailWorld(t);
    const procurationId = await insertProcuration(t, w, { start: daysFromToday(-1), end: daysFromToday(10) });
    await t.db.insertInto('transferts').values({ structure_id: w.team.structureId, domicilie_id: w.id, recipient_name: 'R', address: 'A', start_date: daysFromToday(0), end_date: daysFromToday(5) }).execute();
    const facteur = await w.as('facteur');
    const attempts: [string, Record<string, string>][] = [
      [w.url('/procurations'), validForm()],
      [w.url(`/procurations/${procurationId}/supprimer`), {}],
      [w.url('/transfert'), { recipient_name: 'X', address: 'Y', date_debut: daysFromToday(0), date_fin: daysFromToday(5) }],
      [w.url('/transfert/supprimer'), {}],
    ];
    for (const [url, body] of attempts) assert.equal((await facteur.post(url, body)).statusCode, 403, url);
    assert.equal((await procurationsOf(w.id)).length, 1);
    assert.equal((await t.db.selectFrom('transferts').select('recipient_name').where('domicilie_id', '=', w.id).executeTakeFirstOrThrow()).recipient_name, 'R');
    const denied = await t.db.selectFrom('audit_log').select('details').where('actor_id', '=', w.team.facteur.id).where('action', '=', 'access.denied').execute();
    assert.deepEqual(denied.map((row) => row.details.route).sort(), ['/domicilies/:id/procurations', '/domicilies/:id/procurations/:procurationId/supprimer', '/domicilies/:id/transfert', '/domicilies/:id/transfert/supprimer']);
  });
});
