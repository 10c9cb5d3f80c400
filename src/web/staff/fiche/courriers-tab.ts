import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { StaffActor } from '../../../domain/actor.ts';
import * as service from '../../../domain/courriers/courriers.service.ts';
import { getPortalAccessSummary } from '../../../domain/portal-access/portal-access.service.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError, InvalidInput } from '../../../shared/errors.ts';
import { allowed, type Role } from '../../../shared/roles.ts';
import { fieldWords } from '../../shared/forms.ts';
import { sendPage } from '../../shared/render.tsx';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { pageContext, requireStaff } from '../staff-context.ts';
import { errorWords, wordsFor } from '../staff.words.ts';
import { CourriersTabPage, type TabForm, type TabFormState } from './courriers.views.tsx';

/** The « Courriers » tab, shown and acted on by the mail and procuration routes. */

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

const tabUrl = (id: string) => `/domicilies/${id}/courriers`;

/** Renders the « Courriers » tab; a refused form comes back with its errors or an alert. */
export async function showCourriersTab(db: Kysely<DB>, request: IdRequest, reply: FastifyReply, state: TabFormState = {}, status = 200, before: string | null = null) {
  const staff = requireStaff(request, allowed.everyone);
  const [tab, portal] = await Promise.all([
    service.getCourriersTab(db, staff, request.params.id, before),
    getPortalAccessSummary(db, staff, request.params.id),
  ]);
  return sendPage(reply, CourriersTabPage({ ctx: pageContext(request), tab, state, portal }), status);
}

/**
 * Runs one action of the tab for the allowed roles, then Post/Redirect/Get back to the tab
 * with `message`, at the part of the tab named by `place` (the top when none); refused input
 * shows the tab again (400), a changed history too (409).
 */
export async function runTabAction(
  db: Kysely<DB>,
  request: IdRequest,
  reply: FastifyReply,
  options: { roles: readonly Role[]; form?: TabForm; place?: string },
  action: (staff: StaffActor) => Promise<string>,
) {
  const staff = requireStaff(request, options.roles);
  try {
    const message = await action(staff);
    return redirectAfterPost(reply, `${tabUrl(request.params.id)}${options.place ? `#${options.place}` : ''}`, message);
  } catch (error) {
    const values = request.body as Record<string, string | string[] | undefined>;
    if (error instanceof InvalidInput) return showCourriersTab(db, request, reply, { form: options.form, errors: fieldWords(error, wordsFor), values }, 400);
    if (error instanceof AppError && error.code === 'CONFLICT') return showCourriersTab(db, request, reply, { alert: errorWords(error.code, error.problem) }, 409);
    throw error;
  }
}
