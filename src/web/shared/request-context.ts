import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/roles.ts';
import { AppError } from '../../shared/errors.ts';
import type { StaffActor } from '../../domain/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffActor | null;
    /** Cookie value of the staff session, when there is one. */
    staffSessionToken: string | null;
    csrfToken: string;
    flash: string | null;
  }
  interface FastifyReply {
    flash(message: string): FastifyReply;
  }
}

/** The staff member of the request when their role is among `roles`; throws otherwise. */
export function requireStaff(request: FastifyRequest, roles: readonly Role[]): StaffActor {
  if (!request.staff) throw new AppError('UNAUTHENTICATED');
  if (!roles.includes(request.staff.role)) throw new AppError('FORBIDDEN');
  return request.staff;
}

/** Post/Redirect/Get: after a form, send the browser to a page it can reload safely. */
export function redirectAfterPost(reply: FastifyReply, location: string, message?: string): FastifyReply {
  if (message) reply.flash(message);
  return reply.redirect(location, 303);
}
