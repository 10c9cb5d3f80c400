import { dashboardFilters, type Dashboard } from '../../../domain/domicilies/dashboard.service.ts';

const listLink = (filters: Record<string, string>) => `/domicilies?${new URLSearchParams(filters).toString()}`;
const number = (count: number) => count.toLocaleString('fr-FR');
const wording = (count: number, one: string, many: string) => (count > 1 ? many : one);

type Figure = { key: keyof Dashboard; value: number; label: string; detail?: string };

/** The four figures of the home page, each a link to the list of the people it counts. */
export function DashboardFigures({ dashboard }: { dashboard: Dashboard }) {
  const { mailWaiting } = dashboard;
  const figures: Figure[] = [
    { key: 'valide', value: dashboard.valide, label: wording(dashboard.valide, 'domiciliation valide', 'domiciliations valides') },
    {
      key: 'mailWaiting',
      value: mailWaiting.people,
      label: wording(mailWaiting.people, 'personne a du courrier en attente', 'personnes ont du courrier en attente'),
      detail: `${number(mailWaiting.items)} ${wording(mailWaiting.items, 'pli en attente', 'plis en attente')}`,
    },
    { key: 'notSeen', value: dashboard.notSeen, label: 'sans passage depuis plus de 3 mois' },
    { key: 'echeancesSoon', value: dashboard.echeancesSoon, label: wording(dashboard.echeancesSoon, 'échéance dans les 2 prochains mois', 'échéances dans les 2 prochains mois') },
  ];
  return (
    <section aria-labelledby="tableau-de-bord" class="dashboard">
      <h2 id="tableau-de-bord">Aujourd'hui</h2>
      <ul class="figures">
        {figures.map((figure) => (
          <li key={figure.key} data-figure={figure.key}>
            <a href={listLink(dashboardFilters[figure.key])}>
              <span class="figure-value">{number(figure.value)}</span> <span class="figure-label">{figure.label}</span>
            </a>
            {figure.detail ? <span class="figure-detail"> {figure.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
