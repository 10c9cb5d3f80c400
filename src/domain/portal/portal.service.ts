import type { Kysely } from 'kysely';
import type { DB, DomicilieStatus } from '../../db/schema.ts';
import { formatDate } from '../../shared/dates.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { minutesLeft } from '../../shared/lockout.ts';
import { passwordProblem, type PasswordProblem } from '../../shared/password-policy.ts';
import { hashPassword, verifyPassword, verifyWithEqualWork } from '../../shared/passwords.ts';
import { audit } from '../audit/audit.service.ts';
import { attemptFailed, forgetFailures, startAttempt, type AttemptFrom } from '../login-attempts/login-attempts.service.ts';
import { recordPresence } from '../last-visit/last-visit.service.ts';
import { normalizeLogin, normalizeTemporaryPassword } from '../portal-access/portal-access.service.ts';
import { closeSession, closeSessionsOf, openSession, sessionKey, stillLive } from '../sessions/sessions.service.ts';
import { getStructure } from '../structures/structures.service.ts';
import * as repository from './portal.repository.ts';
import { waitingMail } from '../courriers/courriers.service.ts';
import { total, type Counts } from '../courriers/mail-counts.ts';

/** The logged-in domicilié, always read from the server-side session. */
export type PortalActor = {
  accountId: string;
  structureId: string;
  domicilieId: string;
  login: string;
  mustChoosePassword: boolean;
  nom: string;
  prenom: string;
  birthDate: string;
  status: DomicilieStatus;
  startDate: string | null;
  endDate: string | null;
  lastVisitAt: Date | null;
  waiting: Counts;
  structureName: string;
  timezone: string;
};

/** What is wrong with a new password typed on the portal; the portal's dictionary words it in the person's language (decision 0027). */
export type PortalPasswordProblem = PasswordProblem | { code: 'identique_au_temporaire' } | { code: 'identique_a_l_actuel' };

export type LoginRefusal =
  | { reason: 'invalid' }
  | { reason: 'locked'; minutes: number }
  | { reason: 'expired' | 'disabled' | 'portal_off' };

const portalActor = (accountId: string, structureId: string) => ({ type: 'portal' as const, id: accountId, structureId });

/** The person of a live portal session; a session whose access was switched off is closed. */
export async function actorFromSession(db: Kysely<DB>, token: string, now = new Date()): Promise<PortalActor | null> {
  const row = await repository.findActorBySession(db, sessionKey(token));
  if (!row || !(await stillLive(db, 'portal', token, row, now))) return null;
  if (!row.enabled || !row.portal_enabled) {
    await closeSession(db, token);
    return null;
  }
  return {
    accountId: row.id,
    structureId: row.structure_id,
    domicilieId: row.domicilie_id,
    login: row.login,
    mustChoosePassword: row.password_is_temporary,
    nom: row.nom,
    prenom: row.prenom,
    birthDate: row.birth_date,
    status: row.status,
    startDate: row.start_date,
    endDate: row.end_date,
    lastVisitAt: row.last_visit_at,
    waiting: { courrier: row.waiting_courrier, colis: row.waiting_colis, avis_passage: row.waiting_avis_passage },
    structureName: row.structure_name,
    timezone: row.timezone,
  };
}

/**
 * Checks the identifier and password and opens a session. Someone who does not know the
 * password learns nothing: one message for unknown identifier and wrong password, one for a
 * locked identifier whether an account has it or not, and the same argon2 work in every case
 * (one check at the temporary passwords' settings, one at the chosen passwords'). Expiry and
 * switch-offs are told only after a correct password.
 */
export async function login(db: Kysely<DB>, identifier: string, password: string, from?: AttemptFrom, now = new Date()): Promise<{ token: string; mustChoosePassword: boolean } | { refusal: LoginRefusal }> {
  const typedLogin = normalizeLogin(identifier);
  const attempt = await startAttempt(db, 'portal', typedLogin, now, from);
  const account = await repository.findAccountForLogin(db, typedLogin);
  const stored =
    account && !attempt.locked
      ? account.password_is_temporary
        ? { hash: account.password_hash, kind: 'generated' as const, typed: normalizeTemporaryPassword(password) }
        : { hash: account.password_hash, kind: 'personal' as const, typed: password }
      : null;
  const right = await verifyWithEqualWork(stored, password, ['personal', 'generated']);
  const actor = account ? portalActor(account.id, account.structure_id) : { type: 'anonymous' as const };
  const target = account ? { type: 'portal_account', id: account.id } : undefined;
  if (attempt.locked) {
    if (attempt.startedNow) await lockStarted(db, actor, target);
    await audit(db, actor, { action: 'portal.login_refused', target, details: { reason: 'locked' } });
    return { refusal: { reason: 'locked', minutes: minutesLeft(attempt.until, now) } };
  }
  if (!right || !account) {
    const lockedUntil = await attemptFailed(db, 'portal', typedLogin, now);
    if (lockedUntil) await lockStarted(db, actor, target);
    else await audit(db, actor, { action: 'portal.login_failed', target, details: { reason: account ? 'password' : 'unknown' } });
    return { refusal: lockedUntil ? { reason: 'locked', minutes: minutesLeft(lockedUntil, now) } : { reason: 'invalid' } };
  }
  await forgetFailures(db, 'portal', typedLogin, attempt);
  const closed = !account.portal_enabled ? 'portal_off' : !account.enabled ? 'disabled' : null;
  const expired = account.password_is_temporary && account.temporary_password_expires_at !== null && account.temporary_password_expires_at <= now;
  const refusal = closed ?? (expired ? 'expired' : null);
  if (refusal) {
    await audit(db, actor, { action: 'portal.login_refused', target, details: { reason: refusal } });
    return { refusal: { reason: refusal } };
  }
  // Whether the login counts as a visit is the structure's setting when the account was read.
  const countsAsVisit = account.portal_login_updates_last_visit;
  const token = await db.transaction().execute(async (trx) => {
    const login = { accountId: account.id, structureId: account.structure_id, domicilieId: account.domicilie_id, at: now, countsAsVisit };
    await repository.recordLogin(trx, login);
    if (countsAsVisit) await recordPresence(trx, account.domicilie_id, now);
    await audit(trx, actor, { action: 'portal.login', target, details: { temporary_password: account.password_is_temporary, counts_as_visit: countsAsVisit } });
    return openSession(trx, 'portal', account.id, now);
  });
  return { token, mustChoosePassword: account.password_is_temporary };
}

