import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors.ts';
import { hmac, randomToken, safeEqual } from '../../shared/random.ts';

const COOKIE = 'csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type CsrfOptions = {
  key: Buffer;
  secure: boolean;
  /** Addresses people reach the application by (PUBLIC_URL, PORTAL_URL). */
  publicUrls: string[];
};

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * The site a state-changing request comes from, as the browser says it: Origin, or without it
 * the Referer's origin. `undefined` when the browser sent neither; 'null' or garbage stays foreign.
 */
function claimedOrigin(request: FastifyRequest): string | null | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined) return originOf(origin);
  const referer = request.headers.referer;
  if (referer !== undefined) return originOf(referer);
  return undefined;
}

/**
 * Every browser gets a random httpOnly cookie; forms carry an HMAC of it. A forged form
 * from another site cannot read the cookie, so it cannot compute the field.
 * Beside it (decision 0020), a POST that says it comes from another site is refused before
 * its body is read: its Origin (or Referer) must be a public address of the application or
 * the address the request itself was sent to (host and scheme as fastify reads them, from
 * X-Forwarded-* only with TRUST_PROXY). A request with neither header relies on the token alone.
 */
export function registerCsrf(app: FastifyInstance, { key, secure, publicUrls }: CsrfOptions) {
  const trusted = new Set(publicUrls.map(originOf).filter((origin): origin is string => origin !== null));
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (request, reply) => {
    let seed = request.cookies[COOKIE];
    if (!seed || seed.length < 20) {
      seed = randomToken(18);
      reply.setCookie(COOKIE, seed, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      request.cookies[COOKIE] = seed;
    }
    request.csrfToken = hmac(key, `csrf:${seed}`);
    if (!unsafeMethods.has(request.method)) return;
    const origin = claimedOrigin(request);
    if (origin === undefined || (origin !== null && (trusted.has(origin) || origin === originOf(`${request.protocol}://${request.host}`)))) return;
    throw new AppError('FOREIGN_ORIGIN');
  });
  app.addHook('preValidation', async (request) => {
    if (!unsafeMethods.has(request.method)) return;
    // An upload's token is inside its multipart body, read later in the route's own scope (uploads.ts).
    if (request.routeOptions.config.upload === true && isMultipart(request)) return;
    checkCsrfToken(request);
  });
}

export const isMultipart = (request: FastifyRequest) => /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');

/** The form's token (or the X-CSRF-Token header) against the browser's cookie; CSRF_INVALID otherwise. */
export function checkCsrfToken(request: FastifyRequest) {
  const body = request.body as Record<string, unknown> | undefined;
  const sent = (typeof body?._csrf === 'string' ? body._csrf : undefined) ?? request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, request.csrfToken) || !request.headers.cookie?.includes(`${COOKIE}=`)) {
    throw new AppError('CSRF_INVALID');
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a file (web/shared/uploads.ts), which checks the token once the body is read. */
    upload?: boolean;
  }
}
