import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { getNotificationHour, sendingConfigured, setNotificationHour, type NotificationHourProblem } from '../../../domain/notifications/notifications.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { NOTIFICATION_SETTINGS_URL, NotificationSettingsPage } from './notification-settings.views.tsx';

const hourWords = (problem: NotificationHourProblem): string => {
  switch (problem.code) {
    case 'heure_invalide':
      return 'Choisissez une heure de 0 h à 23 h, ou l’envoi après la première réception.';
  }
};

export function notificationSettingsRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const view = async (staff: Parameters<typeof getNotificationHour>[1]) => ({
    channels: sendingConfigured(config),
    hour: await getNotificationHour(db, staff),
    delayMinutes: config.notificationDelayMinutes,
  });

  app.get(NOTIFICATION_SETTINGS_URL, async (request, reply) => {
    const staff = requireStaff(request, allowed.everyone);
    return sendPage(reply, NotificationSettingsPage({ ctx: pageContext(request), view: await view(staff) }));
  });

  app.post<{ Body: { heure_notification?: string } }>(NOTIFICATION_SETTINGS_URL, { schema: formSchema({ heure_notification: text(5) }) }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return withFormErrors(
      async () => {
        await setNotificationHour(db, admin, request.body.heure_notification ?? '');
        return redirectAfterPost(reply, NOTIFICATION_SETTINGS_URL, "L'heure d'envoi des avis a été enregistrée.");
      },
      async (errors) => sendPage(reply, NotificationSettingsPage({ ctx: pageContext(request), view: await view(admin), error: errors.heure_notification }), 400),
      hourWords,
    );
  });
}
