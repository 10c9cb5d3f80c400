import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { administrateurOf, createDomicilie, createTeam } from '../../../test/helpers/factories.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { handOut, recordReception, undoLatest } from '../courriers/courriers.service.ts';
import { takeDecision } from '../decisions/decisions.service.ts';
import { deleteDomicilie } from '../dossiers/dossiers.service.ts';
import { foldDashboardTallies, getDashboard } from './dashboard.service.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

/** The same figures counted the slow way, record by record: what the kept sums must always equal. */
async function recounted(structureId: string) {
  const { rows } = await sql<{ valide: number; people: number; items: number }>`
    SELECT count(*) FILTER (WHERE status = 'valide')::int AS valide,
      count(*) FILTER (WHERE waiting_courrier + waiting_colis + waiting_avis_passage > 0)::int AS people,
      coalesce(sum(waiting_courrier + waiting_colis + waiting_avis_passage), 0)::int AS items
    FROM domicilies WHERE structure_id = ${structureId}`.execute(database.db);
  return rows[0]!;
}

async function figures(structureId: string) {
  const dashboard = await getDashboard(database.db, await administrateurOf(database.db, structureId));
  return { valide: dashboard.valide, people: dashboard.mailWaiting.people, items: dashboard.mailWaiting.items };
}

const tallyRows = async (structureId: string) =>
  Number((await database.db.selectFrom('structure_tallies').select((eb) => eb.fn.countAll().as('rows')).where('structure_id', '=', structureId).executeTakeFirstOrThrow()).rows);

describe('the counts of the staff home page, kept as records change', () => {
  test('follow every way a record changes: opening, decisions, mail received, handed out and undone, deletion', async () => {
    const team = await createTeam(database.db);
    const other = await createTeam(database.db);
    const admin = await administrateurOf(database.db, team.structureId);
    const step = async (what: string, expected: { valide: number; people: number; items: number }) => {
      assert.deepEqual(await recounted(team.structureId), expected, `${what}: the records themselves`);
      assert.deepEqual(await figures(team.structureId), expected, `${what}: the home page's figures`);
    };

    const anne = await createDomicilie(database.db, team.structureId, { nom: 'Ange', prenom: 'Anne' });
    const bruno = await createDomicilie(database.db, team.structureId, { nom: 'Basile', prenom: 'Bruno', waiting_courrier: 2, waiting_colis: 1 });
    await createDomicilie(database.db, team.structureId, { nom: 'Cadet', prenom: 'Clara', status: 'instruction' });
    await createDomicilie(database.db, other.structureId, { nom: 'Autre', prenom: 'Odile', waiting_courrier: 5 });
    await step('three opened, two valide, one with mail', { valide: 2, people: 1, items: 3 });

    await recordReception(database.db, admin, anne.id, { courrier: '1', colis: '0', avis_passage: '1' });
    await step('mail for Anne', { valide: 2, people: 2, items: 5 });
    const handed = await handOut(database.db, admin, bruno.id, { types: 'courrier', recipient: 'domicilie' });
    assert.ok(handed);
    await step("Bruno's letters handed out, his parcel waits", { valide: 2, people: 2, items: 3 });
    const latest = await database.db.selectFrom('courrier_events').select('id').where('domicilie_id', '=', bruno.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    await undoLatest(database.db, admin, bruno.id, latest.id);
    await step('the handing out undone', { valide: 2, people: 2, items: 5 });

    await takeDecision(database.db, admin, bruno.id, 'radiation', { motif: 'a_sa_demande' });
    await step('Bruno radié (his mail still waits)', { valide: 1, people: 2, items: 5 });
    await deleteDomicilie(database.db, admin, anne.id);
    await step("Anne's record deleted", { valide: 0, people: 1, items: 3 });

    assert.deepEqual(await figures(other.structureId), { valide: 1, people: 1, items: 5 }, 'the other structure keeps its own');
  });

  test('folding a structure’s rows into one changes no figure, and leaves nothing to fold twice', async () => {
    const team = await createTeam(database.db);
    for (const nom of ['Dufour', 'Etienne', 'Fabre']) await createDomicilie(database.db, team.structureId, { nom, prenom: 'Jo', waiting_avis_passage: 1 });
    const before = await figures(team.structureId);
    assert.ok((await tallyRows(team.structureId)) > 1, 'each change appended its row');
    await Promise.all([foldDashboardTallies(database.db), foldDashboardTallies(database.db)]);
    assert.equal(await tallyRows(team.structureId), 1);
    assert.deepEqual(await figures(team.structureId), before);
    assert.deepEqual(before, await recounted(team.structureId));
  });
});
