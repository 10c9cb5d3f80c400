import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { formatDate } from '../../../shared/dates.ts';
import { AppError } from '../../../shared/errors.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendDossierTab } from './dossier-page.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { isDecisionType, type DecisionInput, type DecisionType } from '../../../domain/decisions/decision-rules.ts';
import { cancelLastDecision, changeDecisionDate, takeDecision } from '../../../domain/decisions/decisions.service.ts';
import { requireStaff } from '../staff-context.ts';
import { decisionSummary } from './decisions.views.tsx';
import { DECISIONS_HISTORY_PLACE } from './decision-dates.views.tsx';
import { statusLabels } from '../../../domain/decisions/status.ts';
import { wordsFor } from '../staff.words.ts';

type DecisionBody = DecisionInput & { decision: string; texte?: string };

const decisionParams = {
  params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, decisionId: { type: 'string', format: 'uuid' } }, required: ['id', 'decisionId'] },
};

const messages: Record<DecisionType, string> = {
  instruction: 'Le dossier est passé en instruction.',
  a_valider: 'Le dossier est passé au statut « À valider ».',
  valide: 'La domiciliation est validée.',
  refus: 'Le refus a été enregistré.',
  radiation: 'La radiation a été enregistrée.',
  renouvellement: 'La demande de renouvellement a été enregistrée. La domiciliation actuelle reste valide jusqu’à sa fin.',
};

export function decisionsRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  app.post<{ Params: { id: string }; Body: DecisionBody }>(
    '/domicilies/:id/decisions',
    {
      schema: {
        ...idParams,
        ...formSchema(
          {
            decision: text(20), date_decision: text(10), date_debut: text(10), date_fin: text(10), motif: text(100), motif_texte: text(500), texte: text(500),
            orientation: text(500), orientation_code: text(30),
          },
          ['decision'],
        ),
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const { id } = request.params;
      const { decision, texte, ...fields } = request.body;
      if (!isDecisionType(decision)) throw new AppError('INVALID_INPUT');
      const input: DecisionInput = { ...fields, motif_texte: fields.motif_texte ?? texte };
      return withFormErrors(
        async () => {
          await takeDecision(db, staff, id, decision, input);
          let message = messages[decision];
          if (decision === 'valide') {
            const header = await getFicheHeader(db, staff, id);
            message = `La domiciliation est validée du ${formatDate(header.start_date)} au ${formatDate(header.end_date)}.`;
          }
          return redirectAfterPost(reply, `/domicilies/${id}`, message);
        },
        (errors) => sendDossierTab(db, request, reply, id, { type: decision, errors, values: { ...input } }, 400),
        wordsFor,
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { decision_id: string } }>(
    '/domicilies/:id/decisions/annuler',
    { schema: { ...idParams, ...formSchema({ decision_id: text(40) }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.deciders);
      const { id } = request.params;
      const cancelled = await cancelLastDecision(db, staff, id, request.body.decision_id);
      const header = await getFicheHeader(db, staff, id);
      const message = `Décision annulée : ${decisionSummary(cancelled)}. Le dossier est maintenant au statut « ${statusLabels[header.status]} ».`;
      return redirectAfterPost(reply, `/domicilies/${id}`, message);
    },
  );

  // Corrects the day a decision was taken; the service checks that this staff member may take that decision.
  app.post<{ Params: { id: string; decisionId: string }; Body: { date_decision?: string } }>(
    '/domicilies/:id/decisions/:decisionId/date',
    { schema: { ...decisionParams, ...formSchema({ date_decision: text(10) }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const { id, decisionId } = request.params;
      const { date_decision } = request.body;
      return withFormErrors(
        async () => {
          const outcome = await changeDecisionDate(db, staff, id, decisionId, date_decision);
          const message = outcome.changed ? `La date de la décision est maintenant le ${formatDate(outcome.decided_on)}.` : 'La date de la décision est inchangée.';
          return redirectAfterPost(reply, `/domicilies/${id}#${DECISIONS_HISTORY_PLACE}`, message);
        },
        (errors) => sendDossierTab(db, request, reply, id, { type: 'date', decisionId: decisionId.toLowerCase(), errors, values: { date_decision } }, 400),
        wordsFor,
      );
    },
  );
}
