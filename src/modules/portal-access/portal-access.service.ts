import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { StaffActor } from '../../web/request-context.ts';
import { getStructure } from '../structures/structures.service.ts';
import * as repository from './portal-access.repository.ts';

export type PortalAccessSummary = {
  domicilieId: string;
  portalEnabledForStructure: boolean;
  account: Awaited<ReturnType<typeof repository.findAccountOfDomicilie>> | null;
};

/** What the « Accès au portail usager » section shows for one domicilié. */
export async function getPortalAccessSummary(db: Kysely<DB>, staff: StaffActor, domicilieId: string): Promise<PortalAccessSummary> {
  const structure = await getStructure(db, staff.structureId);
  const account = await repository.findAccountOfDomicilie(db, staff.structureId, domicilieId);
  return { domicilieId, portalEnabledForStructure: structure.portal_enabled, account: account ?? null };
}

/** The domicilié's portal logins, newest first, for the « Historique » tab. */
export function listPortalLogins(db: Kysely<DB>, staff: StaffActor, domicilieId: string, limit = 50) {
  return repository.listLogins(db, staff.structureId, domicilieId, limit);
}
