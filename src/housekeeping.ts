import { sql } from 'kysely';
import type { Database } from './db/database.ts';
import { foldDashboardTallies } from './domain/domicilies/dashboard.service.ts';
import { expireImportFiles } from './domain/imports/imports.service.ts';
import { purgeExpiredDocuments } from './domain/portal-access/portal-access.service.ts';
import { purgeExpiredSessions } from './domain/sessions/sessions.service.ts';
import { purgeLoginCounters } from './domain/login-attempts/login-attempts.service.ts';
import { purgeOldEmailRequests } from './domain/notification-preferences/preferences.service.ts';

/** Tables whose rows are rewritten or deleted all day long (mail counts, released items, sessions…). */
const REWRITTEN_TABLES = ['domicilies', 'courrier_items', 'structure_words', 'portal_accounts', 'sessions', 'portal_documents', 'structure_tallies', 'notifications'];

/** Every minute: the Word documents are unreadable after their 15 minutes, and leave the database within the minute. */
export async function everyMinute(database: Database): Promise<void> {
  await purgeExpiredDocuments(database.db);
  await purgeLoginCounters(database.db);
}

/**
 * Every ten minutes: expired sessions go, imported files kept beyond a few hours go (their import
 * abandoned or failed), the home page's counts are folded, and on PGlite, which has no autovacuum, the rewritten
 * tables are vacuumed (their index-only reads stay index-only) and their statistics refreshed.
 */
export async function everyTenMinutes(database: Database): Promise<void> {
  await purgeExpiredSessions(database.db);
  await expireImportFiles(database.db);
  await purgeOldEmailRequests(database.db);
  await foldDashboardTallies(database.db);
  if (database.engine === 'pglite') await sql.raw(`VACUUM (ANALYZE) ${REWRITTEN_TABLES.join(', ')}`).execute(database.db);
}

/** Runs the housekeeping on timers that never keep the process alive; a failure is reported and retried next time. */
export function startHousekeeping(database: Database, onError: (error: unknown) => void): void {
  const every = (ms: number, task: (database: Database) => Promise<void>) => setInterval(() => void task(database).catch(onError), ms).unref();
  every(60_000, everyMinute);
  every(10 * 60_000, everyTenMinutes);
}
