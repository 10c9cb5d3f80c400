import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { LOGIN_ALPHABET, LOGIN_LENGTH } from '../src/domain/portal-access/credentials.ts';
import { HttpClient, type Reply } from './http.ts';
import { BENCH_PORTAL_PASSWORD, BENCH_STAFF_PASSWORD, MAIN_GESTIONNAIRE, plantedPeople } from './planted.ts';
import type { Pools } from './pools.ts';
import type { ModuleName } from './scenarios.ts';

export type CheckStatus = 'ok' | 'wrong' | 'not-available';
export type CheckResult = { name: string; module: ModuleName | 'app'; status: CheckStatus; detail: string; covers: string[] };

const modules: ModuleName[] = ['domicilies', 'courriers', 'portal-access', 'portal', 'official-documents', 'letters'];
/** Once every module's folder exists, a missing route is a defect, no longer "not built yet". */
export const allModulesPresent = () => modules.every((name) => existsSync(`src/domain/${name}`));

class NotAvailable extends Error {}
class Wrong extends Error {}

const fold = (text: string) => text.toLowerCase();

/** The main part of a .docx, or null when the bytes are not a readable ZIP holding one. */
function readDocxXml(docx: Buffer): string | null {
  try {
    const part = unzipSync(docx, { filter: (file) => file.name === 'word/document.xml' })['word/document.xml'];
    return part ? strFromU8(part) : null;
  } catch {
    return null;
  }
}

const person = (key: string) => plantedPeople.find((entry) => entry.key === key)!;

/**
 * The page shows this planted person: a link to their fiche (names are not unique: another
 * Jérôme may be listed), or, on a page without any fiche link, their first name.
 */
function shows(reply: Reply, pools: Pools, key: string): boolean {
  if (/\/domicilies\/[0-9a-f]{8}-/.test(reply.text)) return reply.text.includes(pools.planted[key]!);
  return fold(reply.text).includes(fold(person(key).prenom));
}

export type CheckContext = { pools: Pools; staff: HttpClient; wordLogin: string | null; results: CheckResult[] };

function expectStatus(reply: Reply, expected: number, what: string) {
  if (reply.status === 404 && expected !== 404) throw new NotAvailable(`${what} : 404`);
  if (reply.status !== expected) throw new Wrong(`${what} : statut ${reply.status} au lieu de ${expected}`);
}

async function check(context: CheckContext, name: string, module: CheckResult['module'], covers: string[], body: () => Promise<string>) {
  try {
    const detail = await body();
    context.results.push({ name, module, status: 'ok', detail, covers });
  } catch (error) {
    if (error instanceof NotAvailable && !allModulesPresent()) {
      context.results.push({ name, module, status: 'not-available', detail: `route absente (${error.message})`, covers });
    } else {
      const detail = error instanceof Error ? error.message : String(error);
      context.results.push({ name, module, status: 'wrong', detail, covers });
    }
  }
}

async function searchFinds(context: CheckContext, query: string, form: Record<string, string>, expected: string[], absent: string[]) {
  const reply = await context.staff.post('/domicilies', { q: query, ...form }, { 'x-fragment': '1' });
  expectStatus(reply, 200, `recherche « ${query} »`);
  const missing = expected.filter((key) => !shows(reply, context.pools, key));
  if (missing.length > 0) throw new Wrong(`« ${query} » ne trouve pas ${missing.join(', ')}`);
  const leaked = absent.filter((key) => shows(reply, context.pools, key));
  if (leaked.length > 0) throw new Wrong(`« ${query} » montre à tort ${leaked.join(', ')}`);
  return `trouve ${expected.join(', ')}${absent.length ? `, pas ${absent.join(', ')}` : ''}`;
}

