import { formatDate } from '../../../shared/dates.ts';
import { ConfirmAction, CsrfField, DateField, Field } from '../../shared/components.tsx';
import { FlashHere } from '../staff-layout.tsx';
import { fullName } from './fiche-layout.tsx';
import type { CourriersTab } from '../../../domain/courriers/courriers.service.ts';
import { MAX_PROCURATIONS, procurationState, type ProcurationState } from '../../../domain/courriers/procurations.service.ts';
import type { PageContext } from '../staff-context.ts';

type SectionProps = {
  ctx: PageContext;
  tab: CourriersTab;
  state: { errors?: Record<string, string> };
  canManage: boolean;
  values: Record<string, string | string[] | undefined>;
  /** The form is open: it came back with errors. */
  open: boolean;
};

const stateLabels: Record<ProcurationState, string> = { valide: 'Valide', expiree: 'Expirée', a_venir: 'À venir' };

const text = (values: SectionProps['values'], name: string) => values[name] as string | undefined;

/** Period fields of a form; `prefix` keeps their ids unique on the page. */
function PeriodFields({ prefix, values, errors, start, end }: { prefix: string; values: SectionProps['values']; errors: Record<string, string>; start?: string; end?: string }) {
  return (
    <>
      <DateField id={`${prefix}_date_debut`} name="date_debut" label="Date de début" required value={text(values, 'date_debut') ?? start} error={errors[`${prefix}_date_debut`]} />
      <DateField id={`${prefix}_date_fin`} name="date_fin" label="Date de fin" required value={text(values, 'date_fin') ?? end} error={errors[`${prefix}_date_fin`]} />
    </>
  );
}

export function ProcurationsSection({ ctx, tab, state, canManage, values, open }: SectionProps) {
  const base = `/domicilies/${tab.domicilie.id}/procurations`;
  const errors = state.errors ?? {};
  return (
    <section aria-labelledby="procurations-titre">
      <h2 id="procurations-titre">Procurations</h2>
      <FlashHere ctx={ctx} place="procurations-titre" />
      {tab.procurations.length === 0 ? (
        <p>Aucune procuration : seul le domicilié peut retirer son courrier.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Personnes autorisées à retirer le courrier</caption>
          <thead>
            <tr>
              <th scope="col">Mandataire</th>
              <th scope="col">Date de naissance</th>
              <th scope="col">Période</th>
              <th scope="col">État</th>
              {canManage ? <th scope="col">Action</th> : null}
            </tr>
          </thead>
          <tbody>
            {tab.procurations.map((procuration) => (
              <tr key={procuration.id}>
                <td data-label="Mandataire">{fullName(procuration)}</td>
                <td data-label="Date de naissance">{procuration.birth_date ? formatDate(procuration.birth_date) : 'Non renseignée'}</td>
                <td data-label="Période">
                  du {formatDate(procuration.start_date)} au {formatDate(procuration.end_date)}
                </td>
                <td data-label="État">{stateLabels[procurationState(procuration, tab.today)]}</td>
                {canManage ? (
                  <td data-label="Action">
                    <ConfirmAction
                      action={`${base}/${procuration.id}/supprimer`}
                      csrfToken={ctx.csrfToken}
                      opener={
                        <>
                          Supprimer…<span class="visually-hidden"> la procuration de {fullName(procuration)}</span>
                        </>
                      }
                      question={`Supprimer la procuration de ${fullName(procuration)} ? Cette personne ne pourra plus retirer le courrier.`}
                      confirm="Supprimer la procuration"
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!canManage ? null : tab.procurations.length >= MAX_PROCURATIONS ? (
        <p id="procurations">{MAX_PROCURATIONS} procurations au maximum : supprimez-en une pour en ajouter une autre.</p>
      ) : (
        <details class="panel" open={open}>
          <summary>Ajouter une procuration…</summary>
          <form id="procurations" method="post" action={base}>
            <CsrfField token={ctx.csrfToken} />
            <Field autocomplete="off" id="procuration_nom" name="nom" label="Nom du mandataire" required maxLength={100} value={text(values, 'nom')} error={errors.procuration_nom} />
            <Field autocomplete="off" id="procuration_prenom" name="prenom" label="Prénom du mandataire" required maxLength={100} value={text(values, 'prenom')} error={errors.procuration_prenom} />
            <DateField id="procuration_date_naissance" name="date_naissance" label="Date de naissance du mandataire" value={text(values, 'date_naissance')} error={errors.procuration_date_naissance} />
            <PeriodFields prefix="procuration" values={values} errors={errors} start={tab.today} />
            <button type="submit">Ajouter la procuration</button>
          </form>
        </details>
      )}
    </section>
  );
}

export function TransfertSection({ ctx, tab, state, canManage, values, open }: SectionProps) {
  const base = `/domicilies/${tab.domicilie.id}/transfert`;
  const errors = state.errors ?? {};
  const transfert = tab.transfert;
  return (
    <section aria-labelledby="transfert-titre">
      <h2 id="transfert-titre">Transfert du courrier</h2>
      <FlashHere ctx={ctx} place="transfert-titre" />
      {transfert ? (
        <dl class="details">
          <dt>Destinataire</dt>
          <dd>{transfert.recipient_name}</dd>
          <dt>Adresse</dt>
          <dd class="comment">{transfert.address}</dd>
          <dt>Période</dt>
          <dd>
            du {formatDate(transfert.start_date)} au {formatDate(transfert.end_date)} ({stateLabels[procurationState(transfert, tab.today)].toLowerCase()})
          </dd>
        </dl>
      ) : (
        <p>Aucune adresse de transfert.</p>
      )}
      {canManage && transfert ? (
        <div class="actions">
          <ConfirmAction
            action={`${base}/supprimer`}
            csrfToken={ctx.csrfToken}
            opener="Supprimer l'adresse de transfert…"
            question={`Supprimer l'adresse de transfert vers ${transfert.recipient_name} ? Le courrier ne pourra plus y être transféré.`}
            confirm="Supprimer l'adresse de transfert"
          />
        </div>
      ) : null}
      {canManage ? (
        <details class="panel" open={open}>
          <summary>{transfert ? "Remplacer l'adresse de transfert…" : 'Enregistrer une adresse de transfert…'}</summary>
          <form method="post" action={base}>
            <CsrfField token={ctx.csrfToken} />
            <Field autocomplete="off" id="transfert_recipient_name" name="recipient_name" label="Nom du destinataire" required maxLength={150} value={text(values, 'recipient_name') ?? transfert?.recipient_name} error={errors.transfert_recipient_name} />
            <Field autocomplete="off" id="transfert_address" name="address" label="Adresse de transfert" required multiline maxLength={500} value={text(values, 'address') ?? transfert?.address} error={errors.transfert_address} />
            <PeriodFields prefix="transfert" values={values} errors={errors} start={transfert?.start_date ?? tab.today} end={transfert?.end_date} />
            <button type="submit">Enregistrer l'adresse de transfert</button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
