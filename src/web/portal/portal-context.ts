import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../shared/errors.ts';
import { isLang, texts, type Lang, type Texts } from './portal.i18n.ts';
import { actorFromSession, type PortalActor } from '../../domain/portal/portal.service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in domicilié, only ever set under /portail. */
    portal: PortalActor | null;
    portalSessionToken: string | null;
    portalLang: Lang;
  }
}

export const PORTAL_COOKIE = 'psid';
export const LANG_COOKIE = 'lang';
export const PORTAL_PATH = '/portail';

/** Pages reachable before the personal password is chosen; every other one sends there. */
const openWithTemporaryPassword = new Set(['/portail/nouveau-mot-de-passe', '/portail/deconnexion', '/portail/langue']);

/** Whether a path and query lead to a portal page (a language switch's return address must). */
export function isPortalUrl(url: string): boolean {
  return url === PORTAL_PATH || url.startsWith(`${PORTAL_PATH}/`) || url.startsWith(`${PORTAL_PATH}?`);
}

/** What every portal page needs from the request. */
export type PortalPageContext = {
  lang: Lang;
  t: Texts;
  csrfToken: string;
  flash: string | null;
  /** Path and query of the page, kept by the language switch. */
  url: string;
  actor: PortalActor | null;
};

const FLASH_PREFIX = 'portal:';
export type FlashKey = keyof Texts['flash'];
export const flashKey = (key: FlashKey) => `${FLASH_PREFIX}${key}`;

export function portalContext(request: FastifyRequest): PortalPageContext {
  const t = texts[request.portalLang];
  const key = request.flash?.startsWith(FLASH_PREFIX) ? (request.flash.slice(FLASH_PREFIX.length) as FlashKey) : null;
  return { lang: request.portalLang, t, csrfToken: request.csrfToken, flash: key && key in t.flash ? t.flash[key] : null, url: request.url, actor: request.portal };
}

/** The domicilié of the request; anyone else is sent to the login page. */
export function requirePortal(request: FastifyRequest): PortalActor {
  if (!request.portal) throw new AppError('UNAUTHENTICATED');
  return request.portal;
}

/**
 * Loads the portal session (the portal application's hooks see portal requests only: staff
 * cookies mean nothing here), forces the choice of a personal password, and keeps every
 * portal answer out of caches.
 */
export function registerPortalRequest(app: FastifyInstance, db: Kysely<DB>) {
  app.decorateRequest('portal', null);
  app.decorateRequest('portalSessionToken', null);
  app.decorateRequest('portalLang', 'fr');
  app.addHook('onRequest', async (request, reply) => {
    const lang = request.cookies[LANG_COOKIE];
    request.portalLang = isLang(lang) ? lang : 'fr';
    const token = request.cookies[PORTAL_COOKIE];
    if (!token) return;
    request.portal = await actorFromSession(db, token);
    if (!request.portal) {
      reply.clearCookie(PORTAL_COOKIE, { path: PORTAL_PATH });
      return;
    }
    request.portalSessionToken = token;
    const path = request.url.split('?')[0]!;
    const loggingIn = request.method === 'POST' && path === '/portail/connexion';
    if (request.portal.mustChoosePassword && !openWithTemporaryPassword.has(path) && !loggingIn) {
      return reply.header('cache-control', 'no-store').redirect('/portail/nouveau-mot-de-passe', 303);
    }
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });
}
