import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, multiline, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import * as service from '../../../domain/structure-messages/structure-messages.service.ts';
import { EditMessagePage, MESSAGES_URL, MessagesPage } from './messages.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

type MessageBody = { texte?: string; date_debut?: string; date_fin?: string };

/** Room beyond what the service keeps, so that a long message is explained next to its field rather than refused whole. */
const messageSchema = formSchema({ texte: multiline(2000), date_debut: text(20), date_fin: text(20) }, []);
const idAndMessage = { ...idParams, ...messageSchema };

const typed = (body: MessageBody) => ({ texte: body.texte, date_debut: body.date_debut, date_fin: body.date_fin });

export function messagesRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  app.get(MESSAGES_URL, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    return sendPage(reply, MessagesPage({ ctx: pageContext(request), lists: await service.listMessages(db, staff) }));
  });

  app.post<{ Body: MessageBody }>(MESSAGES_URL, { schema: messageSchema }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    return withFormErrors(
      async () => {
        await service.publishMessage(db, staff, request.body);
        return redirectAfterPost(reply, MESSAGES_URL, 'Le message est publié.');
      },
      async (errors) => {
        const lists = await service.listMessages(db, staff);
        return sendPage(reply, MessagesPage({ ctx: pageContext(request), lists, form: { errors, values: typed(request.body) } }), 400);
      },
      wordsFor,
    );
  });

  app.get<{ Params: { id: string } }>(`${MESSAGES_URL}/:id/modifier`, { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    const message = await service.getMessage(db, staff, request.params.id);
    return sendPage(reply, EditMessagePage({ ctx: pageContext(request), message }));
  });

  app.post<{ Params: { id: string }; Body: MessageBody }>(`${MESSAGES_URL}/:id`, { schema: idAndMessage }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    return withFormErrors(
      async () => {
        await service.changeMessage(db, staff, request.params.id, request.body);
        return redirectAfterPost(reply, MESSAGES_URL, 'Le message est modifié.');
      },
      async (errors) => {
        const message = await service.getMessage(db, staff, request.params.id);
        return sendPage(reply, EditMessagePage({ ctx: pageContext(request), message, form: { errors, values: typed(request.body) } }), 400);
      },
      wordsFor,
    );
  });

  app.post<{ Params: { id: string }; Body: { confirmation: 'oui' } }>(
    `${MESSAGES_URL}/:id/supprimer`,
    { schema: { ...idParams, ...formSchema({ confirmation: { type: 'string', enum: ['oui'] } }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.deciders);
      const deleted = await service.deleteMessage(db, staff, request.params.id);
      return redirectAfterPost(reply, MESSAGES_URL, deleted ? 'Le message est supprimé : il ne s’affiche plus.' : 'Ce message avait déjà été supprimé.');
    },
  );
}
