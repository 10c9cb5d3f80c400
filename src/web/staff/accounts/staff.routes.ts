import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { formSchema, idParams, text, withFormErrors } from '../../shared/forms.ts';
import { allowed } from '../../../shared/roles.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { addressLimit } from '../../shared/address-limit.ts';
import { closeSession } from '../../../domain/sessions/sessions.service.ts';
import { DEMO_PASSWORD, demoAccounts } from '../../../db/demo.ts';
import * as service from '../../../domain/staff/staff.service.ts';
import { getDashboard } from '../../../domain/domicilies/dashboard.service.ts';
import { currentMessages } from '../../../domain/structure-messages/structure-messages.service.ts';
import { ActivationPage, HomePage, LoginPage, PasswordPage, UsersPage } from './staff.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { resetNoticeWords, wordsFor } from '../staff.words.ts';

export const STAFF_COOKIE = 'sid';

export function staffRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };
  // Failed attempts per address and minute, counted in the database for every process (decision 0018);
  // the login counts them with the identifier's, in the same statement.
  const limited = addressLimit(db, config.loginRateLimitPerMinute);

  app.get('/', async (request, reply) => reply.redirect(request.staff ? '/accueil' : '/connexion'));

  /** Outside production, the login page names the demo accounts that exist: a newcomer looks there, not at the console. */
  const demo = async () => {
    if (config.production) return undefined;
    const usable = new Set(await service.usableAccounts(db, demoAccounts.map((account) => account.email)));
    const accounts = demoAccounts.filter((account) => usable.has(account.email));
    return accounts.length > 0 ? { accounts, password: DEMO_PASSWORD } : undefined;
  };

  app.get('/connexion', async (request, reply) => {
    if (request.staff) return reply.redirect('/accueil');
    return sendPage(reply, LoginPage({ ctx: pageContext(request), demo: await demo() }));
  });

  app.post<{ Body: { email: string; password: string } }>(
    '/connexion',
    { schema: formSchema({ email: text(), password: text(256) }) },
    async (request, reply) => {
      const result = await service.login(db, request.body.email, request.body.password, { address: request.ip, ceilingPerMinute: config.loginRateLimitPerMinute });
      if ('refusal' in result) return sendPage(reply, LoginPage({ ctx: pageContext(request), error: wordsFor(result.refusal), email: request.body.email, demo: await demo() }), 401);
      if (request.staffSessionToken) await closeSession(db, request.staffSessionToken);
      reply.setCookie(STAFF_COOKIE, result.token, cookieOptions);
      return redirectAfterPost(reply, '/accueil', result.notice ? resetNoticeWords(result.notice) : undefined);
    },
  );

  app.post('/deconnexion', async (request, reply) => {
    if (request.staffSessionToken) await closeSession(db, request.staffSessionToken);
    reply.clearCookie(STAFF_COOKIE, { path: '/' });
    return redirectAfterPost(reply, '/connexion', 'Vous êtes déconnecté.');
  });

  app.get('/accueil', async (request, reply) => {
    const staff = requireStaff(request, allowed.everyone);
    const messages = await currentMessages(db, staff);
    return sendPage(reply, HomePage({ ctx: pageContext(request), dashboard: await getDashboard(db, staff), messages }));
  });

  app.get('/mot-de-passe', async (request, reply) => {
    requireStaff(request, allowed.everyone);
    return sendPage(reply, PasswordPage({ ctx: pageContext(request) }));
  });

  app.post<{ Body: { mot_de_passe_actuel: string; nouveau_mot_de_passe: string; confirmation: string } }>(
    '/mot-de-passe',
    { schema: formSchema({ mot_de_passe_actuel: text(256), nouveau_mot_de_passe: text(256), confirmation: text(256) }) },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.everyone);
      return withFormErrors(
        async () => {
          await service.changeOwnPassword(db, staff, request.staffSessionToken!, { current: request.body.mot_de_passe_actuel, next: request.body.nouveau_mot_de_passe, confirm: request.body.confirmation });
          return redirectAfterPost(reply, '/accueil', 'Votre mot de passe a été changé. Vos autres sessions ont été fermées.');
        },
        (errors) => sendPage(reply, PasswordPage({ ctx: pageContext(request), errors }), 400),
        wordsFor,
      );
    },
  );

  app.get<{ Params: { token: string } }>('/activation/:token', async (request, reply) => {
    const account = await service.findActivation(db, request.params.token);
    if (!account) return sendPage(reply, LoginPage({ ctx: pageContext(request), error: wordsFor({ code: 'lien_activation_perime' }) }), 404);
    return sendPage(reply, ActivationPage({ ctx: pageContext(request), token: request.params.token, email: account.email, reset: account.password_reset_notice }));
  });

  app.post<{ Params: { token: string }; Body: { nouveau_mot_de_passe: string; confirmation: string } }>(
    '/activation/:token',
    { ...limited, schema: formSchema({ nouveau_mot_de_passe: text(256), confirmation: text(256) }) },
    async (request, reply) =>
      withFormErrors(
        async () => {
          await service.activate(db, request.params.token, { next: request.body.nouveau_mot_de_passe, confirm: request.body.confirmation });
          return redirectAfterPost(reply, '/connexion', 'Votre compte est activé. Connectez-vous avec votre nouveau mot de passe.');
        },
        async (errors) => {
          const account = await service.findActivation(db, request.params.token);
          return sendPage(reply, ActivationPage({ ctx: pageContext(request), token: request.params.token, email: account?.email ?? '', reset: account?.password_reset_notice ?? false, errors }), 400);
        },
        wordsFor,
      ),
  );

  const usersPage = async (request: FastifyRequest, reply: FastifyReply, extra: Partial<Parameters<typeof UsersPage>[0]> = {}, status = 200) => {
    const admin = requireStaff(request, allowed.admins);
    const rows = await service.listStructureStaff(db, admin);
    return sendPage(reply, UsersPage({ ctx: pageContext(request), rows, ...extra }), status);
  };
  const activationLink = (token: string) => `${config.publicUrl}/activation/${token}`;

  app.get('/utilisateurs', async (request, reply) => usersPage(request, reply));

  app.post<{ Body: service.NewStaff }>(
    '/utilisateurs',
    { schema: formSchema({ nom: text(100), prenom: text(100), email: text(254), role: text(20) }) },
    async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      return withFormErrors(
        async () => {
          const created = await service.createStaff(db, admin.structureId, request.body, admin);
          return usersPage(request, reply, { activationLink: activationLink(created.activationToken) }, 201);
        },
        (errors) => usersPage(request, reply, { errors, values: request.body }, 400),
        wordsFor,
      );
    },
  );

  app.post<{ Params: { id: string }; Body: { role: string } }>(
    '/utilisateurs/:id/role',
    { schema: { ...idParams, ...formSchema({ role: text(20) }) } },
    async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      return withFormErrors(
        async () => {
          await service.changeRole(db, admin, request.params.id, request.body.role);
          return redirectAfterPost(reply, '/utilisateurs', 'Le rôle a été changé.');
        },
        (errors) => usersPage(request, reply, { errors }, 400),
        wordsFor,
      );
    },
  );

  app.post<{ Params: { id: string } }>('/utilisateurs/:id/activation', { schema: idParams }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return withFormErrors(
      async () => usersPage(request, reply, { activationLink: activationLink(await service.renewActivation(db, admin, request.params.id)) }),
      (errors) => usersPage(request, reply, { errors }, 400),
      wordsFor,
    );
  });

  app.post<{ Params: { id: string } }>('/utilisateurs/:id/mot-de-passe', { schema: idParams }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return withFormErrors(
      async () => usersPage(request, reply, { resetLink: activationLink(await service.resetPassword(db, admin, request.params.id)) }),
      (errors) => usersPage(request, reply, { errors }, 400),
      wordsFor,
    );
  });

  app.post<{ Params: { id: string } }>('/utilisateurs/:id/desactiver', { schema: idParams }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return withFormErrors(
      async () => {
        await service.deactivate(db, admin, request.params.id);
        return redirectAfterPost(reply, '/utilisateurs', 'Le compte a été désactivé et ses sessions fermées.');
      },
      (errors) => usersPage(request, reply, { errors }, 400),
      wordsFor,
    );
  });
}
