import { encodeForm, type Form } from './http.ts';
import type { RequestSpec } from './measure.ts';
import type { Pools } from './pools.ts';
import { BENCH_PORTAL_PASSWORD } from './planted.ts';

export type ModuleName = 'domicilies' | 'courriers' | 'portal-access' | 'portal' | 'official-documents' | 'letters';

/** What the load needs to act as a logged-in staff member and as logged-in domiciliés. */
export type LoadContext = { pools: Pools; staffCookie: string; csrfCookie: string; csrfToken: string; portalCookies: string[]; wordDone: string[]; documentDownloads?: { cookie: string; path: string }[] };

export type Scenario = {
  key: string;
  label: string;
  module: ModuleName;
  /** p95 at concurrency 8, large scale, PostgreSQL (issue 6). */
  targetMs: number;
  /** Statuses of a successful answer. */
  ok: number[];
  /** A pool of targets that shrinks as it is used (hand-outs empty the waiting mail). */
  consumes?: keyof Pools;
  next(context: LoadContext): () => RequestSpec;
};

function cycle<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('aucune cible disponible pour cette mesure');
  let index = 0;
  return () => items[index++ % items.length]!;
}

const cursors = new WeakMap<unknown[], number>();

/** Walks a pool once across runs, so the run at concurrency 8 goes on where the run at 1 stopped. */
function consume<T>(items: T[]): () => T {
  if (items.length === 0) throw new Error('aucune cible disponible pour cette mesure');
  return () => {
    const index = cursors.get(items) ?? 0;
    cursors.set(items, index + 1);
    return items[index % items.length]!;
  };
}

/** True when a consumed pool had to start again from its first target. */
export function exhausted(items: unknown[]): boolean {
  return (cursors.get(items) ?? 0) > items.length;
}

const staffGet = (context: LoadContext, path: string): RequestSpec => ({ method: 'GET', path, headers: { cookie: context.staffCookie } });
const staffPost = (context: LoadContext, path: string, form: Form, headers: Record<string, string> = {}): RequestSpec => ({
  method: 'POST',
  path,
  headers: { cookie: context.staffCookie, ...headers },
  body: encodeForm({ _csrf: context.csrfToken, ...form }),
});
const search = (context: LoadContext, pool: string[]) => {
  const next = cycle(pool);
  return () => staffPost(context, '/domicilies', { q: next() }, { 'x-fragment': '1' });
};

