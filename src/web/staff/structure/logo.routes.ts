import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { AppError } from '../../../shared/errors.ts';
import { formSchema, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { acceptUploads } from '../../shared/uploads.ts';
import { getStructure } from '../../../domain/structures/structures.service.ts';
import { getLogo, getLogoSummary, LOGO_MAX_BYTES, removeLogo, replaceLogo, type LogoProblem } from '../../../domain/structures/logo.service.ts';
import { StructurePage } from './structures.views.tsx';
import { LOGO_URL } from './logo.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

const BACK = '/structure#logo-titre';

/** Enough for the file, the token and the multipart framing; anything larger is not read. */
const MAX_REQUEST_BYTES = 8 * 1024 * 1024;

export function logoRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  // The preview of « Ma structure »: the stored bytes under the type they were checked to be.
  app.get(LOGO_URL, async (request, reply) => {
    const staff = requireStaff(request, allowed.everyone);
    const logo = await getLogo(db, staff.structureId);
    if (!logo) throw new AppError('NOT_FOUND');
    return reply
      .header('content-type', logo.content_type)
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .header('cache-control', 'private, max-age=86400')
      .send(logo.content);
  });

  app.post<{ Body: { confirmation: 'oui' } }>(
    `${LOGO_URL}/supprimer`,
    { schema: formSchema({ confirmation: { type: 'string', enum: ['oui'] } }) },
    async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      await removeLogo(db, admin);
      return redirectAfterPost(reply, BACK, 'Le logo est supprimé : les prochains courriers n’en auront plus.');
    },
  );

  // Only this scope reads multipart bodies (web/shared/uploads.ts): every other route keeps refusing them.
  app.register(async (uploads) => {
    const tooLarge: LogoProblem = { code: 'logo_trop_lourd', maxBytes: LOGO_MAX_BYTES };
    await acceptUploads(uploads, { maxFileBytes: LOGO_MAX_BYTES, maxRequestBytes: MAX_REQUEST_BYTES, tooLarge, authorize: (request) => requireStaff(request, allowed.admins) });

    uploads.post<{ Body: { logo?: unknown } }>(LOGO_URL, async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      const file = Buffer.isBuffer(request.body?.logo) ? request.body.logo : undefined;
      return withFormErrors(
        async () => {
          await replaceLogo(db, admin, file);
          return redirectAfterPost(reply, BACK, 'Le logo est enregistré : il figure en haut des prochains courriers.');
        },
        async (errors) => {
          const [structure, logo] = await Promise.all([getStructure(db, admin.structureId), getLogoSummary(db, admin)]);
          return sendPage(reply, StructurePage({ ctx: pageContext(request), structure, logo, logoForm: { error: errors.logo! } }), 400);
        },
        wordsFor,
      );
    });
  });
}
