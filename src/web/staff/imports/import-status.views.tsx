import { ConfirmAction, PostButton } from '../../shared/components.tsx';
import type { CellProblem, DuplicateRow, ImportCounts, ImportView, SkipReason, SkippedRow } from '../../../domain/imports/imports.service.ts';
import { statusLabels } from '../../../domain/decisions/status.ts';
import type { DomicilieStatus } from '../../../db/schema.ts';
import { formatDate, formatDateTime } from '../../../shared/dates.ts';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { IMPORTS_URL, importUrl } from './import-upload.views.tsx';

/** How many problems the report page lists; the downloaded report holds them all. */
export const SHOWN_PROBLEMS = 300;

const number = (count: number) => count.toLocaleString('fr-FR');
const people = (count: number) => `${number(count)} ${count > 1 ? 'domiciliés' : 'domicilié'}`;
const statuses: DomicilieStatus[] = ['valide', 'instruction', 'a_valider', 'refuse', 'radie'];

const skipReasons: Record<SkipReason, (row: SkippedRow) => string> = {
  meme_id: (row) => `même identifiant que le dossier n° ${row.dossierNumber}`,
  meme_personne: (row) => `mêmes nom, prénom et date de naissance que le dossier n° ${row.dossierNumber}`,
  deja_dans_le_fichier: (row) => `déjà à la ligne ${row.sameAsLine} du fichier`,
};

type Describe = (problem: CellProblem) => string;

/** The bar, with its text for those who do not see it; the page reloads itself every 2 seconds. */
function Working({ ctx, view }: { ctx: PageContext; view: ImportView }) {
  const progress = view.progress;
  const writing = view.state === 'writing';
  const title = writing ? 'Enregistrement des domiciliés' : 'Vérification du fichier';
  const done = progress?.done ?? 0;
  const total = progress?.total ?? null;
  const text = writing
    ? `${number(done)} sur ${number(total ?? 0)} domiciliés enregistrés`
    : `${number(done)} ${done > 1 ? 'lignes lues' : 'ligne lue'}`;
  return (
    <StaffLayout ctx={ctx} title={title} refreshSeconds={2}>
      <h1>{title}</h1>
      <p>Fichier « {view.fileName} ». Cette page se met à jour toute seule ; vous pouvez aussi la quitter et revenir plus tard.</p>
      <p>
        <label for="avancement">Avancement</label>
        <br />
        {total ? (
          <progress id="avancement" max={total} value={done}>
            {text}
          </progress>
        ) : (
          <progress id="avancement">{text}</progress>
        )}
      </p>
      <p role="status">{text}</p>
      {writing ? <p>Les domiciliés sont enregistrés tous ensemble à la fin : si l'import échoue, aucun n'est créé.</p> : null}
    </StaffLayout>
  );
}

function Problems({ ctx, view, describe }: { ctx: PageContext; view: ImportView; describe: Describe }) {
  const shown = view.problems.slice(0, SHOWN_PROBLEMS);
  return (
    <StaffLayout ctx={ctx} title="Le fichier contient des erreurs">
      <h1>Le fichier contient des erreurs</h1>
      <p>
        {number(view.problemCount)} {view.problemCount > 1 ? 'erreurs' : 'erreur'} dans « {view.fileName} » ({number(view.rowCount)} lignes lues). Aucun
        domicilié n'a été créé : corrigez le fichier, puis envoyez-le à nouveau.
      </p>
      {view.failure === null ? (
        <p>
          <a href={`${importUrl(view.id)}/erreurs.xlsx`} download>
            Télécharger le fichier avec les cellules à corriger surlignées (.xlsx)
          </a>
        </p>
      ) : null}
      {view.problemCount > shown.length ? <p>Voici les {number(shown.length)} premières ; le fichier téléchargé les contient toutes.</p> : null}
      <ul class="problems">
        {shown.map((problem) => (
          <li key={`${problem.line}-${problem.column}`}>{describe(problem)}</li>
        ))}
      </ul>
      <p>
        <a href={IMPORTS_URL}>Envoyer le fichier corrigé</a>
      </p>
    </StaffLayout>
  );
}

function ByStatus({ counts }: { counts: ImportCounts }) {
  return (
    <ul>
      {statuses
        .filter((status) => counts.byStatus[status] > 0)
        .map((status) => (
          <li key={status}>
            {statusLabels[status]} : {number(counts.byStatus[status])}
          </li>
        ))}
    </ul>
  );
}

function Skipped({ counts, future }: { counts: ImportCounts; future: boolean }) {
  if (counts.skipped.count === 0) return null;
  return (
    <section aria-labelledby="ignores">
      <h2 id="ignores">
        {people(counts.skipped.count)} déjà {counts.skipped.count > 1 ? 'présents' : 'présent'} : {future ? 'ne seront pas créés' : 'non créés'}
      </h2>
      <ul>
        {counts.skipped.shown.map((row) => (
          <li key={row.line}>
            Ligne {row.line} : {row.nom} {row.prenom}, né(e) le {formatDate(row.birthDate)} — {skipReasons[row.reason](row)}
          </li>
        ))}
      </ul>
      {counts.skipped.count > counts.skipped.shown.length ? <p>Et {number(counts.skipped.count - counts.skipped.shown.length)} autres.</p> : null}
    </section>
  );
}

