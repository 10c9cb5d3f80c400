import type { Kysely } from 'kysely';
import type { DB, Role } from '../../db/schema.ts';
import { AppError, InvalidInput } from '../../shared/errors.ts';
import { minutesLeft } from '../../shared/lockout.ts';
import { passwordProblem, type PasswordProblem } from '../../shared/password-policy.ts';
import { hashPassword, verifyPassword, verifyWithEqualWork } from '../../shared/passwords.ts';
import { randomToken, sha256 } from '../../shared/random.ts';
import { isRole } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { activeLocks, attemptFailed, forgetFailures, startAttempt, type AttemptFrom } from '../login-attempts/login-attempts.service.ts';
import { closeSessionsOf, openSession, sessionKey, stillLive } from '../sessions/sessions.service.ts';
import * as repository from './staff.repository.ts';

const ACTIVATION_MS = 48 * 3600_000;
const RESET_MS = 3600_000;
/** What is wrong with a staff account's form or action; the staff dictionary words it (decision 0027). */
export type StaffAccountProblem =
  | PasswordProblem
  | { code: 'nom_manquant' }
  | { code: 'prenom_manquant' }
  | { code: 'email_invalide' }
  | { code: 'role_manquant' }
  | { code: 'email_deja_pris' }
  | { code: 'compte_deja_active' }
  | { code: 'compte_pas_encore_active' }
  | { code: 'propre_compte_a_reinitialiser' }
  | { code: 'propre_role' }
  | { code: 'propre_compte_a_desactiver' }
  | { code: 'lien_activation_perime' };

/** Why a login was refused: the same for an unknown e-mail, a wrong password and an inactive account. */
export type StaffLoginRefusal = { code: 'identifiants_incorrects' } | { code: 'trop_de_tentatives'; minutes: number };

/** Told once at the next login after an administrateur reset the password: when, and by whom. */
export type ResetNotice = { at: Date | null; timezone: string; by: { prenom: string; nom: string | null } | null };

export async function actorFromSession(db: Kysely<DB>, token: string): Promise<StaffActor | null> {
  const row = await repository.findActorBySession(db, sessionKey(token));
  if (!row || !(await stillLive(db, 'staff', token, row))) return null;
  return { id: row.id, structureId: row.structure_id, structureName: row.structure_name, timezone: row.timezone, role: row.role, email: row.email, nom: row.nom, prenom: row.prenom };
}

const locked = (until: Date, now: Date): { refusal: StaffLoginRefusal } => ({ refusal: { code: 'trop_de_tentatives', minutes: minutesLeft(until, now) } });

/** The e-mail as typed, in the form failures are counted under. */
const loginIdentifier = (email: string) => email.trim().toLowerCase();

const LOCK_STARTED = { action: 'staff.locked', details: { reason: 'password' } };

/** The accounts among `emails` one can log in with (the demo accounts a login page may list outside production). */
export function usableAccounts(db: Kysely<DB>, emails: string[]): Promise<string[]> {
  return repository.usableEmails(db, emails);
}

export type LoginResult = { token: string; notice: ResetNotice | null } | { refusal: StaffLoginRefusal };

/**
 * Checks the e-mail and password and opens a session. Unknown, inactive, locked and known
 * e-mails get the same messages and the same work (one count, one read, one argon2 check with
 * the settings of real hashes), so nobody learns which e-mails exist. Failures are counted
 * per e-mail typed, account or not (decision 0018).
 */
export async function login(db: Kysely<DB>, email: string, password: string, from?: AttemptFrom, now = new Date()): Promise<LoginResult> {
  const identifier = loginIdentifier(email);
  const attempt = await startAttempt(db, 'staff', identifier, now, from);
  const account = await repository.findForLogin(db, identifier);
  const usable = !attempt.locked && account?.active && account.password_hash ? account.password_hash : null;
  const right = await verifyWithEqualWork(usable ? { hash: usable, kind: 'personal', typed: password } : null, password, ['personal']);
  const actor = account ? staffAuditActor({ id: account.id, structureId: account.structure_id }) : { type: 'anonymous' as const, structureId: null };
  if (attempt.locked) {
    if (attempt.startedNow) await audit(db, actor, LOCK_STARTED);
    await audit(db, actor, { action: 'staff.login_refused_locked' });
    return locked(attempt.until, now);
  }
  if (!right || !account) {
    const lockedUntil = await attemptFailed(db, 'staff', identifier, now);
    if (lockedUntil) {
      await audit(db, actor, LOCK_STARTED);
      return locked(lockedUntil, now);
    }
    await audit(db, actor, { action: 'staff.login_failed', details: { reason: !account ? 'unknown' : usable ? 'password' : 'inactive' } });
    return { refusal: { code: 'identifiants_incorrects' } };
  }
  await forgetFailures(db, 'staff', identifier, attempt);
  await repository.updateStaff(db, account.id, { last_login_at: now, password_reset_notice: false });
  await audit(db, actor, { action: 'staff.login' });
  return { token: await openSession(db, 'staff', account.id, now), notice: account.password_reset_notice ? resetNotice(account) : null };
}

