import { strFromU8, unzipSync } from 'fflate';
import { sql, type Kysely } from 'kysely';
import type { DB, DomiciliesTable, DomicilieStatus, Role } from '../../src/db/schema.ts';
import type { StaffActor } from '../../src/domain/actor.ts';
import { recordReception } from '../../src/domain/courriers/courriers.service.ts';
import { takeDecision } from '../../src/domain/decisions/decisions.service.ts';
import { createDomicilie as openDossier } from '../../src/domain/dossiers/dossiers.service.ts';
import { recomputeLastVisit } from '../../src/domain/last-visit/last-visit.service.ts';
import { createStructure as createStructureService } from '../../src/domain/structures/structures.service.ts';
import { formatDate, isoDateIn, type IsoDate } from '../../src/shared/dates.ts';
import { hashPassword } from '../../src/shared/passwords.ts';

export const STAFF_PASSWORD = 'Correct horse battery staple';
let sharedHash: Promise<string> | undefined;
let counter = 0;
const unique = () => `${process.pid}-${++counter}`;

type StructureOverrides = Partial<{ name: string; timezone: string; portal_enabled: boolean; portal_login_updates_last_visit: boolean }>;

/** A structure as the administration command creates it, with the portal choices an administrateur makes later. */
export async function createStructure(db: Kysely<DB>, overrides: StructureOverrides = {}) {
  const { portal_enabled, portal_login_updates_last_visit, ...created } = overrides;
  const id = await createStructureService(db, {
    name: `Structure ${unique()}`, type: 'ccas', street: '1 place de la Mairie', postcode: '69001', city: 'Lyon', phone: '04 00 00 00 00', email: '', opening_hours: '', ...created,
  });
  // Set directly: « Structure » lets an administrateur make both choices, and none exists yet.
  const settings = { portal_enabled, portal_login_updates_last_visit };
  if (Object.values(settings).some((value) => value !== undefined)) await db.updateTable('structures').set(settings).where('id', '=', id).execute();
  return id;
}