function Duplicates({ rows, count }: { rows: DuplicateRow[]; count: number }) {
  if (count === 0) return null;
  return (
    <section aria-labelledby="doublons">
      <h2 id="doublons">Doublons possibles : {number(count)}</h2>
      <p>Ces personnes ont un identifiant nouveau, mais les mêmes nom, prénom et date de naissance qu'un domicilié de votre structure. Elles seront créées : vérifiez-les.</p>
      <ul>
        {rows.map((row) => (
          <li key={row.line}>
            Ligne {row.line} : {row.nom} {row.prenom}, né(e) le {formatDate(row.birthDate)} — comme le dossier n° {row.dossierNumbers.join(', n° ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Preview({ ctx, view, summary }: { ctx: PageContext; view: ImportView; summary: ImportCounts }) {
  const question = `Créer ${people(summary.created)} à partir de « ${view.fileName} » ? Ils seront enregistrés tous ensemble ; l'enregistrement peut prendre une minute.`;
  return (
    <StaffLayout ctx={ctx} title="Aperçu de l'import">
      <h1>Aperçu de l'import</h1>
      <p>
        Le fichier « {view.fileName} » ne contient pas d'erreur : {number(summary.rows)} {summary.rows > 1 ? 'personnes' : 'personne'}, dont{' '}
        {people(summary.created)} à créer et {number(summary.ayantsDroit)} ayants droit.
      </p>
      <ByStatus counts={summary} />
      {summary.firstRows.length > 0 ? (
        <table>
          <caption>Les premières lignes, telles qu'elles seront enregistrées</caption>
          <thead>
            <tr>
              <th scope="col">Ligne</th>
              <th scope="col">Nom</th>
              <th scope="col">Prénom</th>
              <th scope="col">Naissance</th>
              <th scope="col">Statut</th>
              <th scope="col">Début</th>
              <th scope="col">Fin, radiation ou refus</th>
            </tr>
          </thead>
          <tbody>
            {summary.firstRows.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                <td>{row.nom}</td>
                <td>{row.prenom}</td>
                <td>{formatDate(row.birthDate)}</td>
                <td>{statusLabels[row.status]}</td>
                <td>{formatDate(row.startDate)}</td>
                <td>{formatDate(row.endDate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Duplicates rows={summary.duplicates.shown} count={summary.duplicates.count} />
      <Skipped counts={summary} future />
      {summary.created > 0 ? (
        <ConfirmAction action={`${importUrl(view.id)}/confirmer`} csrfToken={ctx.csrfToken} opener="Confirmer l'import…" question={question} confirm={`Oui, créer ${people(summary.created)}`} />
      ) : (
        <p>Toutes les personnes du fichier sont déjà dans votre structure : il n'y a rien à créer.</p>
      )}
      <PostButton action={`${importUrl(view.id)}/abandonner`} csrfToken={ctx.csrfToken} label="Abandonner cet import" class="button-secondary" />
    </StaffLayout>
  );
}

function Result({ ctx, view, result }: { ctx: PageContext; view: ImportView; result: ImportCounts }) {
  return (
    <StaffLayout ctx={ctx} title="Import terminé">
      <h1>Import terminé</h1>
      <p>
        {people(result.created)} {result.created > 1 ? 'créés' : 'créé'} à partir de « {view.fileName} », le {formatDateTime(view.finishedAt, ctx.staff?.timezone)}.
      </p>
      <ByStatus counts={result} />
      <Skipped counts={result} future={false} />
      <p>
        <a href="/domicilies">Voir la liste des domiciliés</a>
      </p>
    </StaffLayout>
  );
}

function Ended({ ctx, view, message }: { ctx: PageContext; view: ImportView; message: string }) {
  const title = view.state === 'abandoned' ? 'Import abandonné' : "L'import a échoué";
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>Fichier « {view.fileName} ».</p>
      <p>{message}</p>
      <p>
        <a href={IMPORTS_URL}>Importer un fichier</a>
      </p>
    </StaffLayout>
  );
}

/** The page of one import, whatever its state: its address never changes and names no person. */
export function ImportStatusPage({ ctx, view, describe, failure }: { ctx: PageContext; view: ImportView; describe: Describe; failure: string | null }) {
  switch (view.state) {
    case 'checking':
    case 'writing':
      return <Working ctx={ctx} view={view} />;
    case 'refused':
      return failure ? <Ended ctx={ctx} view={{ ...view, state: 'failed' }} message={failure} /> : <Problems ctx={ctx} view={view} describe={describe} />;
    case 'ready':
      return <Preview ctx={ctx} view={view} summary={view.summary!} />;
    case 'done':
      return <Result ctx={ctx} view={view} result={view.result!} />;
    case 'failed':
      return <Ended ctx={ctx} view={view} message={failure ?? ''} />;
    case 'abandoned':
      return <Ended ctx={ctx} view={view} message="Cet import a été abandonné : aucun domicilié n'a été créé, et le fichier a été effacé." />;
  }
}
