import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createStaff } from '../../../test/helpers/factories.ts';
import { createTestDatabase } from '../../../test/helpers/test-database.ts';
import type { Database } from '../../db/database.ts';
import { otherStructure, reportWorld } from './report.fixtures.ts';
import { activityReport, type ActivityReport } from './report.service.ts';

let database: Database;
let report: ActivityReport;
/** The échéances are counted from this day: June 2026 to May 2027. */
const NOW = new Date('2026-06-15T10:00:00Z');
const YEAR_2025 = { from: '2025-01-01', to: '2025-12-31' };

before(async () => {
  database = await createTestDatabase();
  // Rows of other structures made before and after: neither may count.
  await otherStructure(database.db);
  const world = await reportWorld(database.db);
  await otherStructure(database.db);
  report = await activityReport(database.db, world.admin, YEAR_2025, NOW);
});
after(() => database.close());

const zeroMail = { courrier: 0, colis: 0, avis_passage: 0 };

describe('the yearly report of a structure known by construction (2025, Europe/Paris)', () => {
  test('at the last day: the persons valide from the decisions taken by then, their ayants droit, ages and sexes', () => {
    const day = report.atLastDay;
    assert.equal(day.persons, 4, 'A (renewed), B (radié only in 2026), D (valide on 31/12), G (radiation cancelled)');
    assert.equal(day.ayantsDroit, 3);
    assert.equal(day.total, 7);
    assert.deepEqual(day.personsByAgeGroup, { mineurs: 1, majeurs: 3 });
    assert.deepEqual(day.personsByAgeBand, {
      '0_17': 1, '18_25': 0, '26_29': 0, '30_34': 0, '35_39': 1, '40_44': 1, '45_49': 0, '50_54': 0, '55_59': 0, '60_64': 0, '65_69': 0, '70_74': 0, '75_plus': 1,
    });
    assert.deepEqual(day.ayantsDroitByAgeGroup, { mineurs: 1, majeurs: 1, non_renseigne: 1 });
    assert.deepEqual(day.personsBySex, { femme: 2, homme: 1, non_renseigne: 1 });
    assert.equal(day.firstDomiciliations, 3);
    assert.equal(day.renewals, 1);
  });

  test('at the last day: each entretien answer, « non renseigné » included, as recorded now', () => {
    assert.equal(report.countedAsRecordedNow, true);
    const byField = Object.fromEntries(report.atLastDay.entretien.map((indicator) => [indicator.field, indicator]));
    assert.deepEqual(report.atLastDay.entretien.map((indicator) => indicator.field), [
      'composition_menage', 'lien_commune', 'situation_residentielle', 'cause_instabilite', 'motif_demande', 'accompagnement', 'situation_pro', 'revenus', 'orientation', 'domiciliation_existante',
    ]);
    assert.deepEqual(byField.composition_menage!.counts, [
      { code: 'COUPLE_AVEC_ENFANT', count: 0 }, { code: 'COUPLE_SANS_ENFANT', count: 0 }, { code: 'FEMME_ISOLE_AVEC_ENFANT', count: 1 },
      { code: 'FEMME_ISOLE_SANS_ENFANT', count: 0 }, { code: 'HOMME_ISOLE_AVEC_ENFANT', count: 0 }, { code: 'HOMME_ISOLE_SANS_ENFANT', count: 1 }, { code: 'non_renseigne', count: 2 },
    ]);
    assert.deepEqual(byField.accompagnement!.counts, { oui: 1, non: 1, non_renseigne: 2 });
    const situationPro = byField.situation_pro!.counts as { code: string; count: number }[];
    assert.deepEqual(situationPro.filter((entry) => entry.count > 0), [{ code: 'RSA', count: 1 }, { code: 'non_renseigne', count: 3 }]);
    assert.equal(situationPro.length, 9);
    for (const field of ['lien_commune', 'situation_residentielle', 'cause_instabilite', 'motif_demande'] as const) {
      const counts = byField[field]!.counts as { code: string; count: number }[];
      assert.deepEqual(counts.filter((entry) => entry.count > 0), [{ code: 'non_renseigne', count: 4 }], field);
    }
    for (const field of ['revenus', 'orientation', 'domiciliation_existante'] as const) assert.deepEqual(byField[field]!.counts, { oui: 0, non: 0, non_renseigne: 4 }, field);
  });

  test('during the period: attestations on the day they were decided, first and renewals, with the ayants droit they cover', () => {
    assert.deepEqual(report.duringPeriod.attestations, { total: 4, firstRequests: 3, renewals: 1, ayantsDroitCovered: 3 });
  });

  test('during the period: radiations and refusals by reason, « non renseigné » included, cancelled ones and those outside left out', () => {
    const period = report.duringPeriod;
    assert.deepEqual(period.radiationsByReason, {
      a_sa_demande: 0, plus_de_lien_avec_la_commune: 0, fin_de_domiciliation: 0, non_manifestation_depuis_plus_de_3_mois: 0, non_respect_du_reglement: 0,
      entree_dans_un_logement: 1, autre: 0, non_renseigne: 0,
    });
    assert.equal(period.radiations, 1);
    assert.deepEqual(period.refusalsByReason, { hors_agrement: 1, pas_de_lien_avec_la_commune: 0, saturation: 0, autre: 0, non_renseigne: 1 });
    assert.equal(period.refusals, 2);
  });

  test('during the period: mail by kind, each event on its day in Paris, undone ones left out', () => {
    assert.deepEqual(report.duringPeriod.mail, {
      received: { courrier: 5, colis: 3, avis_passage: 1 },
      handedOut: { courrier: 2, colis: 1, avis_passage: 0 },
      forwarded: { courrier: 3, colis: 0, avis_passage: 0 },
      returnedToSender: { courrier: 0, colis: 2, avis_passage: 0 },
      returnsToSender: 1,
      forwardings: 1,
      visitsWithMail: 1,
      visitsWithoutMail: 1,
      calls: 1,
      personsConcerned: 5,
    });
    assert.deepEqual(report.duringPeriod.portalLogins, { logins: 3, persons: 2 });
  });

  test('the monthly series: decisions and mail month by month, people by band and sex, échéances of the next 12 months', () => {
    const months = report.series.decisionsPerMonth;
    assert.deepEqual(months.map((entry) => entry.month), ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12']);
    const nonZero = months.filter((entry) => entry.firstRequests + entry.renewals + entry.refusals + entry.radiations > 0);
    assert.deepEqual(nonZero, [
      { month: '2025-01', firstRequests: 1, renewals: 0, refusals: 0, radiations: 0 },
      { month: '2025-02', firstRequests: 1, renewals: 0, refusals: 0, radiations: 0 },
      { month: '2025-03', firstRequests: 0, renewals: 0, refusals: 0, radiations: 1 },
      { month: '2025-04', firstRequests: 0, renewals: 0, refusals: 1, radiations: 0 },
      { month: '2025-05', firstRequests: 0, renewals: 0, refusals: 1, radiations: 0 },
      { month: '2025-06', firstRequests: 0, renewals: 1, refusals: 0, radiations: 0 },
      { month: '2025-12', firstRequests: 1, renewals: 0, refusals: 0, radiations: 0 },
    ]);
    const mail = report.series.mailPerMonth;
    assert.equal(mail.length, 12);
    const mailOf = (month: string) => mail.find((entry) => entry.month === month)!;
    assert.deepEqual(mailOf('2025-01'), { month: '2025-01', received: { courrier: 2, colis: 1, avis_passage: 0 }, handedOut: zeroMail });
    assert.deepEqual(mailOf('2025-02'), { month: '2025-02', received: { courrier: 0, colis: 2, avis_passage: 0 }, handedOut: zeroMail });
    assert.deepEqual(mailOf('2025-03'), { month: '2025-03', received: zeroMail, handedOut: zeroMail }, 'handed out at 00:30 on 1 April in Paris');
    assert.deepEqual(mailOf('2025-04'), { month: '2025-04', received: zeroMail, handedOut: { courrier: 2, colis: 1, avis_passage: 0 } });
    assert.deepEqual(mailOf('2025-08'), { month: '2025-08', received: { courrier: 3, colis: 0, avis_passage: 0 }, handedOut: zeroMail });
    assert.deepEqual(mailOf('2025-12'), { month: '2025-12', received: { courrier: 0, colis: 0, avis_passage: 1 }, handedOut: zeroMail });
    for (const month of ['2025-05', '2025-06', '2025-07', '2025-09', '2025-10', '2025-11']) assert.deepEqual(mailOf(month), { month, received: zeroMail, handedOut: zeroMail });

    const people = report.series.peopleByAgeBandAndSex;
    assert.equal(people.length, 13);
    assert.deepEqual(people.filter((entry) => Object.values(entry.bySex).some((count) => count > 0)), [
      { band: '0_17', bySex: { femme: 1, homme: 0, non_renseigne: 0 } },
      { band: '35_39', bySex: { femme: 0, homme: 1, non_renseigne: 0 } },
      { band: '40_44', bySex: { femme: 1, homme: 0, non_renseigne: 0 } },
      { band: '75_plus', bySex: { femme: 0, homme: 0, non_renseigne: 1 } },
    ]);

    const echeances = report.series.echeancesNext12Months;
    assert.deepEqual(echeances.map((entry) => entry.month), ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
    assert.deepEqual(echeances.filter((entry) => entry.count > 0), [{ month: '2026-06', count: 1 }, { month: '2026-12', count: 1 }, { month: '2027-01', count: 1 }]);
  });

  test('the period and the time zone travel with the report', () => {
    assert.deepEqual(report.period, YEAR_2025);
    assert.equal(report.timezone, 'Europe/Paris');
  });
});

describe('who sees the report, and which rows', () => {
  test('administrateur and gestionnaire only', async () => {
    const { structureId } = await otherStructure(database.db);
    for (const role of ['instructeur', 'facteur'] as const) {
      await createStaff(database.db, structureId, role);
      await assert.rejects(activityReport(database.db, { structureId, timezone: 'Europe/Paris', role }, YEAR_2025), (error: Error & { code?: string }) => error.code === 'FORBIDDEN');
    }
    const seen = await activityReport(database.db, { structureId, timezone: 'Europe/Paris', role: 'gestionnaire' }, YEAR_2025, NOW);
    assert.equal(seen.atLastDay.persons, 1, 'only its own renewed person: the others of the database never count');
    assert.equal(seen.atLastDay.renewals, 1);
    assert.deepEqual(seen.duringPeriod.attestations, { total: 3, firstRequests: 2, renewals: 1, ayantsDroitCovered: 1 });
    assert.equal(seen.duringPeriod.mail.personsConcerned, 1);
    assert.deepEqual(seen.duringPeriod.mail.received, { courrier: 4, colis: 4, avis_passage: 4 });
    assert.deepEqual(seen.duringPeriod.portalLogins, { logins: 1, persons: 1 });
  });

  test('a period backwards or too long is refused with typed problems', async () => {
    const staff = { structureId: (await otherStructure(database.db)).structureId, timezone: 'Europe/Paris', role: 'administrateur' as const };
    await assert.rejects(activityReport(database.db, staff, { from: '2025-02-01', to: '2025-01-31' }), (error: Error & { fields?: Record<string, { code: string }> }) => error.fields?.au?.code === 'rapport_periode_fin_avant_debut');
    await assert.rejects(activityReport(database.db, staff, { from: '2000-01-01', to: '2025-12-31' }), (error: Error & { fields?: Record<string, { code: string }> }) => error.fields?.au?.code === 'rapport_periode_trop_longue');
  });

  test('a year before anything happened counts nothing', async () => {
    const { structureId } = await otherStructure(database.db);
    const empty = await activityReport(database.db, { structureId, timezone: 'Europe/Paris', role: 'administrateur' }, { from: '2023-01-01', to: '2023-12-31' }, NOW);
    assert.equal(empty.atLastDay.persons, 0);
    assert.equal(empty.duringPeriod.attestations.total, 0);
    assert.equal(empty.duringPeriod.mail.personsConcerned, 0);
    assert.ok(empty.atLastDay.entretien.every((indicator) => (Array.isArray(indicator.counts) ? indicator.counts.every((entry) => entry.count === 0) : Object.values(indicator.counts).every((count) => count === 0))));
  });
});
