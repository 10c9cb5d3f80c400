import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, multiline, text } from '../../shared/forms.ts';
import { countsText } from '../../../domain/courriers/mail-counts.ts';
import { countWords } from '../staff.words.ts';
import * as service from '../../../domain/courriers/courriers.service.ts';
import { runTabAction, showCourriersTab } from './courriers-tab.ts';
import { undoneMessage } from './courriers-history.views.tsx';
import { formatDateTime } from '../../../shared/dates.ts';

const typesField = { type: 'array', maxItems: 3, items: text(20) };
const everyone = { roles: allowed.everyone };

export function courriersRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;
  const base = '/domicilies/:id';

  app.get<{ Params: { id: string }; Querystring: { avant?: string } }>(
    `${base}/courriers`,
    { schema: { ...idParams, querystring: { type: 'object', properties: { avant: { type: 'string', format: 'uuid' } } } } },
    async (request, reply) => showCourriersTab(db, request, reply, {}, 200, request.query.avant ?? null),
  );

  app.post<{ Params: { id: string }; Body: { courrier?: string; colis?: string; avis_passage?: string; comment?: string } }>(
    `${base}/courriers/reception`,
    { schema: { ...idParams, ...formSchema({ courrier: text(10), colis: text(10), avis_passage: text(10), comment: multiline(5000) }, []) } },
    async (request, reply) =>
      runTabAction(db, request, reply, { ...everyone, form: 'reception' }, async (staff) => {
        const counts = await service.recordReception(db, staff, request.params.id, request.body);
        return `Réception enregistrée : ${countsText(counts, countWords)}.`;
      }),
  );

  app.post<{ Params: { id: string }; Body: { types?: string[]; recipient?: string; choix_types?: string } }>(
    `${base}/courriers/distribution`,
    { schema: { ...idParams, ...formSchema({ types: typesField, recipient: text(40), choix_types: text(1) }, []) } },
    async (request, reply) =>
      runTabAction(db, request, reply, { ...everyone, form: 'distribution' }, async (staff) => {
        const counts = await service.handOut(db, staff, request.params.id, request.body);
        const to = request.body.recipient && request.body.recipient !== 'domicilie' ? 'au mandataire' : 'au domicilié';
        return `Courrier distribué : ${countsText(counts, countWords)} remis ${to}.`;
      }),
  );

  app.post<{ Params: { id: string } }>(`${base}/courriers/retour`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) =>
    runTabAction(db, request, reply, everyone, async (staff) => {
      const counts = await service.returnToSender(db, staff, request.params.id);
      return `Courrier retourné à l'expéditeur : ${countsText(counts, countWords)}.`;
    }),
  );

  app.post<{ Params: { id: string }; Body: { types?: string[] } }>(
    `${base}/courriers/transfert-envoi`,
    { schema: { ...idParams, ...formSchema({ types: typesField }, []) } },
    async (request, reply) =>
      runTabAction(db, request, reply, everyone, async (staff) => {
        const counts = await service.forwardToTransfert(db, staff, request.params.id, request.body);
        return `Courrier transféré : ${countsText(counts, countWords)}.`;
      }),
  );

  app.post<{ Params: { id: string } }>(`${base}/passage`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) =>
    runTabAction(db, request, reply, everyone, async (staff) => {
      await service.recordPresence(db, staff, request.params.id, 'visit');
      return 'Passage enregistré.';
    }),
  );

  app.post<{ Params: { id: string } }>(`${base}/appel`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) =>
    runTabAction(db, request, reply, everyone, async (staff) => {
      await service.recordPresence(db, staff, request.params.id, 'call');
      return 'Appel enregistré.';
    }),
  );

  app.post<{ Params: { id: string }; Body: { event_id: string } }>(
    `${base}/courriers/annuler`,
    { schema: { ...idParams, ...formSchema({ event_id: text(40) }) } },
    async (request, reply) =>
      runTabAction(db, request, reply, { ...everyone, place: 'historique' }, async (staff) => {
        const undone = await service.undoLatest(db, staff, request.params.id, request.body.event_id);
        return undoneMessage(undone.kind, formatDateTime(undone.at, staff.timezone));
      }),
  );
}
