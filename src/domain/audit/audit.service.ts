import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, DB } from '../../db/schema.ts';
import * as repository from './audit.repository.ts';

export type Actor =
  | { type: 'staff'; id: string; structureId: string }
  | { type: 'portal'; id: string; structureId: string }
  | { type: 'system' }
  | { type: 'anonymous'; structureId?: string | null };

/** Who the audit trail names for what a staff member did. */
export function staffAuditActor(staff: { id: string; structureId: string }): Actor {
  return { type: 'staff', id: staff.id, structureId: staff.structureId };
}

export type AuditEvent = {
  action: string;
  target?: { type: string; id: string };
  /** Facts about the event; never a password, never free text typed about a person. */
  details?: Record<string, string | number | boolean | null>;
};

function auditEntries(actor: Actor, events: AuditEvent[]): Insertable<AuditLogTable>[] {
  return events.map((event) => ({
    structure_id: 'structureId' in actor ? (actor.structureId ?? null) : null,
    actor_type: actor.type,
    actor_id: 'id' in actor ? actor.id : null,
    action: event.action,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    details: event.details ?? {},
  }));
}

/** Records what the actor did: several events of one action are written in one statement. */
export async function audit(db: Kysely<DB>, actor: Actor, ...events: [AuditEvent, ...AuditEvent[]]): Promise<void> {
  await repository.insertAuditEntries(db, auditEntries(actor, events));
}

export function recentAudit(db: Kysely<DB>, structureId: string, limit = 100) {
  return repository.listAuditEntries(db, structureId, limit);
}
