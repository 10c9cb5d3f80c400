import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { allowed } from '../../../shared/roles.ts';
import { sendPage } from '../../shared/render.tsx';
import { decisionChoices } from '../../../domain/decisions/decisions.service.ts';
import type { DecisionFormState } from './decisions.views.tsx';
import { getDossier } from '../../../domain/dossiers/dossiers.service.ts';
import { getEntretien } from '../../../domain/entretien/entretien.service.ts';
import { EntretienSection } from './entretien.views.tsx';
import { DossierTab } from '../domicilies/domicilies.views.tsx';
import { notificationsOf } from '../../../domain/notifications/notifications.service.ts';
import { NotificationsSection } from './notifications.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';

/** The « Dossier » tab, also shown again with the errors of a decision form. */
export async function sendDossierTab(db: Kysely<DB>, request: FastifyRequest, reply: FastifyReply, id: string, form?: DecisionFormState, status = 200) {
  const staff = requireStaff(request, allowed.everyone);
  const { domicilie, ayantsDroit, decisions } = await getDossier(db, staff, id);
  const choices = decisionChoices(staff, domicilie.status, decisions);
  const ctx = pageContext(request);
  const entretien = <EntretienSection ctx={ctx} domicilieId={domicilie.id} entretien={await getEntretien(db, staff, id)} />;
  const notifications = <NotificationsSection lines={await notificationsOf(db, staff, id)} timezone={staff.timezone} />;
  return sendPage(
    reply,
    <DossierTab ctx={ctx} domicilie={domicilie} ayantsDroit={ayantsDroit} decisions={decisions} choices={choices} form={form} entretien={entretien} notifications={notifications} />,
    status,
  );
}
