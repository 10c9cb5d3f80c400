import { SwitchOnHint } from '../fiche/portal-access.views.tsx';
import { formatDateTime } from '../../../shared/dates.ts';
import { fullName } from '../fiche/fiche-layout.tsx';
import type { AccountsQuery, listPortalAccounts } from '../../../domain/portal-access/portal-access.service.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

type AccountsList = Awaited<ReturnType<typeof listPortalAccounts>>;

function FilterSelect({ name, label, value, options }: { name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={name}>{label}</label>
      <select id={name} name={name}>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue} selected={optionValue === value}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

function pageUrl(query: AccountsQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.acces) params.set('acces', query.acces);
  if (query.mot_de_passe) params.set('mot_de_passe', query.mot_de_passe);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/comptes-portail?${search}` : '/comptes-portail';
}

function Pagination({ list, query }: { list: AccountsList; query: AccountsQuery }) {
  if (list.pages <= 1) return null;
  return (
    <nav aria-label="Pages de la liste" class="actions">
      {list.page > 1 ? <a href={pageUrl(query, list.page - 1)}>Page précédente</a> : null}
      <span>
        Page {list.page} sur {list.pages}
      </span>
      {list.page < list.pages ? <a href={pageUrl(query, list.page + 1)}>Page suivante</a> : null}
    </nav>
  );
}

function AccountsTable({ list }: { list: AccountsList }) {
  const now = new Date();
  return (
    <table>
      <caption class="visually-hidden">Comptes du portail usager de la structure</caption>
      <thead>
        <tr>
          <th scope="col">Domicilié</th>
          <th scope="col">Numéro de dossier</th>
          <th scope="col">Identifiant</th>
          <th scope="col">Accès au portail</th>
          <th scope="col">Mot de passe personnel choisi</th>
          <th scope="col">Dernière connexion</th>
        </tr>
      </thead>
      <tbody>
        {list.rows.map((row) => (
          <tr key={row.id}>
            <td data-label="Domicilié">
              <a href={`/domicilies/${row.domicilie_id}/courriers`}>{fullName(row)}</a>
            </td>
            <td data-label="Numéro de dossier">{row.dossier_number}</td>
            <td data-label="Identifiant">
              <span class="credential">{row.login}</span>
            </td>
            <td data-label="Accès au portail">
              {row.enabled ? 'Oui' : 'Non'}
              {row.locked_until && row.locked_until > now ? ' (bloqué)' : ''}
            </td>
            <td data-label="Mot de passe personnel choisi">{row.password_is_temporary ? 'Non' : 'Oui'}</td>
            <td data-label="Dernière connexion">{row.last_login_at ? formatDateTime(row.last_login_at, list.timezone) : 'Jamais connecté'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** « Comptes du portail »: every portal account of the structure, filterable. */
export function PortalAccountsPage({ ctx, list, query }: { ctx: PageContext; list: AccountsList; query: AccountsQuery }) {
  const filtered = Boolean(query.acces || query.mot_de_passe);
  return (
    <StaffLayout ctx={ctx} title="Comptes du portail">
      <h1>Comptes du portail</h1>
      {list.portalEnabled ? null : (
        <p class="warning">
          Le portail usager n'est pas activé pour votre structure : ces comptes sont conservés mais personne ne peut se connecter.
          <SwitchOnHint ctx={ctx} />
        </p>
      )}
      <form method="get" action="/comptes-portail" class="panel filters" aria-label="Filtrer les comptes">
        <FilterSelect name="acces" label="Accès au portail" value={query.acces ?? ''} options={[['', 'Tous'], ['oui', 'Oui'], ['non', 'Non']]} />
        <FilterSelect
          name="mot_de_passe"
          label="Mot de passe"
          value={query.mot_de_passe ?? ''}
          options={[['', 'Tous'], ['temporaire', 'Mot de passe temporaire'], ['personnel', 'Mot de passe personnel choisi']]}
        />
        <button type="submit">Filtrer</button>
      </form>
      <p role="status">
        {list.total === 0
          ? filtered
            ? 'Aucun compte ne correspond à ces filtres.'
            : "Aucun domicilié n'a encore de compte sur le portail usager."
          : `${list.total} compte${list.total > 1 ? 's' : ''}${filtered ? ' correspondant aux filtres' : ''}.`}
      </p>
      {list.total > 0 ? <AccountsTable list={list} /> : null}
      <Pagination list={list} query={query} />
    </StaffLayout>
  );
}
