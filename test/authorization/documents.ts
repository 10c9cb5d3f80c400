import { allowed } from '../../src/shared/roles.ts';
import type { TestClient } from '../helpers/client.ts';
import { pdfFile, postDocument } from '../helpers/documents.ts';
import type { Fixture, RouteRule } from './rules.ts';

/**
 * A person's documents (issue 19): editors add, rename, share and download; deciders delete; the
 * facteur reaches none. The document's id rides in the fixture's `decisionId` slot, as the
 * letters' rules put a decision of their own there.
 */

/** A document of `domicilieId`, sent by the administrateur; its id read from the tab's download link. */
async function addDocument(administrateur: TestClient, domicilieId: string, shared: boolean): Promise<string> {
  await postDocument(administrateur, domicilieId, { titre: 'Pièce d’identité', portail: shared }, pdfFile());
  const tab = await administrateur.get(`/domicilies/${domicilieId}/documents`);
  const found = new RegExp(`/domicilies/${domicilieId}/documents/([0-9a-f-]{36})"`).exec(tab.body);
  if (!found) throw new Error('no document on the tab');
  return found[1]!;
}

const withDocument = async (administrateur: TestClient, f: Fixture) => {
  f.decisionId = await addDocument(administrateur, f.domicilieId, false);
};

/** The portal caller's own person (« Usager Portail », made by the matrix), found by the staff search; else the fixture's. */
async function portalPerson(administrateur: TestClient, f: Fixture): Promise<string> {
  await administrateur.post('/domicilies', { q: 'usager portail' });
  const list = await administrateur.get('/domicilies');
  return /href="\/domicilies\/([0-9a-f-]{36})"/.exec(list.body)?.[1] ?? f.domicilieId;
}

const documentPath = (suffix = '') => (f: Fixture) => `/domicilies/${f.domicilieId}/documents/${f.decisionId}${suffix}`;
const portal = { allowed: [], audience: 'portal' } as const;

export const rules: RouteRule[] = [
  { method: 'GET', path: (f) => `/domicilies/${f.domicilieId}/documents`, allowed: allowed.editors, scoped: true },
  // Sent as a plain form: editors are told to choose a file (400), the others are refused.
  { method: 'POST', path: (f) => `/domicilies/${f.domicilieId}/documents`, form: () => ({ titre: 'Bail' }), allowed: allowed.editors, scoped: true },
  { method: 'GET', path: documentPath(), allowed: allowed.editors, scoped: true, prepare: withDocument },
  { method: 'POST', path: documentPath('/titre'), form: () => ({ titre: 'Passeport' }), allowed: allowed.editors, scoped: true, prepare: withDocument },
  { method: 'POST', path: documentPath('/portail'), form: () => ({ visible: 'oui' }), allowed: allowed.editors, scoped: true, prepare: withDocument },
  { method: 'POST', path: documentPath('/supprimer'), form: () => ({ confirmation: 'oui' }), allowed: allowed.deciders, scoped: true, prepare: withDocument },
  { method: 'GET', path: () => '/portail/documents', ...portal },
  {
    method: 'GET',
    path: () => '/portail/documents/attestation',
    ...portal,
    // The form's fields about the structure, so that the valide person's attestation is made.
    prepare: async (administrateur) => {
      await administrateur.post('/structure/formulaires-officiels', { responsable_nom: 'Garnier', responsable_prenom: 'Claire', responsable_fonction: 'Directrice' });
    },
  },
  {
    method: 'GET',
    path: (f) => `/portail/documents/${f.decisionId}`,
    ...portal,
    prepare: async (administrateur, f) => {
      f.decisionId = await addDocument(administrateur, await portalPerson(administrateur, f), true);
    },
  },
];
