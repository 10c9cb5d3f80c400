import { allowed } from '../../src/shared/roles.ts';
import { headers, person, xlsxOf } from '../../src/domain/spreadsheet/import.fixtures.ts';
import type { TestClient } from '../helpers/client.ts';
import { postFile } from '../helpers/multipart.ts';
import type { RouteRule } from './rules.ts';

// « Importer des domiciliés »: the structure's administrateur only; an import is the structure's.
let importId = '00000000-0000-0000-0000-000000000000';

/** An import of the administrateur's structure whose file has a faulty cell, once it is checked. */
async function refusedImport(administrateur: TestClient) {
  const content = await xlsxOf([headers, person({ date_naissance: '31/02/1980' })]);
  const sent = await postFile(administrateur, '/imports', { name: 'fichier', fileName: 'f.xlsx', contentType: 'application/octet-stream', content });
  const url = sent.headers.location as string;
  importId = url.split('/').pop()!;
  for (let tries = 0; tries < 100 && (await administrateur.get(url)).body.includes('http-equiv="refresh"'); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
}

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/imports', allowed: allowed.admins },
  { method: 'GET', path: () => '/imports/modele.xlsx', allowed: allowed.admins },
  { method: 'GET', path: () => '/imports/exemple.xlsx', allowed: allowed.admins },
  { method: 'POST', path: () => '/imports', allowed: allowed.admins },
  { method: 'GET', path: () => `/imports/${importId}`, allowed: allowed.admins, scoped: true, prepare: refusedImport },
  { method: 'GET', path: () => `/imports/${importId}/erreurs.xlsx`, allowed: allowed.admins, scoped: true, prepare: refusedImport },
  { method: 'POST', path: () => `/imports/${importId}/confirmer`, allowed: allowed.admins, scoped: true, prepare: refusedImport },
  { method: 'POST', path: () => `/imports/${importId}/abandonner`, allowed: allowed.admins, scoped: true, prepare: refusedImport },
];
