import { sql, type Kysely } from 'kysely';
import { administrateurOf, createDomicilie, createTeam, type DomicilieSpec } from '../../../test/helpers/factories.ts';
import type { DB, NotificationChannel } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import type { OutgoingMessage, Transport } from './transports.ts';
import { SendFailure } from './transports.ts';

/** Test support for the notifications (not a test file itself). */

/** A transport that keeps what it was given; `failWith` makes every send fail. */
export function fakeTransport(failWith?: SendFailure) {
  const sent: OutgoingMessage[] = [];
  const transport: Transport & { sent: OutgoingMessage[] } = {
    sent,
    async send(message) {
      if (failWith) throw failWith;
      sent.push(message);
    },
    async close() {},
  };
  return transport;
}

/**
 * Consent given on the record, as the « Modifier » form will store it (engineer C2's form): set
 * directly here, the outbox's tests are about what happens once it is given.
 */
export function giveConsent(db: Kysely<DB>, domicilieId: string, channels: readonly NotificationChannel[] = ['email', 'sms']) {
  return db
    .updateTable('domicilies')
    .set({
      notify_email_consent_at: channels.includes('email') ? sql<Date>`now()` : null,
      notify_sms_consent_at: channels.includes('sms') ? sql<Date>`now()` : null,
    })
    .where('id', '=', domicilieId)
    .execute();
}

/** A structure, its administrateur, and a consenting person with an e-mail and a phone. */
export async function notifiedWorld(db: Kysely<DB>, spec: DomicilieSpec = {}, structure: { timezone?: string; name?: string } = {}) {
  const team = await createTeam(db, structure);
  const staff: StaffActor = await administrateurOf(db, team.structureId);
  const person = await createDomicilie(db, team.structureId, { email: 'marie@example.org', phone: '06 12 34 56 78', ...spec });
  await giveConsent(db, person.id);
  return { team, staff, person, id: person.id };
}

export function notificationRows(db: Kysely<DB>, domicilieId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'channel', 'kind', 'group_key', 'state', 'send_after', 'next_attempt_at', 'attempts', 'last_error', 'sent_at', 'payload', 'created_at'])
    .where('domicilie_id', '=', domicilieId)
    .orderBy('channel')
    .orderBy('created_at')
    .execute();
}

/** Time passes for the outbox: every waiting message of the person is due now. */
export function makeDue(db: Kysely<DB>, domicilieId: string) {
  return db.updateTable('notifications').set({ next_attempt_at: sql<Date>`now() - interval '1 second'` }).where('domicilie_id', '=', domicilieId).where('state', '=', 'en_attente').execute();
}
