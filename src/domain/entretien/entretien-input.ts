import { InvalidInput } from '../../shared/errors.ts';
import { COMMENTAIRES_MAX_LENGTH, DETAIL_MAX_LENGTH, emptyEntretien, questions, type Entretien, type EntretienField } from './entretien-fields.ts';

/** What is wrong with an entretien; the staff dictionary words it (decision 0027). */
export type EntretienProblem =
  | { code: 'entretien_reponse_inconnue' }
  | { code: 'entretien_autre_a_preciser' }
  | { code: 'entretien_precision_trop_longue'; max: number }
  | { code: 'entretien_commentaires_trop_longs'; max: number };

/**
 * The entretien as a form or a spreadsheet row brings it: one text per field, named like the
 * stored columns; codes in any case (« couple_avec_enfant »), OUI / NON for the yes-no
 * questions; an empty or missing text is « non renseigné ».
 */
export type EntretienForm = Partial<Record<EntretienField, string | undefined>>;

const oneLine = (value: string | undefined) => (value ?? '').trim().replace(/\s+/g, ' ');

/**
 * Checks an entretien; throws InvalidInput with one problem per field. A « précisez » text is
 * required with AUTRE and dropped with any other answer; « par qui » and « de quelle nature »
 * are kept with OUI only.
 */
export function parseEntretien(form: EntretienForm): Entretien {
  const errors: Partial<Record<EntretienField, EntretienProblem>> = {};
  const entretien: Record<string, string | boolean | null> = emptyEntretien();
  for (const question of questions) {
    const answer = oneLine(form[question.field]).toUpperCase();
    let detailExpected = false;
    if (question.kind === 'list') {
      if (answer && !Object.hasOwn(question.labels, answer)) errors[question.field] = { code: 'entretien_reponse_inconnue' };
      else entretien[question.field] = answer || null;
      detailExpected = answer === 'AUTRE';
    } else {
      if (answer && answer !== 'OUI' && answer !== 'NON') errors[question.field] = { code: 'entretien_reponse_inconnue' };
      else entretien[question.field] = answer ? answer === 'OUI' : null;
      detailExpected = answer === 'OUI';
    }
    if (!question.detail || !detailExpected) continue;
    const detail = oneLine(form[question.detail]);
    if (detail.length > DETAIL_MAX_LENGTH) errors[question.detail] = { code: 'entretien_precision_trop_longue', max: DETAIL_MAX_LENGTH };
    else if (!detail && question.kind === 'list') errors[question.detail] = { code: 'entretien_autre_a_preciser' };
    else entretien[question.detail] = detail || null;
  }
  const commentaires = (form.commentaires ?? '').trim();
  if (commentaires.length > COMMENTAIRES_MAX_LENGTH) errors.commentaires = { code: 'entretien_commentaires_trop_longs', max: COMMENTAIRES_MAX_LENGTH };
  else entretien.commentaires = commentaires || null;
  if (Object.keys(errors).length > 0) throw new InvalidInput<EntretienProblem>(errors);
  return entretien as Entretien;
}

/** The fields whose answer differs: what the audit trail names, never the answers themselves. */
export function changedFields(before: Entretien, after: Entretien): EntretienField[] {
  return (Object.keys(after) as EntretienField[]).filter((field) => before[field] !== after[field]);
}

/** The stored entretien as the form shows it: codes, OUI / NON, empty for « non renseigné ». */
export function entretienFormValues(entretien: Entretien): EntretienForm {
  const values: EntretienForm = {};
  for (const [field, value] of Object.entries(entretien) as [EntretienField, string | boolean | null][]) {
    values[field] = value === null ? '' : typeof value === 'boolean' ? (value ? 'OUI' : 'NON') : value;
  }
  return values;
}
