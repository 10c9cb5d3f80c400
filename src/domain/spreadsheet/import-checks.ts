import { defaultEndDate } from '../decisions/decision-rules.ts';
import { EMAIL_PATTERN, identityMaxLengths as max, PHONE_PATTERN } from '../domicilies/identity-input.ts';
import { COMMENTAIRES_MAX_LENGTH, DETAIL_MAX_LENGTH, emptyEntretien, questions, type Entretien } from '../entretien/entretien-fields.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { RawRow } from './import-file.ts';
import type { CellProblem } from './import-problems.ts';
import { RowReader } from './row-reader.ts';
import {
  civiliteCodes,
  lienCodes,
  radiationMotifCodes,
  refusalMotifCodes,
  requestKindCodes,
  statusCodes,
  TEMPLATE_AYANTS_DROIT,
  yesNoCodes,
  type TemplateColumnKey,
  type TemplateRow,
} from './template.ts';

/** Other ways the field writes a code, once accents and case are gone. */
const statusAliases = { REFUSE: 'REFUS', REFUSEE: 'REFUS', VALIDEE: 'VALIDE', RADIEE: 'RADIE', EN_INSTRUCTION: 'INSTRUCTION', A_VALIDER: 'ATTENTE_DECISION', EN_ATTENTE_DE_DECISION: 'ATTENTE_DECISION' };
const civiliteAliases = { HOMME: 'H', M: 'H', MR: 'H', MONSIEUR: 'H', FEMME: 'F', MME: 'F', MADAME: 'F' };
const kindAliases = { PREMIERE_DEMANDE: 'PREMIERE', RENOUVELEMENT: 'RENOUVELLEMENT' };
const yesNoAliases = { O: 'OUI', N: 'NON', VRAI: 'OUI', FAUX: 'NON', TRUE: 'OUI', FALSE: 'NON' };

/** A list question's codes, as a code map, so that RowReader.code reads them like the others. */
const listCodes = (labels: Readonly<Record<string, string>>) => ({ codes: Object.keys(labels), fromCode: new Map(Object.keys(labels).map((code) => [code, code])) });

/**
 * The entretien of a row. Its « précisez » texts are kept after AUTRE (and « par qui », « de
 * quelle nature » after OUI), dropped after any other answer. AUTRE without its précision is
 * accepted, the précision left empty: the old system did not require it, and the entretien's
 * form asks for it the next time someone saves it.
 */
function entretienOf(reader: RowReader): Entretien {
  const entretien: Record<string, string | boolean | null> = emptyEntretien();
  for (const question of questions) {
    const field = question.field as TemplateColumnKey;
    const answer = question.kind === 'list' ? reader.code(field, listCodes(question.labels)) : reader.code(field, yesNoCodes, { aliases: yesNoAliases });
    entretien[question.field] = answer;
    if (question.detail && (answer === 'AUTRE' || answer === true)) entretien[question.detail] = reader.text(question.detail as TemplateColumnKey, { max: DETAIL_MAX_LENGTH });
  }
  entretien.commentaires = reader.text('commentaires', { max: COMMENTAIRES_MAX_LENGTH, multiline: true });
  return entretien as Entretien;
}

/** A number cell in the phone column lost its leading zero: 612345678 is 0612345678. */
function phoneOf(reader: RowReader): string | null {
  const cell = reader.cell('telephone');
  if (cell.kind === 'number' && Number.isInteger(cell.value) && String(cell.value).length === 9) return `0${cell.value}`;
  const phone = reader.text('telephone', { max: max.telephone });
  if (phone && !PHONE_PATTERN.test(phone)) reader.report('telephone', { code: 'import_telephone_invalide' });
  return phone;
}

function emailOf(reader: RowReader): string | null {
  const email = reader.text('email', { max: max.email })?.toLowerCase() ?? null;
  if (email && !EMAIL_PATTERN.test(email)) reader.report('email', { code: 'import_email_invalide' });
  return email;
}

/** Ayants droit 1 to 4: a group of empty cells is no one; a filled one needs nom, prénom and lien, its date is optional. */
function ayantsDroitOf(reader: RowReader): TemplateRow['ayantsDroit'] {
  const found: TemplateRow['ayantsDroit'] = [];
  for (let rank = 1; rank <= TEMPLATE_AYANTS_DROIT; rank++) {
    const key = (part: string) => `ayant_droit_${rank}_${part}` as TemplateColumnKey;
    if (['nom', 'prenom', 'date_naissance', 'lien'].every((part) => reader.isEmpty(key(part)))) continue;
    const nom = reader.text(key('nom'), { max: max.nom, required: true });
    const prenom = reader.text(key('prenom'), { max: max.prenom, required: true });
    const birthDate = reader.date(key('date_naissance'), 'birth');
    if (birthDate && birthDate > reader.today) reader.report(key('date_naissance'), { code: 'import_date_future' });
    const lien = reader.code(key('lien'), lienCodes, { required: true });
    if (nom && prenom && lien) found.push({ nom, prenom, birthDate, lien });
  }
  return found;
}

