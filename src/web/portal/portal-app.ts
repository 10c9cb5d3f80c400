import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorCatalogue, type ErrorCode, type Problem } from '../../shared/errors.ts';
import type { AppDeps } from '../shared/app-deps.ts';
import { registerPageErrors } from '../shared/error-handler.ts';
import { sendPage } from '../shared/render.tsx';
import { portalContext, registerPortalRequest } from './portal-context.ts';
import { PortalErrorPage } from './portal-layout.tsx';
import type { PortalProblem } from './portal.i18n.ts';
import { portalRoutes } from './portal.routes.ts';
import { noticesRoutes } from './notices.routes.ts';
import { portalDocumentsRoutes } from './portal-documents.routes.ts';

/**
 * An error as a portal page: the portal's layout, in the person's language. The portal's
 * services throw only problems of `PortalProblem`.
 */
function portalErrorPage(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, problem?: Problem): FastifyReply {
  const ctx = portalContext(request);
  const title = ctx.t.errors.titles[code] ?? ctx.t.errors.title;
  const text = problem ? ctx.t.wordsFor(problem as PortalProblem) : ctx.t.errors.messages[code];
  return sendPage(reply, PortalErrorPage({ ctx, title, message: text }), errorCatalogue[code].status);
}

/**
 * The portal application, registered under /portail: its session and language, its error
 * pages in French or English, its pages. Its hooks never see a staff request.
 */
export async function portalApp(app: FastifyInstance, deps: AppDeps) {
  registerPortalRequest(app, deps.database.db);
  registerPageErrors(app, { loginPath: '/portail/connexion', render: portalErrorPage });
  portalRoutes(app, deps);
  noticesRoutes(app, deps);
  portalDocumentsRoutes(app, deps);
}
