import type { FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string;
    flash: string | null;
    /** The id of the page's part the flash message belongs to; null: the top of the page. */
    flashPlace: string | null;
  }
  interface FastifyReply {
    flash(message: string, place?: string | null): FastifyReply;
  }
}

/**
 * Post/Redirect/Get: after a form, send the browser to a page it can reload safely. A location
 * ending in `#id` brings the person back to the part of the page where they acted, and the
 * message shows there.
 */
export function redirectAfterPost(reply: FastifyReply, location: string, message?: string): FastifyReply {
  if (message) reply.flash(message, location.split('#')[1] ?? null);
  return reply.redirect(location, 303);
}
