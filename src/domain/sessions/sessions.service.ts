import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { unlessStorageFull } from '../../db/storage-errors.ts';
import { randomToken, sha256 } from '../../shared/random.ts';
import * as repository from './sessions.repository.ts';
import type { SessionKind } from './sessions.repository.ts';

export type { SessionKind };

export const sessionLimits: Record<SessionKind, { idleMs: number; absoluteMs: number }> = {
  staff: { idleMs: 2 * 3600_000, absoluteMs: 12 * 3600_000 },
  portal: { idleMs: 30 * 60_000, absoluteMs: 12 * 3600_000 },
};

// Writing last_seen_at on every request would cost a write per page: once a minute is precise enough.
const TOUCH_EVERY_MS = 60_000;

/** Opens a session and returns the cookie value; only its hash is stored. */
export async function openSession(db: Kysely<DB>, kind: SessionKind, subjectId: string, now = new Date()): Promise<string> {
  const token = randomToken();
  await repository.insertSession(db, { id_hash: sessionKey(token), kind, subject_id: subjectId, expires_at: new Date(now.getTime() + sessionLimits[kind].absoluteMs) });
  return token;
}

/** The stored key of a session cookie: only the hash of the token is kept. */
export const sessionKey = (token: string) => sha256(token);

/** The part of a session read together with its subject (one query per request). */
export type SessionTimes = { last_seen_at: Date; expires_at: Date };

/** Whether a session is still live: an idle or expired one is deleted, activity is noted once a minute. */
export async function stillLive(db: Kysely<DB>, kind: SessionKind, token: string, session: SessionTimes, now = new Date()): Promise<boolean> {
  const idleSince = now.getTime() - session.last_seen_at.getTime();
  if (session.expires_at <= now || idleSince > sessionLimits[kind].idleMs) {
    await repository.deleteSession(db, sessionKey(token));
    return false;
  }
  // A disk that refuses writes only shortens the session's idle time: its pages still read.
  if (idleSince > TOUCH_EVERY_MS) await repository.touchSession(db, sessionKey(token), now).catch(unlessStorageFull);
  return true;
}

export async function closeSession(db: Kysely<DB>, token: string): Promise<void> {
  await repository.deleteSession(db, sessionKey(token));
}

/** Closes every session of a person, except the one given (kept after a password change). */
export async function closeSessionsOf(db: Kysely<DB>, kind: SessionKind, subjectId: string, exceptToken?: string): Promise<void> {
  await repository.deleteSessionsOf(db, kind, subjectId, exceptToken ? sessionKey(exceptToken) : undefined);
}

export async function purgeExpiredSessions(db: Kysely<DB>, now = new Date()): Promise<void> {
  await repository.deleteExpiredSessions(db, now);
}

/** The list search a staff session keeps (criteria only, never a result), or null. */
export function rememberedSearch(db: Kysely<DB>, token: string): Promise<Record<string, string | number> | null> {
  return repository.findSearch(db, sessionKey(token));
}

/** Keeps `search` with the session, or forgets it (null). */
export function rememberSearch(db: Kysely<DB>, token: string, search: Record<string, string | number> | null): Promise<void> {
  return repository.updateSearch(db, sessionKey(token), search);
}
