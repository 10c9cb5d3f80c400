import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../shared/app-deps.ts';
import { sendDownload } from '../shared/downloads.ts';
import { sendPage } from '../shared/render.tsx';
import { AppError } from '../../shared/errors.ts';
import { downloadSharedDocument, listPortalDocuments, portalAttestation } from '../../domain/person-documents/portal-documents.service.ts';
import { portalContext, requirePortal } from './portal-context.ts';
import { ATTESTATION_PATH, DOCUMENTS_PATH, DocumentsPage } from './portal-documents.views.tsx';

const documentParams = { params: { type: 'object', properties: { documentId: { type: 'string', format: 'uuid' } }, required: ['documentId'] } };
const strip = (path: string) => path.slice('/portail'.length);

/** « Mes documents »: the list, each shared document, and the attestation made when asked. */
export function portalDocumentsRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;

  app.get(strip(DOCUMENTS_PATH), async (request, reply) => {
    const actor = requirePortal(request);
    const { documents, attestation } = await listPortalDocuments(db, actor);
    return sendPage(reply, DocumentsPage({ ctx: portalContext(request), actor, documents, attestation }));
  });

  app.get(strip(ATTESTATION_PATH), async (request, reply) => {
    const actor = requirePortal(request);
    try {
      const made = await portalAttestation(db, actor);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${made.fileName}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        // The prepared form and the person's update go out one after the other, never copied into one buffer.
        .header('content-length', made.content[0].length + made.content[1].length)
        .send(Readable.from(made.content));
    } catch (error) {
      // The structure lacks what the form prints: the page says to ask at the desk, in the person's language.
      if (!(error instanceof AppError && error.problem?.code === 'structure_incomplete')) throw error;
      const { documents } = await listPortalDocuments(db, actor);
      return sendPage(reply, DocumentsPage({ ctx: portalContext(request), actor, documents, attestation: 'at_desk' }), 409);
    }
  });

  app.get<{ Params: { documentId: string } }>(`${strip(DOCUMENTS_PATH)}/:documentId`, { schema: documentParams }, async (request, reply) => {
    const actor = requirePortal(request);
    return sendDownload(reply, await downloadSharedDocument(db, config.secretKey, actor, request.params.documentId));
  });
}
