import cookie from '@fastify/cookie';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { isEmbeddedDatabaseReadOnly } from './db/storage-errors.ts';
import { registerCsrf } from './web/shared/csrf.ts';
import type { AppDeps } from './web/shared/app-deps.ts';
import { frameworkErrorPage, registerErrorPages } from './web/shared/error-handler.ts';
import { portalApp } from './web/portal/portal-app.ts';
import { staffApp } from './web/staff/staff-app.ts';
import { staffErrorPage } from './web/staff/staff-layout.tsx';
import { registerFormInput } from './web/shared/form-input.ts';
import { FORM_BODY_LIMIT } from './web/shared/forms.ts';
import { registerFlash } from './web/shared/flash.ts';
import { configureNotifications } from './domain/notifications/notification-settings.ts';
import { startNotificationRunner } from './notification-runner.ts';

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  configureNotifications(config);
  const app = Fastify({
    trustProxy: config.trustProxy,
    // Forms only so far (decision 0020); an upload or import route sets its own bodyLimit.
    bodyLimit: FORM_BODY_LIMIT,
    frameworkErrors: frameworkErrorPage(staffErrorPage),
    logger: {
      level: config.logLevel,
      // Only the route pattern is logged: never a query string, a body or an identifier.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url }),
        res: (res) => ({ statusCode: res.statusCode }),
        // A database error's `detail` may quote the values of a row: keep it out of the logs.
        err: (err: Error & { code?: string }) => ({ type: err.name, code: err.code, message: err.message, stack: err.stack ?? '' }),
      },
    },
  });

  await app.register(cookie, { secret: config.secretKey.toString('hex') });
  registerFormInput(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    hsts: config.production,
    // Same rule as frame-ancestors 'none' for browsers that only read X-Frame-Options.
    frameguard: { action: 'deny' },
    // Not helmet's no-referrer: with it, browsers send « Origin: null » on our own form posts and the
    // origin check (decision 0020) would refuse them. Other sites still learn nothing of our URLs.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  // gzip only: brotli cost much throughput on the fiche for a few hundred bytes saved (bench/RESULTS.md).
  // Pages are built as strings: compressing them in one call costs far less than a zlib stream per answer.
  await app.register(compress, { threshold: 1024, encodings: ['gzip', 'deflate'], syncThreshold: 1024 * 1024 });
  await app.register(fastifyStatic, { root: new URL('./web/shared/static/', import.meta.url).pathname, prefix: '/static/', maxAge: '1h' });

  registerCsrf(app, { key: config.secretKey, secure: config.production, publicUrls: [config.publicUrl, config.portalUrl] });
  registerFlash(app, config.production);

  // What both applications share (static files, the health check) answers errors as staff pages do.
  registerErrorPages(app, { loginPath: '/connexion', render: staffErrorPage });

  // A load balancer or a supervisor reads the status: 503 while the database cannot answer.
  app.get('/healthz', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`SELECT 1`.execute(database.db);
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unavailable');
      return reply.status(503).send({ status: 'unavailable' });
    }
    // Reads are served from a copy, writes refused (decision 0022): not a healthy service.
    if (isEmbeddedDatabaseReadOnly()) return reply.status(503).send({ status: 'read-only' });
    return reply.send({ status: 'ok' });
  });
  // Two applications over one domain, each with its own session, pages and error pages.
  await app.register(staffApp, deps);
  await app.register(portalApp, { ...deps, prefix: '/portail' });
  // The outbox is sent while the application runs (decision 0035); closing waits for the batch being sent.
  const notifications = startNotificationRunner(database, config, (error) => app.log.error({ err: error }, 'notifications: batch failed'));
  app.addHook('onClose', () => notifications.stop());
  return app;
}
