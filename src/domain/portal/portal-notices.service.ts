import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import type { PortalActor } from './portal.service.ts';
import * as repository from './portal-notices.repository.ts';

export type PortalNotices = Awaited<ReturnType<typeof getNotices>>;

/**
 * What the portal home tells the person beside their mail: the structure's messages of the day,
 * who may collect their mail and where it is forwarded, all on the structure's calendar day and
 * scoped by the session's person, never by an id from the request.
 */
export function getNotices(db: Kysely<DB>, actor: PortalActor, now = new Date()) {
  return repository.findNotices(db, actor.structureId, actor.domicilieId, isoDateIn(now, actor.timezone));
}