function resetNotice(account: { password_reset_at: Date | null; reset_by_prenom: string | null; reset_by_nom: string | null; timezone: string }): ResetNotice {
  const by = account.reset_by_prenom ? { prenom: account.reset_by_prenom, nom: account.reset_by_nom } : null;
  return { at: account.password_reset_at, timezone: account.timezone, by };
}

export async function changeOwnPassword(db: Kysely<DB>, staff: StaffActor, sessionToken: string, input: { current: string; next: string; confirm: string }) {
  const stored = await repository.findPasswordHash(db, staff.id);
  if (!stored?.password_hash || !(await verifyPassword(stored.password_hash, input.current))) {
    throw new InvalidInput<StaffAccountProblem>({ mot_de_passe_actuel: { code: 'mot_de_passe_actuel_incorrect' } });
  }
  const problem = newPasswordProblem(input.next, input.confirm, stored.email, staff);
  if (problem) throw new InvalidInput<StaffAccountProblem>({ nouveau_mot_de_passe: problem });
  await repository.updateStaff(db, staff.id, { password_hash: await hashPassword(input.next) });
  await closeSessionsOf(db, 'staff', staff.id, sessionToken);
  await audit(db, staffAuditActor(staff), { action: 'staff.password_changed', target: { type: 'staff', id: staff.id } });
}

function newPasswordProblem(password: string, confirm: string, email: string, person: { nom: string; prenom: string }): PasswordProblem | null {
  if (password !== confirm) return { code: 'confirmation_differente' };
  return passwordProblem(password, [email.split('@')[0] ?? '', person.nom, person.prenom]);
}

export type NewStaff = { nom: string; prenom: string; email: string; role: string };

function checkNewStaff(input: NewStaff): { nom: string; prenom: string; email: string; role: Role } {
  const errors: Record<string, StaffAccountProblem> = {};
  const nom = input.nom.trim();
  const prenom = input.prenom.trim();
  const email = input.email.trim().toLowerCase();
  if (!nom) errors.nom = { code: 'nom_manquant' };
  if (!prenom) errors.prenom = { code: 'prenom_manquant' };
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = { code: 'email_invalide' };
  if (!isRole(input.role)) errors.role = { code: 'role_manquant' };
  if (Object.keys(errors).length > 0) throw new InvalidInput<StaffAccountProblem>(errors);
  return { nom, prenom, email, role: input.role as Role };
}

/** Creates an account without password; the returned token goes into the activation link. */
export async function createStaff(db: Kysely<DB>, structureId: string, input: NewStaff, by: StaffActor | null, now = new Date()) {
  const fields = checkNewStaff(input);
  if (await repository.emailExists(db, fields.email)) throw new InvalidInput<StaffAccountProblem>({ email: { code: 'email_deja_pris' } });
  const token = randomToken();
  const { id } = await repository.insertStaff(db, {
    ...fields,
    structure_id: structureId,
    activation_token_hash: sha256(token),
    activation_expires_at: new Date(now.getTime() + ACTIVATION_MS),
  });
  await audit(db, by ? staffAuditActor(by) : { type: 'system' }, { action: 'staff.created', target: { type: 'staff', id }, details: { role: fields.role } });
  return { id, activationToken: token };
}

/** A new activation link, only for an account never activated: an active password is reset with `resetPassword`. */
export async function renewActivation(db: Kysely<DB>, admin: StaffActor, staffId: string, now = new Date()) {
  const target = await repository.findInStructure(db, admin.structureId, staffId);
  if (!target || !target.active) throw new AppError('NOT_FOUND');
  if (target.has_password) throw new InvalidInput<StaffAccountProblem>({ staff: { code: 'compte_deja_active' } });
  const token = randomToken();
  await repository.updateStaff(db, staffId, { activation_token_hash: sha256(token), activation_expires_at: new Date(now.getTime() + ACTIVATION_MS) });
  await audit(db, staffAuditActor(admin), { action: 'staff.activation_renewed', target: { type: 'staff', id: staffId } });
  return token;
}