export const scenarios: Scenario[] = [
  { key: 'search-prefix', label: 'Recherche : début du nom', module: 'domicilies', targetMs: 15, ok: [200], next: (c) => search(c, c.pools.prefixes) },
  { key: 'search-fragment', label: 'Recherche : fragment sans accents', module: 'domicilies', targetMs: 15, ok: [200], next: (c) => search(c, c.pools.fragments) },
  { key: 'search-birth', label: 'Recherche : date de naissance', module: 'domicilies', targetMs: 15, ok: [200], next: (c) => search(c, c.pools.birthDates) },
  {
    key: 'list-passage',
    label: 'Liste : dernier passage > 3 mois',
    module: 'domicilies',
    targetMs: 15,
    ok: [200],
    next: (c) => {
      const next = cycle(['/domicilies?passage=3', '/domicilies?passage=3&page=2', '/domicilies?passage=3&statut=valide', '/domicilies?passage=3&courrier=1']);
      return () => staffGet(c, next());
    },
  },
  {
    key: 'list-sorted',
    label: 'Liste : triée par échéance ou dernier passage',
    module: 'domicilies',
    targetMs: 15,
    ok: [200],
    next: (c) => {
      const next = cycle(['/domicilies?statut=valide&tri=echeance', '/domicilies?echeance=bientot&tri=echeance', '/domicilies?tri=passage', '/domicilies?statut=radie&tri=passage&page=2']);
      return () => staffGet(c, next());
    },
  },
  {
    key: 'dashboard',
    label: "Accueil des agents : tableau de bord",
    module: 'domicilies',
    targetMs: 15,
    ok: [200],
    next: (c) => () => staffGet(c, '/accueil'),
  },
  {
    key: 'fiche',
    label: 'Fiche domicilié (Dossier)',
    module: 'domicilies',
    targetMs: 15,
    ok: [200],
    next: (c) => {
      const next = cycle(c.pools.fiche);
      return () => staffGet(c, `/domicilies/${next()}`);
    },
  },
  {
    key: 'courriers-tab',
    label: 'Onglet Courriers',
    module: 'courriers',
    targetMs: 15,
    ok: [200],
    next: (c) => {
      const next = cycle(c.pools.courriersTab);
      return () => staffGet(c, `/domicilies/${next()}/courriers`);
    },
  },
  {
    key: 'portal-home',
    label: 'Portail : accueil',
    module: 'portal',
    targetMs: 10,
    ok: [200],
    next: (c) => {
      const next = cycle(c.portalCookies);
      return () => ({ method: 'GET', path: '/portail', headers: { cookie: next() } });
    },
  },
  {
    key: 'portal-history',
    label: 'Portail : historique',
    module: 'portal',
    targetMs: 10,
    ok: [200],
    next: (c) => {
      const next = cycle(c.portalCookies);
      return () => ({ method: 'GET', path: '/portail/historique', headers: { cookie: next() } });
    },
  },
  {
    // Issue 19: a person downloads a 1 MB document staff shared with them (bench/documents.ts plants them).
    key: 'document-download',
    label: 'Portail : télécharger un document de 1 Mo',
    module: 'portal',
    targetMs: 50,
    ok: [200],
    next: (c) => {
      const next = cycle(c.documentDownloads ?? []);
      return () => {
        const download = next();
        return { method: 'GET', path: download.path, headers: { cookie: download.cookie } };
      };
    },
  },
  {
    key: 'reception',
    label: 'Enregistrer du courrier',
    module: 'courriers',
    targetMs: 15,
    ok: [303],
    next: (c) => {
      const next = cycle(c.pools.reception);
      let count = 0;
      return () => staffPost(c, `/domicilies/${next()}/courriers/reception`, { courrier: 1 + (count++ % 3), colis: count % 7 === 0 ? 1 : 0, avis_passage: 0, comment: count % 5 === 0 ? 'Lettre de la CAF' : '' });
    },
  },
  {
    key: 'hand-out',
    label: 'Distribuer le courrier',
    module: 'courriers',
    targetMs: 15,
    ok: [303],
    consumes: 'handOut',
    next: (c) => {
      const next = consume(c.pools.handOut);
      return () => staffPost(c, `/domicilies/${next()}/courriers/distribution`, { types: ['courrier', 'colis', 'avis_passage'], recipient: 'domicilie' });
    },
  },
  {
    key: 'portal-login',
    label: 'Portail : connexion (argon2id)',
    module: 'portal',
    targetMs: 50,
    ok: [303],
    next: (c) => {
      const next = cycle(c.pools.portalLogins);
      return () => ({
        method: 'POST',
        path: '/portail/connexion',
        headers: { cookie: c.csrfCookie },
        body: encodeForm({ _csrf: c.csrfToken, identifiant: next(), mot_de_passe: BENCH_PORTAL_PASSWORD }),
      });
    },
  },
  {
    key: 'word-document',
    label: 'Accès portail + document Word',
    module: 'portal-access',
    targetMs: 30,
    ok: [303],
    consumes: 'word',
    next: (c) => {
      const next = consume(c.pools.word);
      return () => {
        const id = next();
        const onAnswer = (status: number) => (status === 303 ? c.wordDone.push(id) : undefined);
        return { ...staffPost(c, `/domicilies/${id}/acces-portail`, { acces: 'oui', reinitialiser: '1' }), onAnswer };
      };
    },
  },
  {
    key: 'attestation',
    label: "Attestation d'élection de domicile (PDF)",
    module: 'official-documents',
    targetMs: 50,
    ok: [200],
    next: (c) => {
      const next = cycle(c.pools.attestations);
      return () => staffGet(c, next());
    },
  },
  {
    key: 'demande',
    label: "Demande d'élection de domicile (PDF)",
    module: 'official-documents',
    targetMs: 50,
    ok: [200],
    next: (c) => {
      const next = cycle(c.pools.demandes);
      return () => staffGet(c, next());
    },
  },
  ...(
    [
      ['courrier-refus', 'Courrier de refus (Word)', 'refusalLetters'],
      ['courrier-radiation', 'Courrier de radiation (Word)', 'radiationLetters'],
      ['attestation-postale', 'Attestation postale (Word)', 'postalAttestations'],
    ] as const
  ).map(
    ([key, label, pool]): Scenario => ({
      key,
      label,
      module: 'letters',
      targetMs: 50,
      ok: [200],
      next: (c) => {
        const next = cycle(c.pools[pool]);
        return () => staffGet(c, next());
      },
    }),
  ),
  {
    key: 'word-download',
    label: 'Téléchargement du document Word',
    module: 'portal-access',
    targetMs: 30,
    ok: [200],
    next: (c) => {
      const next = cycle(c.wordDone.length > 0 ? [...new Set(c.wordDone)] : c.pools.word);
      return () => staffGet(c, `/domicilies/${next()}/acces-portail/document`);
    },
  },
];
