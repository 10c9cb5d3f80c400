import type { FastifyInstance } from 'fastify';

const COOKIE = 'flash';

/** One-time confirmation messages carried across a redirect in a signed cookie. */
export function registerFlash(app: FastifyInstance, secure: boolean) {
  app.decorateRequest('flash', null);
  app.decorateReply('flash', function (this: import('fastify').FastifyReply, message: string) {
    return this.setCookie(COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 60 });
  });
  app.addHook('onRequest', async (request, reply) => {
    const raw = request.cookies[COOKIE];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    request.flash = unsigned.valid ? unsigned.value : null;
    reply.clearCookie(COOKIE, { path: '/' });
  });
}
