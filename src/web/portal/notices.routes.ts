import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../shared/app-deps.ts';
import { formSchema, text, withFormErrors } from '../shared/forms.ts';
import { redirectAfterPost } from '../shared/request-context.ts';
import { sendPage } from '../shared/render.tsx';
import { AppError } from '../../shared/errors.ts';
import * as service from '../../domain/notification-preferences/preferences.service.ts';
import type { EmailLinkProblem } from '../../domain/notification-preferences/preferences.service.ts';
import { texts } from './portal.i18n.ts';
import { flashKey, portalContext, requirePortal } from './portal-context.ts';
import { ConfirmEmailPage, EmailLinkOutcomePage, NOTICES_PATH, NoticesPage } from './notices.views.tsx';

const token = { type: 'string', minLength: 1, maxLength: 100 };
const isLinkProblem = (problem: unknown): problem is EmailLinkProblem => typeof (problem as { code?: unknown })?.code === 'string' && (problem as { code: string }).code.startsWith('lien_email_');

export function noticesRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;

  const showSettings = async (request: FastifyRequest, reply: FastifyReply, form?: { errors: Record<string, string>; typed: string }) => {
    const actor = requirePortal(request);
    const settings = await service.getNoticeSettings(db, actor);
    return sendPage(reply, NoticesPage({ ctx: portalContext(request), settings, timezone: actor.timezone, emailChange: service.emailChangeAvailable(), errors: form?.errors, typed: form?.typed }), form ? 400 : 200);
  };

  const linkRefused = (request: FastifyRequest, reply: FastifyReply, problem: EmailLinkProblem) => {
    const ctx = portalContext(request);
    return sendPage(reply, EmailLinkOutcomePage({ ctx, message: ctx.t.wordsFor(problem), confirmed: false }), problem.code === 'lien_email_inconnu' ? 404 : 410);
  };

  app.get('/avis', (request, reply) => showSettings(request, reply));

  app.post<{ Body: { avis: 'on' | 'off' } }>('/avis/pause', { schema: formSchema({ avis: { type: 'string', enum: ['on', 'off'] } }) }, async (request, reply) => {
    const actor = requirePortal(request);
    const paused = request.body.avis === 'off';
    await service.setNoticesPaused(db, actor, paused);
    return redirectAfterPost(reply, NOTICES_PATH, flashKey(paused ? 'noticesPaused' : 'noticesResumed'));
  });

  app.post<{ Body: { email: string } }>('/avis/email', { schema: formSchema({ email: text(300) }) }, async (request, reply) => {
    const actor = requirePortal(request);
    return withFormErrors(
      async () => {
        await service.requestEmailChange(db, actor, request.body.email, config.portalUrl);
        return redirectAfterPost(reply, NOTICES_PATH, flashKey('emailLinkSent'));
      },
      (errors) => showSettings(request, reply, { errors, typed: request.body.email }),
      texts[request.portalLang].wordsFor,
    );
  });

  // Open with or without a session: the link is read on whatever device received the message.
  app.get<{ Querystring: { jeton: string } }>(
    '/confirmer-email',
    { schema: { querystring: { type: 'object', properties: { jeton: token }, required: ['jeton'] } } },
    async (request, reply) => {
      const outcome = await service.checkEmailLink(db, request.query.jeton, request.portal);
      if ('problem' in outcome) return linkRefused(request, reply, outcome.problem);
      return sendPage(reply, ConfirmEmailPage({ ctx: portalContext(request), token: request.query.jeton, email: outcome.email }));
    },
  );

  app.post<{ Body: { jeton: string } }>('/confirmer-email', { schema: formSchema({ jeton: token }) }, async (request, reply) => {
    try {
      await service.confirmEmail(db, request.body.jeton, request.portal);
    } catch (error) {
      if (error instanceof AppError && isLinkProblem(error.problem)) return linkRefused(request, reply, error.problem);
      throw error;
    }
    const ctx = portalContext(request);
    return sendPage(reply, EmailLinkOutcomePage({ ctx, message: ctx.t.notices.confirmed, confirmed: true }));
  });
}