function lockStarted(db: Kysely<DB>, actor: Parameters<typeof audit>[1], target: { type: string; id: string } | undefined) {
  return audit(db, actor, { action: 'portal.locked', target, details: { reason: 'password' } });
}

export async function logout(db: Kysely<DB>, actor: PortalActor | null, token: string | null) {
  if (!token) return;
  await closeSession(db, token);
  if (actor) await audit(db, portalActor(actor.accountId, actor.structureId), { action: 'portal.logout', target: { type: 'portal_account', id: actor.accountId } });
}

function personalWords(actor: PortalActor): string[] {
  return [actor.login, actor.nom, actor.prenom, formatDate(actor.birthDate), formatDate(actor.birthDate).replaceAll('/', ''), actor.birthDate];
}


async function savePassword(db: Kysely<DB>, actor: PortalActor, keepToken: string, next: string, action: string) {
  const passwordHash = await hashPassword(next);
  await db.transaction().execute(async (trx) => {
    await repository.updateAccount(trx, actor.accountId, { password_hash: passwordHash, password_is_temporary: false, temporary_password_expires_at: null, temporary_password_issued_at: null });
    await closeSessionsOf(trx, 'portal', actor.accountId, keepToken);
    await audit(trx, portalActor(actor.accountId, actor.structureId), { action, target: { type: 'portal_account', id: actor.accountId } });
  });
}

/** First login: the temporary password is replaced by a personal one before anything else. */
export async function choosePassword(db: Kysely<DB>, actor: PortalActor, token: string, input: { next: string; confirm: string }) {
  const stored = await repository.findPasswordHash(db, actor.accountId);
  if (!stored) throw new AppError('UNAUTHENTICATED');
  if (input.next !== input.confirm) throw new InvalidInput<PortalPasswordProblem>({ confirmation: { code: 'confirmation_differente' } });
  if (stored.password_is_temporary && (await verifyPassword(stored.password_hash, normalizeTemporaryPassword(input.next)))) {
    throw new InvalidInput<PortalPasswordProblem>({ nouveau_mot_de_passe: { code: 'identique_au_temporaire' } });
  }
  const problem = passwordProblem(input.next, personalWords(actor));
  if (problem) throw new InvalidInput<PortalPasswordProblem>({ nouveau_mot_de_passe: problem });
  await savePassword(db, actor, token, input.next, 'portal.password_chosen');
}

/** « Changer mon mot de passe »: the current password, then the new one twice; other sessions close. */
export async function changePassword(db: Kysely<DB>, actor: PortalActor, token: string, input: { current: string; next: string; confirm: string }) {
  const stored = await repository.findPasswordHash(db, actor.accountId);
  if (!stored || !(await verifyPassword(stored.password_hash, input.current))) {
    await audit(db, portalActor(actor.accountId, actor.structureId), { action: 'portal.password_change_failed', target: { type: 'portal_account', id: actor.accountId } });
    throw new InvalidInput<PortalPasswordProblem>({ mot_de_passe_actuel: { code: 'mot_de_passe_actuel_incorrect' } });
  }
  if (input.next !== input.confirm) throw new InvalidInput<PortalPasswordProblem>({ confirmation: { code: 'confirmation_differente' } });
  if (input.next === input.current) throw new InvalidInput<PortalPasswordProblem>({ nouveau_mot_de_passe: { code: 'identique_a_l_actuel' } });
  const problem = passwordProblem(input.next, personalWords(actor));
  if (problem) throw new InvalidInput<PortalPasswordProblem>({ nouveau_mot_de_passe: problem });
  await savePassword(db, actor, token, input.next, 'portal.password_changed');
}

export type WaitingItem = Awaited<ReturnType<typeof waitingMail>>['items'][number];

/** What « Mon espace » shows besides the actor's own row: the structure and the mail waiting. */
export async function getHome(db: Kysely<DB>, actor: PortalActor) {
  const nothingWaiting = total(actor.waiting) === 0;
  const [structure, mail] = await Promise.all([
    getStructure(db, actor.structureId),
    nothingWaiting ? { items: [], more: false } : waitingMail(db, actor.structureId, actor.domicilieId),
  ]);
  return { structure, items: mail.items, moreItems: mail.more };
}

export const HISTORY_PAGE_SIZE = 20;
export type HistoryEvent = Awaited<ReturnType<typeof repository.listEvents>>[number];

/** One page of the person's own mail history; `next` is the cursor of the following page. */
export async function getHistory(db: Kysely<DB>, actor: PortalActor, after?: string) {
  const rows = await repository.listEvents(db, actor.structureId, actor.domicilieId, after, HISTORY_PAGE_SIZE + 1);
  const events = rows.slice(0, HISTORY_PAGE_SIZE);
  return { events, next: rows.length > HISTORY_PAGE_SIZE ? events[events.length - 1]!.id : null };
}
