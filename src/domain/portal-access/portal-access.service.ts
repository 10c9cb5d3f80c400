import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { hashGeneratedSecret } from '../../shared/passwords.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { lockDomicilie } from '../domicilies/domicilies.service.ts';
import { activeLocks, forgetFailures } from '../login-attempts/login-attempts.service.ts';
import { closeSessionsOf } from '../sessions/sessions.service.ts';
import { getStructure, type Structure } from '../structures/structures.service.ts';
import { buildAccessDocument } from './access-document.ts';
import { generateLogin, generateTemporaryPassword, type TemporaryPassword } from './credentials.ts';
import { DOCUMENT_LIFETIME_MS, documentFileName, openDocument, sealDocument } from './document-store.ts';
import * as repository from './portal-access.repository.ts';

export { normalizeLogin, normalizeTemporaryPassword } from './credentials.ts';

/** What the module needs from the configuration. */
export type PortalAccessSettings = { secretKey: Buffer; portalUrl: string; temporaryPasswordDays: number };

export type PortalAccessSummary = {
  domicilieId: string;
  portalEnabledForStructure: boolean;
  timezone: string;
  account: (NonNullable<Awaited<ReturnType<typeof repository.findAccountOfDomicilie>>> & { locked_until: Date | null }) | null;
  /** Until when the last generated Word document can still be downloaded, or null. */
  documentExpiresAt: Date | null;
};

/** What the « Accès au portail usager » section shows for one domicilié. */
export async function getPortalAccessSummary(db: Kysely<DB>, staff: StaffActor, domicilieId: string, now = new Date()): Promise<PortalAccessSummary> {
  const row = await repository.findSummary(db, staff.structureId, staff.id, domicilieId, now);
  if (!row) throw new AppError('NOT_FOUND');
  const locks = row.login ? await activeLocks(db, 'portal', [row.login], now) : new Map<string, Date>();
  const account = row.id
    ? {
        id: row.id,
        login: row.login!,
        enabled: row.enabled!,
        password_is_temporary: row.password_is_temporary!,
        temporary_password_expires_at: row.temporary_password_expires_at,
        temporary_password_issued_at: row.temporary_password_issued_at,
        last_login_at: row.last_login_at,
        locked_until: locks.get(row.login!) ?? null,
      }
    : null;
  return {
    domicilieId,
    portalEnabledForStructure: row.portal_enabled,
    timezone: row.timezone,
    account,
    documentExpiresAt: row.document_expires_at && account && temporaryPasswordWorks(account, now) ? new Date(row.document_expires_at) : null,
  };
}

/** The domicilié's portal logins, newest first, for the « Historique » tab. */
export function listPortalLogins(db: Kysely<DB>, staff: StaffActor, domicilieId: string, limit = 50) {
  return repository.listLogins(db, staff.structureId, domicilieId, limit);
}

/** What is wrong with a portal access action or its Word document; the staff dictionary words it (decision 0027). */
export type PortalAccessProblem =
  | { code: 'portail_ferme_pour_la_structure' }
  | { code: 'document_efface' }
  | { code: 'document_mot_de_passe_inactif' }
  | { code: 'document_d_un_autre' };

export type PreferencesOutcome = 'created' | 'reset' | 'enabled' | 'disabled' | 'unchanged';

/** Outcomes after which the Word document was just produced, and downloads by itself once. */
export const documentOutcomes: ReadonlySet<PreferencesOutcome> = new Set(['created', 'reset', 'enabled']);

function decide(account: { enabled: boolean } | undefined, access: boolean, resetPassword: boolean): PreferencesOutcome {
  if (!access) return account?.enabled ? 'disabled' : 'unchanged';
  if (!account) return 'created';
  if (!account.enabled) return 'enabled';
  return resetPassword ? 'reset' : 'unchanged';
}

const MAX_LOGIN_ATTEMPTS = 20;

