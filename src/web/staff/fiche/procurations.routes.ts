import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, idParams, multiline, text } from '../../shared/forms.ts';
import { runTabAction } from './courriers-tab.ts';
import * as service from '../../../domain/courriers/procurations.service.ts';

const dateField = text(20);
/** Managing procurations and the transfert: not the facteur (domain.md). */
const procurations = { roles: allowed.editors, place: 'procurations-titre' };
const transfert = { roles: allowed.editors, place: 'transfert-titre' };

export function procurationsRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;
  const base = '/domicilies/:id';
  const procurationParams = {
    params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, procurationId: { type: 'string', format: 'uuid' } }, required: ['id', 'procurationId'] },
  };

  app.post<{ Params: { id: string }; Body: service.ProcurationInput }>(
    `${base}/procurations`,
    { schema: { ...idParams, ...formSchema({ nom: text(300), prenom: text(300), date_naissance: dateField, date_debut: dateField, date_fin: dateField }, []) } },
    async (request, reply) =>
      runTabAction(db, request, reply, { ...procurations, form: 'procuration' }, async (staff) => {
        await service.createProcuration(db, staff, request.params.id, request.body);
        return 'La procuration a été ajoutée.';
      }),
  );

  app.post<{ Params: { id: string; procurationId: string } }>(
    `${base}/procurations/:procurationId/supprimer`,
    { schema: { ...procurationParams, ...formSchema({}) } },
    async (request, reply) =>
      runTabAction(db, request, reply, procurations, async (staff) => {
        const deleted = await service.deleteProcuration(db, staff, request.params.id, request.params.procurationId);
        return deleted ? 'La procuration a été supprimée.' : "Cette procuration n'existait plus.";
      }),
  );

  app.post<{ Params: { id: string }; Body: service.TransfertInput }>(
    `${base}/transfert`,
    { schema: { ...idParams, ...formSchema({ recipient_name: text(300), address: multiline(1000), date_debut: dateField, date_fin: dateField }, []) } },
    async (request, reply) =>
      runTabAction(db, request, reply, { ...transfert, form: 'transfert' }, async (staff) => {
        await service.saveTransfert(db, staff, request.params.id, request.body);
        return "L'adresse de transfert a été enregistrée.";
      }),
  );

  app.post<{ Params: { id: string } }>(`${base}/transfert/supprimer`, { schema: { ...idParams, ...formSchema({}) } }, async (request, reply) =>
    runTabAction(db, request, reply, transfert, async (staff) => {
      const deleted = await service.deleteTransfert(db, staff, request.params.id);
      return deleted ? "L'adresse de transfert a été supprimée." : "Il n'y avait pas d'adresse de transfert.";
    }),
  );
}
