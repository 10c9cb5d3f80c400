import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, multiline, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { getFicheHeader } from '../../../domain/domicilies/domicilies.service.ts';
import { entretienFields } from '../../../domain/entretien/entretien-fields.ts';
import { entretienFormValues, getEntretien, updateEntretien, type EntretienForm } from '../../../domain/entretien/entretien.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';
import { EditEntretienPage, ENTRETIEN_PLACE } from './entretien.views.tsx';

// Lengths only, with room above the service's limits so that it words a text too long.
const schemaFields: Record<string, object> = Object.fromEntries(
  entretienFields.map((field) => [field, field === 'commentaires' ? multiline(4000) : text(1000)]),
);

type IdParams = { Params: { id: string } };

/** The « Entretien » of the « Dossier » tab: its form, for those who edit the record. */
export function entretienRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  app.get<IdParams>('/domicilies/:id/entretien', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    const entretien = await getEntretien(db, staff, domicilie.id);
    return sendPage(reply, EditEntretienPage({ ctx: pageContext(request), domicilie, values: entretienFormValues(entretien) }));
  });

  app.post<IdParams & { Body: EntretienForm }>(
    '/domicilies/:id/entretien',
    { schema: { ...idParams, ...formSchema(schemaFields, []) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const { id } = request.params;
      return withFormErrors(
        async () => {
          const changed = await updateEntretien(db, staff, id, request.body);
          return redirectAfterPost(reply, `/domicilies/${id}#${ENTRETIEN_PLACE}`, changed.length > 0 ? "L'entretien est enregistré." : "L'entretien n'a pas changé.");
        },
        async (errors) => {
          const domicilie = await getFicheHeader(db, staff, id);
          return sendPage(reply, EditEntretienPage({ ctx: pageContext(request), domicilie, values: request.body, errors }), 400);
        },
        wordsFor,
      );
    },
  );
}
