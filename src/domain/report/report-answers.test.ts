import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { administrateurOf, createStaff, createStructure } from '../../../test/helpers/factories.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { InvalidInput } from '../../shared/errors.ts';
import type { StaffActor } from '../actor.ts';
import { getReportAnswers, saveReportAnswers, reportAnswersFormValues } from './report-answers.service.ts';
import { defaultReportPeriod, monthsOf, parseReportPeriod, parseReportYear } from './report-period.ts';

let database: Database;
before(async () => {
  database = await createTestDatabase();
});
after(() => database.close());

async function staffOf(structureId: string, role: StaffActor['role']): Promise<StaffActor> {
  const admin = await administrateurOf(database.db, structureId);
  if (role === 'administrateur') return admin;
  const { id } = await createStaff(database.db, structureId, role);
  return { ...admin, id, role };
}

const fields = (error: unknown) => (error instanceof InvalidInput ? Object.fromEntries(Object.entries(error.fields).map(([field, problem]) => [field, problem.code])) : {});

describe("the structure's answers to the yearly questionnaire", () => {
  test('entered once a year, kept per year, read back as typed, audited', async () => {
    const structureId = await createStructure(database.db);
    const gestionnaire = await staffOf(structureId, 'gestionnaire');
    const before = await getReportAnswers(database.db, gestionnaire, 2025);
    assert.deepEqual(before, { year: 2025, waitingList: null, meanWaitingDays: null, fteStaff: null, fteVolunteers: null, staffCost: null, totalCost: null, updatedAt: null });
    const saved = await saveReportAnswers(database.db, gestionnaire, 2025, {
      liste_attente: 'oui', delai_moyen_jours: '21', etp_salaries: '1,5', etp_benevoles: '0.25', cout_personnel: '45 000', cout_total: '52\u202f300',
    });
    assert.deepEqual({ ...saved, updatedAt: null }, { year: 2025, waitingList: true, meanWaitingDays: 21, fteStaff: 1.5, fteVolunteers: 0.25, staffCost: 45000, totalCost: 52300, updatedAt: null });
    assert.ok(saved.updatedAt instanceof Date);
    assert.deepEqual(reportAnswersFormValues(saved), { liste_attente: 'oui', delai_moyen_jours: '21', etp_salaries: '1,5', etp_benevoles: '0,25', cout_personnel: '45000', cout_total: '52300' });

    await saveReportAnswers(database.db, gestionnaire, 2024, { liste_attente: 'non' });
    assert.equal((await getReportAnswers(database.db, gestionnaire, 2025)).meanWaitingDays, 21, 'another year leaves 2025 as it was');
    const replaced = await saveReportAnswers(database.db, gestionnaire, 2025, { liste_attente: '', delai_moyen_jours: '30' });
    assert.equal(replaced.waitingList, null);
    assert.equal(replaced.meanWaitingDays, 30);
    assert.equal(replaced.staffCost, null, 'a field left empty is « non renseigné »');
    assert.equal((await getReportAnswers(database.db, gestionnaire, 2024)).waitingList, false);

    const audits = await database.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('structure_id', '=', structureId).where('action', '=', 'rapport.reponses').execute();
    assert.equal(audits.length, 3);
    assert.ok(audits.every((entry) => entry.actor_id === gestionnaire.id));
    assert.deepEqual(audits.map((entry) => entry.details.year).sort(), [2024, 2025, 2025]);
  });

  test('typed problems, one per field, and nothing stored', async () => {
    const structureId = await createStructure(database.db);
    const admin = await staffOf(structureId, 'administrateur');
    const error = await saveReportAnswers(database.db, admin, 2025, {
      liste_attente: 'peut-être', delai_moyen_jours: '2,5', etp_salaries: '-1', etp_benevoles: '1,234', cout_personnel: 'beaucoup', cout_total: '2000000000000',
    }).catch((caught: unknown) => caught);
    assert.deepEqual(fields(error), {
      liste_attente: 'reponse_oui_non_invalide', delai_moyen_jours: 'reponse_nombre_invalide', etp_salaries: 'reponse_nombre_negatif', etp_benevoles: 'reponse_nombre_invalide', cout_personnel: 'reponse_nombre_invalide', cout_total: 'reponse_nombre_trop_grand',
    });
    assert.equal((await getReportAnswers(database.db, admin, 2025)).updatedAt, null);
    assert.deepEqual(fields(await saveReportAnswers(database.db, admin, 1850, {}).catch((caught: unknown) => caught)), { annee: 'annee_invalide' });
  });

  test('administrateur and gestionnaire only; another structure never reads or overwrites them', async () => {
    const structureId = await createStructure(database.db);
    const otherId = await createStructure(database.db);
    await saveReportAnswers(database.db, await staffOf(structureId, 'administrateur'), 2025, { delai_moyen_jours: '10' });
    for (const role of ['instructeur', 'facteur'] as const) {
      const staff = await staffOf(structureId, role);
      await assert.rejects(getReportAnswers(database.db, staff, 2025), (error: Error & { code?: string }) => error.code === 'FORBIDDEN');
      await assert.rejects(saveReportAnswers(database.db, staff, 2025, {}), (error: Error & { code?: string }) => error.code === 'FORBIDDEN');
    }
    const other = await staffOf(otherId, 'administrateur');
    assert.equal((await getReportAnswers(database.db, other, 2025)).meanWaitingDays, null);
    await saveReportAnswers(database.db, other, 2025, { delai_moyen_jours: '99' });
    assert.equal((await getReportAnswers(database.db, await staffOf(structureId, 'gestionnaire'), 2025)).meanWaitingDays, 10);
  });
});

describe('the period of the report', () => {
  test('the last full year in the structure’s time zone by default', () => {
    // 31/12/2025 23:30 UTC is already 2026 in Paris, still 2025 in Martinique.
    const instant = new Date('2025-12-31T23:30:00Z');
    assert.deepEqual(defaultReportPeriod('Europe/Paris', instant), { from: '2025-01-01', to: '2025-12-31' });
    assert.deepEqual(defaultReportPeriod('America/Martinique', instant), { from: '2024-01-01', to: '2024-12-31' });
  });

  test('two dates typed, both days included; typed problems', () => {
    assert.deepEqual(parseReportPeriod({ du: '15/03/2025', au: '2025-04-02' }), { ok: true, value: { from: '2025-03-15', to: '2025-04-02' } });
    assert.deepEqual(parseReportPeriod({ du: '', au: '31/02/2025' }), { ok: false, problems: { du: { code: 'rapport_periode_date_invalide' }, au: { code: 'rapport_periode_date_invalide' } } });
    assert.deepEqual(parseReportPeriod({ du: '02/04/2025', au: '01/04/2025' }), { ok: false, problems: { au: { code: 'rapport_periode_fin_avant_debut' } } });
    assert.equal(parseReportPeriod({ du: '01/01/2020', au: '31/12/2024' }).ok, true);
    assert.deepEqual(parseReportPeriod({ du: '01/01/2000', au: '01/01/2010' }), { ok: false, problems: { au: { code: 'rapport_periode_trop_longue', maxDays: 1830 } } });
    assert.deepEqual(parseReportYear('2025'), { ok: true, value: 2025 });
    assert.deepEqual(parseReportYear('25'), { ok: false, problem: { code: 'annee_invalide' } });
  });

  test('the months of a period, across a year', () => {
    assert.deepEqual(monthsOf({ from: '2024-11-20', to: '2025-02-01' }), ['2024-11', '2024-12', '2025-01', '2025-02']);
    assert.equal(monthsOf({ from: '2025-01-01', to: '2025-12-31' }).length, 12);
  });
});
