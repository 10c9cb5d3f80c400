import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../actor.ts';
import * as repository from './records.repository.ts';
import { filterCriteria, type ListFilters } from './search.service.ts';

/**
 * Whole records of a structure read in batches, for what goes through all of them (the export):
 * never more than one batch in memory.
 */

export type RecordRow = Awaited<ReturnType<typeof repository.listRecordsAfter>>[number];
export type AyantDroitOf = Awaited<ReturnType<typeof repository.listAyantsDroitOf>>[number];

/** The records matching the list's filters, `size` at a time, in numéro de dossier order. */
export async function* recordBatches(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId' | 'timezone'>, filters: ListFilters, size: number, now = new Date()): AsyncGenerator<RecordRow[]> {
  const criteria = filterCriteria(staff, filters, now);
  let after = 0;
  for (;;) {
    const batch = await repository.listRecordsAfter(db, criteria, after, size);
    if (batch.length === 0) return;
    yield batch;
    if (batch.length < size) return;
    after = batch.at(-1)!.dossier_number;
  }
}

/** The ayants droit of the structure's records given, by record id (a record without any is absent). */
export async function ayantsDroitOf(db: Kysely<DB>, staff: Pick<StaffActor, 'structureId'>, domicilieIds: readonly string[]): Promise<Map<string, AyantDroitOf[]>> {
  const byRecord = new Map<string, AyantDroitOf[]>();
  if (domicilieIds.length === 0) return byRecord;
  for (const row of await repository.listAyantsDroitOf(db, staff.structureId, domicilieIds)) {
    const list = byRecord.get(row.domicilie_id);
    if (list) list.push(row);
    else byRecord.set(row.domicilie_id, [row]);
  }
  return byRecord;
}
