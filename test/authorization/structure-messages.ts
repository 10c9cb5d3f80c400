import { allowed } from '../../src/shared/roles.ts';
import type { TestClient } from '../helpers/client.ts';
import type { RouteRule } from './rules.ts';

// « Messages aux domiciliés »: administrateur and gestionnaire only. The edit routes name a
// message of the structure under test, published by its administrateur before each call, so
// that another structure's administrateur meets a 404 where the structure's deciders meet the page.
const deciders = allowed.deciders;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
const message = () => ({ texte: 'Fermeture exceptionnelle le 24 décembre.', date_debut: day(0), date_fin: day(2) });

let published = ':message';
async function publish(administrateur: TestClient) {
  const response = await administrateur.post('/structure/messages', message());
  if (response.statusCode !== 303) throw new Error(`publishing answered ${response.statusCode}`);
  const page = (await administrateur.get('/structure/messages')).body;
  const found = /\/structure\/messages\/([0-9a-f-]{36})\/modifier/.exec(page);
  if (!found) throw new Error('no message listed');
  published = found[1]!;
}

export const rules: RouteRule[] = [
  { method: 'GET', path: () => '/structure/messages', allowed: deciders },
  { method: 'POST', path: () => '/structure/messages', form: message, allowed: deciders },
  { method: 'GET', path: () => `/structure/messages/${published}/modifier`, allowed: deciders, scoped: true, prepare: publish },
  { method: 'POST', path: () => `/structure/messages/${published}`, form: message, allowed: deciders, scoped: true, prepare: publish },
  // Deleting a message already gone is not an error (a double click): another structure's administrateur is sent back to their own list, their own structure untouched.
  { method: 'POST', path: () => `/structure/messages/${published}/supprimer`, form: () => ({ confirmation: 'oui' }), allowed: deciders, prepare: publish },
];
