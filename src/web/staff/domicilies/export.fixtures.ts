import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { administrateurOf, createDomicilie } from '../../../../test/helpers/factories.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { handOut, recordReception } from '../../../domain/courriers/courriers.service.ts';
import { updateIdentity } from '../../../domain/domicilies/domicilies.service.ts';
import { updateEntretien } from '../../../domain/entretien/entretien.service.ts';

/** Test support for the export (not a test file itself): a structure with every status, and the file read back. */

const ayantDroitFields = (people: { nom: string; prenom: string; date: string; lien: string }[]) =>
  Object.fromEntries(
    people.flatMap((person, index) => [
      [`ayant_droit_${index}_nom`, person.nom],
      [`ayant_droit_${index}_prenom`, person.prenom],
      [`ayant_droit_${index}_date_naissance`, person.date],
      [`ayant_droit_${index}_lien`, person.lien],
    ]),
  );

/** Five ayants droit: one more than the template holds. */
export const fiveAyantsDroit = [
  { nom: 'Lefèvre', prenom: 'Noé', date: '01/02/2010', lien: 'enfant' },
  { nom: 'Lefèvre', prenom: 'Inès', date: '03/04/2012', lien: 'enfant' },
  { nom: 'Lefèvre', prenom: 'Chloé', date: '05/06/2014', lien: 'enfant' },
  { nom: 'Lefèvre', prenom: 'Maël', date: '07/08/2016', lien: 'enfant' },
  { nom: 'Dubœuf', prenom: 'Jérôme', date: '09/10/1980', lien: 'conjoint' },
];

/** One person of each status, the first with everything a record holds; accents everywhere. */
export async function everyStatus(t: TestApp, structureId: string) {
  const admin = await administrateurOf(t.db, structureId);
  const valide = await createDomicilie(t.db, structureId, {
    nom: "Lefèvre-N'Diaye", prenom: 'Zoé', surnom: 'Zozo', sexe: 'femme', birth_date: '1985-03-14', birth_place: 'Saint-Étienne',
    phone: '06 12 34 56 78', email: 'zoe@example.org', custom_ref: 'ID-042', start_date: '2026-01-15', end_date: '2027-01-14',
  });
  await updateIdentity(t.db, admin, valide.id, {
    nom: "Lefèvre-N'Diaye", prenom: 'Zoé', surnom: 'Zozo', sexe: 'femme', date_naissance: '14/03/1985', lieu_naissance: 'Saint-Étienne',
    telephone: '06 12 34 56 78', email: 'zoe@example.org', reference: 'ID-042', ...ayantDroitFields(fiveAyantsDroit),
  });
  await updateEntretien(t.db, admin, valide.id, {
    composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', lien_commune: 'AUTRE', lien_commune_autre: 'Travaille à la mairie', situation_residentielle: 'HEBERGEMENT_TIERS',
    cause_instabilite: 'EXPULSION', motif_demande: 'PRESTATIONS_SOCIALES', accompagnement: 'OUI', accompagnement_par: 'Secours émeraude',
    situation_pro: 'RSA', revenus: 'NON', orientation: 'OUI', orientation_par: 'CCAS de Lyon', domiciliation_existante: 'NON', commentaires: 'Préfère être appelée le matin.',
  });
  await recordReception(t.db, admin, valide.id, { courrier: '3', colis: '1', avis_passage: '0' });
  await handOut(t.db, admin, valide.id, { types: ['courrier', 'colis'], recipient: 'domicilie' });
  await recordReception(t.db, admin, valide.id, { courrier: '2', colis: '0', avis_passage: '1' });
  const radie = await createDomicilie(t.db, structureId, { nom: 'Bérénice', prenom: 'Adèle', sexe: 'homme', status: 'radie', start_date: '2025-06-01', end_date: '2026-05-31' });
  const refuse = await createDomicilie(t.db, structureId, { nom: 'Çelik', prenom: 'Ömer', status: 'refuse' });
  const instruction = await createDomicilie(t.db, structureId, { nom: 'Øster', prenom: 'Åsa', status: 'instruction' });
  const aValider = await createDomicilie(t.db, structureId, { nom: 'Nguyễn', prenom: 'Thị', status: 'a_valider' });
  return { admin, valide, radie, refuse, instruction, aValider };
}

/** The workbook of a download, read back whole (the tests' files are small). */
export async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as the cells hold them (days are dd/mm/yyyy text), the header first. */
export function sheetValues(workbook: ExcelJS.Workbook, name: string): (string | number | null)[][] {
  const sheet = workbook.getWorksheet(name);
  assert.ok(sheet, `sheet « ${name} »`);
  const rows: (string | number | null)[][] = [];
  sheet.eachRow((row) => {
    const values: (string | number | null)[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) {
      const value = row.getCell(column).value;
      values.push((value as string | number | null) ?? null);
    }
    while (values.length > 0 && values.at(-1) === null) values.pop();
    rows.push(values);
  });
  return rows;
}
