import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { randomToken, sha256 } from '../../shared/random.ts';
import { audit, type Actor } from '../audit/audit.service.ts';
import { lockDomicilie } from '../domicilies/domicilies.service.ts';
import { EMAIL_PATTERN, identityMaxLengths } from '../domicilies/identity-input.ts';
import { cancelPending, queueNotification } from '../notifications/notifications.service.ts';
import { notificationSettings } from '../notifications/notification-settings.ts';
import * as repository from './preferences.repository.ts';

/**
 * The person's say over the notices: switching them off and on from the portal, giving a new
 * e-mail address that counts only once its link is opened.
 * The consent itself is a field of the record (domicilies' identity form).
 */

/** The portal's person, as far as this module needs: always read from the server-side session. */
export type NoticeOwner = { accountId: string; structureId: string; domicilieId: string };

/** What is wrong, worded by each application's dictionary (decision 0027). */
export type NoticePreferencesProblem =
  | { code: 'email_manquant' }
  | { code: 'email_invalide' }
  | { code: 'email_deja_celle_du_dossier' }
  | { code: 'trop_de_demandes_email'; minutes: number }
  | { code: 'envoi_email_indisponible' };

/** Why a confirmation link does nothing. */
export type EmailLinkProblem =
  | { code: 'lien_email_inconnu' }
  | { code: 'lien_email_deja_utilise' }
  | { code: 'lien_email_remplace' }
  | { code: 'lien_email_perime' }
  | { code: 'lien_email_autre_personne' };

/** How long a link works, and how many links a person may ask for within the hour. */
export const LINK_LIFETIME_MS = 48 * 3600_000;
export const MAX_REQUESTS_PER_HOUR = 3;

const portalActor = (owner: NoticeOwner): Actor => ({ type: 'portal', id: owner.accountId, structureId: owner.structureId });
const target = (owner: { domicilieId: string }) => ({ type: 'domicilie', id: owner.domicilieId });
const tokenHash = (token: string) => sha256(`email-confirmation:${token}`);

export type NoticeSettings = NonNullable<Awaited<ReturnType<typeof repository.findNoticeSettings>>> & {
  waitingRequest: Awaited<ReturnType<typeof repository.findWaitingRequest>> | null;
};

/** « Mes avis de courrier »: the person's own consent, pause and address, and a link still awaited. */
export async function getNoticeSettings(db: Kysely<DB>, owner: NoticeOwner, now = new Date()): Promise<NoticeSettings> {
  const row = await repository.findNoticeSettings(db, owner.structureId, owner.domicilieId);
  if (!row) throw new AppError('NOT_FOUND');
  return { ...row, waitingRequest: (await repository.findWaitingRequest(db, owner.domicilieId, now)) ?? null };
}

/** Whether a link can be sent at all: without e-mail sending, asking for one would wait forever. */
export function emailChangeAvailable(): boolean {
  return notificationSettings().channels.email;
}

/** Off: nothing is sent, and what was waiting is cancelled in the same transaction. On: from now on. */
export async function setNoticesPaused(db: Kysely<DB>, owner: NoticeOwner, paused: boolean, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockDomicilie(trx, owner, owner.domicilieId);
    const changed = await repository.setPaused(trx, owner.structureId, owner.domicilieId, paused ? now : null);
    if (!changed) return;
    if (paused) await cancelPending(trx, owner.domicilieId);
    await audit(trx, portalActor(owner), { action: paused ? 'portal.notifications_paused' : 'portal.notifications_resumed', target: target(owner) });
  });
}

/**
 * A new address typed on the portal: kept aside with the hash of a random token, and a message
 * with the link queued to that address (the clear token rides in the outbox's payload only
 * until it is sent). Asking again makes the earlier links worthless; a few requests an hour at
 * most, so the form cannot be used to flood someone's mailbox.
 */
