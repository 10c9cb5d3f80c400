import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../domain/actor.ts';
import { AppError } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff member, only ever set by the staff application. */
    staff: StaffActor | null;
    /** Cookie value of the staff session, when there is one. */
    staffSessionToken: string | null;
  }
}

/** What every staff page needs from the request. */
export type PageContext = {
  csrfToken: string;
  staff: StaffActor | null;
  flash: string | null;
  /** Where the flash message shows: the id of a part of the page, or null for the top. */
  flashPlace: string | null;
  path: string;
};

export function pageContext(request: FastifyRequest): PageContext {
  return { csrfToken: request.csrfToken, staff: request.staff, flash: request.flash, flashPlace: request.flashPlace, path: request.url.split('?')[0]! };
}

/** The staff member of the request when their role is among `roles`; throws otherwise. */
export function requireStaff(request: FastifyRequest, roles: readonly Role[]): StaffActor {
  if (!request.staff) throw new AppError('UNAUTHENTICATED');
  if (!roles.includes(request.staff.role)) throw new AppError('FORBIDDEN');
  return request.staff;
}
