import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDatabaseUnavailable } from '../../db/connection-errors.ts';
import { isEmbeddedDatabaseStopped, isStorageFull } from '../../db/storage-errors.ts';
import { AppError, type ErrorCode, type Problem } from '../../shared/errors.ts';

/**
 * How an application shows an error page, in its own layout and language: it words the code,
 * or the problem when the service said what exactly is wrong, with its own dictionary.
 */
export type ErrorRenderer = (request: FastifyRequest, reply: FastifyReply, code: ErrorCode, problem?: Problem) => FastifyReply;

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

export type PageErrors = {
  /** Where a request without a session goes. */
  loginPath: string;
  render: ErrorRenderer;
  /** Told of a refused action (the staff application audits it). */
  forbidden?: (request: FastifyRequest) => Promise<void>;
};

/**
 * An application's error pages: typed errors become a clear page in its words, a 5xx never
 * shows internals, the logs say what the person running the server must know. Unknown
 * addresses under the application's prefix get its « page introuvable » too.
 */
export function registerPageErrors(app: FastifyInstance, errors: PageErrors) {
  registerErrorPages(app, errors);
  app.setNotFoundHandler(async (request, reply) => errors.render(request, reply, 'NOT_FOUND'));
}

/** Only the errors, for what is shared by both applications (static files, the health check). */
export function registerErrorPages(app: FastifyInstance, { loginPath, render, forbidden }: PageErrors) {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const code = codeOf(error);
    if (code === 'UNAUTHENTICATED') return reply.redirect(loginPath, 303);
    if (code === 'INTERNAL') request.log.error({ err: error }, 'unexpected error');
    if (code === 'DATABASE_UNAVAILABLE') {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '5');
    }
    if (code === 'STORAGE_FULL' || code === 'DATABASE_STOPPED') {
      // Only the system's words (a file of the database and « No space left on device »), never a row's values.
      request.log.error({ code: (error as { code?: unknown }).code }, `data folder full or read-only: ${error.message}`);
    }
    if (code === 'FORBIDDEN') await forbidden?.(request);
    return render(request, reply, code, error instanceof AppError ? error.problem : undefined);
  });
}

/**
 * Errors Fastify meets before any route or hook (a path whose percent-encoding is broken, a
 * path segment longer than the router takes): the page of `render`, without session or cookies.
 */
export function frameworkErrorPage(render: ErrorRenderer) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const code: ErrorCode = error.code === 'FST_ERR_BAD_URL' ? 'INVALID_CHARACTERS' : 'NOT_FOUND';
    request.csrfToken ??= '';
    request.flash ??= null;
    request.flashPlace ??= null;
    return render(request, reply, code);
  };
}
