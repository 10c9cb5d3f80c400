import type { ComponentChildren } from 'preact';
import type { CourrierType } from '../../../db/schema.ts';
import { formatDate, formatDateTime } from '../../../shared/dates.ts';
import { allowed } from '../../../shared/roles.ts';
import { CsrfField, ErrorSummary, Field, PostButton } from '../../shared/components.tsx';
import { FicheLayout, fullName } from './fiche-layout.tsx';
import { PortalAccessSection } from './portal-access.views.tsx';
import type { PortalAccessSummary } from '../../../domain/portal-access/portal-access.service.ts';
import { HistorySection } from './courriers-history.views.tsx';
import { MAX_COMMENT, MAX_PER_TYPE } from '../../../domain/courriers/courriers-input.ts';
import { countsText, courrierTypes } from '../../../domain/courriers/mail-counts.ts';
import { countWords } from '../staff.words.ts';
import type { CourriersTab } from '../../../domain/courriers/courriers.service.ts';
import { procurationState } from '../../../domain/courriers/procurations.service.ts';
import { ProcurationsSection, TransfertSection } from './procurations.views.tsx';
import type { PageContext } from '../staff-context.ts';

export type TabForm = 'reception' | 'distribution' | 'procuration' | 'transfert';

/** What a refused form brings back to the page: its errors and what was typed. */
export type TabFormState = { form?: TabForm; errors?: Record<string, string>; values?: Record<string, string | string[] | undefined>; alert?: string };

export type TabProps = { ctx: PageContext; tab: CourriersTab; state: TabFormState };

export const typeLabels: Record<CourrierType, string> = { courrier: 'Courrier', colis: 'Colis', avis_passage: 'Avis de passage' };

const countFieldLabels: Record<CourrierType, string> = { courrier: 'Courriers', colis: 'Colis', avis_passage: 'Avis de passage' };

const waitingLabels: Record<CourrierType, [string, string]> = {
  courrier: ['courrier en attente', 'courriers en attente'],
  colis: ['colis en attente', 'colis en attente'],
  avis_passage: ['avis de passage en attente', 'avis de passage en attente'],
};

export function waitingCount(tab: CourriersTab, type: CourrierType): number {
  return tab.domicilie[`waiting_${type}`];
}

export const mailBase = (tab: CourriersTab) => `/domicilies/${tab.domicilie.id}`;

function valuesOf(state: TabFormState, form: TabForm): Record<string, string | string[] | undefined> {
  return state.form === form ? (state.values ?? {}) : {};
}

