import { buildAccessDocument, prepareAccessDocuments } from './src/modules/portal-access/access-document.ts';
const input = { structure: { name: 'CCAS de Démo', street: '1 rue de la Paix', postcode: '75001', city: 'Paris', phone: '01 02 03 04 05', email: 'a@b.fr' }, domicilie: { nom: 'DUPONT', prenom: 'Marie', dossier_number: 12 }, login: 'ABCDEFGH', temporaryPassword: 'ABC-DEF-GHJ-KLM', portalUrl: 'https://portail.example.fr/portail', date: '2026-11-26', validUntil: '2026-12-26' };
prepareAccessDocuments(input.portalUrl);
for (let i = 0; i < 30; i++) await buildAccessDocument(input);
const n = 200; const t0 = performance.now(); const c0 = process.cpuUsage();
for (let i = 0; i < n; i++) await buildAccessDocument(input);
const c = process.cpuUsage(c0);
console.log('wall', ((performance.now() - t0) / n).toFixed(2), 'cpu', ((c.user + c.system) / 1000 / n).toFixed(2), 'ms', (await buildAccessDocument(input)).length, 'bytes');