export async function requestEmailChange(db: Kysely<DB>, owner: NoticeOwner, typed: string, portalUrl: string, now = new Date()): Promise<void> {
  const email = typed.trim().toLowerCase();
  if (!email) throw new InvalidInput<NoticePreferencesProblem>({ email: { code: 'email_manquant' } });
  if (email.length > identityMaxLengths.email || !EMAIL_PATTERN.test(email)) throw new InvalidInput<NoticePreferencesProblem>({ email: { code: 'email_invalide' } });
  await db.transaction().execute(async (trx) => {
    // The record's lock also queues two requests of the same person, so the count below is exact.
    await lockDomicilie(trx, owner, owner.domicilieId);
    const current = await repository.findNoticeSettings(trx, owner.structureId, owner.domicilieId);
    if (current?.email === email && current.notify_email_consent_at) throw new InvalidInput<NoticePreferencesProblem>({ email: { code: 'email_deja_celle_du_dossier' } });
    if ((await repository.countRequestsSince(trx, owner.domicilieId, new Date(now.getTime() - 3600_000))) >= MAX_REQUESTS_PER_HOUR) {
      throw new InvalidInput<NoticePreferencesProblem>({ email: { code: 'trop_de_demandes_email', minutes: 60 } });
    }
    await repository.replaceWaitingRequests(trx, owner.domicilieId, now);
    const token = randomToken(32);
    const request = await repository.insertRequest(trx, {
      structure_id: owner.structureId,
      domicilie_id: owner.domicilieId,
      email,
      token_hash: tokenHash(token),
      expires_at: new Date(now.getTime() + LINK_LIFETIME_MS),
      created_at: now,
    });
    const queued = await queueNotification(trx, {
      structureId: owner.structureId,
      domicilieId: owner.domicilieId,
      channel: 'email',
      kind: 'confirmation_email',
      groupKey: `confirmation_email:${request.id}`,
      sendAfter: now,
      address: email,
      // The link holds the clear token; the outbox erases it once the message is sent.
      payload: { link: confirmationLink(portalUrl, token) },
    });
    // Nothing can carry the link: the request is rolled back rather than left waiting forever.
    if (!queued) throw new InvalidInput<NoticePreferencesProblem>({ email: { code: 'envoi_email_indisponible' } });
    // Never the address: the audit says that a request was made, and which one.
    await audit(trx, portalActor(owner), { action: 'portal.email_change_requested', target: target(owner), details: { request: request.id } });
  });
}

/** The link the message carries; the token is random, never personal data. */
export function confirmationLink(portalUrl: string, token: string): string {
  return `${portalUrl.replace(/\/$/, '')}/confirmer-email?jeton=${encodeURIComponent(token)}`;
}

function linkProblem(row: Awaited<ReturnType<typeof repository.findRequestByTokenHash>>, viewer: NoticeOwner | null, now: Date): EmailLinkProblem | null {
  if (!row) return { code: 'lien_email_inconnu' };
  if (viewer && viewer.domicilieId !== row.domicilie_id) return { code: 'lien_email_autre_personne' };
  if (row.confirmed_at) return { code: 'lien_email_deja_utilise' };
  if (row.replaced_at) return { code: 'lien_email_remplace' };
  if (row.expires_at <= now) return { code: 'lien_email_perime' };
  return null;
}

/**
 * What a link would do, without doing it (the page that asks to confirm): a mail scanner that
 * opens every link changes nothing. `viewer` is the person logged in on this browser, if any.
 */
export async function checkEmailLink(db: Kysely<DB>, token: string, viewer: NoticeOwner | null, now = new Date()): Promise<{ email: string } | { problem: EmailLinkProblem }> {
  const row = await repository.findRequestByTokenHash(db, tokenHash(token));
  const problem = linkProblem(row, viewer, now);
  return problem ? { problem } : { email: row!.email };
}

/**
 * The link opened and confirmed: its address becomes the record's, with the consent to be told
 * by e-mail. Once, until it expires; a logged-in person never confirms someone else's link.
 */
export async function confirmEmail(db: Kysely<DB>, token: string, viewer: NoticeOwner | null, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await repository.lockRequestByTokenHash(trx, tokenHash(token));
    const problem = linkProblem(row, viewer, now);
    if (problem) throw new AppError<EmailLinkProblem>(problem.code === 'lien_email_inconnu' ? 'NOT_FOUND' : 'GONE', problem);
    const request = row!;
    await lockDomicilie(trx, { structureId: request.structure_id }, request.domicilie_id);
    await repository.confirmRecordEmail(trx, request.structure_id, request.domicilie_id, request.email, now);
    await repository.markConfirmed(trx, request.id, now);
    const actor: Actor = viewer ? portalActor(viewer) : { type: 'anonymous', structureId: request.structure_id };
    await audit(trx, actor, { action: 'portal.email_confirmed', target: { type: 'domicilie', id: request.domicilie_id }, details: { request: request.id } });
  });
}

/** Housekeeping: requests whose link died a week ago go, with the address they held. */
export async function purgeOldEmailRequests(db: Kysely<DB>, now = new Date()): Promise<void> {
  await repository.deleteOldRequests(db, new Date(now.getTime() - 7 * 86_400_000));
}
