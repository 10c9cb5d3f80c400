import type { FastifyInstance } from 'fastify';
import { audit, staffAuditActor } from '../../domain/audit/audit.service.ts';
import { actorFromSession } from '../../domain/staff/staff.service.ts';
import type { AppDeps } from '../shared/app-deps.ts';
import { registerPageErrors } from '../shared/error-handler.ts';
import { STAFF_COOKIE, staffRoutes } from './accounts/staff.routes.ts';
import { domiciliesRoutes } from './domicilies/domicilies.routes.ts';
import { exportRoutes } from './domicilies/export.routes.ts';
import { courriersRoutes } from './fiche/courriers.routes.ts';
import { decisionsRoutes } from './fiche/decisions.routes.ts';
import { entretienRoutes } from './fiche/entretien.routes.ts';
import { portalAccessRoutes } from './fiche/portal-access.routes.ts';
import { officialDocumentsRoutes } from './fiche/official-documents.routes.ts';
import { lettersRoutes } from './fiche/letters.routes.ts';
import { procurationsRoutes } from './fiche/procurations.routes.ts';
import { documentsRoutes } from './fiche/documents.routes.ts';
import { staffErrorPage } from './staff-layout.tsx';
import { importsRoutes } from './imports/imports.routes.ts';
import { reportRoutes } from './report/report.routes.ts';
import { logoRoutes } from './structure/logo.routes.ts';
import { messagesRoutes } from './structure/messages.routes.ts';
import { structuresRoutes } from './structure/structures.routes.ts';
import { notificationSettingsRoutes } from './structure/notification-settings.routes.ts';

const pages = [staffRoutes, structuresRoutes, logoRoutes, notificationSettingsRoutes, exportRoutes, domiciliesRoutes, courriersRoutes, procurationsRoutes, decisionsRoutes, portalAccessRoutes, officialDocumentsRoutes, lettersRoutes, entretienRoutes, importsRoutes, reportRoutes, documentsRoutes, messagesRoutes];

/**
 * The staff application: its session, its error pages, its pages. A Fastify plugin of its own,
 * so its hooks and error handler never see a portal request (src/web/portal/portal-app.ts).
 */
export async function staffApp(app: FastifyInstance, deps: AppDeps) {
  const db = deps.database.db;
  app.decorateRequest('staff', null);
  app.decorateRequest('staffSessionToken', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return;
    request.staff = await actorFromSession(db, token);
    request.staffSessionToken = request.staff ? token : null;
  });
  registerPageErrors(app, {
    loginPath: '/connexion',
    render: staffErrorPage,
    forbidden: async (request) => {
      if (!request.staff) return;
      await audit(db, staffAuditActor(request.staff), { action: 'access.denied', details: { method: request.method, route: request.routeOptions.url ?? 'unknown' } });
    },
  });
  for (const register of pages) register(app, deps);
}
