import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { setNotificationHour } from '../../../domain/notification-preferences/preferences.service.ts';
import { requireStaff } from '../staff-context.ts';
import { NOTICES_PLACE } from './notices.views.tsx';

const hours = ['', ...Array.from({ length: 24 }, (_, hour) => String(hour))];

export function structureNoticesRoutes(app: FastifyInstance, { database }: AppDeps) {
  app.post<{ Body: { heure: string } }>('/structure/avis', { schema: formSchema({ heure: { type: 'string', enum: hours } }) }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    await setNotificationHour(database.db, admin, request.body.heure === '' ? null : Number(request.body.heure));
    return redirectAfterPost(reply, `/structure#${NOTICES_PLACE}`, "L'heure d'envoi des avis de courrier a été enregistrée.");
  });
}
