import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, multiline, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import type { OfficialFieldsInput } from '../../../domain/structures/official-fields.ts';
import * as service from '../../../domain/structures/structures.service.ts';
import { getLogoSummary } from '../../../domain/structures/logo.service.ts';
import { getNotificationHour, sendingConfigured, sentThisMonth } from '../../../domain/notifications/notifications.service.ts';
import { StructurePage } from './structures.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

const ouiNon = { type: 'string', enum: ['oui', 'non'] };

/** Room beyond what the service accepts, so that a long entry is explained next to its field rather than refused whole. */
const officialFieldsSchema = formSchema(
  {
    responsable_nom: text(300),
    responsable_prenom: text(300),
    responsable_fonction: text(300),
    agrement_prefecture: text(300),
    agrement_numero: text(300),
    agrement_fin: text(20),
    commune_arrondissement: text(300),
    postal_address: multiline(1000),
  },
  [],
);

export function structuresRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;

  app.get('/structure', async (request, reply) => {
    const staff = requireStaff(request, allowed.everyone);
    const [structure, logo, hour, sent] = await Promise.all([service.getStructure(db, staff.structureId), getLogoSummary(db, staff), getNotificationHour(db, staff), sentThisMonth(db, staff)]);
    const notices = { hour, sent, sending: sendingConfigured(config), delayMinutes: config.notificationDelayMinutes };
    return sendPage(reply, StructurePage({ ctx: pageContext(request), structure, logo, notices }));
  });

  app.post<{ Body: { portal_enabled: 'oui' | 'non'; portal_login_updates_last_visit: 'oui' | 'non' } }>(
    '/structure/portail',
    { schema: formSchema({ portal_enabled: ouiNon, portal_login_updates_last_visit: ouiNon }) },
    async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      await service.updatePortalSettings(db, admin, {
        portalEnabled: request.body.portal_enabled === 'oui',
        loginUpdatesLastVisit: request.body.portal_login_updates_last_visit === 'oui',
      });
      return redirectAfterPost(reply, '/structure', 'Les modifications ont été enregistrées.');
    },
  );

  app.post<{ Body: Partial<service.StructureDetails> & Pick<service.StructureDetails, 'name' | 'street' | 'postcode' | 'city'> }>(
    '/structure',
    {
      schema: formSchema(
        { name: text(150), street: text(200), postcode: text(10), city: text(100), phone: text(30), email: text(254), opening_hours: text(500) },
        ['name', 'street', 'postcode', 'city'],
      ),
    },
    async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      const { phone = '', email = '', opening_hours = '' } = request.body;
      const input = { ...request.body, phone, email, opening_hours };
      return withFormErrors(
        async () => {
          await service.updateDetails(db, admin, input);
          return redirectAfterPost(reply, '/structure', 'Les informations de la structure ont été enregistrées.');
        },
        async (errors) => {
          const [structure, logo] = await Promise.all([service.getStructure(db, admin.structureId), getLogoSummary(db, admin)]);
          return sendPage(reply, StructurePage({ ctx: pageContext(request), structure, errors, values: input, logo }), 400);
        },
        wordsFor,
      );
    },
  );

  app.post<{ Body: OfficialFieldsInput }>('/structure/formulaires-officiels', { schema: officialFieldsSchema }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return withFormErrors(
      async () => {
        await service.updateOfficialFields(db, admin, request.body);
        return redirectAfterPost(reply, '/structure', 'Les informations des formulaires officiels ont été enregistrées.');
      },
      async (errors) => {
        const [structure, logo] = await Promise.all([service.getStructure(db, admin.structureId), getLogoSummary(db, admin)]);
        const values = Object.fromEntries(Object.entries(request.body).filter(([name]) => name !== '_csrf')) as Record<string, string>;
        return sendPage(reply, StructurePage({ ctx: pageContext(request), structure, official: { errors, values }, logo }), 400);
      },
      wordsFor,
    );
  });
}
