import type { FastifyInstance } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { hmac, randomToken, safeEqual } from '../shared/random.ts';

const COOKIE = 'csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every browser gets a random httpOnly cookie; forms carry an HMAC of it. A forged form
 * from another site cannot read the cookie, so it cannot compute the field.
 */
export function registerCsrf(app: FastifyInstance, key: Buffer, secure: boolean) {
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request, reply) => {
    let seed = request.cookies[COOKIE];
    if (!seed || seed.length < 20) {
      seed = randomToken(18);
      reply.setCookie(COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      request.cookies[COOKIE] = seed;
    }
    request.csrfToken = hmac(key, `csrf:${seed}`);
  });
  app.addHook('preValidation', async (request) => {
    if (!unsafeMethods.has(request.method)) return;
    const body = request.body as Record<string, unknown> | undefined;
    const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken) || !request.headers.cookie?.includes(`${COOKIE}=`)) {
      throw new AppError('CSRF_INVALID');
    }
  });
}
