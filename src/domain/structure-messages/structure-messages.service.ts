import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { AppError } from '../../shared/errors.ts';
import { allowed } from '../../shared/roles.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { checkMessage, messagePeriod, type MessageInput } from './message-input.ts';
import * as repository from './structure-messages.repository.ts';

export { MESSAGE_MAX_LENGTH, type MessageInput, type StructureMessageProblem } from './message-input.ts';

export type StructureMessage = Awaited<ReturnType<typeof repository.findMessage>> & {};

/** More than any structure has to say at once; a bound so that a page never grows without end. */
const SHOWN_AT_ONCE = 20;
/** The ended messages the list keeps showing, to copy one or check what was said. */
const PAST_SHOWN = 10;

/** Whoever reads the messages of a structure: a staff member or a portal user, each with the structure's time zone. */
type Reader = { structureId: string; timezone: string };

const todayOf = (reader: Reader, now: Date): IsoDate => isoDateIn(now, reader.timezone);

function assertMayWrite(staff: StaffActor) {
  if (!(allowed.deciders as readonly string[]).includes(staff.role)) throw new AppError('FORBIDDEN');
}

/** The messages shown today, in the structure's time zone: first and last days included. */
export function currentMessages(db: Kysely<DB>, reader: Reader, now = new Date()): Promise<StructureMessage[]> {
  return repository.listCurrent(db, reader.structureId, todayOf(reader, now), SHOWN_AT_ONCE);
}

/** « Messages aux domiciliés »: what shows now, what will show, what showed lately. */
export async function listMessages(db: Kysely<DB>, staff: StaffActor, now = new Date()) {
  assertMayWrite(staff);
  const today = todayOf(staff, now);
  const [notEnded, past] = await Promise.all([repository.listNotEnded(db, staff.structureId, today, SHOWN_AT_ONCE * 2), repository.listEnded(db, staff.structureId, today, PAST_SHOWN)]);
  return {
    today,
    current: notEnded.filter((message) => messagePeriod(message, today) === 'current'),
    upcoming: notEnded.filter((message) => messagePeriod(message, today) === 'upcoming'),
    past,
  };
}

/** One message of the actor's own structure; another structure's is as unknown as a made-up id. */
export async function getMessage(db: Kysely<DB>, staff: StaffActor, id: string): Promise<StructureMessage> {
  assertMayWrite(staff);
  const message = await repository.findMessage(db, staff.structureId, id);
  if (!message) throw new AppError('NOT_FOUND');
  return message;
}

// The trail keeps ids and days: the text is the structure's public notice, never needed there.
const trail = (id: string, message: { startDate: IsoDate; endDate: IsoDate }) => ({
  target: { type: 'structure_message', id },
  details: { start_date: message.startDate, end_date: message.endDate },
});

export async function publishMessage(db: Kysely<DB>, staff: StaffActor, input: MessageInput, now = new Date()): Promise<string> {
  assertMayWrite(staff);
  const message = checkMessage(input, todayOf(staff, now));
  return db.transaction().execute(async (trx) => {
    const { id } = await repository.insertMessage(trx, { structure_id: staff.structureId, body: message.body, start_date: message.startDate, end_date: message.endDate, created_by: staff.id });
    await audit(trx, staffAuditActor(staff), { action: 'structure_message.published', ...trail(id, message) });
    return id;
  });
}

export async function changeMessage(db: Kysely<DB>, staff: StaffActor, id: string, input: MessageInput, now = new Date()) {
  assertMayWrite(staff);
  const message = checkMessage(input, todayOf(staff, now));
  await db.transaction().execute(async (trx) => {
    const changed = await repository.updateMessage(trx, staff.structureId, id, { body: message.body, start_date: message.startDate, end_date: message.endDate, updated_by: staff.id });
    if (!changed) throw new AppError('NOT_FOUND');
    await audit(trx, staffAuditActor(staff), { action: 'structure_message.changed', ...trail(id, message) });
  });
}

/** Deleting twice (a double click, a colleague) is not an error: false says it was already gone. */
export async function deleteMessage(db: Kysely<DB>, staff: StaffActor, id: string): Promise<boolean> {
  assertMayWrite(staff);
  return db.transaction().execute(async (trx) => {
    const deleted = await repository.deleteMessage(trx, staff.structureId, id);
    if (!deleted) return false;
    await audit(trx, staffAuditActor(staff), { action: 'structure_message.deleted', ...trail(deleted.id, { startDate: deleted.start_date, endDate: deleted.end_date }) });
    return true;
  });
}