type Dates = Pick<TemplateRow, 'startDate' | 'endDate'>;

/**
 * Column N and O by status: a valide needs its start, and its end defaults to one year less a
 * day (as a validation in the application); a radié needs the radiation's day in O (N, the
 * domiciliation it ends, is optional); a refusé the refusal's day in O. An instruction or a
 * decision awaited keeps no date. A decision's day is not in the future.
 */
function datesByStatus(reader: RowReader, status: TemplateRow['status'] | null, birth: IsoDate | null): Dates {
  const start = reader.date('date_debut', 'event');
  const end = reader.date('date_fin', 'event');
  if (status === null || status === 'instruction' || status === 'a_valider') return { startDate: null, endDate: null };
  if (status === 'valide' && !start && !reader.isFaulty('date_debut')) reader.report('date_debut', { code: 'import_date_manquante', statut: 'VALIDE' });
  if (status !== 'valide' && !end && !reader.isFaulty('date_fin')) reader.report('date_fin', { code: 'import_date_manquante', statut: status === 'radie' ? 'RADIE' : 'REFUS' });
  if (status !== 'valide' && end && end > reader.today) reader.report('date_fin', { code: 'import_date_future' });
  const kept = status === 'refuse' ? null : start;
  if (kept && end && end < kept) reader.report('date_fin', { code: 'import_fin_avant_debut' });
  if (birth && kept && kept < birth) reader.report('date_naissance', { code: 'import_naissance_apres_debut' });
  if (birth && end && end < birth) reader.report('date_fin', { code: 'import_date_avant_naissance' });
  return { startDate: kept, endDate: status === 'valide' && kept && !end ? defaultEndDate(kept) : end };
}

const byColumn = (a: CellProblem, b: CellProblem) => a.column.length - b.column.length || a.column.localeCompare(b.column);

export type CheckedRow = { kind: 'row'; row: TemplateRow } | { kind: 'problems'; line: number; problems: CellProblem[] };

/**
 * Checks one row of the template and gives the row the import writes, or every problem it has
 * (one a cell at most; a row has 52 cells, so a row's list stays short).
 */
export function checkRow(raw: RawRow, reader: RowReader): CheckedRow {
  const birthDate = reader.date('date_naissance', 'birth', true);
  if (birthDate && birthDate > reader.today) reader.report('date_naissance', { code: 'import_date_future' });
  const status = reader.code('statut', statusCodes, { required: true, aliases: statusAliases });
  const motif =
    status === 'refuse' ? reader.code('motif_refus', refusalMotifCodes) : status === 'radie' ? reader.code('motif_radiation', radiationMotifCodes) : null;
  const { startDate, endDate } = datesByStatus(reader, status, birthDate);
  const firstDomiciliation = reader.date('date_premiere_domiciliation', 'event');
  if (firstDomiciliation && startDate && firstDomiciliation > startDate) reader.report('date_premiere_domiciliation', { code: 'import_premiere_apres_debut' });
  else if (firstDomiciliation && firstDomiciliation > reader.today) reader.report('date_premiere_domiciliation', { code: 'import_date_future' });
  else if (firstDomiciliation && birthDate && firstDomiciliation < birthDate) reader.report('date_premiere_domiciliation', { code: 'import_date_avant_naissance' });
  const lastVisit = reader.date('date_dernier_passage', 'event');
  if (lastVisit && lastVisit > reader.today) reader.report('date_dernier_passage', { code: 'import_date_future' });
  else if (lastVisit && birthDate && lastVisit < birthDate) reader.report('date_dernier_passage', { code: 'import_date_avant_naissance' });
  // Column M empty: a first domiciliation before this one makes it a renewal.
  const kind = reader.code('type', requestKindCodes, { aliases: kindAliases });
  const row: TemplateRow = {
    line: raw.line,
    externalId: reader.text('id', { max: max.reference }),
    sexe: reader.code('civilite', civiliteCodes, { aliases: civiliteAliases }),
    nom: reader.text('nom', { max: max.nom, required: true }) ?? '',
    prenom: reader.text('prenom', { max: max.prenom, required: true }) ?? '',
    surnom: reader.text('surnom', { max: max.surnom }),
    birthDate: birthDate ?? '',
    birthPlace: reader.text('lieu_naissance', { max: max.lieu_naissance }),
    phone: phoneOf(reader),
    email: emailOf(reader),
    status: status ?? 'instruction',
    motif,
    isRenewal: kind ?? (!!firstDomiciliation && !!startDate && firstDomiciliation < startDate),
    startDate,
    endDate,
    firstDomiciliation,
    lastVisit,
    entretien: entretienOf(reader),
    ayantsDroit: ayantsDroitOf(reader),
  };
  if (reader.problems.length > 0) return { kind: 'problems', line: raw.line, problems: reader.problems.sort(byColumn) };
  return { kind: 'row', row };
}
