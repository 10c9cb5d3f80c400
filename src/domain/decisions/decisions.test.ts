import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { addDays, addMonths, formatDate, isoDateIn } from '../../shared/dates.ts';
import { page as html } from '../../../test/helpers/html.ts';
import { recordsWorld } from '../domicilies/domicilies.fixtures.ts';
import { recomputeLastVisit } from '../last-visit/last-visit.service.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const today = () => isoDateIn(new Date(), 'Europe/Paris');
const parisDate = (instant: Date | null) => (instant ? isoDateIn(instant, 'Europe/Paris') : null);
const decisionsTable = /^Historique des décisions/;

/** Pretends the record was created `days` ago (and its first decision with it). */
async function backdate(id: string, days: number) {
  await sql`UPDATE domicilies SET created_at = now() - make_interval(days => ${days}) WHERE id = ${id}`.execute(t.db);
  await sql`UPDATE decisions SET created_at = now() - make_interval(days => ${days}) WHERE domicilie_id = ${id}`.execute(t.db);
  await recomputeLastVisit(t.db, id);
}

describe('decisions: who may take them', () => {
  test('a gestionnaire validates; the end defaults to one year minus one day; state, history and audit change together', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const start = today();
    const response = await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(start) });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, `/domicilies/${id}`);
    const end = addDays(addMonths(start, 12), -1);
    assert.deepEqual(await w.state(id).then(({ status, start_date, end_date }) => ({ status, start_date, end_date })), { status: 'valide', start_date: start, end_date: end });
    const decisions = await w.decisions(id);
    assert.deepEqual(decisions.map((d) => [d.status, d.created_by]), [['instruction', w.team.instructeur.id], ['valide', w.team.gestionnaire.id]]);
    const logged = (await w.auditActions(id)).find((entry) => entry.action === 'decision.valide')!;
    assert.equal(logged.actor_id, w.team.gestionnaire.id);
    assert.deepEqual(logged.details, { decision_id: decisions[1]!.id });
    const page = html((await (await w.as('gestionnaire')).get(`/domicilies/${id}`)).body);
    assert.match(page.status ?? '', new RegExp(`^La domiciliation est validée du ${formatDate(start)} au ${formatDate(end)}`));
    assert.deepEqual(page.table(decisionsTable)[0]!.slice(1), ['Domiciliation validée', `Du ${formatDate(start)} au ${formatDate(end)}`, 'Alex Durand']);
  });

  test('an instructeur instructs, passes « À valider », but cannot validate or refuse (403, logged)', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const instructeur = await w.as('instructeur');
    const fiche = html((await instructeur.get(`/domicilies/${id}`)).body);
    assert.ok(fiche.buttons().includes('Passer au statut « À valider »'));
    assert.deepEqual(fiche.disclosures(), [{ summary: 'Modifier la date : Instruction de la demande', open: false }], 'no decision form with fields; the date of the demande, which an instructeur takes');
    assert.doesNotMatch(fiche.text, /Valider la domiciliation|Refuser la demande|Annuler la dernière décision|Supprimer le dossier/);
    assert.equal((await w.decide('instructeur', id, 'a_valider')).statusCode, 303);
    assert.equal((await w.state(id)).status, 'a_valider');
    assert.equal((await w.decide('instructeur', id, 'valide', { date_debut: formatDate(today()) })).statusCode, 403);
    assert.equal((await w.decide('instructeur', id, 'refus', { motif: 'saturation' })).statusCode, 403);
    assert.equal((await w.state(id)).status, 'a_valider');
    const denied = await t.db.selectFrom('audit_log').select('details').where('actor_id', '=', w.team.instructeur.id).where('action', '=', 'access.denied').execute();
    assert.equal(denied.length, 2);
    assert.equal(denied[0]!.details.route, '/domicilies/:id/decisions');
    assert.equal((await w.decide('instructeur', id, 'instruction')).statusCode, 303);
    assert.equal((await w.state(id)).status, 'instruction');
  });

  test('a facteur takes no decision: no form is shown and every decision route answers 403 (logged)', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(today());
    const facteur = await w.as('facteur');
    const page = await facteur.get(`/domicilies/${id}`);
    assert.equal(page.statusCode, 200);
    const fiche = html(page.body);
    assert.deepEqual(fiche.forms().map((form) => form.action), ['/deconnexion'], 'no form but the logout');
    assert.deepEqual(fiche.disclosures(), []);
    assert.ok(!fiche.links().some((link) => link.href.startsWith(`/domicilies/${id}/`) && !/\/(courriers|historique)$/.test(link.href)), 'links to the tabs only');
    for (const decision of ['instruction', 'a_valider', 'valide', 'refus', 'radiation', 'renouvellement']) {
      assert.equal((await w.decide('facteur', id, decision, { date_debut: formatDate(today()), motif: 'autre', motif_texte: 'x' })).statusCode, 403, decision);
    }
    assert.equal((await w.cancelLast(facteur, id)).statusCode, 403);
    assert.equal((await w.decisions(id)).length, 2);
    const denied = await t.db.selectFrom('audit_log').select('action').where('actor_id', '=', w.team.facteur.id).where('action', '=', 'access.denied').execute();
    assert.equal(denied.length, 7);
  });

  test('staff of another structure cannot decide on, or cancel, a record (404) and nothing changes', async () => {
    const a = await recordsWorld(t);
    const b = await recordsWorld(t);
    const id = await a.createValid(today());
    assert.equal((await b.decide('gestionnaire', id, 'radiation', { motif: 'a_sa_demande' })).statusCode, 404);
    assert.equal((await b.cancelLast(await b.as('administrateur'), id)).statusCode, 404);
    assert.equal((await a.state(id)).status, 'valide');
    assert.equal((await a.decisions(id)).length, 2);
  });
});

