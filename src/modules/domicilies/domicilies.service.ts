import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../../web/request-context.ts';
import * as repository from './domicilies.repository.ts';

export type FicheHeader = NonNullable<Awaited<ReturnType<typeof repository.findFicheHeader>>>;

/** A domicilié of the staff member's structure; another structure's record is "not found". */
export async function getFicheHeader(db: Kysely<DB>, staff: StaffActor, id: string): Promise<FicheHeader> {
  const row = await repository.findFicheHeader(db, staff.structureId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}
