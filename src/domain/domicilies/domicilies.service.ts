import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import * as repository from './domicilies.repository.ts';
import { parseIdentity, type AyantDroit, type Identity, type IdentityForm, type NoticeConsent } from './identity-input.ts';
import { cancelPending } from '../notifications/notifications.service.ts';

/**
 * The domicilié's row: identity, ayants droit and the lock every change of the record takes.
 * What spans the record and other modules (its decisions, its portal access) is in
 * domain/dossiers, which calls this module and is never called by it.
 */

export type FicheHeader = NonNullable<Awaited<ReturnType<typeof repository.findFicheHeader>>>;
export type Dossier = NonNullable<Awaited<ReturnType<typeof repository.findDossier>>>;
export type AyantDroitRow = Awaited<ReturnType<typeof repository.listAyantsDroit>>[number];
export type PossibleDuplicate = Awaited<ReturnType<typeof repository.findPossibleDuplicates>>[number];
export type LockedDomicilie = NonNullable<Awaited<ReturnType<typeof repository.lockDomicilie>>>;

/** A domicilié of the staff member's structure; another structure's record is "not found". */
export async function getFicheHeader(db: Kysely<DB>, staff: StaffActor, id: string): Promise<FicheHeader> {
  const row = await repository.findFicheHeader(db, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/**
 * Locks the domicilié's row in the caller's transaction, which every change of the record
 * (mail, decisions, portal access) opens with; another structure's record is "not found".
 */
export async function lockDomicilie(trx: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, id: string): Promise<LockedDomicilie> {
  const row = await repository.lockDomicilie(trx, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The identity and the ayants droit, as the « Dossier » tab and the identity form show them. */
export async function getIdentity(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, id: string): Promise<{ domicilie: Dossier; ayantsDroit: AyantDroitRow[] }> {
  const domicilie = await repository.findDossier(db, staff.structureId, id);
  if (!domicilie) throw new AppError('NOT_FOUND');
  return { domicilie, ayantsDroit: await repository.listAyantsDroit(db, id) };
}

export type NewDomicilie = { identity: Identity; ayantsDroit: AyantDroit[]; consent: NoticeConsent; duplicates: PossibleDuplicate[] };

/** Checks the form of a new record (French messages) and finds the people it may duplicate. */
export async function checkNewDomicilie(db: Kysely<DB>, staff: StaffActor, form: IdentityForm): Promise<NewDomicilie> {
  const { identity, ayantsDroit, consent } = parseIdentity(form, isoDateIn(new Date(), staff.timezone));
  return { identity, ayantsDroit, consent, duplicates: await repository.findPossibleDuplicates(db, staff.structureId, identity) };
}

/** Inserts a checked record with the next numéro de dossier, in the caller's transaction. */
export async function insertDomicilie(trx: Kysely<DB>, staff: StaffActor, record: NewDomicilie) {
  const dossierNumber = await repository.allocateDossierNumber(trx, staff.structureId);
  const consentedAt = new Date();
  const row = await repository.insertDomicilie(trx, {
    ...record.identity,
    structure_id: staff.structureId,
    dossier_number: dossierNumber,
    status: 'instruction',
    created_by: staff.id,
    notify_email_consent_at: record.consent.email ? consentedAt : null,
    notify_sms_consent_at: record.consent.sms ? consentedAt : null,
  });
  await repository.replaceAyantsDroit(trx, row.id, record.ayantsDroit);
  const [given, ...alsoGiven] = consentEvents(row.id, consentChanges({ email: null, sms: null }, record.consent));
  if (given) await audit(trx, staffAuditActor(staff), given, ...alsoGiven);
  return row;
}

export async function updateIdentity(db: Kysely<DB>, staff: StaffActor, id: string, form: IdentityForm) {
  const { identity, ayantsDroit, consent } = parseIdentity(form, isoDateIn(new Date(), staff.timezone));
  await db.transaction().execute(async (trx) => {
    const before = await repository.lockDomicilie(trx, staff.structureId, id);
    if (!before) throw new AppError('NOT_FOUND');
    const now = new Date();
    // A consent kept keeps its first date; only a new one is dated today.
    const consentDates = {
      notify_email_consent_at: consent.email ? (before.notify_email_consent_at ?? now) : null,
      notify_sms_consent_at: consent.sms ? (before.notify_sms_consent_at ?? now) : null,
    };
    await repository.updateDomicilie(trx, staff.structureId, id, { ...identity, ...consentDates, updated_at: now });
    await repository.replaceAyantsDroit(trx, id, ayantsDroit);
    const changes = consentChanges({ email: before.notify_email_consent_at, sms: before.notify_sms_consent_at }, consent);
    // Withdrawing stops at once what was waiting for that channel, in this same transaction.
    for (const change of changes) if (!change.consent) await cancelPending(trx, id, change.channel);
    await audit(
      trx,
      staffAuditActor(staff),
      { action: 'domicilie.updated', target: { type: 'domicilie', id }, details: { ayants_droit: ayantsDroit.length } },
      ...consentEvents(id, changes),
    );
  });
}

type ConsentChange = { channel: 'email' | 'sms'; consent: boolean };

/** The channels whose consent the form gives or withdraws (a consent kept is no change). */
function consentChanges(before: { email: Date | null; sms: Date | null }, after: NoticeConsent): ConsentChange[] {
  return (['email', 'sms'] as const).filter((channel) => (before[channel] !== null) !== after[channel]).map((channel) => ({ channel, consent: after[channel] }));
}

/** Which channel, given or withdrawn: never the address itself. */
const consentEvents = (id: string, changes: ConsentChange[]) =>
  changes.map((change) => ({ action: 'domicilie.notification_consent', target: { type: 'domicilie', id }, details: { channel: change.channel, consent: change.consent } }));

/** Deletes the row in the caller's transaction; what hangs on it goes with it (ON DELETE CASCADE). */
export async function deleteDomicilieRow(trx: Kysely<DB>, staff: StaffActor, id: string): Promise<void> {
  if ((await repository.deleteDomicilie(trx, staff.structureId, id)) === 0) throw new AppError('NOT_FOUND');
}

/** What staff did on the record, newest first. */
export function listAuditAbout(db: Kysely<DB>, staff: StaffActor, id: string, limit: number) {
  return repository.listAuditAbout(db, staff.structureId, id, limit);
}
