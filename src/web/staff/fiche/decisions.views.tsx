import { addDays, formatDate, formatDateTime, isoDateIn } from '../../../shared/dates.ts';
import { ConfirmAction, CsrfField, DateField, ErrorSummary, Field, PostButton, SelectField } from '../../shared/components.tsx';
import { motifLabel, orientationLabels, orientationWords, radiationMotifs, refusalMotifs, type DecisionType } from '../../../domain/decisions/decision-rules.ts';
import type { DecisionChoices, DecisionHistory } from '../../../domain/decisions/decisions.service.ts';
import type { Dossier } from '../../../domain/domicilies/domicilies.service.ts';
import type { PageContext } from '../staff-context.ts';
import { FlashHere } from '../staff-layout.tsx';
import { DECISIONS_HISTORY_PLACE, DecisionDateCell, FirstDomiciliation, type DateEditing, type DateFormState } from './decision-dates.views.tsx';
import { staffName } from './decision-words.ts';

type Decision = DecisionHistory[number];

export function decisionLabel(decision: Pick<Decision, 'status' | 'is_renewal'>): string {
  switch (decision.status) {
    case 'instruction':
      return decision.is_renewal ? 'Demande de renouvellement' : 'Instruction de la demande';
    case 'a_valider':
      return decision.is_renewal ? 'À valider (renouvellement)' : 'À valider';
    case 'valide':
      return decision.is_renewal ? 'Renouvellement validé' : 'Domiciliation validée';
    case 'refuse':
      return decision.is_renewal ? 'Renouvellement refusé' : 'Refus';
    case 'radie':
      return 'Radiation';
  }
}

function details(decision: Decision): string {
  if (decision.status === 'valide') return `Du ${formatDate(decision.start_date)} au ${formatDate(decision.end_date)}`;
  const parts: string[] = [];
  if (decision.motif) parts.push(`Motif : ${motifLabel(decision.status, decision.motif)}${decision.motif_text ? ` (${decision.motif_text})` : ''}`);
  const orientation = orientationWords(decision);
  if (orientation) parts.push(`Orientation : ${orientation}`);
  return parts.join('. ');
}

/** « Domiciliation validée du 01/01/2026 au 31/12/2026, prise le 02/12/2026 »: a decision named for a question or a message. */
export function decisionSummary(decision: Pick<Decision, 'status' | 'is_renewal' | 'start_date' | 'end_date' | 'decided_on'>): string {
  const period = decision.status === 'valide' ? ` du ${formatDate(decision.start_date)} au ${formatDate(decision.end_date)}` : '';
  return `${decisionLabel(decision)}${period}, prise le ${formatDate(decision.decided_on)}`;
}

const person = staffName;

/**
 * Every decision, newest first, cancelled ones included: the history is never rewritten.
 * With `editing`, the decisions this staff member may take get a form to correct their date.
 */
