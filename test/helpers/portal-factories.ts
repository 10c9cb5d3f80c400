import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CourrierEventKind, DB } from '../../src/db/schema.ts';
import { normalizeTemporaryPassword } from '../../src/domain/portal-access/portal-access.service.ts';
import { hashPassword } from '../../src/shared/passwords.ts';
import { createDomicilie, createStructure, type DomicilieSpec } from './factories.ts';

/** As printed on the access document: groups of capitals and digits. */
export const TEMPORARY_PASSWORD = 'K7PM-2QXR-9TWD';
export const PERSONAL_PASSWORD = 'les tilleuls du canal';

const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
export function randomLogin(): string {
  return Array.from({ length: 8 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
}

export type PortalAccountOptions = {
  login?: string;
  /** The temporary password (default) or, with `temporary: false`, the personal one. */
  password?: string;
  temporary?: boolean;
  temporaryPasswordExpiresAt?: Date | null;
  enabled?: boolean;
};

/** A portal account with a known password; a temporary one is hashed normalised, as portal-access does. */
export async function createPortalAccount(db: Kysely<DB>, structureId: string, domicilieId: string, options: PortalAccountOptions = {}) {
  const temporary = options.temporary ?? true;
  const password = options.password ?? (temporary ? TEMPORARY_PASSWORD : PERSONAL_PASSWORD);
  const login = options.login ?? randomLogin();
  const row = await db
    .insertInto('portal_accounts')
    .values({
      structure_id: structureId,
      domicilie_id: domicilieId,
      login,
      password_hash: await hashOnce(temporary ? normalizeTemporaryPassword(password) : password),
      password_is_temporary: temporary,
      temporary_password_expires_at: temporary ? (options.temporaryPasswordExpiresAt === undefined ? new Date(Date.now() + 30 * 86_400_000) : options.temporaryPasswordExpiresAt) : null,
      enabled: options.enabled ?? true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, login, password, structureId, domicilieId };
}

/** A structure with the portal on, one domicilié and their portal account. */
export async function createPortalUser(
  db: Kysely<DB>,
  options: PortalAccountOptions & {
    structureId?: string;
    structure?: Parameters<typeof createStructure>[1];
    domicilie?: DomicilieSpec;
  } = {},
) {
  const structureId = options.structureId ?? (await createStructure(db, { portal_enabled: true, ...options.structure }));
  const domicilie = await createDomicilie(db, structureId, options.domicilie);
  const account = await createPortalAccount(db, structureId, domicilie.id, options);
  return { ...account, domicilie };
}

type Counts = { courrier?: number; colis?: number; avis_passage?: number };

/** Mail received as the courriers module records it: one event, one item per type, exact waiting counts. */
export async function receiveMail(db: Kysely<DB>, structureId: string, domicilieId: string, counts: Counts, options: { comment?: string; at?: Date } = {}) {
  const at = options.at ?? new Date();
  const event = await db
    .insertInto('courrier_events')
    .values({ structure_id: structureId, domicilie_id: domicilieId, kind: 'reception', ...counts, comment: options.comment ?? null, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const type of ['courrier', 'colis', 'avis_passage'] as const) {
    const quantity = counts[type] ?? 0;
    if (quantity === 0) continue;
    await db
      .insertInto('courrier_items')
      .values({ structure_id: structureId, domicilie_id: domicilieId, reception_event_id: event.id, type, quantity, comment: options.comment ?? null, received_at: at })
      .execute();
    await db
      .updateTable('domicilies')
      .set((eb) => ({ [`waiting_${type}`]: eb(`waiting_${type}`, '+', quantity) }))
      .where('id', '=', domicilieId)
      .execute();
  }
  return event.id;
}

/** Any other event of the mail history (visit, call, hand-out...), without touching waiting items. */
export async function recordEvent(db: Kysely<DB>, structureId: string, domicilieId: string, kind: CourrierEventKind, options: Counts & { at?: Date; recipient?: 'domicilie' | 'mandataire'; comment?: string; undone?: boolean } = {}) {
  const { at, recipient, comment, undone, ...counts } = options;
  const row = await db
    .insertInto('courrier_events')
    .values({ structure_id: structureId, domicilie_id: domicilieId, kind, ...counts, recipient: recipient ?? null, comment: comment ?? null, created_at: at ?? new Date(), undone_at: undone ? new Date() : null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Posts the portal login form as a browser would. */
export function portalLogin(client: { post(url: string, form: Record<string, string>): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> }, identifier: string, password: string) {
  return client.post('/portail/connexion', { identifiant: identifier, mot_de_passe: password });
}
