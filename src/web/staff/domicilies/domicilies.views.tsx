import type { ComponentChildren } from 'preact';
import { formatDate } from '../../../shared/dates.ts';
import { allowed } from '../../../shared/roles.ts';
import { OfficialDocuments } from '../fiche/official-documents.views.tsx';
import { ConfirmAction, CsrfField, ErrorSummary } from '../../shared/components.tsx';
import type { DecisionChoices, DecisionHistory } from '../../../domain/decisions/decisions.service.ts';
import { DecisionForms, DecisionHistorySection, type DecisionFormState } from '../fiche/decisions.views.tsx';
import type { AyantDroitRow, Dossier, PossibleDuplicate } from '../../../domain/domicilies/domicilies.service.ts';
import { FicheLayout, fullName } from '../fiche/fiche-layout.tsx';
import { IdentityFields } from './identity-form.tsx';
import { consentSummary, type Sending } from './notice-consent.tsx';
import { lienLabels, sexeLabels, type IdentityForm } from '../../../domain/domicilies/identity-input.ts';
import { statusLabels } from '../../../domain/decisions/status.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

const can = (ctx: PageContext, roles: readonly string[]) => !!ctx.staff && roles.includes(ctx.staff.role);

function DuplicateWarning({ duplicates }: { duplicates: PossibleDuplicate[] }) {
  return (
    <div class="warning" role="alert">
      <h2>Ce domicilié a peut-être déjà un dossier</h2>
      <p>{duplicates.length > 1 ? 'Ces dossiers portent' : 'Ce dossier porte'} les mêmes nom, prénom et date de naissance :</p>
      <ul>
        {duplicates.map((duplicate) => (
          <li key={duplicate.id}>
            <a href={`/domicilies/${duplicate.id}`}>{fullName(duplicate)}</a>, né(e) le {formatDate(duplicate.birth_date)}, dossier n° {duplicate.dossier_number} ({statusLabels[duplicate.status]})
          </li>
        ))}
      </ul>
      <p>Vérifiez avant de continuer. S'il s'agit bien d'une autre personne, cochez la case en bas du formulaire.</p>
    </div>
  );
}

type NewPageProps = { ctx: PageContext; values?: IdentityForm; errors?: Record<string, string>; duplicates?: PossibleDuplicate[]; sending: Sending };

export function NewDomiciliePage({ ctx, values = {}, errors, duplicates, sending }: NewPageProps) {
  const warn = !!duplicates?.length;
  return (
    <StaffLayout ctx={ctx} title="Créer un domicilié">
      <p>
        <a href="/domicilies">← Retour à la liste des domiciliés</a>
      </p>
      <h1>Créer un domicilié</h1>
      <ErrorSummary errors={errors} />
      {warn ? <DuplicateWarning duplicates={duplicates!} /> : null}
      <form method="post" action="/domicilies/nouveau" class="panel">
        <CsrfField token={ctx.csrfToken} />
        <IdentityFields values={values} errors={errors} sending={sending} />
        {warn ? (
          <div class="checkbox field">
            <label>
              <input type="checkbox" name="confirmer_doublon" value="oui" required /> Il s'agit d'une autre personne : créer quand même un nouveau dossier
            </label>
          </div>
        ) : null}
        <button type="submit">{warn ? 'Créer quand même le dossier' : 'Créer le dossier'}</button>
      </form>
    </StaffLayout>
  );
}

function Identity({ domicilie, timezone }: { domicilie: Dossier; timezone: string | undefined }) {
  const optional = (value: string | null) => value || 'Non renseigné';
  return (
    <dl class="details">
      <dt>Nom</dt>
      <dd>{domicilie.nom.toUpperCase()}</dd>
      <dt>Prénom</dt>
      <dd>{domicilie.prenom}</dd>
      <dt>Nom d'usage ou surnom</dt>
      <dd>{optional(domicilie.surnom)}</dd>
      <dt>Sexe</dt>
      <dd>{domicilie.sexe ? sexeLabels[domicilie.sexe] : 'Non renseigné'}</dd>
      <dt>Date de naissance</dt>
      <dd>{formatDate(domicilie.birth_date)}</dd>
      <dt>Lieu de naissance</dt>
      <dd>{optional(domicilie.birth_place)}</dd>
      <dt>Nationalité</dt>
      <dd>{optional(domicilie.nationality)}</dd>
      <dt>Langue parlée</dt>
      <dd>{optional(domicilie.language)}</dd>
      <dt>Téléphone</dt>
      <dd>{optional(domicilie.phone)}</dd>
      <dt>Adresse e-mail</dt>
      <dd>{optional(domicilie.email)}</dd>
      <dt>Avis de courrier</dt>
      <dd>{consentSummary(domicilie, timezone)}</dd>
    </dl>
  );
}

