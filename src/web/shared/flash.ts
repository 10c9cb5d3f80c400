import type { FastifyInstance } from 'fastify';

const COOKIE = 'flash';

/**
 * One-time confirmation messages carried across a redirect in a signed cookie, with the place
 * of the page they belong to (the anchor the redirect goes to), so that the message shows
 * where the person acted rather than at a top they no longer see.
 */
export function registerFlash(app: FastifyInstance, secure: boolean) {
  app.decorateRequest('flash', null);
  app.decorateRequest('flashPlace', null);
  app.decorateReply('flash', function (this: import('fastify').FastifyReply, message: string, place: string | null = null) {
    return this.setCookie(COOKIE, JSON.stringify([message, place]), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 60 });
  });
  app.addHook('onRequest', async (request, reply) => {
    const raw = request.cookies[COOKIE];
    if (!raw) return;
    const unsigned = request.unsignCookie(raw);
    const [message, place] = unsigned.valid ? readFlash(unsigned.value!) : [null, null];
    request.flash = message;
    request.flashPlace = place;
    reply.clearCookie(COOKIE, { path: '/' });
  });
}

function readFlash(value: string): [string | null, string | null] {
  try {
    const [message, place] = JSON.parse(value) as unknown[];
    return [typeof message === 'string' ? message : null, typeof place === 'string' ? place : null];
  } catch {
    return [null, null];
  }
}
