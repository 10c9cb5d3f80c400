import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { addDays, addMonths, formatDate, type IsoDate } from '../../shared/dates.ts';
import { radiationMotifs, refusalMotifs } from '../decisions/decision-rules.ts';
import { statusLabels } from '../decisions/status.ts';
import { lienLabels, sexeLabels } from '../domicilies/identity-input.ts';
import { questions } from '../entretien/entretien-fields.ts';
import {
  civiliteCodes,
  columnLetters,
  lienCodes,
  radiationMotifCodes,
  refusalMotifCodes,
  statusCodes,
  templateColumns,
  type TemplateColumnKey,
} from './template.ts';

export const templateSheets = { people: 'Domiciliés', codes: 'Codes' } as const;
export const codesHeaders = ['Colonne', 'En-tête', 'Code', 'Signification'] as const;

const yesNoLabels = { OUI: 'Oui', NON: 'Non' };
const requestKindLabels = { PREMIERE: 'Première demande', RENOUVELLEMENT: 'Renouvellement' };

/** Each coded column's codes and what they mean, as the « Codes » sheet lists them. */
export function codeLists(): { key: TemplateColumnKey; codes: [string, string][] }[] {
  const fromMap = <V extends string>(map: { toCode: ReadonlyMap<V, string> }, labels: Readonly<Record<V, string>>) =>
    [...map.toCode].map(([value, code]): [string, string] => [code, labels[value]]);
  const lists: { key: TemplateColumnKey; codes: [string, string][] }[] = [
    { key: 'civilite', codes: fromMap(civiliteCodes, sexeLabels) },
    { key: 'statut', codes: fromMap(statusCodes, statusLabels) },
    { key: 'motif_refus', codes: fromMap(refusalMotifCodes, refusalMotifs) },
    { key: 'motif_radiation', codes: fromMap(radiationMotifCodes, radiationMotifs) },
    { key: 'type', codes: Object.entries(requestKindLabels) },
  ];
  for (const question of questions) {
    lists.push({ key: question.field as TemplateColumnKey, codes: Object.entries(question.kind === 'list' ? question.labels : yesNoLabels) });
  }
  for (let rank = 1; rank <= 4; rank++) lists.push({ key: `ayant_droit_${rank}_lien` as TemplateColumnKey, codes: fromMap(lienCodes, lienLabels) });
  const order = (key: TemplateColumnKey) => templateColumns.findIndex((column) => column.key === key);
  return lists.sort((a, b) => order(a.key) - order(b.key));
}

type Example = Partial<Record<TemplateColumnKey, string>>;

/** Fictitious people, one for each status, dated around `today` so that the example imports as it is. */
function examplePeople(today: IsoDate): Example[] {
  const day = (months: number, days = 0) => formatDate(addDays(addMonths(today, months), days));
  return [
    { id: '1001', civilite: 'F', nom: 'Exemple', prenom: 'Amina', date_naissance: '14/03/1985', lieu_naissance: 'Lyon', telephone: '06 00 00 00 01', statut: 'VALIDE', type: 'PREMIERE', date_debut: day(-2), date_fin: day(10, -1), date_premiere_domiciliation: day(-2), date_dernier_passage: day(0, -7), situation_pro: 'RSA', revenus: 'OUI', revenus_nature: 'RSA', composition_menage: 'FEMME_ISOLE_AVEC_ENFANT', situation_residentielle: 'HEBERGEMENT_TIERS', cause_instabilite: 'RUPTURE', motif_demande: 'PRESTATIONS_SOCIALES', accompagnement: 'OUI', accompagnement_par: 'CCAS', ayant_droit_1_nom: 'Exemple', ayant_droit_1_prenom: 'Lina', ayant_droit_1_date_naissance: '02/05/2015', ayant_droit_1_lien: 'ENFANT' },
    { id: '1002', civilite: 'H', nom: 'Modele', prenom: 'Karim', date_naissance: '03/11/1972', statut: 'VALIDE', type: 'RENOUVELLEMENT', date_debut: day(-1), date_fin: day(11, -1), date_premiere_domiciliation: day(-37), situation_pro: 'AUTRE', situation_pro_autre: 'Travail saisonnier', composition_menage: 'HOMME_ISOLE_SANS_ENFANT', situation_residentielle: 'SANS_ABRI', cause_instabilite: 'EXPULSION', motif_demande: 'EXERCICE_DROITS', orientation: 'OUI', orientation_par: 'Accueil de jour' },
    { id: '1003', civilite: 'F', nom: 'Fictif', prenom: 'Marie', date_naissance: '21/07/1990', statut: 'RADIE', motif_radiation: 'ENTREE_LOGEMENT', type: 'PREMIERE', date_debut: day(-8), date_fin: day(-1), date_premiere_domiciliation: day(-8) },
    { id: '1004', civilite: 'H', nom: 'Essai', prenom: 'Paul', date_naissance: '09/01/1968', statut: 'REFUS', motif_refus: 'HORS_AGREMENT', date_fin: day(0, -10) },
    { id: '1005', civilite: 'F', nom: 'Demo', prenom: 'Sofia', date_naissance: '30/09/2001', statut: 'INSTRUCTION', type: 'PREMIERE', situation_residentielle: 'HOTEL' },
    { id: '1006', civilite: 'H', nom: 'Specimen', prenom: 'Ivan', date_naissance: '12/12/1959', statut: 'ATTENTE_DECISION', type: 'PREMIERE', domiciliation_existante: 'NON', ayant_droit_1_nom: 'Specimen', ayant_droit_1_prenom: 'Olga', ayant_droit_1_lien: 'CONJOINT' },
  ];
}

/**
 * The template a structure fills in: its headers on the first sheet (with fictitious people
 * of every status when `example.today` is given) and, on a second sheet « Codes », each coded
 * column's codes and their meaning. Streamed to `output`.
 */
export async function templateWorkbook(output: Writable, example?: { today: IsoDate }): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  const people = workbook.addWorksheet(templateSheets.people, { views: [{ state: 'frozen', ySplit: 1 }] });
  people.columns = templateColumns.map(() => ({ width: 18 }));
  const header = people.addRow(templateColumns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  header.commit();
  for (const person of example ? examplePeople(example.today) : []) people.addRow(templateColumns.map((column) => person[column.key] ?? null)).commit();
  people.commit();
  const codes = workbook.addWorksheet(templateSheets.codes);
  codes.columns = [{ width: 9 }, { width: 40 }, { width: 30 }, { width: 45 }];
  const codesHeader = codes.addRow([...codesHeaders]);
  codesHeader.font = { bold: true };
  codesHeader.commit();
  for (const list of codeLists()) {
    const index = templateColumns.findIndex((column) => column.key === list.key);
    for (const [code, label] of list.codes) codes.addRow([columnLetters(index), templateColumns[index]!.header, code, label]).commit();
  }
  codes.commit();
  await workbook.commit();
}
