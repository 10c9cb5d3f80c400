import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn } from '../../shared/dates.ts';
import { mandatesInForce } from '../courriers/procurations.service.ts';
import { currentMessages } from '../structure-messages/structure-messages.service.ts';
import type { PortalActor } from './portal.service.ts';

export type PortalNotices = Awaited<ReturnType<typeof getNotices>>;

/**
 * What the portal home tells the person beside their mail: the structure's messages of the day,
 * who may collect their mail and where it is forwarded, all on the structure's calendar day and
 * scoped by the session's person.
 */
export async function getNotices(db: Kysely<DB>, actor: PortalActor, now = new Date()) {
  const today = isoDateIn(now, actor.timezone);
  const [messages, mandates] = await Promise.all([currentMessages(db, actor, now), mandatesInForce(db, actor.structureId, actor.domicilieId, today)]);
  return { messages, ...mandates };
}
