import { addMonths, formatDate, formatDay, isoDateIn, type IsoDate } from '../../../shared/dates.ts';
import { allowed } from '../../../shared/roles.ts';
import { CsrfField } from '../../shared/components.tsx';
import { fullName } from '../fiche/fiche-layout.tsx';
import { COUNT_CAP, PAGE_SIZE, type ListFilters, type SearchOutcome } from '../../../domain/domicilies/search.service.ts';
import { echeanceState, statusLabels } from '../../../domain/decisions/status.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

type Option = { value: string; label: string };

export const filterOptions: Record<Exclude<keyof ListFilters, 'courrier'> | 'tri', { label: string; options: Option[] }> = {
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
  tri: {
    label: 'Trier par',
    options: [
      { value: '', label: 'Nom' },
      { value: 'echeance', label: 'Échéance la plus proche' },
      { value: 'passage', label: 'Dernier passage le plus ancien' },
    ],
  },
};

const criteriaNames = ['q', 'statut', 'echeance', 'passage', 'courrier', 'tri'] as const;

/** The filters as a query string, for the links of a list without search text. */
export function filtersQuery(filters: ListFilters & { tri?: string }, page?: number): string {
  const params = new URLSearchParams();
  for (const name of ['statut', 'echeance', 'passage', 'courrier', 'tri'] as const) {
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

/** « Page 2 sur 14 », « Page 9 sur plus de 8 » past the count's cap, or « Page 12 » far down. */
function pageOf(outcome: SearchOutcome): string {
  const { page, total } = outcome;
  if (total === null) return `Page ${page}`;
  const pages = Math.max(1, Math.ceil(Math.min(total, COUNT_CAP) / PAGE_SIZE));
  return total > COUNT_CAP ? `Page ${page} sur plus de ${pages}` : `Page ${page} sur ${pages}`;
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

const sortCaptions: Record<string, string> = {
  '': 'par ordre alphabétique',
  echeance: "par date d'échéance, la plus proche d'abord",
  passage: 'par date de dernier passage, la plus ancienne d’abord',
};

/** An empty result: what to try, and the way to create the person who is not there yet. */
function NothingFound({ canCreate, searched }: { canCreate: boolean; searched: boolean }) {
  return (
    <div class="panel">
      {searched ? (
        <p>
          Essayez le début du nom seulement, un autre prénom ou surnom, ou la date de naissance (30/06/1992 ou 1992-06-30). Vérifiez aussi les filtres
          choisis.
        </p>
      ) : (
        <p>Aucun domicilié n'a ces critères : changez ou effacez les filtres.</p>
      )}
      {canCreate ? (
        <a class="button" href="/domicilies/nouveau">
          Créer ce domicilié
        </a>
      ) : null}
    </div>
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
        {criteriaNames.map((name) =>
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
      <span>{pageOf(outcome)}</span>
      {hasNext ? target('Page suivante', page + 1) : null}
    </nav>
  );
}

/** The results: the whole page without JavaScript, the fragment search.js swaps in as one types. */
export function SearchResults({ ctx, outcome, canCreate }: { ctx: PageContext; outcome: SearchOutcome; canCreate: boolean }) {
  const timezone = ctx.staff?.timezone;
  const today = isoDateIn(new Date(), timezone);
  const soonLimit = addMonths(today, 2);
  return (
    <div class="search-results" data-count-message={countMessage(outcome)}>
      <p class={outcome.problem ? 'alert' : 'result-count'}>{countMessage(outcome)}</p>
      {outcome.total === 0 && outcome.page === 1 && !outcome.problem ? <NothingFound canCreate={canCreate} searched={!!outcome.query.q} /> : null}
      {outcome.rows.length > 0 ? (
        <table>
          <caption class="visually-hidden">Domiciliés trouvés, {sortCaptions[outcome.query.tri ?? '']}</caption>
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
                <td data-label="Nom">
                  <a href={`/domicilies/${row.id}`}>{fullName(row)}</a>
                  {row.surnom ? <span class="hint"> dit « {row.surnom} »</span> : null}
                </td>
                <td data-label="Date de naissance">{formatDate(row.birth_date)}</td>
                <td data-label="N° de dossier">{row.dossier_number}</td>
                <td data-label="Statut">{statusLabels[row.status]}</td>
                <td data-label="Échéance">
                  <Echeance row={row} today={today} soonLimit={soonLimit} />
                </td>
                <td data-label="Dernier passage">{row.last_visit_at ? formatDay(row.last_visit_at, timezone) : 'Aucun'}</td>
                <td data-label="Courrier en attente">{waitingMail(row)}</td>
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
  // The export carries the filters chosen here, kept with the session.
  const canExport = !!ctx.staff && (allowed.deciders as readonly string[]).includes(ctx.staff.role);
  const canImport = ctx.staff?.role === 'administrateur';
  return (
    <StaffLayout ctx={ctx} title="Domiciliés" scripts={['/static/search.js']}>
      <h1>Domiciliés</h1>
      {canCreate || canExport || canImport ? (
        <p class="actions">
          {canCreate ? (
            <a class="button" href="/domicilies/nouveau">
              Créer un domicilié
            </a>
          ) : null}
          {canExport ? (
            <a class="button button-secondary" href="/domicilies/export">
              Exporter
            </a>
          ) : null}
          {canImport ? (
            <a class="button button-secondary" href="/imports">
              Importer des domiciliés
            </a>
          ) : null}
        </p>
      ) : null}
      <form method="post" action="/domicilies" class="panel" role="search" aria-label="Rechercher des domiciliés" data-search-form>
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="q">Rechercher un domicilié</label>
          <p class="hint" id="q-hint">
            Nom, prénom, surnom, numéro de dossier, identifiant d'un fichier importé ou date de naissance (jj/mm/aaaa ou aaaa-mm-jj).
          </p>
          <input id="q" name="q" type="search" value={query.q ?? ''} maxLength={100} autocomplete="off" spellcheck={false} aria-describedby="q-hint" />
        </div>
        <div class="filters">
          <FilterSelect name="statut" value={query.statut} />
          <FilterSelect name="echeance" value={query.echeance} />
          <FilterSelect name="passage" value={query.passage} />
          <FilterSelect name="tri" value={query.tri} />
        </div>
        <div class="checkbox field">
          <label>
            <input type="checkbox" name="courrier" value="1" checked={query.courrier === '1'} /> Avec du courrier en attente
          </label>
        </div>
        <button type="submit">Rechercher</button>
      </form>
      {criteriaNames.some((name) => query[name]) ? (
        <form method="post" action="/domicilies/effacer" class="actions">
          <CsrfField token={ctx.csrfToken} />
          <button type="submit" class="button-secondary">
            Effacer les filtres
          </button>
        </form>
      ) : null}
      <p id="resultats-annonce" class="visually-hidden" role="status" aria-live="polite"></p>
      <div id="resultats">
        <SearchResults ctx={ctx} outcome={outcome} canCreate={canCreate} />
      </div>
    </StaffLayout>
  );
}
