import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { audit, staffAuditActor } from '../audit/audit.service.ts';
import { checkLogo } from './logo.ts';
import * as repository from './logo.repository.ts';

export { LOGO_MAX_BYTES, type LogoProblem } from './logo.ts';

export type LogoSummary = NonNullable<Awaited<ReturnType<typeof repository.findLogoSummary>>>;
export type Logo = NonNullable<Awaited<ReturnType<typeof repository.findLogo>>>;

/** The logo of the actor's own structure, without its bytes; null when none was sent. */
export async function getLogoSummary(db: Kysely<DB>, staff: StaffActor): Promise<LogoSummary | null> {
  return (await repository.findLogoSummary(db, staff.structureId)) ?? null;
}

/** The logo's bytes, for the preview and the letters; null when the structure has none. */
export async function getLogo(db: Kysely<DB>, structureId: string): Promise<Logo | null> {
  return (await repository.findLogo(db, structureId)) ?? null;
}

/** Stores the file as the structure's logo once its bytes are checked; the trail keeps type and size, not the image. */
export async function replaceLogo(db: Kysely<DB>, admin: StaffActor, received: Buffer | undefined) {
  if (admin.role !== 'administrateur') throw new AppError('FORBIDDEN');
  const logo = checkLogo(received);
  await db.transaction().execute(async (trx) => {
    await repository.saveLogo(trx, admin.structureId, logo, admin.id);
    await audit(trx, staffAuditActor(admin), {
      action: 'structure.logo_changed',
      target: { type: 'structure', id: admin.structureId },
      details: { content_type: logo.contentType, size: logo.size, width: logo.width, height: logo.height },
    });
  });
}

/** Removes the logo: the letters are headed by the structure's name and address only. */
export async function removeLogo(db: Kysely<DB>, admin: StaffActor) {
  if (admin.role !== 'administrateur') throw new AppError('FORBIDDEN');
  await db.transaction().execute(async (trx) => {
    if (!(await repository.deleteLogo(trx, admin.structureId))) return;
    await audit(trx, staffAuditActor(admin), { action: 'structure.logo_removed', target: { type: 'structure', id: admin.structureId } });
  });
}
