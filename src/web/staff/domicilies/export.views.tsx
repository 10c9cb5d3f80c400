import type { ExportFilters } from '../../../domain/spreadsheet/export.service.ts';
import { CsrfField } from '../../shared/components.tsx';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { filterOptions } from './search.views.tsx';

const filterNames = ['statut', 'echeance', 'passage'] as const;

/** The filters of the list in the words of its form: « Statut : Actif ». */
function filterWords(filters: ExportFilters): string[] {
  const words = filterNames.flatMap((name) => {
    const value = filters[name];
    if (!value) return [];
    const option = filterOptions[name].options.find((candidate) => candidate.value === value);
    return option ? [`${filterOptions[name].label} : ${option.label}`] : [];
  });
  if (filters.courrier === '1') words.push('Avec du courrier en attente');
  return words;
}

type Props = { ctx: PageContext; filters: ExportFilters; searchedText: boolean };

/** Before the download: what the file holds, and that it must be kept safely. */
export function ExportConfirmPage({ ctx, filters, searchedText }: Props) {
  const words = filterWords(filters);
  return (
    <StaffLayout ctx={ctx} title="Exporter les domiciliés">
      <h1>Exporter les domiciliés</h1>
      <div class="warning" role="note">
        <h2>Ce fichier contient des données personnelles</h2>
        <p>
          Les noms, dates de naissance, coordonnées et situations des domiciliés. Conservez-le en lieu sûr, ne le transmettez qu'aux personnes qui
          en ont besoin et supprimez-le dès qu'il ne sert plus.
        </p>
      </div>
      <section aria-labelledby="contenu">
        <h2 id="contenu">Ce que contient le fichier</h2>
        {words.length > 0 ? (
          <>
            <p>Les domiciliés de la liste qui ont ces critères :</p>
            <ul>
              {words.map((word) => (
                <li key={word}>{word}</li>
              ))}
            </ul>
          </>
        ) : (
          <p>Tous les domiciliés de la structure : aucun filtre n'est choisi dans la liste.</p>
        )}
        {searchedText ? <p>La recherche par nom, numéro ou date de naissance ne s'applique pas à l'export : seuls les filtres comptent.</p> : null}
        <ul>
          <li>
            La feuille « Domiciliés » suit le modèle d'import : une ligne par domicilié, avec sa domiciliation, son entretien et quatre ayants droit au
            plus. Elle peut être importée à nouveau telle quelle.
          </li>
          <li>
            La feuille « Ayants droit » liste tous les ayants droit des domiciliés qui en ont plus de quatre, avec leur numéro de dossier : le modèle n'en
            contient que quatre par ligne.
          </li>
          <li>La feuille « Courrier et passages » donne, pour chacun, le courrier reçu, remis et en attente, et les dates de ses derniers passages.</li>
        </ul>
      </section>
      <form method="post" action="/domicilies/export" class="actions">
        <CsrfField token={ctx.csrfToken} />
        {(['statut', 'echeance', 'passage', 'courrier'] as const).map((name) =>
          filters[name] ? <input key={name} type="hidden" name={name} value={filters[name]} /> : null,
        )}
        <input type="hidden" name="confirmation" value="oui" />
        <button type="submit">Télécharger l'export</button>
        <a class="button button-secondary" href="/domicilies">
          Retour à la liste
        </a>
      </form>
    </StaffLayout>
  );
}
