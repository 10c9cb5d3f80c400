import { sql, type Kysely } from 'kysely';
import { addDays, formatDate, isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { administrateurOf, createDomicilie, createStructure } from '../../../test/helpers/factories.ts';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import { forwardToTransfert, handOut, recordPresence, recordReception, returnToSender, undoLatest } from '../courriers/courriers.service.ts';
import { saveTransfert } from '../courriers/procurations.service.ts';
import { cancelLastDecision, takeDecision } from '../decisions/decisions.service.ts';
import type { DecisionInput, DecisionType } from '../decisions/decision-rules.ts';
import { updateIdentity } from '../domicilies/domicilies.service.ts';
import { updateEntretien } from '../entretien/entretien.service.ts';

/**
 * A structure whose yearly report for 2025 is known by construction (report.test.ts lists every
 * figure): people born on given days, decisions taken on given days, mail on given instants
 * around the year's boundary and the spring change of offset, in Europe/Paris.
 */

export type Person = { id: string; decide(type: DecisionType, day: IsoDate, input?: DecisionInput): Promise<void> };

type Identity = { sexe: string; birth: IsoDate; ayantsDroit?: { birth: IsoDate | null; lien: string }[] };

/** Opens a record (its demande taken on 2024-06-01) and sets its identity and ayants droit through the identity form. */
export async function person(db: Kysely<DB>, admin: StaffActor, identity: Identity): Promise<Person> {
  const { id } = await createDomicilie(db, admin.structureId, { status: 'instruction', created_at: new Date('2024-06-01T10:00:00Z') });
  const form: Record<string, string> = { nom: 'Martin', prenom: 'Alex', date_naissance: formatDate(identity.birth), sexe: identity.sexe };
  (identity.ayantsDroit ?? []).forEach((ayant, index) => {
    Object.assign(form, { [`ayant_droit_${index + 1}_nom`]: 'Martin', [`ayant_droit_${index + 1}_prenom`]: `Enfant ${index + 1}`, [`ayant_droit_${index + 1}_lien`]: ayant.lien });
    if (ayant.birth) form[`ayant_droit_${index + 1}_date_naissance`] = formatDate(ayant.birth);
  });
  await updateIdentity(db, admin, id, form);
  return {
    id,
    decide: async (type, day, input = {}) => {
      await takeDecision(db, admin, id, type, { ...input, date_decision: formatDate(day) });
    },
  };
}

/** Runs a mail action at the present moment (the services stamp it), then moves its event to `at`. */
async function mailAt(db: Kysely<DB>, id: string, at: string, action: () => Promise<unknown>) {
  await action();
  await sql`UPDATE courrier_events SET created_at = ${new Date(at)} WHERE id = (SELECT id FROM courrier_events WHERE domicilie_id = ${id} ORDER BY created_at DESC, id DESC LIMIT 1)`.execute(db);
}

async function loginAt(db: Kysely<DB>, structureId: string, id: string, at: string) {
  await db.insertInto('portal_logins').values({ structure_id: structureId, domicilie_id: id, logged_in_at: new Date(at) }).execute();
}

export async function reportWorld(db: Kysely<DB>) {
  const structureId = await createStructure(db, { timezone: 'Europe/Paris' });
  const admin = await administrateurOf(db, structureId);
  const valid = (start: IsoDate): DecisionInput => ({ date_debut: formatDate(start) });

  // A: 17 on 31/12/2025, renewed in June 2025, two ayants droit (a child, one without a birth date).
  const a = await person(db, admin, { sexe: 'femme', birth: '2008-01-01', ayantsDroit: [{ birth: '2015-05-05', lien: 'enfant' }, { birth: null, lien: 'autre' }] });
  await a.decide('valide', '2024-07-01', valid('2024-07-01'));
  await a.decide('renouvellement', '2025-06-01');
  await a.decide('valide', '2025-06-15', valid('2025-07-01'));
  await updateEntretien(db, admin, a.id, { composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', accompagnement: 'oui', accompagnement_par: 'CCAS' });

  // B: 35, first domiciliation in February 2025, radié in March 2026: valide at 31/12/2025.
  const b = await person(db, admin, { sexe: 'homme', birth: '1990-12-31', ayantsDroit: [{ birth: '1980-01-01', lien: 'conjoint' }] });
  await b.decide('valide', '2025-02-10', valid('2025-02-10'));
  await b.decide('radiation', '2026-03-15', { motif: 'non_manifestation_depuis_plus_de_3_mois' });
  await updateEntretien(db, admin, b.id, { composition_menage: 'HOMME_ISOLE_SANS_ENFANT', accompagnement: 'non', situation_pro: 'RSA' });

  // C: no sex given, valide in 2024, radié in March 2025 (entrée dans un logement); an ayant droit never counted.
  const c = await person(db, admin, { sexe: '', birth: '1991-01-01', ayantsDroit: [{ birth: '2010-01-01', lien: 'enfant' }] });
  await c.decide('valide', '2024-09-01', valid('2024-09-01'));
  await mailAt(db, c.id, '2025-02-01T10:00:00Z', () => recordReception(db, admin, c.id, { colis: '2' }));
  await c.decide('radiation', '2025-03-20', { motif: 'entree_dans_un_logement' });
  await mailAt(db, c.id, '2025-02-03T10:00:00Z', () => returnToSender(db, admin, c.id));

  // D: sex « autre » (non renseigné), 75, valide on the period's last day.
  const d = await person(db, admin, { sexe: 'autre', birth: '1950-06-15' });
  await d.decide('valide', '2025-12-31', valid('2025-12-31'));

  // E: refused in April 2025 (hors agrément); H: refused in May, the reason not given (as an import may bring).
  const e = await person(db, admin, { sexe: 'femme', birth: '2000-01-01' });
  await e.decide('refus', '2025-04-10', { motif: 'hors_agrement' });
  const h = await person(db, admin, { sexe: 'homme', birth: '1970-01-01' });
  await h.decide('refus', '2025-05-05', { motif: 'saturation' });
  await db.updateTable('decisions').set({ motif: null }).where('domicilie_id', '=', h.id).where('status', '=', 'refuse').execute();
  // K: refused on the day before the period.
  const k = await person(db, admin, { sexe: 'homme', birth: '1970-01-01' });
  await k.decide('refus', '2024-12-31', { motif: 'saturation' });

  // F: valide only in January 2026: in instruction at 31/12/2025.
  const f = await person(db, admin, { sexe: 'homme', birth: '1996-01-01' });
  await f.decide('valide', '2026-01-05', valid('2026-01-05'));

  // G: 40, valide on the period's first day; a radiation in November, cancelled.
  const g = await person(db, admin, { sexe: 'femme', birth: '1985-03-14' });
  await g.decide('valide', '2025-01-01', valid('2025-01-01'));
  await g.decide('radiation', '2025-11-01', { motif: 'a_sa_demande' });
  const radiation = await db.selectFrom('decisions').select('id').where('domicilie_id', '=', g.id).where('status', '=', 'radie').executeTakeFirstOrThrow();
  await cancelLastDecision(db, admin, g.id, radiation.id);

  // Mail: 31/12/2024 23:30 UTC is 1 January 2025 in Paris; 31/12/2025 23:30 UTC is 2026.
  await mailAt(db, a.id, '2024-12-31T23:30:00Z', () => recordReception(db, admin, a.id, { courrier: '2', colis: '1' }));
  // After the spring change (UTC+2): 31/03 22:30 UTC is 1 April, 00:30 in Paris.
  await mailAt(db, a.id, '2025-03-31T22:30:00Z', () => handOut(db, admin, a.id, { recipient: 'domicilie' }));
  await mailAt(db, b.id, '2025-12-31T22:30:00Z', () => recordReception(db, admin, b.id, { avis_passage: '1' }));
  await mailAt(db, b.id, '2025-12-31T23:30:00Z', () => recordReception(db, admin, b.id, { courrier: '1' }));
  await mailAt(db, d.id, '2025-06-10T10:00:00Z', () => recordPresence(db, admin, d.id, 'visit'));
  await recordReception(db, admin, d.id, { courrier: '5' });
  const undone = await db.selectFrom('courrier_events').select('id').where('domicilie_id', '=', d.id).where('kind', '=', 'reception').executeTakeFirstOrThrow();
  await undoLatest(db, admin, d.id, undone.id);
  await mailAt(db, g.id, '2025-07-01T10:00:00Z', () => recordPresence(db, admin, g.id, 'call'));
  await mailAt(db, g.id, '2025-08-01T10:00:00Z', () => recordReception(db, admin, g.id, { courrier: '3' }));
  const today = isoDateIn(new Date(), 'Europe/Paris');
  await saveTransfert(db, admin, g.id, { recipient_name: 'Sœur', address: '2 rue Neuve, 69002 Lyon', date_debut: formatDate(today), date_fin: formatDate(addDays(today, 30)) });
  await mailAt(db, g.id, '2025-08-02T10:00:00Z', () => forwardToTransfert(db, admin, g.id, { types: ['courrier', 'colis', 'avis_passage'] }));

  // Portal logins: the last one is 1 January 2026 in Paris, the first 1 January 2025.
  await loginAt(db, structureId, b.id, '2024-12-31T23:30:00Z');
  await loginAt(db, structureId, a.id, '2025-05-01T10:00:00Z');
  await loginAt(db, structureId, a.id, '2025-06-01T10:00:00Z');
  await loginAt(db, structureId, a.id, '2025-12-31T23:30:00Z');

  return { structureId, admin, people: { a, b, c, d, e, f, g, h, k } };
}

/** Another structure with the same kinds of rows in 2025: none may ever count in the first one's report. */
export async function otherStructure(db: Kysely<DB>) {
  const structureId = await createStructure(db, { timezone: 'Europe/Paris' });
  const admin = await administrateurOf(db, structureId);
  const x = await person(db, admin, { sexe: 'femme', birth: '1980-01-01', ayantsDroit: [{ birth: '2012-01-01', lien: 'enfant' }] });
  await x.decide('valide', '2025-03-01', { date_debut: '01/03/2025' });
  await x.decide('radiation', '2025-09-01', { motif: 'a_sa_demande' });
  const y = await person(db, admin, { sexe: 'homme', birth: '1960-01-01' });
  await y.decide('valide', '2025-03-01', { date_debut: '01/03/2025' });
  await updateEntretien(db, admin, y.id, { composition_menage: 'COUPLE_AVEC_ENFANT' });
  await y.decide('renouvellement', '2025-10-01');
  await y.decide('valide', '2025-10-02', { date_debut: '01/03/2026' });
  const z = await person(db, admin, { sexe: 'homme', birth: '1960-01-01' });
  await z.decide('refus', '2025-05-05', { motif: 'saturation' });
  await mailAt(db, y.id, '2025-05-01T10:00:00Z', () => recordReception(db, admin, y.id, { courrier: '4', colis: '4', avis_passage: '4' }));
  await mailAt(db, y.id, '2025-05-02T10:00:00Z', () => handOut(db, admin, y.id, { recipient: 'domicilie' }));
  await mailAt(db, y.id, '2025-05-03T10:00:00Z', () => recordPresence(db, admin, y.id, 'visit'));
  await mailAt(db, y.id, '2025-05-04T10:00:00Z', () => recordPresence(db, admin, y.id, 'call'));
  await loginAt(db, structureId, y.id, '2025-05-01T10:00:00Z');
  return { structureId, admin };
}
