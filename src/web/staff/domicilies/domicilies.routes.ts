import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendFragment, sendPage } from '../../shared/render.tsx';
import { getFicheHeader, updateIdentity } from '../../../domain/domicilies/domicilies.service.ts';
import { createDomicilie, deleteDomicilie, getDossier, getHistory } from '../../../domain/dossiers/dossiers.service.ts';
import { EditIdentityPage, NewDomiciliePage } from './domicilies.views.tsx';
import { sendDossierTab } from '../fiche/dossier-page.tsx';
import { HistoryTab } from '../fiche/history.views.tsx';
import { identityFormValues } from './identity-form.tsx';
import type { IdentityForm } from '../../../domain/domicilies/identity-input.ts';
import { identitySchemaFields } from './identity-schema.ts';
import { searchDomicilies, type SearchQuery } from '../../../domain/domicilies/search.service.ts';
import { SearchPage, SearchResults } from './search.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { rememberedSearch, rememberSearch } from '../../../domain/sessions/sessions.service.ts';
import { wordsFor } from '../staff.words.ts';
import { filterFields, restoredQuery, searchQuery, type RawSearch } from './list-filters.ts';
import { sendingConfigured } from '../../../domain/notifications/notifications.service.ts';

const hasCriteria = (raw: object) => Object.keys(raw).length > 0;

type IdParams = { Params: { id: string } };

export function domiciliesRoutes(app: FastifyInstance, { database, config }: AppDeps) {
  const db = database.db;
  const sending = sendingConfigured(config);

  const list = async (request: FastifyRequest, reply: FastifyReply, query: SearchQuery) => {
    const staff = requireStaff(request, allowed.everyone);
    const outcome = await searchDomicilies(db, staff, query);
    const ctx = pageContext(request);
    // search.js asks for the results only, as one types.
    if (request.headers['x-fragment'] === '1') return sendFragment(reply, SearchResults({ ctx, outcome, canCreate: canCreate(staff.role) }));
    return sendPage(reply, SearchPage({ ctx, outcome, canCreate: canCreate(staff.role) }));
  };
  const canCreate = (role: string) => (allowed.editors as readonly string[]).includes(role);
  /** The session keeps the last search: coming back to the list finds it as it was left. */
  const remember = (request: FastifyRequest, query: SearchQuery | null) => rememberSearch(db, request.staffSessionToken!, query);

  // Links carry filters only (they say nothing about a person); without any, the list is the one left last.
  app.get<{ Querystring: Omit<RawSearch, 'q'> }>('/domicilies', { schema: { querystring: { type: 'object', properties: filterFields } } }, async (request, reply) => {
    requireStaff(request, allowed.everyone);
    if (!hasCriteria(request.query)) return list(request, reply, restoredQuery(await rememberedSearch(db, request.staffSessionToken!)));
    const query = searchQuery(request.query);
    await remember(request, query);
    return list(request, reply, query);
  });

  // Names are searched through POST bodies only: they never end up in a URL, a log or a history.
  // The search is kept with the session, then the browser is sent to the list (Back never posts again).
  app.post<{ Body: RawSearch }>('/domicilies', { schema: formSchema({ q: text(100), ...filterFields }, []) }, async (request, reply) => {
    requireStaff(request, allowed.everyone);
    const query = searchQuery(request.body);
    await remember(request, query);
    if (request.headers['x-fragment'] === '1') return list(request, reply, query);
    return reply.redirect('/domicilies', 303);
  });

  app.post('/domicilies/effacer', { schema: formSchema({}) }, async (request, reply) => {
    requireStaff(request, allowed.everyone);
    await remember(request, null);
    return reply.redirect('/domicilies', 303);
  });

  app.get('/domicilies/nouveau', async (request, reply) => {
    requireStaff(request, allowed.editors);
    return sendPage(reply, NewDomiciliePage({ ctx: pageContext(request), sending }));
  });

  app.post<{ Body: IdentityForm }>(
    '/domicilies/nouveau',
    { schema: formSchema({ ...identitySchemaFields, confirmer_doublon: text(3) }, []) },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const values = request.body;
      return withFormErrors(
        async () => {
          const outcome = await createDomicilie(db, staff, values, { confirmDuplicate: values.confirmer_doublon === 'oui' });
          if ('duplicates' in outcome) return sendPage(reply, NewDomiciliePage({ ctx: pageContext(request), values, duplicates: outcome.duplicates, sending }));
          return redirectAfterPost(reply, `/domicilies/${outcome.created.id}`, `Le dossier n° ${outcome.created.dossier_number} a été créé.`);
        },
        (errors) => sendPage(reply, NewDomiciliePage({ ctx: pageContext(request), values, errors, sending }), 400),
        wordsFor,
      );
    },
  );

  app.get<IdParams>('/domicilies/:id', { schema: idParams }, (request, reply) => sendDossierTab(db, request, reply, request.params.id));

  app.get<IdParams>('/domicilies/:id/modifier', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    const { domicilie, ayantsDroit } = await getDossier(db, staff, request.params.id);
    return sendPage(reply, EditIdentityPage({ ctx: pageContext(request), domicilie, values: identityFormValues(domicilie, ayantsDroit), sending }));
  });

  app.post<IdParams & { Body: IdentityForm }>(
    '/domicilies/:id',
    { schema: { ...idParams, ...formSchema(identitySchemaFields, []) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.editors);
      const { id } = request.params;
      return withFormErrors(
        async () => {
          await updateIdentity(db, staff, id, request.body);
          return redirectAfterPost(reply, `/domicilies/${id}`, "L'identité du domicilié a été enregistrée.");
        },
        async (errors) => {
          const { domicilie } = await getDossier(db, staff, id);
          return sendPage(reply, EditIdentityPage({ ctx: pageContext(request), domicilie, values: request.body, errors, sending }), 400);
        },
        wordsFor,
      );
    },
  );

  // Sent by the confirmation of the « Dossier » tab only: a post without it deletes nothing.
  app.post<IdParams & { Body: { confirmation: 'oui' } }>(
    '/domicilies/:id/supprimer',
    { schema: { ...idParams, ...formSchema({ confirmation: { type: 'string', enum: ['oui'] } }) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.deciders);
      const { id } = request.params;
      await deleteDomicilie(db, staff, id);
      return redirectAfterPost(reply, '/domicilies', 'Le dossier a été supprimé.');
    },
  );

  app.get<IdParams>('/domicilies/:id/historique', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.everyone);
    const domicilie = await getFicheHeader(db, staff, request.params.id);
    const history = await getHistory(db, staff, domicilie.id);
    return sendPage(reply, HistoryTab({ ctx: pageContext(request), domicilie, history }));
  });
}