function AyantsDroit({ rows }: { rows: AyantDroitRow[] }) {
  if (rows.length === 0) return <p>Aucun ayant droit.</p>;
  return (
    <table>
      <caption class="visually-hidden">Ayants droit</caption>
      <thead>
        <tr>
          <th scope="col">Nom</th>
          <th scope="col">Date de naissance</th>
          <th scope="col">Lien</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td data-label="Nom">{fullName(row)}</td>
            <td data-label="Date de naissance">{row.birth_date ? formatDate(row.birth_date) : 'Non renseignée'}</td>
            <td data-label="Lien">{lienLabels[row.lien]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type DossierProps = {
  ctx: PageContext;
  domicilie: Dossier;
  ayantsDroit: AyantDroitRow[];
  decisions: DecisionHistory;
  choices: DecisionChoices;
  form?: DecisionFormState;
  /** The « Entretien » section (fiche/entretien.views.tsx). */
  entretien?: ComponentChildren;
  /** The notices told to the person (fiche/notifications.views.tsx). */
  notifications?: ComponentChildren;
};

/** The « Dossier » tab: identity, ayants droit, current status and decisions. */
export function DossierTab({ ctx, domicilie, ayantsDroit, decisions, choices, form, entretien, notifications }: DossierProps) {
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="dossier">
      <section aria-labelledby="identite">
        <h2 id="identite">Identité</h2>
        <Identity domicilie={domicilie} timezone={ctx.staff?.timezone} />
        {can(ctx, allowed.editors) ? (
          <p>
            <a class="button button-secondary" href={`/domicilies/${domicilie.id}/modifier`}>
              Modifier l'identité et les ayants droit
            </a>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="ayants-droit">
        <h2 id="ayants-droit">Ayants droit</h2>
        <AyantsDroit rows={ayantsDroit} />
      </section>
      {notifications}
      {entretien}
      <section aria-labelledby="decisions">
        <h2 id="decisions">Décisions</h2>
        <p>
          Statut actuel : <strong>{statusLabels[domicilie.status]}</strong>
          {choices.renewalPending ? ' — renouvellement en cours' : ''}
        </p>
        <DecisionForms ctx={ctx} domicilieId={domicilie.id} currentEnd={domicilie.end_date} choices={choices} form={form} />
        <DecisionHistorySection ctx={ctx} domicilie={domicilie} decisions={decisions} choices={choices} form={form} />
      </section>
      {can(ctx, allowed.editors) ? <OfficialDocuments domicilieId={domicilie.id} decisions={decisions} /> : null}
      {can(ctx, allowed.deciders) ? (
        <section aria-labelledby="suppression">
          <h2 id="suppression">Suppression du dossier</h2>
          <ConfirmAction
            action={`/domicilies/${domicilie.id}/supprimer`}
            csrfToken={ctx.csrfToken}
            hidden={{ confirmation: 'oui' }}
            opener="Supprimer le dossier…"
            question={`Supprimer définitivement le dossier de ${fullName(domicilie)} ? Ses décisions, son courrier, ses procurations et son accès au portail usager seront supprimés. Cette action est définitive.`}
            confirm="Oui, supprimer définitivement"
          />
        </section>
      ) : null}
    </FicheLayout>
  );
}

type EditPageProps = { ctx: PageContext; domicilie: Dossier; values: IdentityForm; errors?: Record<string, string>; sending: Sending };

export function EditIdentityPage({ ctx, domicilie, values, errors, sending }: EditPageProps) {
  const stored = { email: domicilie.notify_email_consent_at, sms: domicilie.notify_sms_consent_at, pausedAt: domicilie.notify_paused_at, timezone: ctx.staff?.timezone };
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="dossier">
      <h2>Modifier l'identité et les ayants droit</h2>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/domicilies/${domicilie.id}`} class="panel">
        <CsrfField token={ctx.csrfToken} />
        <IdentityFields values={values} errors={errors} sending={sending} stored={stored} />
        <div class="actions">
          <button type="submit">Enregistrer les modifications</button>
          <a href={`/domicilies/${domicilie.id}`}>Annuler</a>
        </div>
      </form>
    </FicheLayout>
  );
}

