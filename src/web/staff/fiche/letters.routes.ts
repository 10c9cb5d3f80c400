import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { idParams } from '../../shared/forms.ts';
import { sendPage } from '../../shared/render.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import type { OfficialDocumentProblem } from '../../../domain/official-documents/form-structure.ts';
import { DOCX_CONTENT_TYPE, postalAttestationFor, radiationLetterFor, refusalLetterFor, type Letter } from '../../../domain/letters/letters.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { StructureIncompletePage } from './official-documents.views.tsx';
import { letterIncompleteWords, letterUrls, type LetterKind } from './letters.views.tsx';

const decisionParams = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, decisionId: { type: 'string', format: 'uuid' } }, required: ['id', 'decisionId'] },
};

type Db = AppDeps['database']['db'];

/** The letter as a Word document to edit and print; a structure that lacks what it prints gets the page naming each field. */
async function sendLetter(db: Db, request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, kind: LetterKind, make: () => Promise<Letter>) {
  try {
    const letter = await make();
    return reply
      .header('content-type', DOCX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${letter.fileName}"`)
      .header('cache-control', 'no-store')
      .send(letter.content);
  } catch (error) {
    const problem = error instanceof AppError ? (error.problem as OfficialDocumentProblem | undefined) : undefined;
    if (problem?.code !== 'structure_incomplete') throw error;
    const staff = requireStaff(request, allowed.editors);
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    return sendPage(reply, StructureIncompletePage({ ctx: pageContext(request), domicilie, missing: problem.missing, words: letterIncompleteWords[kind] }), 409);
  }
}

/** The letters of the « Documents officiels » section, with the same roles as the attestation. */
export function lettersRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  app.get<{ Params: { id: string; decisionId: string } }>(letterUrls.refus(':id', ':decisionId'), { schema: decisionParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    return sendLetter(db, request, reply, 'refus', () => refusalLetterFor(db, staff, request.params.id, request.params.decisionId));
  });

  app.get<{ Params: { id: string; decisionId: string } }>(letterUrls.radiation(':id', ':decisionId'), { schema: decisionParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    return sendLetter(db, request, reply, 'radiation', () => radiationLetterFor(db, staff, request.params.id, request.params.decisionId));
  });

  app.get<{ Params: { id: string } }>(letterUrls.attestationPostale(':id'), { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    return sendLetter(db, request, reply, 'attestationPostale', () => postalAttestationFor(db, staff, request.params.id));
  });
}
