import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { migrationFiles } from '../../db/migrate.ts';
import { addDays, formatDate, isoDateIn } from '../../shared/dates.ts';
import { recordsWorld, type RecordsWorld } from '../domicilies/domicilies.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = (zone = 'Europe/Paris') => isoDateIn(new Date(), zone);
const decisionsTable = /^Historique des décisions/;
const dateUrl = (id: string, decisionId: string) => `/domicilies/${id}/decisions/${decisionId}/date`;

function dated(id: string) {
  return t.db.selectFrom('decisions').select(['id', 'status', 'decided_on', 'cancelled_at']).where('domicilie_id', '=', id).orderBy('created_at').execute();
}

/** Dates the demande `days` ago, as an import or a correction would, so later decisions may be backdated. */
async function demandeDatedAgo(id: string, days: number) {
  await t.db.updateTable('decisions').set({ decided_on: addDays(today(), -days) }).where('domicilie_id', '=', id).where('status', '=', 'instruction').where('is_renewal', '=', false).execute();
}

async function staffNameOf(w: RecordsWorld, role: 'gestionnaire' | 'instructeur' | 'administrateur') {
  const row = await t.db.selectFrom('staff_users').select(['prenom', 'nom']).where('id', '=', w.team[role].id).executeTakeFirstOrThrow();
  return `${row.prenom} ${row.nom}`;
}

describe('a decision carries the day it was taken', () => {
  test('the deciding form offers « Date de la décision », today by default; an empty field is today too', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const fiche = html((await (await w.as('gestionnaire')).get(`/domicilies/${id}`)).body);
    assert.equal(fiche.field('Date de la décision').value, formatDate(today()));
    assert.equal((await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(today()) })).statusCode, 303);
    assert.deepEqual((await dated(id)).map((d) => d.decided_on), [today(), today()]);
  });

  test("« today » is the structure's calendar day, not UTC's: a structure at UTC+14 and one at UTC-10", async () => {
    for (const zone of ['Pacific/Kiritimati', 'Pacific/Honolulu']) {
      const w = await recordsWorld(t, { timezone: zone });
      const id = await w.create();
      await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(today(zone)) });
      // The two zones are 24 hours apart: at any hour at least one of them differs from UTC's day.
      assert.deepEqual((await dated(id)).map((d) => d.decided_on), [today(zone), today(zone)], zone);
    }
    assert.notEqual(today('Pacific/Kiritimati'), today('Pacific/Honolulu'));
  });

  test('a decision is not dated in the future nor before the decision it follows; the error is next to the field', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const future = await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(today()), date_decision: formatDate(addDays(today(), 1)) });
    assert.equal(future.statusCode, 400);
    const form = html(future.body);
    assert.equal(form.field('Date de la décision').error, `La date de la décision ne peut pas être après aujourd'hui (${formatDate(today())}).`);
    const early = await w.decide('gestionnaire', id, 'refus', { motif: 'saturation', date_decision: formatDate(addDays(today(), -1)) });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(html(early.body).texts('#refus-date_decision-error'), [`La date de la décision ne peut pas être avant celle de la décision précédente (${formatDate(today())}).`]);
    assert.equal((await w.state(id)).status, 'instruction');
    assert.equal((await dated(id)).length, 1);
    // A demande dated earlier (an import, or a correction) lets the decision that follows it be backdated.
    await demandeDatedAgo(id, 10);
    assert.equal((await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(today()), date_decision: formatDate(addDays(today(), -3)) })).statusCode, 303);
    assert.equal((await dated(id))[1]!.decided_on, addDays(today(), -3));
    const [valide] = html((await (await w.as('gestionnaire')).get(`/domicilies/${id}`)).body).table(decisionsTable);
    assert.match(valide![0]!, new RegExp(`^${formatDate(addDays(today(), -3))} — enregistrée le ${formatDate(today())} à `));
  });
});

