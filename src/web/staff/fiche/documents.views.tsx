import type { FicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { DOCUMENT_MAX_BYTES, TITLE_MAX_LENGTH, type PersonDocument } from '../../../domain/person-documents/person-documents.service.ts';
import type { PersonDocumentType } from '../../../db/schema.ts';
import { formatDay } from '../../../shared/dates.ts';
import { allowed } from '../../../shared/roles.ts';
import { ConfirmAction, CsrfField, ErrorSummary, Field, PostButton } from '../../shared/components.tsx';
import { FlashHere } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { FicheLayout } from './fiche-layout.tsx';

export const DOCUMENTS_PLACE = 'documents-titre';
export const documentsUrl = (domicilieId: string) => `/domicilies/${domicilieId}/documents`;
export const documentUrl = (domicilieId: string, documentId: string) => `${documentsUrl(domicilieId)}/${documentId}`;

/** The upload form sent back: what was typed and what is wrong, next to each field. */
export type UploadState = { values: { titre?: string; portail?: boolean }; errors: Record<string, string> };
/** A rename refused: the document's form opens again with its error. */
export type RenameState = { documentId: string; value: string; error: string };

const typeNames: Record<PersonDocumentType, string> = { 'application/pdf': 'PDF', 'image/png': 'Image PNG', 'image/jpeg': 'Image JPEG' };

export function sizeWords(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

function UploadForm({ ctx, domicilieId, state }: { ctx: PageContext; domicilieId: string; state?: UploadState }) {
  const errors = state?.errors;
  const fileError = errors?.fichier;
  return (
    <form method="post" action={documentsUrl(domicilieId)} enctype="multipart/form-data" class="panel">
      <CsrfField token={ctx.csrfToken} />
      <fieldset>
        <legend>Ajouter un document</legend>
        <ErrorSummary errors={errors} />
        <Field name="titre" label="Titre du document" required maxLength={TITLE_MAX_LENGTH} value={state?.values.titre} error={errors?.titre} hint={`Par exemple « Carte d’identité » ou « Attestation CAF ». ${TITLE_MAX_LENGTH} caractères au plus.`} />
        <div class={fileError ? 'field field-error' : 'field'}>
          <label for="fichier">Fichier</label>
          <p class="hint" id="fichier-hint">
            Un PDF, une image JPEG ou PNG, de {DOCUMENT_MAX_BYTES / 1024 / 1024} Mo au plus.
          </p>
          {fileError ? (
            <p class="error" id="fichier-error">
              {fileError}
            </p>
          ) : null}
          <input type="file" id="fichier" name="fichier" accept="application/pdf,image/jpeg,image/png" required aria-describedby={fileError ? 'fichier-hint fichier-error' : 'fichier-hint'} aria-invalid={fileError ? 'true' : undefined} />
        </div>
        <div class="field">
          <label>
            <input type="checkbox" name="portail" value="oui" checked={state?.values.portail} /> Visible sur le portail
          </label>
          <p class="hint">La personne le voit et le télécharge dans « Mes documents » de son portail.</p>
        </div>
      </fieldset>
      <button type="submit">Ajouter le document</button>
    </form>
  );
}

function DocumentActions({ ctx, domicilieId, document, rename }: { ctx: PageContext; domicilieId: string; document: PersonDocument; rename?: RenameState }) {
  const url = documentUrl(domicilieId, document.id);
  const renaming = rename?.documentId === document.id ? rename : undefined;
  const mayDelete = ctx.staff !== null && (allowed.deciders as readonly string[]).includes(ctx.staff.role);
  return (
    <div class="actions">
      <a href={url} download>
        Télécharger<span class="visually-hidden"> « {document.title} »</span>
      </a>
      <details class="confirm" open={renaming !== undefined}>
        <summary class="button button-secondary">Renommer…</summary>
        <form method="post" action={`${url}/titre`} class="confirm-form">
          <CsrfField token={ctx.csrfToken} />
          <Field name="titre" id={`titre-${document.id}`} label={`Nouveau titre de « ${document.title} »`} required maxLength={TITLE_MAX_LENGTH} value={renaming?.value ?? document.title} error={renaming?.error} />
          <button type="submit">Renommer</button>
        </form>
      </details>
      <PostButton
        action={`${url}/portail`}
        csrfToken={ctx.csrfToken}
        hidden={{ visible: document.shared ? 'non' : 'oui' }}
        label={document.shared ? 'Retirer du portail' : 'Rendre visible sur le portail'}
      />
      {mayDelete ? (
        <ConfirmAction
          action={`${url}/supprimer`}
          csrfToken={ctx.csrfToken}
          hidden={{ confirmation: 'oui' }}
          opener="Supprimer…"
          question={`Supprimer le document « ${document.title} » (${typeNames[document.content_type]}, ${sizeWords(document.size)}, ajouté le ${formatDay(document.created_at, ctx.staff?.timezone)}) ? Il est effacé pour de bon${document.shared ? ', et disparaît du portail de la personne' : ''}.`}
          confirm="Oui, supprimer ce document"
        />
      ) : null}
    </div>
  );
}

function DocumentList({ ctx, domicilieId, documents, rename }: { ctx: PageContext; domicilieId: string; documents: PersonDocument[]; rename?: RenameState }) {
  if (documents.length === 0) return <p>Aucun document pour le moment.</p>;
  return (
    <table>
      <caption>Documents de la personne, du plus récent au plus ancien</caption>
      <thead>
        <tr>
          <th scope="col">Titre</th>
          <th scope="col">Type</th>
          <th scope="col">Taille</th>
          <th scope="col">Ajouté le</th>
          <th scope="col">Par</th>
          <th scope="col">Portail</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {documents.map((document) => (
          <tr key={document.id}>
            <td data-label="Titre">{document.title}</td>
            <td data-label="Type">{typeNames[document.content_type]}</td>
            <td data-label="Taille">{sizeWords(document.size)}</td>
            <td data-label="Ajouté le">{formatDay(document.created_at, ctx.staff?.timezone)}</td>
            <td data-label="Par">{document.uploader_nom ? `${document.uploader_prenom} ${document.uploader_nom}` : 'Compte supprimé'}</td>
            <td data-label="Portail">{document.shared ? 'Visible sur le portail' : 'Non visible'}</td>
            <td data-label="Actions">
              <DocumentActions ctx={ctx} domicilieId={domicilieId} document={document} rename={rename} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The « Documents » tab: the person's papers, sent by staff, some visible on the portal. */
export function DocumentsTabPage(props: { ctx: PageContext; domicilie: FicheHeader; documents: PersonDocument[]; upload?: UploadState; rename?: RenameState }) {
  const { ctx, domicilie, documents, upload, rename } = props;
  return (
    <FicheLayout ctx={ctx} domicilie={domicilie} tab="documents">
      <section aria-labelledby={DOCUMENTS_PLACE}>
        <h2 id={DOCUMENTS_PLACE}>Documents</h2>
        <FlashHere ctx={ctx} place={DOCUMENTS_PLACE} />
        <DocumentList ctx={ctx} domicilieId={domicilie.id} documents={documents} rename={rename} />
      </section>
      <UploadForm ctx={ctx} domicilieId={domicilie.id} state={upload} />
    </FicheLayout>
  );
}