/** Answers checked over HTTP on the planted people, before the load. */
export async function runHttpChecks(baseUrl: string, pools: Pools): Promise<CheckContext> {
  const staff = new HttpClient(baseUrl);
  const context: CheckContext = { pools, staff, wordLogin: null, results: [] };
  const id = (key: string) => pools.planted[key]!;

  await staff.prepare('/connexion');
  const login = await staff.post('/connexion', { email: MAIN_GESTIONNAIRE, password: BENCH_STAFF_PASSWORD });
  if (login.status !== 303 || !staff.cookies.has('sid')) throw new Error(`connexion de l'agent impossible (statut ${login.status})`);
  await staff.get('/accueil');

  const searches = ['search-prefix', 'search-fragment', 'search-birth'];
  await check(context, 'recherche par fragment sans accents « lefevre »', 'domicilies', searches, () =>
    searchFinds(context, 'lefevre', {}, ['lefevre-anais', 'lefevre-jerome'], ['decoy-lefevre']));
  await check(context, 'recherche en capitales accentuées « LEFÈVRE »', 'domicilies', [], () => searchFinds(context, 'LEFÈVRE', {}, ['lefevre-anais'], ['decoy-lefevre']));
  await check(context, 'recherche par début de nom « Quémén »', 'domicilies', [], () =>
    searchFinds(context, 'Quémén', {}, ['quemener-old', 'quemener-recent'], ['decoy-quemener']));
  await check(context, 'recherche par date de naissance « 29/02/1984 »', 'domicilies', [], () => searchFinds(context, '29/02/1984', {}, ['ngoma'], ['decoy-ngoma']));
  await check(context, 'filtre dernier passage > 3 mois', 'domicilies', ['list-passage'], async () => {
    const page = await staff.get('/domicilies?passage=3');
    expectStatus(page, 200, 'liste filtrée');
    return searchFinds(context, 'Quéméner', { passage: '3' }, ['quemener-old'], ['quemener-recent', 'decoy-quemener']);
  });
  await check(context, "tableau de bord de l'accueil", 'domicilies', ['dashboard'], async () => {
    const home = await staff.get('/accueil');
    expectStatus(home, 200, 'accueil');
    const links = ['/domicilies?statut=valide', '/domicilies?courrier=1', '/domicilies?statut=valide&amp;passage=3', '/domicilies?echeance=bientot'];
    const missing = links.filter((link) => !home.text.includes(`href="${link}"`));
    if (missing.length > 0) throw new Wrong(`l'accueil n'a pas les liens ${missing.join(', ')}`);
    const valide = /data-figure="valide"><a [^>]+><span class="figure-value">([\d\s\u202f]+)</.exec(home.text)?.[1];
    if (!valide || Number(valide.replace(/\D/g, '')) === 0) throw new Wrong("l'accueil ne compte aucune domiciliation valide");
    return `4 chiffres, chacun un lien vers la liste ; ${valide.trim()} domiciliations valides`;
  });
  await check(context, 'fiche domicilié, isolée des autres structures', 'domicilies', ['fiche'], async () => {
    const reply = await staff.get(`/domicilies/${id('lefevre-anais')}`);
    expectStatus(reply, 200, 'fiche');
    if (!fold(reply.text).includes('anaïs') || !fold(reply.text).includes('lefèvre')) throw new Wrong('la fiche ne montre pas Anaïs Lefèvre');
    expectStatus(await staff.get(`/domicilies/${id('decoy-lefevre')}`), 404, "fiche d'une autre structure");
    return 'fiche affichée ; autre structure : 404';
  });
  await check(context, 'onglet Courriers, isolé des autres structures', 'courriers', ['courriers-tab'], async () => {
    const reply = await staff.get(`/domicilies/${id('portal')}/courriers`);
    expectStatus(reply, 200, 'onglet Courriers');
    if (!reply.text.includes('Accès au portail usager')) throw new Wrong("l'onglet ne montre pas « Accès au portail usager »");
    expectStatus(await staff.get(`/domicilies/${id('decoy-lefevre')}/courriers`), 404, "onglet d'une autre structure");
    return 'onglet affiché ; autre structure : 404';
  });
  await check(context, 'réception puis distribution (comptes vérifiés en base après la mesure)', 'courriers', ['reception', 'hand-out'], async () => {
    const target = id('mail-check');
    const received = await staff.post(`/domicilies/${target}/courriers/reception`, { courrier: 2, colis: 1, avis_passage: 0, comment: "Banc d'essai" });
    expectStatus(received, 303, 'réception');
    const handed = await staff.post(`/domicilies/${target}/courriers/distribution`, { types: ['courrier'], recipient: 'domicilie' });
    expectStatus(handed, 303, 'distribution');
    expectStatus(await staff.post(`/domicilies/${id('decoy-lefevre')}/courriers/reception`, { courrier: 1, colis: 0, avis_passage: 0, comment: '' }), 404, "réception pour une autre structure");
    return '2 courriers + 1 colis reçus, courriers remis ; autre structure : 404';
  });
  await check(context, 'portail : connexion avec mot de passe personnel', 'portal', ['portal-login', 'portal-home', 'portal-history'], async () => {
    const portal = new HttpClient(baseUrl);
    await portal.prepare('/portail/connexion');
    const refused = await portal.post('/portail/connexion', { identifiant: pools.plantedLogin, mot_de_passe: 'mauvais-mot-de-passe' });
    expectStatus(refused, 401, 'connexion avec un mauvais mot de passe');
    const accepted = await portal.post('/portail/connexion', { identifiant: pools.plantedLogin, mot_de_passe: BENCH_PORTAL_PASSWORD });
    expectStatus(accepted, 303, 'connexion');
    if (!portal.cookies.has('psid') || accepted.location !== '/portail') throw new Wrong(`connexion sans session ou vers ${accepted.location}`);
    const home = await portal.get('/portail');
    expectStatus(home, 200, 'accueil du portail');
    if (!fold(home.text).includes('salimata')) throw new Wrong("l'accueil ne montre pas la personne connectée");
    if (!home.text.includes('Lettre de la CAF') || !/<strong>2<\/strong>/.test(home.text)) throw new Wrong("l'accueil ne montre pas les 2 courriers en attente et leur commentaire");
    if (fold(home.text).includes('zéphyrine')) throw new Wrong("l'accueil montre une autre personne");
    if (!home.text.includes('Nouveaux horaires : du lundi au vendredi') || home.text.includes('Fermeture le 24 décembre.')) throw new Wrong("l'accueil ne montre pas le seul message du jour de la structure");
    expectStatus(await portal.get('/portail/historique'), 200, 'historique du portail');
    return 'mauvais mot de passe : 401 ; bon : 303, accueil avec son courrier en attente et le message du jour, historique 200';
  });
  await check(context, "accès au portail et document Word", 'portal-access', ['word-document', 'word-download'], async () => {
    const target = id('word-check');
    expectStatus(await staff.post(`/domicilies/${target}/acces-portail`, { acces: 'oui', reinitialiser: '1' }), 303, 'création de l’accès');
    const document = await staff.get(`/domicilies/${target}/acces-portail/document`);
    expectStatus(document, 200, 'téléchargement du document');
    const xml = readDocxXml(document.body);
    if (!xml) throw new Wrong("le document n'est pas un .docx lisible");
    const text = xml.replace(/<[^>]+>/g, ' ');
    context.wordLogin = new RegExp(`\\b[${LOGIN_ALPHABET}]{${LOGIN_LENGTH}}\\b`).exec(text)?.[0] ?? null;
    if (!context.wordLogin) throw new Wrong("le document ne contient pas d'identifiant de 8 lettres");
    expectStatus(await staff.post(`/domicilies/${id('decoy-lefevre')}/acces-portail`, { acces: 'oui', reinitialiser: '1' }), 404, "accès pour une autre structure");
    return `document .docx avec l'identifiant ${context.wordLogin} ; autre structure : 404`;
  });
  await check(context, "attestation d'élection de domicile", 'official-documents', ['attestation'], async () => {
    const path = pools.attestations[0];
    if (!path) throw new Wrong('aucune personne valide dans le jeu');
    const document = await staff.get(path);
    expectStatus(document, 200, "téléchargement de l'attestation");
    if (!document.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Wrong("l'attestation n'est pas un PDF");
    expectStatus(await staff.get(path.replace(/\/domicilies\/[^/]+/, `/domicilies/${id('decoy-lefevre')}`)), 404, "attestation d'une autre structure");
    return 'PDF ; autre structure : 404';
  });
  await check(context, "demande d'élection de domicile", 'official-documents', ['demande'], async () => {
    const path = pools.demandes[0];
    if (!path) throw new Wrong('aucune demande en instruction dans le jeu');
    const document = await staff.get(path);
    expectStatus(document, 200, 'téléchargement de la demande');
    if (!document.body.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Wrong("la demande n'est pas un PDF");
    expectStatus(await staff.get(`/domicilies/${id('decoy-lefevre')}/demande`), 404, "demande d'une autre structure");
    return 'PDF ; autre structure : 404';
  });
  await check(context, 'courriers Word (refus, radiation, attestation postale)', 'letters', ['courrier-refus', 'courrier-radiation', 'attestation-postale'], async () => {
    const paths = [pools.refusalLetters[0], pools.radiationLetters[0], pools.postalAttestations[0]];
    for (const path of paths) {
      if (!path) throw new Wrong('il manque une personne refusée, radiée ou valide dans le jeu');
      const document = await staff.get(path);
      expectStatus(document, 200, `téléchargement de ${path.split('/').pop()}`);
      if (!readDocxXml(document.body)) throw new Wrong(`${path.split('/').pop()} n'est pas un .docx lisible`);
    }
    expectStatus(await staff.get(`/domicilies/${id('decoy-lefevre')}/attestation-postale`), 404, "attestation postale d'une autre structure");
    return '3 documents .docx ; autre structure : 404';
  });
  return context;
}

/** Logs domiciliés in, for the portal pages under load. */
export async function portalSessions(baseUrl: string, logins: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const login of logins) {
    const client = new HttpClient(baseUrl);
    await client.prepare('/portail/connexion');
    const reply = await client.post('/portail/connexion', { identifiant: login, mot_de_passe: BENCH_PORTAL_PASSWORD });
    if (reply.status === 303 && client.cookies.has('psid')) cookies.push(client.cookieHeader());
  }
  return cookies;
}
