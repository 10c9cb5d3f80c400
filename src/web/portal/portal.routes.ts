import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../shared/app-deps.ts';
import { formSchema, text, withFormErrors } from '../shared/forms.ts';
import { redirectAfterPost } from '../shared/request-context.ts';
import { sendPage } from '../shared/render.tsx';
import { addressLimit } from '../shared/address-limit.ts';
import { isLang, texts } from './portal.i18n.ts';
import { flashKey, isPortalUrl, LANG_COOKIE, PORTAL_COOKIE, PORTAL_PATH, portalContext, requirePortal } from './portal-context.ts';
import { HistoryPage, HomePage } from './portal-home.views.tsx';
import * as service from '../../domain/portal/portal.service.ts';
import { getNotices } from '../../domain/portal/portal-notices.service.ts';
import { ChangePasswordPage, ChoosePasswordPage, LoginPage } from './portal.views.tsx';

type LanguageQuery = { l: string; retour?: string };

/** A page of the portal to come back to after switching language; anything else goes home. */
function portalReturnPath(retour: string | undefined): string {
  if (!retour) return PORTAL_PATH;
  const base = 'http://portail.invalid';
  try {
    const url = new URL(retour, base);
    const target = url.pathname + url.search;
    return url.origin === base && isPortalUrl(target) && target === retour ? target : PORTAL_PATH;
  } catch {
    return PORTAL_PATH;
  }
}

export function portalRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const cookieOptions = { path: PORTAL_PATH, httpOnly: true, sameSite: 'strict' as const, secure: config.production };
  // Failed attempts per address and minute, counted in the database for every process (decision 0018);
  // the login counts them with the identifier's, in the same statement.
  const limited = addressLimit(db, config.loginRateLimitPerMinute);

  app.get('/connexion', async (request, reply) => {
    if (request.portal) return reply.redirect(PORTAL_PATH, 303);
    return sendPage(reply, LoginPage({ ctx: portalContext(request) }));
  });

  app.post<{ Body: { identifiant: string; mot_de_passe: string } }>(
    '/connexion',
    { schema: formSchema({ identifiant: text(100), mot_de_passe: text(256) }) },
    async (request, reply) => {
      const result = await service.login(db, request.body.identifiant, request.body.mot_de_passe, { address: request.ip, ceilingPerMinute: config.loginRateLimitPerMinute });
      if ('refusal' in result) {
        return sendPage(reply, LoginPage({ ctx: portalContext(request), refusal: result.refusal, identifier: request.body.identifiant }), 401);
      }
      // A new session id at every login: a session fixed before login is worth nothing.
      if (request.portalSessionToken) await service.logout(db, null, request.portalSessionToken);
      reply.setCookie(PORTAL_COOKIE, result.token, cookieOptions);
      return reply.redirect(result.mustChoosePassword ? '/portail/nouveau-mot-de-passe' : PORTAL_PATH, 303);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    await service.logout(db, request.portal, request.portalSessionToken);
    reply.clearCookie(PORTAL_COOKIE, { path: PORTAL_PATH });
    // On a shared phone or a library computer the next person starts in French, as anyone arriving does.
    reply.clearCookie(LANG_COOKIE, { path: PORTAL_PATH });
    return redirectAfterPost(reply, '/portail/connexion', flashKey('loggedOut'));
  });

  app.get('/', async (request, reply) => {
    const actor = requirePortal(request);
    const [home, notices] = await Promise.all([service.getHome(db, actor), getNotices(db, actor)]);
    return sendPage(reply, HomePage({ ctx: portalContext(request), actor, ...home, notices }));
  });

  app.get<{ Querystring: { avant?: string } }>(
    '/historique',
    { schema: { querystring: { type: 'object', properties: { avant: { type: 'string', format: 'uuid' } } } } },
    async (request, reply) => {
      const actor = requirePortal(request);
      const page = await service.getHistory(db, actor, request.query.avant);
      return sendPage(reply, HistoryPage({ ctx: portalContext(request), actor, ...page, isFirstPage: !request.query.avant }));
    },
  );

  app.get('/nouveau-mot-de-passe', async (request, reply) => {
    const actor = requirePortal(request);
    if (!actor.mustChoosePassword) return reply.redirect(PORTAL_PATH, 303);
    return sendPage(reply, ChoosePasswordPage({ ctx: portalContext(request) }));
  });

  app.post<{ Body: { nouveau_mot_de_passe: string; confirmation: string } }>(
    '/nouveau-mot-de-passe',
    { schema: formSchema({ nouveau_mot_de_passe: text(256), confirmation: text(256) }) },
    async (request, reply) => {
      const actor = requirePortal(request);
      if (!actor.mustChoosePassword) return reply.redirect(PORTAL_PATH, 303);
      return withFormErrors(
        async () => {
          await service.choosePassword(db, actor, request.portalSessionToken!, { next: request.body.nouveau_mot_de_passe, confirm: request.body.confirmation });
          return redirectAfterPost(reply, PORTAL_PATH, flashKey('passwordChosen'));
        },
        (errors) => sendPage(reply, ChoosePasswordPage({ ctx: portalContext(request), errors }), 400),
        texts[request.portalLang].wordsFor,
      );
    },
  );

  app.get('/mot-de-passe', async (request, reply) => {
    requirePortal(request);
    return sendPage(reply, ChangePasswordPage({ ctx: portalContext(request) }));
  });

  app.post<{ Body: { mot_de_passe_actuel: string; nouveau_mot_de_passe: string; confirmation: string } }>(
    '/mot-de-passe',
    { ...limited, schema: formSchema({ mot_de_passe_actuel: text(256), nouveau_mot_de_passe: text(256), confirmation: text(256) }) },
    async (request, reply) => {
      const actor = requirePortal(request);
      const { mot_de_passe_actuel: current, nouveau_mot_de_passe: next, confirmation: confirm } = request.body;
      return withFormErrors(
        async () => {
          await service.changePassword(db, actor, request.portalSessionToken!, { current, next, confirm });
          return redirectAfterPost(reply, PORTAL_PATH, flashKey('passwordChanged'));
        },
        (errors) => sendPage(reply, ChangePasswordPage({ ctx: portalContext(request), errors }), 400),
        texts[request.portalLang].wordsFor,
      );
    },
  );

  // A plain link switches the language (works without JavaScript) and comes back to the same page.
  app.get<{ Querystring: LanguageQuery }>(
    '/langue',
    { schema: { querystring: { type: 'object', properties: { l: { type: 'string', maxLength: 5 }, retour: { type: 'string', maxLength: 300 } }, required: ['l'] } } },
    async (request, reply) => {
      const lang = isLang(request.query.l) ? request.query.l : 'fr';
      reply.setCookie(LANG_COOKIE, lang, { path: PORTAL_PATH, httpOnly: true, sameSite: 'lax', secure: config.production, maxAge: 365 * 24 * 3600 });
      return reply.redirect(portalReturnPath(request.query.retour), 303);
    },
  );
}