/**
 * An administrateur resets a colleague's password: the old one stops working, every session of
 * the colleague closes, and a link valid one hour, once, lets them choose a new one. Who asked
 * and when is audited and told to the owner at their next login.
 */
export async function resetPassword(db: Kysely<DB>, admin: StaffActor, staffId: string, now = new Date()) {
  if (staffId === admin.id) throw new InvalidInput<StaffAccountProblem>({ staff: { code: 'propre_compte_a_reinitialiser' } });
  const target = await repository.findInStructure(db, admin.structureId, staffId);
  if (!target || !target.active) throw new AppError('NOT_FOUND');
  if (!target.has_password) throw new InvalidInput<StaffAccountProblem>({ staff: { code: 'compte_pas_encore_active' } });
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    await repository.updateStaff(trx, staffId, {
      password_hash: null,
      activation_token_hash: sha256(token),
      activation_expires_at: new Date(now.getTime() + RESET_MS),
      password_reset_by: admin.id,
      password_reset_at: now,
      password_reset_notice: true,
    });
    await closeSessionsOf(trx, 'staff', staffId);
    await audit(trx, staffAuditActor(admin), { action: 'staff.password_reset', target: { type: 'staff', id: staffId } });
  });
  return token;
}

/** The structure's staff, each with the end of their lock when too many wrong passwords locked them. */
export async function listStructureStaff(db: Kysely<DB>, admin: StaffActor, now = new Date()) {
  const rows = await repository.listStaff(db, admin.structureId);
  const locks = await activeLocks(db, 'staff', rows.map((row) => loginIdentifier(row.email)), now);
  return rows.map((row) => ({ ...row, locked_until: locks.get(loginIdentifier(row.email)) ?? null }));
}

export async function changeRole(db: Kysely<DB>, admin: StaffActor, staffId: string, role: string) {
  if (!isRole(role)) throw new InvalidInput<StaffAccountProblem>({ role: { code: 'role_manquant' } });
  if (staffId === admin.id) throw new InvalidInput<StaffAccountProblem>({ role: { code: 'propre_role' } });
  const target = await repository.findInStructure(db, admin.structureId, staffId);
  if (!target) throw new AppError('NOT_FOUND');
  await repository.updateStaff(db, staffId, { role });
  await audit(db, staffAuditActor(admin), { action: 'staff.role_changed', target: { type: 'staff', id: staffId }, details: { from: target.role, to: role } });
}

export async function deactivate(db: Kysely<DB>, admin: StaffActor, staffId: string) {
  if (staffId === admin.id) throw new InvalidInput<StaffAccountProblem>({ staff: { code: 'propre_compte_a_desactiver' } });
  const target = await repository.findInStructure(db, admin.structureId, staffId);
  if (!target) throw new AppError('NOT_FOUND');
  await repository.updateStaff(db, staffId, { active: false, activation_token_hash: null, activation_expires_at: null });
  await closeSessionsOf(db, 'staff', staffId);
  await audit(db, staffAuditActor(admin), { action: 'staff.deactivated', target: { type: 'staff', id: staffId } });
}

export async function findActivation(db: Kysely<DB>, token: string, now = new Date()) {
  const row = await repository.findByActivationToken(db, sha256(token));
  if (!row || !row.active || !row.activation_expires_at || row.activation_expires_at <= now) return null;
  return row;
}

/** Sets the first password through the one-time link, which then stops working. */
export async function activate(db: Kysely<DB>, token: string, input: { next: string; confirm: string }, now = new Date()) {
  const account = await findActivation(db, token, now);
  if (!account) throw new AppError<StaffAccountProblem>('NOT_FOUND', { code: 'lien_activation_perime' });
  const problem = newPasswordProblem(input.next, input.confirm, account.email, account);
  if (problem) throw new InvalidInput<StaffAccountProblem>({ nouveau_mot_de_passe: problem });
  await repository.updateStaff(db, account.id, {
    password_hash: await hashPassword(input.next),
    activation_token_hash: null,
    activation_expires_at: null,
  });
  await forgetFailures(db, 'staff', loginIdentifier(account.email));
  await closeSessionsOf(db, 'staff', account.id);
  await audit(db, staffAuditActor({ id: account.id, structureId: account.structure_id }), { action: 'staff.activated', target: { type: 'staff', id: account.id } });
}