/** What waits: the counts, then the hand-out (`children`), then each reception still waiting. */
function WaitingSection({ tab, children }: { tab: CourriersTab; children: ComponentChildren }) {
  return (
    <section aria-labelledby="en-attente">
      <h2 id="en-attente">Courrier en attente</h2>
      <ul class="counts">
        {courrierTypes.map((type) => {
          const count = waitingCount(tab, type);
          return (
            <li key={type} id={`attente-${type}`}>
              <strong>{count}</strong> {waitingLabels[type][count > 1 ? 1 : 0]}
            </li>
          );
        })}
      </ul>
      {children}
      {tab.waitingItems.length > 0 ? (
        <table>
          <caption class="visually-hidden">Détail du courrier en attente</caption>
          <thead>
            <tr>
              <th scope="col">Reçu le</th>
              <th scope="col">En attente</th>
              <th scope="col">Commentaire</th>
            </tr>
          </thead>
          <tbody>
            {tab.waitingItems.map((reception) => (
              <tr key={reception.id}>
                <td data-label="Reçu le">{formatDateTime(reception.received_at, tab.timezone)}</td>
                <td data-label="En attente">{countsText(reception.counts, countWords)}</td>
                <td data-label="Commentaire" class="comment">{reception.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {tab.moreWaitingItems ? <p>Seules les {tab.waitingItems.length} réceptions les plus récentes sont détaillées ; les nombres ci-dessus comptent tout.</p> : null}
    </section>
  );
}

function ReceptionForm({ ctx, tab, state }: TabProps) {
  const values = valuesOf(state, 'reception');
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="reception-titre">
      <h2 id="reception-titre">Enregistrer du courrier reçu</h2>
      <form method="post" action={`${mailBase(tab)}/courriers/reception`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        <fieldset>
          <legend>Nombre reçu par type (de 0 à {MAX_PER_TYPE})</legend>
          <div class="count-fields">
            {courrierTypes.map((type) => (
              <Field autocomplete="off" key={type} id={type} name={type} label={countFieldLabels[type]} type="number" min={0} max={MAX_PER_TYPE} value={values[type] as string | undefined} error={errors[type]} hideOptional />
            ))}
          </div>
        </fieldset>
        <Field autocomplete="off" id="comment" name="comment" label="Commentaire" multiline maxLength={MAX_COMMENT} value={values.comment as string | undefined} error={errors.comment} hint="Ce commentaire sera visible par le domicilié sur son portail." />
        <button type="submit">Enregistrer la réception</button>
      </form>
    </section>
  );
}

function DistributionForm({ ctx, tab, state }: TabProps) {
  const waitingTypes = courrierTypes.filter((type) => waitingCount(tab, type) > 0);
  const usable = tab.procurations.filter((procuration) => procurationState(procuration, tab.today) === 'valide');
  const values = valuesOf(state, 'distribution');
  const chosen = state.form === 'distribution' ? ([] as string[]).concat(values.types ?? []) : waitingTypes;
  const recipient = (values.recipient as string | undefined) ?? 'domicilie';
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="distribution-titre">
      <h3 id="distribution-titre">Distribuer le courrier</h3>
      {waitingTypes.length === 0 ? (
        <p>Aucun courrier en attente.</p>
      ) : (
        <form method="post" action={`${mailBase(tab)}/courriers/distribution`} class="panel">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="choix_types" value="1" />
          <fieldset id="types" aria-describedby={errors.types ? 'types-error' : undefined}>
            <legend>Ce qui est remis (tout ce qui attend, par type coché)</legend>
            {errors.types ? <p class="error" id="types-error">{errors.types}</p> : null}
            {waitingTypes.map((type) => (
              <div class="checkbox" key={type}>
                <label>
                  <input type="checkbox" name="types" value={type} checked={chosen.includes(type)} /> {typeLabels[type]} ({waitingCount(tab, type)})
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset id="recipient" aria-describedby={errors.recipient ? 'recipient-error' : undefined}>
            <legend>Remis à</legend>
            {errors.recipient ? <p class="error" id="recipient-error">{errors.recipient}</p> : null}
            <div class="checkbox">
              <label>
                <input type="radio" name="recipient" value="domicilie" checked={recipient === 'domicilie'} /> {fullName(tab.domicilie)}, en personne
              </label>
            </div>
            {usable.map((procuration) => (
              <div class="checkbox" key={procuration.id}>
                <label>
                  <input type="radio" name="recipient" value={procuration.id} checked={recipient === procuration.id} /> {fullName(procuration)}, mandataire (procuration jusqu'au {formatDate(procuration.end_date)})
                </label>
              </div>
            ))}
          </fieldset>
          <button type="submit">Distribuer le courrier</button>
        </form>
      )}
    </section>
  );
}

function OtherActions({ ctx, tab }: TabProps) {
  const base = mailBase(tab);
  const anyWaiting = courrierTypes.some((type) => waitingCount(tab, type) > 0);
  const transfert = tab.transfert;
  const transfertActive = transfert && transfert.start_date <= tab.today && transfert.end_date >= tab.today;
  return (
    <section aria-labelledby="actions-titre">
      <h2 id="actions-titre">Passage, appel, retour et transfert</h2>
      <div class="actions">
        <PostButton action={`${base}/passage`} csrfToken={ctx.csrfToken} label="Enregistrer un passage" />
        <PostButton action={`${base}/appel`} csrfToken={ctx.csrfToken} label="Enregistrer un appel" />
        {anyWaiting && tab.domicilie.status === 'radie' ? (
          <PostButton id="retour" action={`${base}/courriers/retour`} csrfToken={ctx.csrfToken} label="Retourner tout le courrier en attente à l'expéditeur" />
        ) : null}
        {anyWaiting && transfertActive ? (
          <PostButton id="transfert_envoi" action={`${base}/courriers/transfert-envoi`} csrfToken={ctx.csrfToken} label="Transférer tout le courrier en attente à l'adresse de transfert" />
        ) : null}
      </div>
    </section>
  );
}

/**
 * The « Courriers » tab of the fiche domicilié. The desk's work comes first, in two columns on
 * a wide screen: what waits and the hand-out, beside the reception; the rest are summaries
 * whose forms open on demand.
 */
export function CourriersTabPage({ ctx, tab, state, portal }: TabProps & { portal: PortalAccessSummary }) {
  const canManage = ctx.staff !== null && (allowed.editors as readonly string[]).includes(ctx.staff.role);
  const props = { ctx, tab, state };
  return (
    <FicheLayout ctx={ctx} domicilie={tab.domicilie} tab="courriers">
      {state.alert ? (
        <p class="alert" role="alert">
          {state.alert}
        </p>
      ) : null}
      <ErrorSummary errors={state.errors} />
      <div class="desk">
        <WaitingSection tab={tab}>
          <DistributionForm {...props} />
        </WaitingSection>
        <div>
          <ReceptionForm {...props} />
          <OtherActions {...props} />
        </div>
      </div>
      <div class="desk">
        <ProcurationsSection {...props} canManage={canManage} values={valuesOf(state, 'procuration')} open={state.form === 'procuration'} />
        <TransfertSection {...props} canManage={canManage} values={valuesOf(state, 'transfert')} open={state.form === 'transfert'} />
      </div>
      <HistorySection ctx={ctx} tab={tab} />
      <PortalAccessSection ctx={ctx} summary={portal} />
    </FicheLayout>
  );
}