describe('changing the date of a decision already taken', () => {
  test('a gestionnaire changes a valide decision’s date: kept with who and when, shown in the history, audited', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    await demandeDatedAgo(id, 20);
    const valide = (await dated(id))[1]!;
    const gestionnaire = await w.as('gestionnaire');
    const fiche = html((await gestionnaire.get(`/domicilies/${id}`)).body);
    assert.ok(fiche.forms().some((form) => form.action === dateUrl(id, valide.id)), 'a date form for the valide decision');
    const newDay = addDays(today(), -12);
    const response = await gestionnaire.post(dateUrl(id, valide.id), { date_decision: formatDate(newDay) });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/domicilies/${id}#historique-des-decisions`);
    assert.equal((await dated(id))[1]!.decided_on, newDay);
    const changes = await t.db.selectFrom('decision_date_changes').selectAll().where('decision_id', '=', valide.id).execute();
    assert.equal(changes.length, 1);
    assert.deepEqual({ ...changes[0], id: undefined, changed_at: undefined }, {
      id: undefined, changed_at: undefined, decision_id: valide.id, structure_id: w.team.structureId, previous: valide.decided_on, new: newDay, changed_by: w.team.gestionnaire.id,
    });
    assert.ok(Date.now() - changes[0]!.changed_at.getTime() < 60_000, 'changed now');
    const logged = (await w.auditActions(id)).filter((entry) => entry.action === 'decision.date_modifiee');
    assert.deepEqual(logged, [{ action: 'decision.date_modifiee', actor_id: w.team.gestionnaire.id, details: { decision_id: valide.id } }]);

    const after = html((await gestionnaire.get(`/domicilies/${id}`)).body);
    assert.equal(after.status, `La date de la décision est maintenant le ${formatDate(newDay)}.`);
    const changed = new RegExp(`^${formatDate(newDay)} — enregistrée le .* — date modifiée le ${formatDate(today())} à \\d\\d:\\d\\d par ${await staffNameOf(w, 'gestionnaire')} \\(auparavant ${formatDate(valide.decided_on)}\\)`);
    assert.match(after.table(decisionsTable)[0]![0]!, changed);
    // The « Historique » tab shows the same, without the form, and names the action.
    const history = html((await (await w.as('facteur')).get(`/domicilies/${id}/historique`)).body);
    assert.match(history.table(decisionsTable)[0]![0]!, changed);
    assert.ok(history.table(/^Actions sur ce dossier/).some((row) => row[1] === "Modification de la date d'une décision"));
    assert.equal(history.forms().filter((form) => form.action.endsWith('/date')).length, 0);
  });

  test('the same day again changes nothing and keeps no change', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    const valide = (await dated(id))[1]!;
    const response = await (await w.as('administrateur')).post(dateUrl(id, valide.id), { date_decision: formatDate(valide.decided_on) });
    assert.equal(response.statusCode, 303);
    assert.equal((await t.db.selectFrom('decision_date_changes').select('id').where('decision_id', '=', valide.id).execute()).length, 0);
  });

  test('the bounds hold for a change: between its neighbours, never in the future; an invalid day is named', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    await demandeDatedAgo(id, 30);
    await t.db.updateTable('decisions').set({ decided_on: addDays(today(), -10) }).where('domicilie_id', '=', id).where('status', '=', 'valide').execute();
    assert.equal((await w.decide('instructeur', id, 'radiation', { motif: 'a_sa_demande' })).statusCode, 303);
    const [demande, valide] = await dated(id);
    const gestionnaire = await w.as('gestionnaire');
    const cases: [string, string][] = [
      [formatDate(addDays(today(), -31)), `La date de la décision ne peut pas être avant celle de la décision précédente (${formatDate(demande!.decided_on)}).`],
      [formatDate(addDays(today(), 1)), `La date de la décision ne peut pas être après aujourd'hui (${formatDate(today())}).`],
      ['31/02/2026', "La date de la décision n'est pas une date valide : utilisez le format jj/mm/aaaa, par exemple 01/12/2026."],
      ['', 'Indiquez la date de la décision, par exemple 01/12/2026.'],
    ];
    for (const [typed, message] of cases) {
      const response = await gestionnaire.post(dateUrl(id, valide!.id), { date_decision: typed });
      assert.equal(response.statusCode, 400, typed);
      const shown = html(response.body);
      assert.deepEqual(shown.texts(`#date-${valide!.id}-error`), [message], typed);
      assert.deepEqual(shown.disclosures().filter((d) => d.open), [{ summary: 'Modifier la date : Domiciliation validée', open: true }], 'the date form stays open');
    }
    // The demande cannot move after the valide decision that follows it.
    const late = await gestionnaire.post(dateUrl(id, demande!.id), { date_decision: formatDate(addDays(today(), -5)) });
    assert.equal(late.statusCode, 400);
    assert.deepEqual(html(late.body).texts(`#date-${demande!.id}-error`), [`La date de la décision ne peut pas être après celle de la décision suivante (${formatDate(valide!.decided_on)}).`]);
    assert.deepEqual((await dated(id)).map((d) => d.decided_on), [demande!.decided_on, valide!.decided_on, today()]);
  });

  test('refused to an instructeur for a valide decision and to a facteur (403); an instructeur dates the demande', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    await demandeDatedAgo(id, 5);
    const [demande, valide] = await dated(id);
    const instructeur = await w.as('instructeur');
    const fiche = html((await instructeur.get(`/domicilies/${id}`)).body);
    assert.deepEqual(fiche.forms().filter((form) => form.action.endsWith('/date')).map((form) => form.action), [dateUrl(id, demande!.id)]);
    assert.equal((await instructeur.post(dateUrl(id, valide!.id), { date_decision: formatDate(addDays(today(), -1)) })).statusCode, 403);
    assert.equal((await (await w.as('facteur')).post(dateUrl(id, demande!.id), { date_decision: formatDate(addDays(today(), -1)) })).statusCode, 403);
    assert.deepEqual((await dated(id)).map((d) => d.decided_on), [demande!.decided_on, valide!.decided_on]);
    assert.equal((await instructeur.post(dateUrl(id, demande!.id), { date_decision: formatDate(addDays(today(), -2)) })).statusCode, 303);
    assert.equal((await dated(id))[0]!.decided_on, addDays(today(), -2));
  });

  test('a cancelled decision keeps its date (409); another structure’s decision is not found (404)', async () => {
    const w = await recordsWorld(t);
    const other = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    const valide = (await dated(id))[1]!;
    const administrateur = await w.as('administrateur');
    assert.equal((await w.cancelLast(administrateur, id)).statusCode, 303);
    const fiche = html((await administrateur.get(`/domicilies/${id}`)).body);
    assert.ok(!fiche.forms().some((form) => form.action === dateUrl(id, valide.id)), 'no date form on a cancelled decision');
    const refused = await administrateur.post(dateUrl(id, valide.id), { date_decision: formatDate(today()) });
    assert.equal(refused.statusCode, 409);
    assert.match(html(refused.body).text, /Cette décision a été annulée : sa date ne peut plus être modifiée\./);
    const stranger = await (await other.as('administrateur')).post(dateUrl(id, (await dated(id))[0]!.id), { date_decision: formatDate(today()) });
    assert.equal(stranger.statusCode, 404);
    assert.equal((await t.db.selectFrom('decision_date_changes').select('id').where('structure_id', '=', w.team.structureId).execute()).length, 0);
  });
});