describe('decisions: the rules of each one', () => {
  test('a refusal needs a motif from the list (French message), keeps motif and orientation; a new demand can follow', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const missing = await w.decide('gestionnaire', id, 'refus', { motif: '' });
    assert.equal(missing.statusCode, 400);
    const refusal = html(missing.body);
    assert.match(refusal.alert ?? '', /Choisissez le motif du refus/);
    assert.match(refusal.field('Motif du refus').error ?? '', /Choisissez le motif du refus/);
    assert.deepEqual(refusal.disclosures().filter((disclosure) => disclosure.open), [{ summary: 'Refuser la demande', open: true }]);
    assert.equal((await w.state(id)).status, 'instruction');
    assert.equal((await w.decide('gestionnaire', id, 'refus', { motif: 'saturation', orientation: 'Association Abri' })).statusCode, 303);
    assert.equal((await w.state(id)).status, 'refuse');
    const [refused] = html((await (await w.as('instructeur')).get(`/domicilies/${id}`)).body).table(decisionsTable);
    assert.deepEqual(refused!.slice(1, 3), ['Refus', 'Motif : Saturation. Orientation : Association Abri']);
    assert.equal((await w.decide('instructeur', id, 'instruction')).statusCode, 303);
    assert.equal((await w.state(id)).status, 'instruction');
  });

  test('a radiation by an instructeur needs a motif, and a text for « Autre »', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(today());
    const noText = await w.decide('instructeur', id, 'radiation', { motif: 'autre' });
    assert.equal(noText.statusCode, 400);
    const radiation = html(noText.body);
    assert.match(radiation.alert ?? '', /Précisez le motif/);
    assert.match(radiation.field('Précisions sur le motif').error ?? '', /Précisez le motif/);
    assert.equal(radiation.field('Motif de la radiation').value, 'autre', 'the chosen motif is kept');
    assert.equal((await w.decide('instructeur', id, 'radiation', { motif: 'autre', motif_texte: 'Parti à l’étranger' })).statusCode, 303);
    assert.deepEqual(await w.state(id).then(({ status, start_date }) => ({ status, start_date })), { status: 'radie', start_date: null });
    assert.equal((await w.decisions(id)).at(-1)!.motif, 'autre');
    const logged = await w.auditActions(id);
    assert.equal(JSON.stringify(logged).includes('étranger'), false, 'free text never goes to the audit log');
  });

  test('invalid dates and an end before the start are refused in French; nothing is recorded', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const impossible = await w.decide('gestionnaire', id, 'valide', { date_debut: '31/02/2026' });
    assert.equal(impossible.statusCode, 400);
    assert.match(html(impossible.body).field('Date de début').error ?? '', /La date de début n'est pas une date valide/);
    const reversed = await w.decide('gestionnaire', id, 'valide', { date_debut: '01/12/2026', date_fin: '30/11/2026' });
    assert.equal(reversed.statusCode, 400);
    const form = html(reversed.body);
    assert.match(form.field('Date de fin').error ?? '', /La date de fin doit être postérieure ou égale à la date de début/);
    assert.deepEqual([form.field('Date de début').value, form.field('Date de fin').value], ['01/12/2026', '30/11/2026']);
    assert.equal((await w.decisions(id)).length, 1);
    assert.equal((await w.state(id)).status, 'instruction');
  });

  test('a decision the current state does not allow is refused (409): radiating a record in instruction', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const response = await w.decide('instructeur', id, 'radiation', { motif: 'a_sa_demande' });
    assert.equal(response.statusCode, 409);
    const refused = html(response.body);
    assert.equal(refused.heading, 'La fiche a changé');
    assert.match(refused.text, /n'est pas possible pour un dossier au statut « Instruction »/);
    assert.equal((await w.decide('gestionnaire', id, 'renouvellement')).statusCode, 409);
    assert.equal((await w.decisions(id)).length, 1);
  });

  test('two staff validating the same record at once: one wins, the other is told the record changed', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    await w.as('administrateur');
    await w.as('gestionnaire');
    const answers = await Promise.all([
      w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(today()) }),
      w.decide('administrateur', id, 'valide', { date_debut: formatDate(today()) }),
    ]);
    assert.deepEqual(answers.map((answer) => answer.statusCode).sort(), [303, 409]);
    assert.equal((await w.decisions(id)).filter((d) => d.status === 'valide').length, 1);
  });
});

