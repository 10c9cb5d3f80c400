import { formatDate, formatDateTime } from '../../../shared/dates.ts';
import { CsrfField, DateField, ErrorSummary } from '../../shared/components.tsx';
import { firstDomiciliationOn } from '../../../domain/decisions/decision-dates.ts';
import type { DecisionHistory } from '../../../domain/decisions/decisions.service.ts';
import type { Dossier } from '../../../domain/domicilies/domicilies.service.ts';
import type { PageContext } from '../staff-context.ts';
import { staffName } from './decision-words.ts';

type Decision = DecisionHistory[number];

/** The date form of one decision, shown again with its error. */
export type DateFormState = { decisionId: string; errors: Record<string, string>; values: Record<string, string | undefined> };

export const decisionDateUrl = (domicilieId: string, decisionId: string) => `/domicilies/${domicilieId}/decisions/${decisionId}/date`;

/** Where the flash of a date change shows: the history the person was looking at. */
export const DECISIONS_HISTORY_PLACE = 'historique-des-decisions';

export type DateEditing = { ctx: PageContext; domicilieId: string; editable: ReadonlySet<string>; form?: DateFormState };

/**
 * The « Date » cell of the history: the day the decision was taken, when it was recorded, each
 * change of that day with who made it and when, and, for those who may take that decision, a
 * small form to correct the day (a past valide decision's attestation prints it). `name` tells
 * apart, for a screen reader, the forms of the rows.
 */
export function DecisionDateCell({ decision, name, timezone, editing }: { decision: Decision; name: string; timezone?: string; editing?: DateEditing }) {
  const form = editing?.form?.decisionId === decision.id ? editing.form : undefined;
  const fieldId = `date-${decision.id}`;
  return (
    <>
      <span>{formatDate(decision.decided_on)}</span>
      <span class="hint"> — enregistrée le {formatDateTime(decision.created_at, timezone)}</span>
      {decision.date_changes.map((change) => (
        <span key={change.id} class="hint">
          {' '}
          — date modifiée le {formatDateTime(change.changed_at, timezone)} par {staffName(change.author_prenom, change.author_nom)} (auparavant {formatDate(change.previous)})
        </span>
      ))}
      {editing && editing.editable.has(decision.id) ? (
        <details class="panel" open={!!form}>
          <summary>
            Modifier la date<span class="visually-hidden"> : {name}</span>
          </summary>
          <ErrorSummary errors={form?.errors.date_decision ? { [fieldId]: form.errors.date_decision } : undefined} />
          <form method="post" action={decisionDateUrl(editing.domicilieId, decision.id)}>
            <CsrfField token={editing.ctx.csrfToken} />
            <DateField id={fieldId} name="date_decision" label="Date de la décision" required value={form?.values.date_decision ?? decision.decided_on} error={form?.errors.date_decision} />
            <button type="submit" class="button-secondary">Enregistrer la date</button>
          </form>
        </details>
      ) : null}
    </>
  );
}

/** « Première domiciliation dans la structure », next to the decisions it comes from (or as an import gave it). */
export function FirstDomiciliation({ domicilie, decisions }: { domicilie: Pick<Dossier, 'first_domiciliation_on'>; decisions: DecisionHistory }) {
  const first = firstDomiciliationOn(domicilie.first_domiciliation_on, decisions);
  return (
    <p>
      Première domiciliation dans la structure : <strong>{first ? formatDate(first) : 'aucune domiciliation validée'}</strong>
    </p>
  );
}
