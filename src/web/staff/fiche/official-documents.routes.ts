import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { StaffActor } from '../../../domain/actor.ts';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { sendPage } from '../../shared/render.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { attestationFor } from '../../../domain/official-documents/attestation.service.ts';
import type { OfficialDocumentProblem } from '../../../domain/official-documents/form-structure.ts';
import { demandeFor } from '../../../domain/official-documents/demande.service.ts';
import type { PdfParts } from '../../../domain/official-documents/form-filling.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { attestationWords, demandeWords, StructureIncompletePage } from './official-documents.views.tsx';

const idParams = { params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } };
const decisionParams = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, decisionId: { type: 'string', format: 'uuid' } }, required: ['id', 'decisionId'] },
};

type Made = { fileName: string; content: PdfParts };

/** The PDF as a download, or the page naming what « Ma structure » lacks for it. */
async function sendDocument(
  db: Kysely<DB>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  document: 'attestation' | 'demande',
  make: (staff: StaffActor) => Promise<Made>,
) {
  const staff = requireStaff(request, allowed.editors);
  try {
    const made = await make(staff);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${made.fileName}"`)
      .header('cache-control', 'no-store')
      // The prepared form and the document's update go out one after the other, never copied into one buffer.
      .header('content-length', made.content[0].length + made.content[1].length)
      .send(Readable.from(made.content));
  } catch (error) {
    const problem = error instanceof AppError ? (error.problem as OfficialDocumentProblem | undefined) : undefined;
    if (problem?.code !== 'structure_incomplete') throw error;
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    return sendPage(reply, StructureIncompletePage({ ctx: pageContext(request), domicilie, missing: problem.missing, words: document === 'demande' ? demandeWords : attestationWords }), 409);
  }
}

export function officialDocumentsRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  // « Attestation d'élection de domicile » of one valide decision, current or past.
  app.get<{ Params: { id: string; decisionId: string } }>('/domicilies/:id/decisions/:decisionId/attestation', { schema: decisionParams }, (request, reply) =>
    sendDocument(db, request, reply, 'attestation', (staff) => attestationFor(db, staff, request.params.id, request.params.decisionId)),
  );

  // « Demande d'élection de domicile » of the request under instruction, first or renewal.
  app.get<{ Params: { id: string } }>('/domicilies/:id/demande', { schema: idParams }, (request, reply) =>
    sendDocument(db, request, reply, 'demande', (staff) => demandeFor(db, staff, request.params.id)),
  );
}