describe('renewal, last visit and cancellation', () => {
  test('a renewal keeps the domiciliation valid until a new valid decision replaces it, and counts as a visit', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    await backdate(id, 400);
    const firstStart = addMonths(today(), -11);
    assert.equal((await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(firstStart) })).statusCode, 303);
    const firstEnd = addDays(addMonths(firstStart, 12), -1);
    assert.equal(parisDate((await w.state(id)).last_visit_at), firstStart, 'the start of the valid domiciliation is the last visit');
    assert.equal((await w.decide('instructeur', id, 'renouvellement')).statusCode, 303);
    const renewing = await w.state(id);
    assert.deepEqual([renewing.status, renewing.start_date, renewing.end_date], ['valide', firstStart, firstEnd]);
    assert.equal(parisDate(renewing.last_visit_at), today(), 'a renewal is a visit');
    assert.deepEqual((await w.decisions(id)).at(-1)!.is_renewal, true);
    const fiche = html((await (await w.as('gestionnaire')).get(`/domicilies/${id}`)).body);
    assert.match(fiche.text, /Statut actuel : Actif — renouvellement en cours/);
    assert.equal(fiche.field('Date de début').value, formatDate(addDays(firstEnd, 1)), 'the renewal starts the day after the current end');
    assert.equal((await w.decide('instructeur', id, 'a_valider')).statusCode, 303);
    assert.equal((await w.state(id)).status, 'valide');
    const secondStart = addDays(firstEnd, 1);
    assert.equal((await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(secondStart) })).statusCode, 303);
    const renewed = await w.state(id);
    assert.deepEqual([renewed.status, renewed.start_date, renewed.end_date], ['valide', secondStart, addDays(addMonths(secondStart, 12), -1)]);
  });

  test('« Annuler la dernière décision » asks first, naming the decision, then says what was undone; a decision taken meanwhile is never the one undone', async () => {
    const w = await recordsWorld(t);
    const id = await w.createValid(formatDate(today()));
    const gestionnaire = await w.as('gestionnaire');
    const fiche = html((await gestionnaire.get(`/domicilies/${id}`)).body);
    const end = formatDate(addDays(addMonths(today(), 12), -1));
    const question = `Annuler la décision : Domiciliation validée du ${formatDate(today())} au ${end}, prise le ${formatDate(today())} ? Le dossier reviendra à l'état de la décision précédente.`;
    assert.ok(fiche.text.includes(question), 'the question names the decision');
    assert.ok(fiche.buttons().includes('Oui, annuler cette décision'));

    // The page was read before a colleague radiated the person: the confirmation is about the validation.
    const seen = (await w.decisions(id)).at(-1)!.id;
    assert.equal((await w.decide('instructeur', id, 'radiation', { motif: 'a_sa_demande' })).statusCode, 303);
    const late = await gestionnaire.post(`/domicilies/${id}/decisions/annuler`, { decision_id: seen });
    assert.equal(late.statusCode, 409);
    assert.match(html(late.body).text, /Une autre décision a été enregistrée entre-temps/);
    assert.equal((await w.state(id)).status, 'radie', 'nothing was cancelled');

    const cancelled = await w.cancelLast(gestionnaire, id);
    assert.equal(cancelled.statusCode, 303);
    const after = html((await gestionnaire.get(cancelled.headers.location as string)).body);
    assert.equal(after.status, `Décision annulée : Radiation, prise le ${formatDate(today())}. Le dossier est maintenant au statut « Actif ».`);
  });

  test('cancelling the last decision restores the previous state and last visit; the history keeps it', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    await backdate(id, 200);
    const created = (await w.state(id)).last_visit_at!;
    const start = addMonths(today(), -1);
    await w.decide('gestionnaire', id, 'valide', { date_debut: formatDate(start) });
    assert.equal(parisDate((await w.state(id)).last_visit_at), start);
    assert.equal((await w.decide('instructeur', id, 'radiation', { motif: 'a_sa_demande' })).statusCode, 303);
    assert.equal((await w.state(id)).status, 'radie');

    assert.equal((await w.cancelLast(await w.as('instructeur'), id)).statusCode, 403);
    const gestionnaire = await w.as('gestionnaire');
    assert.equal((await w.cancelLast(gestionnaire, id)).statusCode, 303);
    const restored = await w.state(id);
    assert.deepEqual([restored.status, restored.start_date], ['valide', start]);
    let history = await w.decisions(id);
    assert.equal(history.length, 3, 'the cancelled decision stays in the history');
    assert.ok(history[2]!.cancelled_at);
    assert.equal(history[2]!.cancelled_by, w.team.gestionnaire.id);
    const [cancelled] = html((await gestionnaire.get(`/domicilies/${id}`)).body).table(decisionsTable);
    assert.match(cancelled![1]!, /^Radiation — annulée le \d\d\/\d\d\/\d{4} à \d\d:\d\d par Alex Durand$/);

    assert.equal((await w.cancelLast(gestionnaire, id)).statusCode, 303);
    const back = await w.state(id);
    assert.deepEqual([back.status, back.start_date, back.end_date], ['instruction', null, null]);
    assert.equal(back.last_visit_at!.getTime(), created.getTime(), 'the last visit is recomputed from what remains');

    const first = await w.cancelLast(gestionnaire, id);
    assert.equal(first.statusCode, 409, 'the demand that opened the record cannot be cancelled');
    history = await w.decisions(id);
    assert.deepEqual(history.map((d) => [d.status, d.cancelled_at !== null]), [['instruction', false], ['valide', true], ['radie', true]]);
    const actions = (await w.auditActions(id)).map((entry) => entry.action);
    assert.deepEqual(actions.filter((action) => action.startsWith('decision.')), ['decision.instruction', 'decision.valide', 'decision.radiation', 'decision.annulation', 'decision.annulation']);
  });
});

