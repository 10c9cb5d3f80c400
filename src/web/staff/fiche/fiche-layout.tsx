import type { ComponentChildren } from 'preact';
import { formatDate, formatDay, isoDateIn } from '../../../shared/dates.ts';
import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { echeanceState, statusLabels } from '../../../domain/decisions/status.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { allowed, type Role } from '../../../shared/roles.ts';

export type FicheTab = 'dossier' | 'courriers' | 'historique' | 'documents';

const tabs: { id: FicheTab; label: string; suffix: string; roles?: readonly Role[] }[] = [
  { id: 'dossier', label: 'Dossier', suffix: '' },
  { id: 'courriers', label: 'Courriers', suffix: '/courriers' },
  { id: 'historique', label: 'Historique', suffix: '/historique' },
  // A person's papers: for those who edit the record, not the facteur (person-documents.service.ts).
  { id: 'documents', label: 'Documents', suffix: '/documents', roles: allowed.editors },
];

export function fullName(person: { prenom: string; nom: string }) {
  return `${person.prenom} ${person.nom.toUpperCase()}`;
}

function Echeance({ domicilie, timezone }: { domicilie: FicheHeader; timezone?: string }) {
  const state = echeanceState(domicilie.status, domicilie.end_date, isoDateIn(new Date(), timezone));
  if (state === 'passed') {
    return (
      <p class="alert" role="alert">
        Échéance dépassée depuis le {formatDate(domicilie.end_date)} : la domiciliation doit être renouvelée.
      </p>
    );
  }
  if (state === 'soon') {
    return <p class="warning">Échéance proche : la domiciliation se termine le {formatDate(domicilie.end_date)}.</p>;
  }
  return null;
}

/** The header and tabs shared by every tab of the fiche domicilié. */
export function FicheLayout({ ctx, domicilie, tab, children, scripts }: { ctx: PageContext; domicilie: FicheHeader; tab: FicheTab; children: ComponentChildren; scripts?: string[] }) {
  const current = tabs.find((entry) => entry.id === tab)!;
  return (
    <StaffLayout ctx={ctx} title={`${fullName(domicilie)} – ${current.label}`} scripts={scripts}>
      <p class="back-link">
        <a href="/domicilies">← Retour à la liste des domiciliés</a>
      </p>
      <h1>
        {fullName(domicilie)} <span class="badge">{statusLabels[domicilie.status]}</span>
      </h1>
      <dl class="details facts">
        <div>
          <dt>Numéro de dossier</dt>
          <dd>
            {domicilie.dossier_number}
            {domicilie.custom_ref ? ` (réf. ${domicilie.custom_ref})` : ''}
          </dd>
        </div>
        <div>
          <dt>Date de naissance</dt>
          <dd>{formatDate(domicilie.birth_date)}</dd>
        </div>
        {domicilie.status === 'valide' ? (
          <div>
            <dt>Domiciliation</dt>
            <dd>
              du {formatDate(domicilie.start_date)} au {formatDate(domicilie.end_date)}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Date de dernier passage</dt>
          <dd>{domicilie.last_visit_at ? formatDay(domicilie.last_visit_at, ctx.staff?.timezone) : 'Aucun passage enregistré'}</dd>
        </div>
      </dl>
      <Echeance domicilie={domicilie} timezone={ctx.staff?.timezone} />
      <nav aria-label="Onglets de la fiche">
        <ul class="tabs">
          {tabs.filter((entry) => !entry.roles || (ctx.staff && entry.roles.includes(ctx.staff.role))).map((entry) => (
            <li key={entry.id}>
              <a href={`/domicilies/${domicilie.id}${entry.suffix}`} aria-current={entry.id === tab ? 'page' : undefined}>
                {entry.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </StaffLayout>
  );
}
