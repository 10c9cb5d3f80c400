import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isoDateIn } from '../../../shared/dates.ts';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { AppError, InvalidInput } from '../../../shared/errors.ts';
import { formSchema, idParams } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { acceptUploads, uploadedFileName } from '../../shared/uploads.ts';
import * as service from '../../../domain/imports/imports.service.ts';
import { templateReader } from '../../../domain/imports/template-reader.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor, type StaffProblem } from '../staff.words.ts';
import { EXAMPLE_URL, ImportUploadPage, IMPORTS_URL, importUrl, TEMPLATE_URL } from './import-upload.views.tsx';
import { ImportStatusPage } from './import-status.views.tsx';
import { cellProblemWords } from '../import.words.ts';

type IdParams = { Params: { id: string } };

/** Enough for the largest file, the token and the multipart framing; anything larger is not read. */
const MAX_REQUEST_BYTES = service.IMPORT_MAX_BYTES + 64 * 1024;

/** « Importer des domiciliés » (administrateur): send a file, follow its checking, confirm, read the result. */
export function importsRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const jobs = { db, key: config.secretKey, read: templateReader, onError: (error: unknown) => app.log.error(error) };
  // PGlite is opened by one process only: an import it does not run was left by a process that stopped.
  const soleProcess = database.engine === 'pglite';

  const uploadPage = async (request: Parameters<typeof pageContext>[0], error?: string) => {
    const admin = requireStaff(request, allowed.admins);
    return ImportUploadPage({ ctx: pageContext(request), imports: await service.listImports(db, admin), error });
  };

  app.get(IMPORTS_URL, async (request, reply) => sendPage(reply, await uploadPage(request)));

  // A workbook is streamed as it is written; a failure half-way ends the download (the browser says it failed).
  const sendWorkbook = (reply: FastifyReply, fileName: string, write: (output: PassThrough) => Promise<void>) => {
    const output = new PassThrough();
    write(output).catch((error: unknown) => {
      app.log.error(error);
      output.destroy(error as Error);
    });
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(output);
  };

  app.get(TEMPLATE_URL, async (request, reply) => {
    requireStaff(request, allowed.admins);
    return sendWorkbook(reply, 'modele-domicilies.xlsx', (output) => service.writeTemplate(output));
  });

  app.get(EXAMPLE_URL, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    return sendWorkbook(reply, 'exemple-domicilies.xlsx', (output) => service.writeTemplate(output, { today: isoDateIn(new Date(), admin.timezone) }));
  });

  app.get<IdParams>(`${IMPORTS_URL}/:id/erreurs.xlsx`, { schema: idParams }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    // Checked before the download starts, so a missing import is a page, not a broken file.
    const view = await service.getImport(db, admin, request.params.id, { soleProcess });
    if (view.state !== 'refused' || view.failure) throw new AppError('NOT_FOUND');
    return sendWorkbook(reply, 'erreurs-import.xlsx', (output) => service.writeProblemReport(jobs, admin, request.params.id, { describe: cellProblemWords, output }));
  });

  app.get<IdParams>(`${IMPORTS_URL}/:id`, { schema: idParams }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    const view = await service.getImport(db, admin, request.params.id, { soleProcess });
    const failure = view.failure ? wordsFor(view.failure as StaffProblem) : null;
    reply.header('cache-control', 'no-store');
    return sendPage(reply, ImportStatusPage({ ctx: pageContext(request), view, describe: cellProblemWords, failure }));
  });

  app.post<IdParams>(`${IMPORTS_URL}/:id/confirmer`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    await service.confirmImport(jobs, admin, request.params.id);
    return reply.redirect(importUrl(request.params.id), 303);
  });

  app.post<IdParams>(`${IMPORTS_URL}/:id/abandonner`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) => {
    const admin = requireStaff(request, allowed.admins);
    await service.abandonImport(db, admin, request.params.id);
    return redirectAfterPost(reply, IMPORTS_URL, "L'import est abandonné : aucun domicilié n'a été créé, et le fichier a été effacé.");
  });

  // Only this scope reads multipart bodies (web/shared/uploads.ts).
  app.register(async (uploads) => {
    const tooLarge: service.ImportFileProblem = { code: 'import_fichier_trop_lourd', maxBytes: service.IMPORT_MAX_BYTES };
    await acceptUploads(uploads, { maxFileBytes: service.IMPORT_MAX_BYTES, maxRequestBytes: MAX_REQUEST_BYTES, tooLarge, authorize: (request) => requireStaff(request, allowed.admins) });

    uploads.post<{ Body: { fichier?: unknown } }>(IMPORTS_URL, async (request, reply) => {
      const admin = requireStaff(request, allowed.admins);
      const bytes = Buffer.isBuffer(request.body?.fichier) ? request.body.fichier : undefined;
      try {
        const id = await service.startImport(jobs, admin, { fileName: uploadedFileName(request), bytes });
        return reply.redirect(importUrl(id), 303);
      } catch (error) {
        // The form comes back with the reason next to the file field: a wrong file, or an import already running.
        const problem = error instanceof InvalidInput ? error.fields.fichier : error instanceof AppError && error.code === 'CONFLICT' ? error.problem : undefined;
        if (!problem) throw error;
        const status = problem.code === 'import_fichier_trop_lourd' ? 413 : (error as AppError).status;
        return sendPage(reply, await uploadPage(request, wordsFor(problem as StaffProblem)), status);
      }
    });
  });
}
