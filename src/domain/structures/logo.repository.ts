import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CheckedLogo } from './logo.ts';

/** What « Ma structure » shows about the logo, without its bytes. */
export function findLogoSummary(db: Kysely<DB>, structureId: string) {
  return db
    .selectFrom('structure_logos')
    .select(['content_type', 'size', 'width', 'height', 'uploaded_at'])
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
}

export function findLogo(db: Kysely<DB>, structureId: string) {
  return db
    .selectFrom('structure_logos')
    .select(['content', 'content_type', 'width', 'height'])
    .where('structure_id', '=', structureId)
    .executeTakeFirst();
}

/** One logo a structure: a new one replaces the old. */
export async function saveLogo(db: Kysely<DB>, structureId: string, logo: CheckedLogo, staffId: string) {
  const row = { content: logo.content, content_type: logo.contentType, size: logo.size, width: logo.width, height: logo.height, uploaded_by: staffId };
  await db
    .insertInto('structure_logos')
    .values({ structure_id: structureId, ...row })
    .onConflict((conflict) => conflict.column('structure_id').doUpdateSet({ ...row, uploaded_at: sql<Date>`now()` }))
    .execute();
}

/** Whether there was a logo to remove. */
export async function deleteLogo(db: Kysely<DB>, structureId: string): Promise<boolean> {
  const result = await db.deleteFrom('structure_logos').where('structure_id', '=', structureId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
