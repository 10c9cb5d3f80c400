import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isDatabaseUnavailable } from '../../db/connection-errors.ts';
import { isEmbeddedDatabaseStopped, isStorageFull } from '../../db/storage-errors.ts';
import type { DB } from '../../db/schema.ts';
import { audit, staffAuditActor } from '../../domain/audit/audit.service.ts';
import { AppError, errorCatalogue, type ErrorCode } from '../../shared/errors.ts';
import { ErrorPage } from './layout.tsx';
import { pageContext, sendPage } from './render.tsx';

const titles: Partial<Record<ErrorCode, string>> = {
  FORBIDDEN: 'Action non autorisée',
  CSRF_INVALID: 'Formulaire expiré',
  FOREIGN_ORIGIN: 'Demande refusée',
  INVALID_CHARACTERS: 'Caractères non acceptés',
  PAYLOAD_TOO_LARGE: 'Envoi trop volumineux',
  UNSUPPORTED_MEDIA_TYPE: 'Envoi non accepté',
  NOT_FOUND: 'Page introuvable',
  GONE: 'Document plus disponible',
  INVALID_INPUT: 'Saisie incorrecte',
  CONFLICT: 'La fiche a changé',
  RATE_LIMITED: 'Trop de tentatives',
  DATABASE_UNAVAILABLE: 'Service momentanément indisponible',
  STORAGE_FULL: 'Disque plein',
  DATABASE_STOPPED: 'Base de données arrêtée',
  INTERNAL: 'Erreur inattendue',
};

function isPortal(request: FastifyRequest): boolean {
  return request.url === '/portail' || request.url.startsWith('/portail/') || request.url.startsWith('/portail?');
}

function codeOf(error: FastifyError | AppError): ErrorCode {
  if (error instanceof AppError) return error.code;
  if (error.validation) return 'INVALID_INPUT';
  if (error.statusCode === 429) return 'RATE_LIMITED';
  if (error.statusCode === 404) return 'NOT_FOUND';
  if (error.statusCode === 413) return 'PAYLOAD_TOO_LARGE';
  if (error.statusCode === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'INVALID_INPUT';
  if (isEmbeddedDatabaseStopped(error)) return 'DATABASE_STOPPED';
  if (isStorageFull(error)) return 'STORAGE_FULL';
  if (isDatabaseUnavailable(error)) return 'DATABASE_UNAVAILABLE';
  return 'INTERNAL';
}

/** Portal pages may register their own renderer so errors keep the portal's look and language. */
export type ErrorRenderer = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string) => FastifyReply;
let portalRenderer: ErrorRenderer | undefined;
export function setPortalErrorRenderer(renderer: ErrorRenderer) {
  portalRenderer = renderer;
}

function renderError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  if (isPortal(request) && portalRenderer) return portalRenderer(request, reply, code, message);
  const home = request.staff ? '/accueil' : '/connexion';
  return sendPage(reply, <ErrorPage ctx={pageContext(request)} title={titles[code] ?? 'Erreur'} message={message} home={home} />, errorCatalogue[code].status);
}

/**
 * Errors fastify meets before any hook runs (a path whose percent-encoding is broken, a path
 * segment longer than the router takes): the same French pages, without session or cookies.
 */
export function frameworkErrorPage(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const code: ErrorCode = error.code === 'FST_ERR_BAD_URL' ? 'INVALID_CHARACTERS' : 'NOT_FOUND';
  request.staff ??= null;
  request.csrfToken ??= '';
  request.flash ??= null;
  return renderError(request, reply, code, errorCatalogue[code].message);
}

/** One error handler: typed errors become a clear French page; a 5xx never shows internals. */
export function registerErrorHandler(app: FastifyInstance, db: Kysely<DB>) {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const code = codeOf(error);
    if (code === 'UNAUTHENTICATED') return reply.redirect(isPortal(request) ? '/portail/connexion' : '/connexion', 303);
    if (code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error');
    if (code === 'DATABASE_UNAVAILABLE') {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
    }
    if (code === 'STORAGE_FULL' || code === 'DATABASE_STOPPED') {
      // Only the system's words (a file of the database and « No space left on device »), never a row's values.
      request.log.error({ code: (error as { code?: unknown }).code }, `data folder full or read-only: ${error.message}`);
    }
    if (code === 'FORBIDDEN' && request.staff) {
      await audit(db, staffAuditActor(request.staff), {
        action: 'access.denied',
        details: { method: request.method, route: request.routeOptions.url ?? 'unknown' },
      });
    }
    const message = error instanceof AppError ? error.message : errorCatalogue[code].message;
    return renderError(request, reply, code, message);
  });
  app.setNotFoundHandler(async (request, reply) => renderError(request, reply, 'NOT_FOUND', errorCatalogue.NOT_FOUND.message));
}