/** Creates the account under a fresh identifier, drawing again while the identifier is taken. */
export async function insertAccountWithUniqueLogin(
  db: Kysely<DB>,
  row: { structure_id: string; domicilie_id: string; password_hash: string; temporary_password_expires_at: Date; temporary_password_issued_at: Date; created_by: string },
  nextLogin: () => string = generateLogin,
) {
  for (let attempt = 0; attempt < MAX_LOGIN_ATTEMPTS; attempt++) {
    const inserted = await repository.insertAccountUnlessLoginTaken(db, { ...row, login: nextLogin() });
    if (inserted) return inserted;
  }
  throw new Error('no free portal identifier found');
}

type Credentials = { password: TemporaryPassword; passwordHash: string };

/**
 * « Enregistrer les préférences »: creates, re-enables, resets or switches off the
 * domicilié's portal access. When a temporary password is produced, its Word document is
 * produced at once and kept encrypted for 15 minutes; only the password's hash is stored.
 */
export async function savePreferences(
  db: Kysely<DB>,
  staff: StaffActor,
  domicilieId: string,
  input: { access: boolean; resetPassword: boolean },
  settings: PortalAccessSettings,
  now = new Date(),
): Promise<PreferencesOutcome> {
  // A first look, both scoped by the structure: another structure's domicilié has no account
  // here, and is "not found" once locked below.
  const [structure, current] = await Promise.all([getStructure(db, staff.structureId), repository.findAccountOfDomicilie(db, staff.structureId, domicilieId)]);
  if (!structure.portal_enabled) {
    throw new AppError<PortalAccessProblem>('CONFLICT', { code: 'portail_ferme_pour_la_structure' });
  }
  // Hashing is slow on purpose: do it before the transaction, when the change will need it.
  let credentials: Credentials | null = null;
  if (documentOutcomes.has(decide(current, input.access, input.resetPassword))) {
    const password = generateTemporaryPassword();
    credentials = { password, passwordHash: await hashGeneratedSecret(password.normalized) };
  }
  const actor = staffAuditActor(staff);
  const target = { type: 'domicilie', id: domicilieId };
  return db.transaction().execute(async (trx) => {
    // Two saves of the same form do not interleave.
    const domicilie = await lockDomicilie(trx, staff, domicilieId);
    const account = await repository.findAccountOfDomicilie(trx, staff.structureId, domicilieId);
    const outcome = decide(account, input.access, input.resetPassword);
    if (outcome === 'unchanged') return outcome;
    if (outcome === 'disabled') {
      await repository.updateAccount(trx, account!.id, { enabled: false, updated_at: now });
      await closeSessionsOf(trx, 'portal', account!.id);
      await repository.deleteDocumentsOfAccount(trx, account!.id);
      await audit(trx, actor, { action: 'portal_access.disabled', target, details: { portal_account_id: account!.id } });
      return outcome;
    }
    // Someone else changed the access between the first look and the lock: let the person retry.
    if (!credentials) throw new AppError('CONFLICT');
    const expiresAt = new Date(now.getTime() + settings.temporaryPasswordDays * 86_400_000);
    let accountId: string;
    let login: string;
    if (outcome === 'created') {
      ({ id: accountId, login } = await insertAccountWithUniqueLogin(trx, {
        structure_id: staff.structureId,
        domicilie_id: domicilieId,
        password_hash: credentials.passwordHash,
        temporary_password_expires_at: expiresAt,
        temporary_password_issued_at: now,
        created_by: staff.id,
      }));
    } else {
      ({ id: accountId, login } = account!);
      await repository.updateAccount(trx, accountId, {
        password_hash: credentials.passwordHash,
        password_is_temporary: true,
        temporary_password_expires_at: expiresAt,
        temporary_password_issued_at: now,
        enabled: true,
        updated_at: now,
      });
      // The new password works at once: the failures that locked the old one are forgotten.
      await forgetFailures(trx, 'portal', login);
      await closeSessionsOf(trx, 'portal', accountId);
      await repository.deleteDocumentsOfAccount(trx, accountId);
    }
    const document = await buildAccessDocument({
      structure,
      domicilie,
      login,
      temporaryPassword: credentials.password.printed,
      portalUrl: settings.portalUrl,
      date: isoDateIn(now, structure.timezone),
      validUntil: expiresAt,
      timezone: structure.timezone,
    }, now);
    await storeDocument(trx, staff, structure, accountId, documentFileName(domicilie, now, structure.timezone), document, settings.secretKey, now);
    const details = { portal_account_id: accountId };
    await audit(trx, actor, { action: `portal_access.${outcome}`, target, details }, { action: 'portal_access.document_generated', target, details });
    return outcome;
  });
}

