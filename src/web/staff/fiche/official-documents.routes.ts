import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { sendPage } from '../../shared/render.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { attestationFor, type OfficialDocumentProblem } from '../../../domain/official-documents/attestation.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { StructureIncompletePage } from './official-documents.views.tsx';

const decisionParams = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, decisionId: { type: 'string', format: 'uuid' } }, required: ['id', 'decisionId'] },
};

export function officialDocumentsRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  // « Attestation d'élection de domicile » of one valide decision, current or past.
  app.get<{ Params: { id: string; decisionId: string } }>('/domicilies/:id/decisions/:decisionId/attestation', { schema: decisionParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    try {
      const document = await attestationFor(db, staff, request.params.id, request.params.decisionId);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${document.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(document.content));
    } catch (error) {
      const problem = error instanceof AppError ? (error.problem as OfficialDocumentProblem | undefined) : undefined;
      if (problem?.code !== 'structure_incomplete') throw error;
      const domicilie = await getFicheHeader(db, staff, request.params.id);
      return sendPage(reply, StructureIncompletePage({ ctx: pageContext(request), domicilie, missing: problem.missing }), 409);
    }
  });
}
