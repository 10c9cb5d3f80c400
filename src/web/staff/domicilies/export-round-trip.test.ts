import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createDomicilie } from '../../../../test/helpers/factories.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { takeDecision } from '../../../domain/decisions/decisions.service.ts';
import { recordsWorld } from '../../../domain/domicilies/domicilies.fixtures.ts';
import { updateEntretien } from '../../../domain/entretien/entretien.service.ts';
import { templateRowBatches } from '../../../domain/spreadsheet/export.service.ts';
import { readTemplate } from '../../../domain/spreadsheet/import-reading.ts';
import { TEMPLATE_AYANTS_DROIT, type TemplateRow } from '../../../domain/spreadsheet/template.ts';
import { isoDateIn } from '../../../shared/dates.ts';
import { everyStatus } from './export.fixtures.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('an export imports back unchanged: the import reads the very rows the export wrote, status by status', async () => {
  const w = await recordsWorld(t);
  const { admin } = await everyStatus(t, w.team.structureId);
  // A renewal, a radiation and a refusal with other motifs, the « autre » sexe, answers with their précisions.
  const renewed = await createDomicilie(t.db, w.team.structureId, { nom: 'Ørsted', prenom: 'Håkon', sexe: 'autre', start_date: '2025-03-01', custom_ref: '1234' });
  await takeDecision(t.db, admin, renewed.id, 'renouvellement', {});
  await takeDecision(t.db, admin, renewed.id, 'valide', { date_debut: '01/03/2026' });
  await updateEntretien(t.db, admin, renewed.id, {
    situation_residentielle: 'AUTRE', situation_residentielle_autre: 'Péniche « Le Héron »', cause_instabilite: 'AUTRE', cause_instabilite_autre: 'Incendie',
    motif_demande: 'AUTRE', motif_demande_autre: 'Ouvrir un compte', situation_pro: 'AUTRE', situation_pro_autre: 'Saisonnier', revenus: 'OUI', revenus_nature: 'Salaire',
    commentaires: 'Deux lignes\nde commentaire',
  });
  const moved = await createDomicilie(t.db, w.team.structureId, { nom: 'Dupré', prenom: 'Élodie', start_date: '2025-09-01' });
  await takeDecision(t.db, admin, moved.id, 'radiation', { motif: 'entree_dans_un_logement' });
  const outside = await createDomicilie(t.db, w.team.structureId, { nom: 'Ibáñez', prenom: 'Íñigo', status: 'instruction' });
  await takeDecision(t.db, admin, outside.id, 'refus', { motif: 'hors_agrement' });

  const written: TemplateRow[] = [];
  for await (const batch of templateRowBatches(t.db, admin, {})) written.push(...batch.map(({ row }) => row));
  assert.deepEqual(new Set(written.map((row) => row.status)), new Set(['valide', 'radie', 'refuse', 'instruction', 'a_valider']));
  assert.ok(written.some((row) => row.isRenewal) && written.some((row) => row.ayantsDroit.length > TEMPLATE_AYANTS_DROIT));

  const response = await (await w.as('administrateur')).post('/domicilies/export', { confirmation: 'oui' });
  assert.equal(response.statusCode, 200);
  const read: TemplateRow[] = [];
  for await (const event of readTemplate({ bytes: response.rawPayload, fileName: 'export.xlsx' }, { today: isoDateIn(new Date(), admin.timezone) })) {
    assert.equal(event.kind, 'row', JSON.stringify(event));
    if (event.kind === 'row') read.push(event.row);
  }
  // The template holds four ayants droit a row: the others are in the sheet « Ayants droit », not in a row.
  assert.deepEqual(read, written.map((row) => ({ ...row, ayantsDroit: row.ayantsDroit.slice(0, TEMPLATE_AYANTS_DROIT) })));
});