class Undone extends Error {
  constructor(readonly rows: { domicilie_id: string; decided_on: string }[]) {
    super('undone');
  }
}

describe('migration 0066: decisions recorded before it', () => {
  test('are dated the day they were recorded in their structure’s time zone (23:30 UTC in summer is the next day in Paris)', async () => {
    const backfill = migrationFiles().find((file) => file.name.startsWith('0066_'))!.sql.split(';').map((part) => part.trim()).find((part) => /^UPDATE decisions\b/m.test(part.replace(/^--.*$/gm, '').trim()))!;
    assert.ok(backfill, 'the migration backfills decided_on');
    const w = await recordsWorld(t);
    const overseas = await recordsWorld(t, { timezone: 'America/Cayenne' });
    const id = await w.create();
    const guyane = await overseas.create();
    // Replays the migration's statement on rows as they were before it (recorded, not yet dated), then undoes it all.
    const replay = t.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE decisions ALTER COLUMN decided_on DROP NOT NULL`.execute(trx);
      await sql`UPDATE decisions SET created_at = '2026-07-14T23:30:00Z', decided_on = NULL WHERE domicilie_id IN (${id}, ${guyane})`.execute(trx);
      await sql.raw(backfill).execute(trx);
      throw new Undone(await trx.selectFrom('decisions').select(['domicilie_id', 'decided_on']).where('domicilie_id', 'in', [id, guyane]).execute());
    });
    const rows = await replay.then(
      () => assert.fail('rolled back'),
      (error: unknown) => (error instanceof Undone ? error.rows : Promise.reject(error)),
    );
    assert.deepEqual(Object.fromEntries(rows.map((row) => [row.domicilie_id, row.decided_on])), { [id]: '2026-07-15', [guyane]: '2026-07-14' });
  });
});
