import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, integer, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendFragment, sendPage } from '../../shared/render.tsx';
import { getFicheHeader, updateIdentity } from '../../../domain/domicilies/domicilies.service.ts';
import { createDomicilie, deleteDomicilie, getDossier, getHistory } from '../../../domain/dossiers/dossiers.service.ts';
import { DeleteConfirmPage, EditIdentityPage, NewDomiciliePage } from './domicilies.views.tsx';
import { sendDossierTab } from '../fiche/dossier-page.tsx';
import { HistoryTab } from '../fiche/history.views.tsx';
import { identityFormValues } from './identity-form.tsx';
import type { IdentityForm } from '../../../domain/domicilies/identity-input.ts';
import { identitySchemaFields } from './identity-schema.ts';
import { searchDomicilies, type SearchQuery } from '../../../domain/domicilies/search.service.ts';
import { SearchPage, SearchResults } from './search.views.tsx';
import { requireStaff, pageContext } from '../staff-context.ts';
import { wordsFor } from '../staff.words.ts';

const filterFields = {
  statut: { type: 'string', enum: ['', 'instruction', 'a_valider', 'valide', 'refuse', 'radie'] },
  echeance: { type: 'string', enum: ['', 'passee', 'bientot'] },
  passage: { type: 'string', enum: ['', '2', '3'] },
  courrier: { type: 'string', enum: ['', '1'] },
  page: integer(1, 100_000),
};

type RawSearch = Partial<Record<'q' | 'statut' | 'echeance' | 'passage' | 'courrier', string>> & { page?: number };

/** Empty filters (« Tous », « Peu importe ») mean no filter. */
function searchQuery(raw: RawSearch): SearchQuery {
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) if (value !== '' && value !== undefined && name !== '_csrf') query[name] = value;
  return query as SearchQuery;
}

type IdParams = { Params: { id: string } };

export function domiciliesRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  const list = async (request: FastifyRequest, reply: FastifyReply, raw: RawSearch) => {
    const staff = requireStaff(request, allowed.everyone);
    const outcome = await searchDomicilies(db, staff, searchQuery(raw));
    const ctx = pageContext(request);
    // search.js asks for the results only, as one types.
    if (request.headers['x-fragment'] === '1') return sendFragment(reply, SearchResults({ ctx, outcome }));
    return sendPage(reply, SearchPage({ ctx, outcome, canCreate: (allowed.editors as readonly string[]).includes(staff.role) }));
  };

  app.get<{ Querystring: Omit<RawSearch, 'q'> }>('/domicilies', { schema: { querystring: { type: 'object', properties: filterFields } } }, (request, reply) =>
    list(request, reply, request.query),
  );

  // Names are searched through POST bodies only: they never end up in a URL, a log or a history.
  app.post<{ Body: RawSearch }>('/domicilies', { schema: formSchema({ q: text(100), ...filterFields }, []) }, (request, reply) =>
    list(request, reply, request.body),
  );

  app.get('/domicilies/nouveau', async (request, reply) => {
    requireStaff(request, allowed.editors);
    return sendPage(reply, NewDomiciliePage({ ctx: pageContext(request) }));
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
          if ('duplicates' in outcome) return sendPage(reply, NewDomiciliePage({ ctx: pageContext(request), values, duplicates: outcome.duplicates }));
          return redirectAfterPost(reply, `/domicilies/${outcome.created.id}`, `Le dossier n° ${outcome.created.dossier_number} a été créé.`);
        },
        (errors) => sendPage(reply, NewDomiciliePage({ ctx: pageContext(request), values, errors }), 400),
        wordsFor,
      );
    },
  );

  app.get<IdParams>('/domicilies/:id', { schema: idParams }, (request, reply) => sendDossierTab(db, request, reply, request.params.id));

  app.get<IdParams>('/domicilies/:id/modifier', { schema: idParams }, async (request, reply) => {
    const staff = requireStaff(request, allowed.editors);
    const { domicilie, ayantsDroit } = await getDossier(db, staff, request.params.id);
    return sendPage(reply, EditIdentityPage({ ctx: pageContext(request), domicilie, values: identityFormValues(domicilie, ayantsDroit) }));
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
          return sendPage(reply, EditIdentityPage({ ctx: pageContext(request), domicilie, values: request.body, errors }), 400);
        },
        wordsFor,
      );
    },
  );

  // First post: the confirmation page; second post, with confirmation=oui: the deletion.
  app.post<IdParams & { Body: { confirmation?: string } }>(
    '/domicilies/:id/supprimer',
    { schema: { ...idParams, ...formSchema({ confirmation: text(3) }, []) } },
    async (request, reply) => {
      const staff = requireStaff(request, allowed.deciders);
      const { id } = request.params;
      if (request.body.confirmation !== 'oui') {
        const { domicilie } = await getDossier(db, staff, id);
        return sendPage(reply, DeleteConfirmPage({ ctx: pageContext(request), domicilie }));
      }
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