export function DecisionHistoryTable({ decisions, timezone, editing }: { decisions: DecisionHistory; timezone?: string; editing?: DateEditing }) {
  if (decisions.length === 0) return <p>Aucune décision.</p>;
  return (
    <table>
      <caption class="visually-hidden">Historique des décisions, de la plus récente à la plus ancienne</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Décision</th>
          <th scope="col">Détails</th>
          <th scope="col">Par</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((decision) => (
          <tr key={decision.id} class={decision.cancelled_at ? 'undone' : undefined}>
            <td data-label="Date">
              <DecisionDateCell decision={decision} name={decisionLabel(decision)} timezone={timezone} editing={editing} />
            </td>
            <td data-label="Décision">
              {decisionLabel(decision)}
              {decision.cancelled_at ? (
                <strong>
                  {' '}
                  — annulée le {formatDateTime(decision.cancelled_at, timezone)} par {person(decision.canceller_prenom, decision.canceller_nom)}
                </strong>
              ) : null}
            </td>
            <td data-label="Détails" class="comment">{details(decision)}</td>
            <td data-label="Par">{person(decision.author_prenom, decision.author_nom)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A decision form shown again with its errors: one of the deciding forms, or the date form of one decision. */
export type DecisionFormState =
  | { type: DecisionType; errors: Record<string, string>; values: Record<string, string | undefined> }
  | ({ type: 'date' } & DateFormState);

/** The history of the « Dossier » tab: the date of first domiciliation, then each decision with its date, editable. */
export function DecisionHistorySection({ ctx, domicilie, decisions, choices, form }: { ctx: PageContext; domicilie: Pick<Dossier, 'id' | 'first_domiciliation_on'>; decisions: DecisionHistory; choices: DecisionChoices; form?: DecisionFormState }) {
  const dateForm = form?.type === 'date' ? form : undefined;
  return (
    <>
      <FirstDomiciliation domicilie={domicilie} decisions={decisions} />
      <h3 id={DECISIONS_HISTORY_PLACE}>Historique des décisions</h3>
      <FlashHere ctx={ctx} place={DECISIONS_HISTORY_PLACE} />
      <DecisionHistoryTable decisions={decisions} timezone={ctx.staff?.timezone} editing={{ ctx, domicilieId: domicilie.id, editable: choices.datesEditable, form: dateForm }} />
    </>
  );
}


const titles: Record<'valide' | 'refus' | 'radiation', { summary: string; button: string }> = {
  valide: { summary: 'Valider la domiciliation', button: 'Valider la domiciliation' },
  refus: { summary: 'Refuser la demande', button: 'Refuser la demande' },
  radiation: { summary: 'Radier le domicilié', button: 'Radier le domicilié' },
};

const simpleButtons: Record<'instruction' | 'a_valider' | 'renouvellement', string> = {
  instruction: 'Passer en instruction',
  a_valider: 'Passer au statut « À valider »',
  renouvellement: 'Demander le renouvellement',
};

type FormsProps = { ctx: PageContext; domicilieId: string; currentEnd: string | null; choices: DecisionChoices; form?: DecisionFormState };

/** The decision forms the role and the current state allow; nothing at all for a facteur. */
export function DecisionForms({ ctx, domicilieId, currentEnd, choices, form }: FormsProps) {
  const action = `/domicilies/${domicilieId}/decisions`;
  const today = isoDateIn(new Date(), ctx.staff?.timezone);
  // A renewal starts the day after the current end, unless that day has already passed.
  const defaultStart = choices.renewalPending && currentEnd && currentEnd >= today ? addDays(currentEnd, 1) : today;
  const state = (type: DecisionType) => (form && form.type === type ? form : undefined);
  const withFields = (['valide', 'refus', 'radiation'] as const).filter((type) => choices.allowed.includes(type));
  const simple = (['instruction', 'a_valider', 'renouvellement'] as const).filter((type) => choices.allowed.includes(type));
  if (withFields.length === 0 && simple.length === 0 && !choices.canCancel) return null;
  return (
    <div class="decision-forms">
      {simple.length > 0 || choices.canCancel ? (
        <div class="actions">
          {simple.map((type) => (
            <PostButton key={type} action={action} csrfToken={ctx.csrfToken} label={simpleButtons[type]} hidden={{ decision: type }} />
          ))}
          {choices.canCancel && choices.latest ? (
            <ConfirmAction
              action={`${action}/annuler`}
              csrfToken={ctx.csrfToken}
              hidden={{ decision_id: choices.latest.id }}
              opener="Annuler la dernière décision…"
              question={`Annuler la décision : ${decisionSummary(choices.latest)} ? Le dossier reviendra à l'état de la décision précédente.`}
              confirm="Oui, annuler cette décision"
            />
          ) : null}
        </div>
      ) : null}
      {withFields.map((type) => {
        const current = state(type);
        const errors = current?.errors ?? {};
        const values = current?.values ?? {};
        const prefixed = Object.fromEntries(Object.entries(errors).map(([field, message]) => [`${type}-${field}`, message]));
        return (
          <details key={type} class="panel" open={!!current}>
            <summary>{titles[type].summary}</summary>
            <ErrorSummary errors={prefixed} />
            <form method="post" action={action}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="decision" value={type} />
              <DateField id={`${type}-date_decision`} name="date_decision" label="Date de la décision" required value={values.date_decision ?? today} error={errors.date_decision} more="Le jour où la décision a été prise, aujourd'hui ou avant." />
              {type === 'valide' ? (
                <>
                  <DateField id={`${type}-date_debut`} name="date_debut" label="Date de début" required value={values.date_debut ?? defaultStart} error={errors.date_debut} />
                  <DateField id={`${type}-date_fin`} name="date_fin" label="Date de fin" value={values.date_fin} error={errors.date_fin} more="Laissez vide pour un an moins un jour après la date de début." />
                </>
              ) : (
                <>
                  <SelectField
                    id={`${type}-motif`}
                    name="motif"
                    label={type === 'refus' ? 'Motif du refus' : 'Motif de la radiation'}
                    placeholder="Choisissez un motif"
                    options={Object.entries(type === 'refus' ? refusalMotifs : radiationMotifs).map(([code, label]) => ({ value: code, label }))}
                    value={values.motif}
                    error={errors.motif}
                    required
                  />
                  <Field id={`${type}-motif_texte`} name="motif_texte" autocomplete="off" label="Précisions sur le motif" value={values.motif_texte} error={errors.motif_texte} hint="Obligatoire pour le motif « Autre »." maxLength={500} />
                  {type === 'refus' ? (
                    <>
                      <SelectField
                        id={`${type}-orientation_code`}
                        name="orientation_code"
                        label="Orientation proposée"
                        placeholder="Non renseignée"
                        options={Object.entries(orientationLabels).map(([code, label]) => ({ value: code, label }))}
                        value={values.orientation_code}
                        error={errors.orientation_code}
                      />
                      <Field id={`${type}-orientation`} name="orientation" autocomplete="off" label="Lieu de l'orientation" value={values.orientation} error={errors.orientation} hint="Par exemple « CCAS de Villeurbanne ». Obligatoire pour l'orientation « Autre »." maxLength={500} />
                    </>
                  ) : null}
                </>
              )}
              <button type="submit" class={type === 'valide' ? undefined : 'button-danger'}>
                {titles[type].button}
              </button>
            </form>
          </details>
        );
      })}
    </div>
  );
}
