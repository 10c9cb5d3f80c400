import { Fragment } from 'preact';
import { CsrfField, ErrorSummary, Field } from '../../shared/components.tsx';
import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { COMMENTAIRES_MAX_LENGTH, DETAIL_MAX_LENGTH, questions, type ListQuestion, type Question, type YesNoQuestion } from '../../../domain/entretien/entretien-fields.ts';
import type { Entretien, EntretienForm } from '../../../domain/entretien/entretien.service.ts';
import { canEditEntretien } from '../../../domain/entretien/entretien.service.ts';
import { FicheLayout } from './fiche-layout.tsx';
import { FlashHere } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

/** Where the section starts: the form comes back here, with its message. */
export const ENTRETIEN_PLACE = 'entretien-titre';

const NON_RENSEIGNE = 'Non renseigné';

/** Each question: its name in the answers, its question in the form, the label of its text. */
const words: Record<Question['field'], { term: string; legend: string; detail?: string; hint?: string }> = {
  composition_menage: { term: 'Composition du ménage', legend: 'Composition du ménage' },
  lien_commune: {
    term: 'Lien avec la commune',
    legend: 'Lien avec la commune',
    detail: 'Autre lien, précisez',
    hint: "Le rapport d'activité le compte pour les CCAS et les CIAS ; une association peut aussi le noter.",
  },
  situation_residentielle: { term: 'Situation résidentielle', legend: 'Situation résidentielle', detail: 'Autre situation, précisez' },
  cause_instabilite: { term: "Cause de l'instabilité du logement", legend: "Cause de l'instabilité du logement", detail: 'Autre cause, précisez' },
  motif_demande: { term: 'Motif principal de la demande', legend: 'Motif principal de la demande', detail: 'Autre motif, précisez' },
  accompagnement: { term: 'Accompagnement social', legend: 'La personne a-t-elle un accompagnement social ?', detail: 'Par quelle structure' },
  situation_pro: { term: 'Situation professionnelle', legend: 'Situation professionnelle', detail: 'Autre situation professionnelle, précisez' },
  revenus: { term: 'Revenus', legend: 'La personne a-t-elle des revenus ?', detail: 'De quelle nature' },
  orientation: { term: 'Orientation', legend: 'La personne a-t-elle été orientée vers votre structure ?', detail: 'Par quelle structure ou quelle personne' },
  domiciliation_existante: { term: 'Domiciliation ailleurs', legend: 'La personne a-t-elle déjà une domiciliation ailleurs ?' },
};

/** One answer as the « Dossier » tab reads it; the text that goes with it in brackets. */
function answerText(question: Question, entretien: Entretien): string {
  const value = entretien[question.field];
  if (value === null) return NON_RENSEIGNE;
  const label = question.kind === 'list' ? question.labels[value as string]! : value ? 'Oui' : 'Non';
  const detail = question.detail ? entretien[question.detail] : null;
  return detail ? `${label} (${detail})` : label;
}

/** The « Entretien » section of the « Dossier » tab: every answer, and the way to change them for those who may. */
export function EntretienSection({ ctx, domicilieId, entretien }: { ctx: PageContext; domicilieId: string; entretien: Entretien }) {
  return (
    <section aria-labelledby={ENTRETIEN_PLACE}>
      <h2 id={ENTRETIEN_PLACE}>Entretien</h2>
      <FlashHere ctx={ctx} place={ENTRETIEN_PLACE} />
      <dl class="details">
        {questions.map((question) => (
          <Fragment key={question.field}>
            <dt>{words[question.field].term}</dt>
            <dd>{answerText(question, entretien)}</dd>
          </Fragment>
        ))}
        <dt>Commentaires</dt>
        <dd>{entretien.commentaires ?? NON_RENSEIGNE}</dd>
      </dl>
      {ctx.staff && canEditEntretien(ctx.staff.role) ? (
        <p>
          <a class="button button-secondary" href={`/domicilies/${domicilieId}/entretien`}>
            Modifier l'entretien
          </a>
        </p>
      ) : null}
    </section>
  );
}

type FormProps = { values: EntretienForm; errors?: Record<string, string> };

function Radio({ name, id, value, checked, label }: { name: string; id: string; value: string; checked: boolean; label: string }) {
  return (
    <div class="checkbox">
      <label>
        <input type="radio" id={id} name={name} value={value} checked={checked} /> {label}
      </label>
    </div>
  );
}

/**
 * One question as a group of radio buttons, « Non renseigné » first (its id is the field's name,
 * where the error summary leads), then its text (« précisez », « par qui ») right after.
 */
function QuestionFieldset({ question, values, errors }: FormProps & { question: Question }) {
  const { field } = question;
  const text = words[field];
  const error = errors?.[field];
  const current = (values[field] ?? '').toUpperCase();
  const choices = question.kind === 'list' ? Object.entries((question as ListQuestion).labels) : [['OUI', 'Oui'], ['NON', 'Non']];
  const describedBy = [text.hint ? `${field}-hint` : '', error ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={question.kind === 'oui_non' ? 'oui-non' : undefined} aria-describedby={describedBy}>
      <legend>{text.legend}</legend>
      {text.hint ? (
        <p class="hint" id={`${field}-hint`}>
          {text.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${field}-error`}>
          {error}
        </p>
      ) : null}
      <div class={question.kind === 'oui_non' ? 'choices' : undefined}>
        <Radio name={field} id={field} value="" checked={!current} label={NON_RENSEIGNE} />
        {choices.map(([code, label]) => (
          <Radio key={code} name={field} id={`${field}-${code}`} value={code!} checked={current === code} label={label!} />
        ))}
      </div>
      {question.detail ? (
        <Field
          name={question.detail}
          label={text.detail!}
          value={values[question.detail]}
          error={errors?.[question.detail]}
          maxLength={DETAIL_MAX_LENGTH}
          hideOptional
          hint={question.kind === 'list' ? 'Obligatoire si vous avez choisi « Autre ».' : 'Si oui (facultatif).'}
        />
      ) : null}
    </fieldset>
  );
}

export function EditEntretienPage({ ctx, domicilie, values, errors }: FormProps & { ctx: PageContext; domicilie: FicheHeader }) {
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="dossier">
      <h2>Modifier l'entretien</h2>
      <p class="hint">Les catégories du questionnaire annuel. Laissez « Non renseigné » ce que la personne n'a pas dit.</p>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/domicilies/${domicilie.id}/entretien`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        {questions.map((question) => (
          <QuestionFieldset key={question.field} question={question as ListQuestion | YesNoQuestion} values={values} errors={errors} />
        ))}
        <Field
          name="commentaires"
          label="Commentaires"
          value={values.commentaires}
          error={errors?.commentaires}
          multiline
          maxLength={COMMENTAIRES_MAX_LENGTH}
          hint={`${COMMENTAIRES_MAX_LENGTH} caractères au plus.`}
        />
        <div class="actions">
          <button type="submit">Enregistrer l'entretien</button>
          <a href={`/domicilies/${domicilie.id}#${ENTRETIEN_PLACE}`}>Annuler</a>
        </div>
      </form>
    </FicheLayout>
  );
}
