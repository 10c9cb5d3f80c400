import type { FastifyReply } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string;
    flash: string | null;
  }
  interface FastifyReply {
    flash(message: string): FastifyReply;
  }
}

/** Post/Redirect/Get: after a form, send the browser to a page it can reload safely. */
export function redirectAfterPost(reply: FastifyReply, location: string, message?: string): FastifyReply {
  if (message) reply.flash(message);
  return reply.redirect(location, 303);
}
