import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { isoDateIn } from '../../../shared/dates.ts';
import { formSchema } from '../../shared/forms.ts';
import { sendPage } from '../../shared/render.tsx';
import { rememberedSearch } from '../../../domain/sessions/sessions.service.ts';
import { exportDomicilies, exportFileName, type ExportFilters } from '../../../domain/spreadsheet/export.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { ExportConfirmPage } from './export.views.tsx';
import { choices, restoredQuery, searchQuery, type RawSearch } from './list-filters.ts';

const exportFields = { statut: choices.statut, echeance: choices.echeance, passage: choices.passage, courrier: choices.courrier };
const exportSchema = formSchema(
  {
    ...Object.fromEntries(Object.entries(exportFields).map(([name, values]) => [name, { type: 'string', enum: values }])),
    confirmation: { type: 'string', enum: ['oui'] },
  },
  [],
);

/** Only the filters: a name typed in the search never reaches the export, nor the audit. */
const filtersOf = ({ statut, echeance, passage, courrier }: ExportFilters): ExportFilters => ({
  ...(statut && { statut }),
  ...(echeance && { echeance }),
  ...(passage && { passage }),
  ...(courrier && { courrier }),
});

export function exportRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  // The filters come from the list as it was left (kept with the session): nothing about a person in the URL.
  app.get('/domicilies/export', async (request, reply) => {
    requireStaff(request, allowed.deciders);
    const query = restoredQuery(await rememberedSearch(db, request.staffSessionToken!));
    return sendPage(reply, ExportConfirmPage({ ctx: pageContext(request), filters: filtersOf(query), searchedText: !!query.q }));
  });

  // The confirmation page posts the filters it showed; without its confirmation, back to it.
  app.post<{ Body: RawSearch & { confirmation?: 'oui' } }>('/domicilies/export', { schema: exportSchema, compress: false }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    if (request.body.confirmation !== 'oui') return reply.redirect('/domicilies/export', 303);
    const filters = filtersOf(searchQuery(request.body));
    const output = new PassThrough();
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${exportFileName(staff.structureName, isoDateIn(new Date(), staff.timezone))}"`)
      .header('cache-control', 'no-store')
      .send(output);
    // The file is written as the download goes; a failure half-way can only cut the download short.
    exportDomicilies(db, staff, filters, output).catch((error: unknown) => {
      request.log.error({ err: error }, 'export interrompu');
      output.destroy(error instanceof Error ? error : new Error('export interrompu'));
    });
    return reply;
  });
}