/** A staff member who can log in with STAFF_PASSWORD. */
export async function createStaff(db: Kysely<DB>, structureId: string, role: Role, overrides: Partial<{ email: string; nom: string; prenom: string }> = {}) {
  sharedHash ??= hashPassword(STAFF_PASSWORD);
  const email = overrides.email ?? `${role}-${unique()}@test.example`;
  // An activated account, inserted directly: the service path goes through an e-mailed link and one slow hash per account.
  const row = await db
    .insertInto('staff_users')
    .values({ structure_id: structureId, email, nom: overrides.nom ?? 'Durand', prenom: overrides.prenom ?? 'Alex', role, password_hash: await sharedHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, email, structureId, role };
}

/** A structure with one staff member of each role. */
export async function createTeam(db: Kysely<DB>, overrides: StructureOverrides = {}) {
  const structureId = await createStructure(db, overrides);
  return {
    structureId,
    administrateur: await createStaff(db, structureId, 'administrateur'),
    gestionnaire: await createStaff(db, structureId, 'gestionnaire'),
    instructeur: await createStaff(db, structureId, 'instructeur'),
    facteur: await createStaff(db, structureId, 'facteur'),
  };
}

/** The structure's first active administrateur as the services see them; one is added when there is none. */
export async function administrateurOf(db: Kysely<DB>, structureId: string): Promise<StaffActor> {
  const row = await db
    .selectFrom('staff_users as u')
    .innerJoin('structures as s', 's.id', 'u.structure_id')
    .select(['u.id', 'u.email', 'u.nom', 'u.prenom', 's.name', 's.timezone'])
    .where('u.structure_id', '=', structureId)
    .where('u.role', '=', 'administrateur')
    .where('u.active', '=', true)
    .orderBy('u.created_at')
    .orderBy('u.id')
    .limit(1)
    .executeTakeFirst();
  if (!row) return (await createStaff(db, structureId, 'administrateur'), administrateurOf(db, structureId));
  return { id: row.id, structureId, structureName: row.name, timezone: row.timezone, role: 'administrateur', email: row.email, nom: row.nom, prenom: row.prenom };
}

type IdentityFields = 'nom' | 'prenom' | 'surnom' | 'sexe' | 'birth_date' | 'birth_place' | 'nationality' | 'language' | 'phone' | 'email' | 'custom_ref';

/** What a test may ask of a domicilié; everything else follows from the services, as in the application. */
export type DomicilieSpec = Partial<Pick<DomiciliesTable, IdentityFields>> & {
  /** Where the decisions led; « valide » by default. */
  status?: DomicilieStatus;
  /** The valid domiciliation's days: for « valide », and for « radie » the one the radiation ended. */
  start_date?: IsoDate | null;
  end_date?: IsoDate | null;
  /** When the record was opened: its whole history is dated as if staff had done it then. */
  created_at?: Date;
  /** The latest presence: the record is opened then and nothing later counts as a visit. */
  last_visit_at?: Date;
  /** Mail received by the structure and not yet handed out. */
  waiting_courrier?: number;
  waiting_colis?: number;
  waiting_avis_passage?: number;
};

/** The identity form's field for each column, as staff fill it in. */
const formFields: Record<IdentityFields, string> = {
  nom: 'nom', prenom: 'prenom', surnom: 'surnom', sexe: 'sexe', birth_date: 'date_naissance', birth_place: 'lieu_naissance',
  nationality: 'nationalite', language: 'langue', phone: 'telephone', email: 'email', custom_ref: 'reference',
};

function identityForm(spec: DomicilieSpec): Record<string, string> {
  const identity = { nom: 'Dupont', prenom: 'Marie', birth_date: '1985-03-14', ...spec };
  const form: Record<string, string> = {};
  for (const [column, field] of Object.entries(formFields) as [IdentityFields, string][]) {
    const value = identity[column];
    if (value) form[field] = column === 'birth_date' ? formatDate(value) : value;
  }
  return form;
}

/** The default valid domiciliation starts here and, as the form does, lasts a year: tests were written against these days. */
const DEFAULT_START = '2026-01-01';

/** The decisions staff take after the demande to reach `status`. */
async function decideUntil(db: Kysely<DB>, admin: StaffActor, id: string, spec: DomicilieSpec, openingDay: IsoDate) {
  const status = spec.status ?? 'valide';
  const hasDates = spec.start_date != null || spec.end_date != null;
  if (hasDates && status !== 'valide' && status !== 'radie') {
    throw new Error(`A domicilié « ${status} » has no valid domiciliation: ask for « valide » or « radie » to give dates.`);
  }
  const validate = (days: { start_date?: IsoDate | null; end_date?: IsoDate | null }) =>
    takeDecision(db, admin, id, 'valide', { date_debut: formatDate(days.start_date), date_fin: formatDate(days.end_date) });
  if (status === 'a_valider') await takeDecision(db, admin, id, 'a_valider', {});
  if (status === 'refuse') await takeDecision(db, admin, id, 'refus', { motif: 'saturation' });
  if (status === 'valide') {
    if (spec.start_date === null) throw new Error('A valid domiciliation has a start date.');
    await validate({ start_date: spec.start_date ?? DEFAULT_START, end_date: spec.end_date });
  }
  if (status === 'radie') {
    await validate({ start_date: spec.start_date ?? openingDay, end_date: spec.end_date });
    await takeDecision(db, admin, id, 'radiation', { motif: 'a_sa_demande' });
  }
}

/** Dates the record at `openedAt`, its decisions and their audit with it, as one history. */
async function openAt(db: Kysely<DB>, id: string, openedAt: Date) {
  await db.transaction().execute(async (trx) => {
    const shift = sql<string>`(${openedAt}::timestamptz - (SELECT created_at FROM domicilies WHERE id = ${id}))`;
    await trx.updateTable('decisions').set({ created_at: sql<Date>`created_at + ${shift}` }).where('domicilie_id', '=', id).execute();
    // Each decision was taken the day it was recorded, in the structure's time zone, as migration 0066 says of old ones.
    await sql`UPDATE decisions d SET decided_on = (d.created_at AT TIME ZONE s.timezone)::date FROM structures s WHERE s.id = d.structure_id AND d.domicilie_id = ${id}`.execute(trx);
    await trx.updateTable('audit_log').set({ created_at: sql<Date>`created_at + ${shift}` }).where('target_id', '=', id).execute();
    await trx.updateTable('domicilies').set({ created_at: openedAt, updated_at: sql<Date>`updated_at + (${openedAt}::timestamptz - created_at)` }).where('id', '=', id).execute();
    await recomputeLastVisit(trx, id);
  });
}

/**
 * A domicilié made as staff make one: the demande through the dossier service, then the
 * decisions up to the requested status, so the fiche shows the history the application
 * would have written. Asking for a state the application cannot reach throws.
 */
export async function createDomicilie(db: Kysely<DB>, structureId: string, spec: DomicilieSpec = {}) {
  const admin = await administrateurOf(db, structureId);
  if (spec.created_at && spec.last_visit_at) throw new Error('Give created_at or last_visit_at: the record is opened at either.');
  const openedAt = spec.created_at ?? spec.last_visit_at;
  if (openedAt && openedAt.getTime() > Date.now()) throw new Error('A record cannot be opened in the future.');
  const outcome = await openDossier(db, admin, identityForm(spec), { confirmDuplicate: true });
  if (!('created' in outcome)) throw new Error('The dossier service refused the creation.');
  const { id } = outcome.created;
  await decideUntil(db, admin, id, spec, isoDateIn(openedAt ?? new Date(), admin.timezone));
  if (openedAt) await openAt(db, id, openedAt);
  const row = await db.selectFrom('domicilies').select(['id', 'nom', 'prenom', 'dossier_number', 'last_visit_at']).where('id', '=', id).executeTakeFirstOrThrow();
  if (spec.last_visit_at && row.last_visit_at?.getTime() !== spec.last_visit_at.getTime()) {
    throw new Error(`No history gives this last visit: the start of the valid domiciliation comes later (${row.last_visit_at?.toISOString()}).`);
  }
  const waiting = { courrier: spec.waiting_courrier ?? 0, colis: spec.waiting_colis ?? 0, avis_passage: spec.waiting_avis_passage ?? 0 };
  if (waiting.courrier + waiting.colis + waiting.avis_passage > 0) {
    await recordReception(db, admin, id, { courrier: String(waiting.courrier), colis: String(waiting.colis), avis_passage: String(waiting.avis_passage) });
  }
  return { id: row.id, nom: row.nom, prenom: row.prenom, dossier_number: row.dossier_number };
}

/** An audit action of a record's making (its demande and decisions): tests of what staff did later leave them out. */
export const isMakingOf = (action: string) => action === 'domicilie.created' || action.startsWith('decision.');

/** The text of a .docx (word/document.xml), one line per paragraph: what a reader of the document sees. */
export async function readDocxText(docx: Buffer | Uint8Array): Promise<string> {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
