import { addMonths, formatDate, formatDay, isoDateIn, type IsoDate } from '../../../shared/dates.ts';
import { CsrfField } from '../../shared/components.tsx';
import { fullName } from '../fiche/fiche-layout.tsx';
import { COUNT_CAP, type ListFilters, type SearchOutcome } from '../../../domain/domicilies/search.service.ts';
import { echeanceState, statusLabels } from '../../../domain/decisions/status.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

type Option = { value: string; label: string };

const filterOptions: Record<Exclude<keyof ListFilters, 'courrier'>, { label: string; options: Option[] }> = {
  statut: {
    label: 'Statut',
    options: [{ value: '', label: 'Tous les statuts' }, ...Object.entries(statusLabels).map(([value, label]) => ({ value, label }))],
  },
  echeance: {
    label: 'Échéance',
    options: [
      { value: '', label: 'Toutes' },
      { value: 'passee', label: 'Dépassée' },
      { value: 'bientot', label: 'Dans moins de 2 mois' },
    ],
  },
  passage: {
    label: 'Dernier passage',
    options: [
      { value: '', label: 'Peu importe' },
      { value: '2', label: 'Depuis plus de 2 mois' },
      { value: '3', label: 'Depuis plus de 3 mois' },
    ],
  },
};

/** The filters as a query string, for the links of a list without search text. */
export function filtersQuery(filters: ListFilters, page?: number): string {
  const params = new URLSearchParams();
  for (const name of ['statut', 'echeance', 'passage', 'courrier'] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function FilterSelect({ name, value }: { name: keyof typeof filterOptions; value?: string }) {
  const { label, options } = filterOptions[name];
  return (
    <div class="field">
      <label for={`filtre-${name}`}>{label}</label>
      <select id={`filtre-${name}`} name={name}>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === (value ?? '')}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function countMessage(outcome: SearchOutcome): string {
  if (outcome.problem) return wordsFor(outcome.problem);
  if (outcome.total === null) return `Page ${outcome.page} des domiciliés trouvés.`;
  if (outcome.total === 0) return outcome.page > 1 ? 'Aucun domicilié sur cette page.' : 'Aucun domicilié ne correspond à cette recherche.';
  const count = outcome.total > COUNT_CAP ? `plus de ${COUNT_CAP.toLocaleString('fr-FR')}` : outcome.total.toLocaleString('fr-FR');
  const plural = outcome.total > 1;
  if (outcome.anywhere) {
    return `Aucun nom ne commence par ces lettres : ${count} domicilié${plural ? 's ont' : ' a'} un nom qui les contient.`;
  }
  const found = `${count} domicilié${plural ? 's trouvés' : ' trouvé'}.`;
  return found[0]!.toUpperCase() + found.slice(1);
}

function waitingMail(row: SearchOutcome['rows'][number]): string {
  const parts = [
    row.waiting_courrier ? `${row.waiting_courrier} courrier${row.waiting_courrier > 1 ? 's' : ''}` : '',
    row.waiting_colis ? `${row.waiting_colis} colis` : '',
    row.waiting_avis_passage ? `${row.waiting_avis_passage} avis de passage` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Aucun';
}

function Echeance({ row, today, soonLimit }: { row: SearchOutcome['rows'][number]; today: IsoDate; soonLimit: IsoDate }) {
  const state = echeanceState(row.status, row.end_date, today, soonLimit);
  if (state === 'none') return <>—</>;
  return (
    <>
      {formatDate(row.end_date)}
      {state === 'passed' ? <strong class="text-danger"> (dépassée)</strong> : state === 'soon' ? <strong class="text-warning"> (dans moins de 2 mois)</strong> : null}
    </>
  );
}

/** Previous / next page: links for a plain list, small forms when a search text must stay out of the URL. */
function Pagination({ ctx, outcome }: { ctx: PageContext; outcome: SearchOutcome }) {
  const { page, hasNext, query } = outcome;
  if (page === 1 && !hasNext) return null;
  const target = (label: string, number: number) =>
    query.q ? (
      <form method="post" action="/domicilies" class="inline-form" data-search-page>
        <CsrfField token={ctx.csrfToken} />
        {(['q', 'statut', 'echeance', 'passage', 'courrier'] as const).map((name) =>
          query[name] ? <input key={name} type="hidden" name={name} value={query[name]} /> : null,
        )}
        <input type="hidden" name="page" value={String(number)} />
        <button type="submit" class="button-secondary">
          {label}
        </button>
      </form>
    ) : (
      <a class="button button-secondary" href={`/domicilies${filtersQuery(query, number)}`}>
        {label}
      </a>
    );
  return (
    <nav aria-label="Pages de résultats" class="actions">
      {page > 1 ? target('Page précédente', page - 1) : null}
      <span>Page {page}</span>
      {hasNext ? target('Page suivante', page + 1) : null}
    </nav>
  );
}

/** The results: the whole page without JavaScript, the fragment search.js swaps in as one types. */
export function SearchResults({ ctx, outcome }: { ctx: PageContext; outcome: SearchOutcome }) {
  const timezone = ctx.staff?.timezone;
  const today = isoDateIn(new Date(), timezone);
  const soonLimit = addMonths(today, 2);
  return (
    <div class="search-results" data-count-message={countMessage(outcome)}>
      <p class={outcome.problem ? 'alert' : 'result-count'}>{countMessage(outcome)}</p>
      {outcome.rows.length > 0 ? (
        <table>
          <caption class="visually-hidden">Domiciliés trouvés, par ordre alphabétique</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Date de naissance</th>
              <th scope="col">N° de dossier</th>
              <th scope="col">Statut</th>
              <th scope="col">Échéance</th>
              <th scope="col">Dernier passage</th>
              <th scope="col">Courrier en attente</th>
            </tr>
          </thead>
          <tbody>
            {outcome.rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <a href={`/domicilies/${row.id}`}>{fullName(row)}</a>
                  {row.surnom ? <span class="hint"> dit « {row.surnom} »</span> : null}
                </td>
                <td>{formatDate(row.birth_date)}</td>
                <td>{row.dossier_number}</td>
                <td>{statusLabels[row.status]}</td>
                <td>
                  <Echeance row={row} today={today} soonLimit={soonLimit} />
                </td>
                <td>{row.last_visit_at ? formatDay(row.last_visit_at, timezone) : 'Aucun'}</td>
                <td>{waitingMail(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Pagination ctx={ctx} outcome={outcome} />
    </div>
  );
}

export function SearchPage({ ctx, outcome, canCreate }: { ctx: PageContext; outcome: SearchOutcome; canCreate: boolean }) {
  const { query } = outcome;
  return (
    <StaffLayout ctx={ctx} title="Domiciliés" scripts={['/static/search.js']}>
      <h1>Domiciliés</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/domicilies/nouveau">
            Créer un domicilié
          </a>
        </p>
      ) : null}
      <form method="post" action="/domicilies" class="panel" role="search" aria-label="Rechercher des domiciliés" data-search-form>
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="q">Rechercher un domicilié</label>
          <p class="hint" id="q-hint">
            Nom, prénom, surnom, numéro de dossier ou date de naissance (jj/mm/aaaa).
          </p>
          <input id="q" name="q" type="search" value={query.q ?? ''} maxLength={100} autocomplete="off" spellcheck={false} aria-describedby="q-hint" />
        </div>
        <div class="filters">
          <FilterSelect name="statut" value={query.statut} />
          <FilterSelect name="echeance" value={query.echeance} />
          <FilterSelect name="passage" value={query.passage} />
        </div>
        <div class="checkbox field">
          <label>
            <input type="checkbox" name="courrier" value="1" checked={query.courrier === '1'} /> Avec du courrier en attente
          </label>
        </div>
        <button type="submit">Rechercher</button>
      </form>
      <p id="resultats-annonce" class="visually-hidden" role="status" aria-live="polite"></p>
      <div id="resultats">
        <SearchResults ctx={ctx} outcome={outcome} />
      </div>
    </StaffLayout>
  );
}
