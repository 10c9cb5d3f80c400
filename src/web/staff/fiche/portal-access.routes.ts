import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, integer, text } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { preferencesWords } from '../staff.words.ts';
import { sendPage } from '../../shared/render.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { DOCUMENT_CONTENT_TYPE } from '../../../domain/portal-access/access-document.ts';
import * as service from '../../../domain/portal-access/portal-access.service.ts';
import { PreferencesPage } from './portal-access.views.tsx';
import { PortalAccountsPage } from '../portal-accounts/portal-accounts.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';

const accountsQuerySchema = {
  querystring: {
    type: 'object',
    properties: {
      acces: { type: 'string', enum: ['', 'oui', 'non'] },
      mot_de_passe: { type: 'string', enum: ['', 'temporaire', 'personnel'] },
      page: integer(1, 100_000),
    },
  },
};

export function portalAccessRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const settings: service.PortalAccessSettings = {
    secretKey: config.secretKey,
    portalUrl: config.portalUrl,
    temporaryPasswordDays: config.temporaryPasswordDays,
  };

  app.get<{ Params: { id: string } }>('/domicilies/:id/acces-portail', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    const summary = await service.getPortalAccessSummary(db, staff, domicilie.id);
    return sendPage(reply, PreferencesPage({ ctx: pageContext(request), domicilie, summary, temporaryPasswordDays: settings.temporaryPasswordDays }));
  });

  app.post<{ Params: { id: string }; Body: { acces: 'oui' | 'non'; reinitialiser?: string } }>(
    '/domicilies/:id/acces-portail',
    { schema: { ...idParams, ...formSchema({ acces: { type: 'string', enum: ['oui', 'non'] }, reinitialiser: text(10) }, ['acces']) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const input = { access: request.body.acces === 'oui', resetPassword: request.body.reinitialiser !== undefined };
      const outcome = await service.savePreferences(db, staff, request.params.id, input, settings);
      return redirectAfterPost(reply, `/domicilies/${request.params.id}/courriers#acces-portail`, preferencesWords[outcome]);
    },
  );

  app.get<{ Params: { id: string } }>('/domicilies/:id/acces-portail/document', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    const document = await service.downloadAccessDocument(db, staff, request.params.id, settings.secretKey);
    return reply
      .header('content-type', DOCUMENT_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="${document.fileName}"`)
      .header('cache-control', 'no-store')
      .send(document.content);
  });

  app.get<{ Querystring: service.AccountsQuery }>('/comptes-portail', { schema: accountsQuerySchema }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    const list = await service.listPortalAccounts(db, staff, request.query);
    return sendPage(reply, PortalAccountsPage({ ctx: pageContext(request), list, query: request.query }));
  });
}