describe('the refusal’s orientation, typed and written', () => {
  test('a code from the list and the place, shown in the history; « Autre » needs the place; « Non renseignée » is allowed', async () => {
    const w = await recordsWorld(t);
    const id = await w.create();
    const refusal = html((await (await w.as('gestionnaire')).get(`/domicilies/${id}`)).body);
    assert.equal(refusal.field('Orientation proposée').value, '');
    assert.deepEqual(refusal.texts('#refus-orientation_code option'), [
      'Non renseignée', 'CCAS ou CIAS', 'Association ou organisme agréé', 'Service social (département, hôpital, SIAO…)', 'Autre',
    ]);
    const vague = await w.decide('gestionnaire', id, 'refus', { motif: 'saturation', orientation_code: 'AUTRE' });
    assert.equal(vague.statusCode, 400);
    assert.equal(html(vague.body).field("Lieu de l'orientation").error, 'Précisez où la personne est orientée, par exemple « CCAS de Villeurbanne ».');
    const unknown = await w.decide('gestionnaire', id, 'refus', { motif: 'saturation', orientation_code: 'PREFECTURE' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(html(unknown.body).field('Orientation proposée').error, "Choisissez l'orientation dans la liste, ou « Non renseignée ».");
    assert.equal((await w.decide('gestionnaire', id, 'refus', { motif: 'pas_de_lien_avec_la_commune', orientation_code: 'CCAS_CIAS', orientation: 'CCAS de Villeurbanne' })).statusCode, 303);
    const stored = await t.db.selectFrom('decisions').select(['orientation_code', 'orientation']).where('domicilie_id', '=', id).where('status', '=', 'refuse').executeTakeFirstOrThrow();
    assert.deepEqual(stored, { orientation_code: 'CCAS_CIAS', orientation: 'CCAS de Villeurbanne' });
    const [refused] = html((await (await w.as('facteur')).get(`/domicilies/${id}/historique`)).body).table(decisionsTable);
    assert.equal(refused![2], 'Motif : Pas de lien avec la commune. Orientation : CCAS ou CIAS — CCAS de Villeurbanne');

    const second = await w.create({ nom: 'Autre', prenom: 'Personne' });
    assert.equal((await w.decide('gestionnaire', second, 'refus', { motif: 'saturation', orientation_code: '' })).statusCode, 303);
    const [plain] = html((await (await w.as('facteur')).get(`/domicilies/${second}`)).body).table(decisionsTable);
    assert.equal(plain![2], 'Motif : Saturation');
  });
});