async function storeDocument(db: Kysely<DB>, staff: StaffActor, structure: Structure, accountId: string, fileName: string, content: Buffer, key: Buffer, now: Date) {
  await repository.insertDocument(db, {
    structure_id: structure.id,
    portal_account_id: accountId,
    created_by: staff.id,
    file_name: fileName,
    ...sealDocument(key, accountId, content),
    created_at: now,
    expires_at: new Date(now.getTime() + DOCUMENT_LIFETIME_MS),
  });
}

/** Deletes the documents past their 15 minutes or whose password stopped working: run every minute by the housekeeping. */
export function purgeExpiredDocuments(db: Kysely<DB>, now = new Date()): Promise<void> {
  return repository.deleteExpiredDocuments(db, now);
}

/**
 * Whether the temporary password can still open the portal: until the person chooses their own,
 * the access is switched off or reset, or its end date passes (the portal login checks the same).
 */
export function temporaryPasswordWorks(
  account: { enabled: boolean; password_is_temporary: boolean; temporary_password_expires_at: Date | null },
  now: Date,
): boolean {
  const expiresAt = account.temporary_password_expires_at;
  return account.enabled && account.password_is_temporary && (expiresAt === null || expiresAt > now);
}

/**
 * The Word document, for the staff member who generated it, less than 15 minutes ago, while its
 * temporary password still works: it holds that password in clear.
 */
export async function downloadAccessDocument(db: Kysely<DB>, staff: StaffActor, domicilieId: string, key: Buffer, now = new Date()) {
  const row = await repository.findLatestDocument(db, staff.structureId, domicilieId, now);
  if (!row) throw new AppError<PortalAccessProblem>('NOT_FOUND', { code: 'document_efface' });
  if (!row.portal_enabled || !temporaryPasswordWorks(row, now)) throw new AppError<PortalAccessProblem>('GONE', { code: 'document_mot_de_passe_inactif' });
  if (row.created_by !== staff.id) throw new AppError<PortalAccessProblem>('NOT_FOUND', { code: 'document_d_un_autre' });
  const content = openDocument(key, row.portal_account_id, row);
  await audit(db, staffAuditActor(staff), {
    action: 'portal_access.document_downloaded',
    target: { type: 'domicilie', id: domicilieId },
    details: { portal_account_id: row.portal_account_id },
  });
  return { fileName: row.file_name, content };
}

export const ACCOUNTS_PAGE_SIZE = 50;

export type AccountsQuery = { acces?: '' | 'oui' | 'non'; mot_de_passe?: '' | 'temporaire' | 'personnel'; page?: number };

/** The structure's portal accounts, filtered, one page at a time. */
export async function listPortalAccounts(db: Kysely<DB>, staff: StaffActor, query: AccountsQuery) {
  const filters: repository.AccountFilters = {
    enabled: query.acces ? query.acces === 'oui' : undefined,
    temporaryPassword: query.mot_de_passe ? query.mot_de_passe === 'temporaire' : undefined,
  };
  const total = await repository.countAccounts(db, staff.structureId, filters);
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page ?? 1), pages);
  const accounts = await repository.listAccounts(db, staff.structureId, filters, ACCOUNTS_PAGE_SIZE, (page - 1) * ACCOUNTS_PAGE_SIZE);
  const locks = await activeLocks(db, 'portal', accounts.map((row) => row.login));
  const rows = accounts.map((row) => ({ ...row, locked_until: locks.get(row.login) ?? null }));
  const structure = await getStructure(db, staff.structureId);
  return { rows, total, page, pages, timezone: structure.timezone, portalEnabled: structure.portal_enabled };
}
