import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { InvalidInput } from '../../../shared/errors.ts';
import { fieldWords, formSchema, text } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { acceptUploads } from '../../shared/uploads.ts';
import { sendDownload } from '../../shared/downloads.ts';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import * as service from '../../../domain/person-documents/person-documents.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';
import { DOCUMENTS_PLACE, DocumentsTabPage, documentsUrl, type RenameState, type UploadState } from './documents.views.tsx';

type IdParams = { Params: { id: string } };
type DocumentParams = { Params: { id: string; documentId: string } };

const idParams = { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } };
const documentParams = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, documentId: { type: 'string', format: 'uuid' } }, required: ['id', 'documentId'] },
};

/** Enough for the largest file, the fields and the multipart framing; anything larger is not read. */
const MAX_REQUEST_BYTES = service.DOCUMENT_MAX_BYTES + 64 * 1024;
const backToTab = (id: string) => `${documentsUrl(id)}#${DOCUMENTS_PLACE}`;

/** The fiche's « Documents » tab: list, upload, download, rename, share on the portal, delete. */
export function documentsRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const key = config.secretKey;

  async function showTab(request: FastifyRequest<IdParams>, reply: FastifyReply, state: { upload?: UploadState; rename?: RenameState } = {}, status = 200) {
    const staff = requireStaff(request, allowed.editors);
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    const documents = await service.listDocuments(db, staff, domicilie.id);
    return sendPage(reply, DocumentsTabPage({ ctx: pageContext(request), domicilie, documents, ...state }), status);
  }

  app.get<IdParams>('/domicilies/:id/documents', { schema: idParams }, (request, reply) => showTab(request, reply));

  app.get<DocumentParams>('/domicilies/:id/documents/:documentId', { schema: documentParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    return sendDownload(reply, await service.downloadDocument(db, key, staff, request.params.id, request.params.documentId));
  });

  app.post<DocumentParams & { Body: { titre: string } }>(
    '/domicilies/:id/documents/:documentId/titre',
    // Room above the service's limit, so that it words a title too long.
    { schema: { ...documentParams, ...formSchema({ titre: text(1000) }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const { id, documentId } = request.params;
      try {
        await service.renameDocument(db, staff, id, documentId, request.body.titre);
        return redirectAfterPost(reply, backToTab(id), 'Le document est renommé.');
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const rename = { documentId, value: request.body.titre, error: fieldWords(error, wordsFor).titre! };
        return showTab(request, reply, { rename }, 400);
      }
    },
  );

  app.post<DocumentParams & { Body: { visible: 'oui' | 'non' } }>(
    '/domicilies/:id/documents/:documentId/portail',
    { schema: { ...documentParams, ...formSchema({ visible: { type: 'string', enum: ['oui', 'non'] } }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const shared = request.body.visible === 'oui';
      await service.shareDocument(db, staff, request.params.id, request.params.documentId, shared);
      return redirectAfterPost(reply, backToTab(request.params.id), shared ? 'Le document est visible sur le portail de la personne.' : "Le document n'est plus visible sur le portail.");
    },
  );

  // Sent from the confirmation that names the document: without it, nothing is deleted (400).
  app.post<DocumentParams & { Body: { confirmation: 'oui' } }>(
    '/domicilies/:id/documents/:documentId/supprimer',
    { schema: { ...documentParams, ...formSchema({ confirmation: { type: 'string', enum: ['oui'] } }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.deciders);
      await service.deleteDocument(db, staff, request.params.id, request.params.documentId);
      return redirectAfterPost(reply, backToTab(request.params.id), 'Le document est supprimé.');
    },
  );

  // Only this scope reads multipart bodies (web/shared/uploads.ts): every other route keeps refusing them.
  app.register(async (uploads) => {
    const tooLarge: service.PersonDocumentProblem = { code: 'document_trop_lourd', maxBytes: service.DOCUMENT_MAX_BYTES };
    await acceptUploads(uploads, { maxFileBytes: service.DOCUMENT_MAX_BYTES, maxRequestBytes: MAX_REQUEST_BYTES, tooLarge, authorize: (request) => requireStaff(request, allowed.editors) });

    uploads.post<IdParams & { Body: { titre?: unknown; portail?: unknown; fichier?: unknown } }>('/domicilies/:id/documents', { schema: idParams }, async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const body = request.body ?? {};
      const file = Buffer.isBuffer(body.fichier) ? body.fichier : undefined;
      const shared = body.portail === 'oui';
      try {
        await service.addDocument(db, key, staff, request.params.id, { title: body.titre, file, shared });
        return redirectAfterPost(reply, backToTab(request.params.id), shared ? 'Le document est ajouté, et visible sur le portail de la personne.' : 'Le document est ajouté.');
      } catch (error) {
        if (!(error instanceof InvalidInput)) throw error;
        const errors = fieldWords(error, wordsFor);
        const status = (error.fields as Record<string, { code: string }>).fichier?.code === 'document_trop_lourd' ? 413 : 400;
        const upload = { values: { titre: typeof body.titre === 'string' ? body.titre : '', portail: shared }, errors };
        return showTab(request, reply, { upload }, status);
      }
    });
  });
}
