import { CsrfField, ErrorSummary } from '../../shared/components.tsx';
import { IMPORT_MAX_BYTES } from '../../../domain/imports/imports.service.ts';
import type { ImportState } from '../../../db/schema.ts';
import { formatDateTime } from '../../../shared/dates.ts';
import { FlashHere, StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';

export const IMPORTS_URL = '/imports';
export const TEMPLATE_URL = `${IMPORTS_URL}/modele.xlsx`;
export const EXAMPLE_URL = `${IMPORTS_URL}/exemple.xlsx`;
export const importUrl = (id: string) => `${IMPORTS_URL}/${id}`;

export const stateLabels: Record<ImportState, string> = {
  checking: 'Vérification en cours',
  refused: 'Fichier à corriger',
  ready: 'En attente de confirmation',
  writing: 'Enregistrement en cours',
  done: 'Terminé',
  failed: 'Échoué',
  abandoned: 'Abandonné',
};

export type PastImport = { id: string; file_name: string; state: ImportState; row_count: number; created_at: Date };

function UploadForm({ ctx, error }: { ctx: PageContext; error?: string }) {
  return (
    <form method="post" action={IMPORTS_URL} enctype="multipart/form-data" class="panel">
      <CsrfField token={ctx.csrfToken} />
      <ErrorSummary errors={error ? { fichier: error } : undefined} />
      <div class={error ? 'field field-error' : 'field'}>
        <label for="fichier">Fichier des domiciliés</label>
        <p class="hint" id="fichier-hint">
          Un tableur .xlsx ou un fichier .csv (séparé par des points-virgules ou des virgules) au format du modèle, de {IMPORT_MAX_BYTES / 1024 / 1024} Mo au plus.
        </p>
        {error ? (
          <p class="error" id="fichier-error">
            {error}
          </p>
        ) : null}
        <input
          type="file"
          id="fichier"
          name="fichier"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          required
          aria-describedby={error ? 'fichier-hint fichier-error' : 'fichier-hint'}
          aria-invalid={error ? 'true' : undefined}
        />
      </div>
      <button type="submit">Vérifier le fichier</button>
    </form>
  );
}

function PastImports({ imports, timezone }: { imports: PastImport[]; timezone: string | undefined }) {
  if (imports.length === 0) return null;
  return (
    <section aria-labelledby="imports-precedents">
      <h2 id="imports-precedents">Imports précédents</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Envoyé le</th>
            <th scope="col">Fichier</th>
            <th scope="col">Lignes</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {imports.map((item) => (
            <tr key={item.id}>
              <td>{formatDateTime(item.created_at, timezone)}</td>
              <td>
                <a href={importUrl(item.id)}>{item.file_name}</a>
              </td>
              <td>{item.row_count.toLocaleString('fr-FR')}</td>
              <td>{stateLabels[item.state]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** « Importer des domiciliés »: the template, an example, the file to send and the earlier imports. */
export function ImportUploadPage({ ctx, imports, error }: { ctx: PageContext; imports: PastImport[]; error?: string }) {
  return (
    <StaffLayout ctx={ctx} title="Importer des domiciliés">
      <h1>Importer des domiciliés</h1>
      <FlashHere ctx={ctx} place="import" />
      <p>
        Reprenez les domiciliés que votre structure suit déjà dans un tableur : une personne par ligne, à partir de la deuxième ligne, dans l'ordre des colonnes
        du modèle (de A à AZ).
      </p>
      <ol>
        <li>Téléchargez le modèle, ou l'exemple rempli pour voir comment écrire les dates et les codes.</li>
        <li>Envoyez votre fichier : il est vérifié en entier avant que quoi que ce soit ne soit enregistré.</li>
        <li>S'il contient des erreurs, la liste vous dit quelle ligne et quelle colonne corriger. Sinon, un aperçu vous montre ce qui sera créé.</li>
        <li>Confirmez l'import : tous les domiciliés sont créés, ou aucun si un problème survient.</li>
      </ol>
      <p>
        Une personne déjà présente dans votre structure (même identifiant en colonne A, ou, sans identifiant, mêmes nom, prénom et date de naissance) n'est pas
        créée une deuxième fois : elle est listée dans l'aperçu.
      </p>
      <ul class="links">
        <li>
          <a href={TEMPLATE_URL} download>
            Télécharger le modèle vide (.xlsx)
          </a>
        </li>
        <li>
          <a href={EXAMPLE_URL} download>
            Télécharger un exemple rempli (.xlsx)
          </a>
        </li>
      </ul>
      <p>Le fichier envoyé contient des données personnelles : il est conservé chiffré, le temps de l'import seulement (quelques heures au plus).</p>
      <UploadForm ctx={ctx} error={error} />
      <PastImports imports={imports} timezone={ctx.staff?.timezone} />
    </StaffLayout>
  );
}
