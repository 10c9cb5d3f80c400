import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { stateAfter } from '../src/domain/decisions/decision-rules.ts';
import { LOGIN_ALPHABET, LOGIN_LENGTH } from '../src/domain/portal-access/credentials.ts';
import { updateLastVisitFromPresence } from '../src/domain/last-visit/last-visit.repository.ts';
import type { CheckResult } from './checks.ts';
import type { Pools } from './pools.ts';

class Rollback extends Error {}

const result = (name: string, module: CheckResult['module'], wrong: string | null, okDetail: string): CheckResult => ({
  name,
  module,
  status: wrong ? 'wrong' : 'ok',
  detail: wrong ?? okDetail,
  covers: [],
});

/** Domiciliés whose waiting counts differ from their unreleased items (all structures when `structureId` is null). */
async function waitingMismatches(db: Kysely<DB>, structureId: string | null): Promise<number> {
  const rows = await sql<{ count: string }>`
    SELECT count(*) AS count FROM domicilies d
    LEFT JOIN (
      SELECT domicilie_id,
        sum(quantity) FILTER (WHERE type = 'courrier') AS c, sum(quantity) FILTER (WHERE type = 'colis') AS p,
        sum(quantity) FILTER (WHERE type = 'avis_passage') AS a
      FROM courrier_items WHERE released_event_id IS NULL ${structureId ? sql`AND structure_id = ${structureId}` : sql``}
      GROUP BY domicilie_id
    ) w ON w.domicilie_id = d.id
    WHERE (d.waiting_courrier, d.waiting_colis, d.waiting_avis_passage) IS DISTINCT FROM (coalesce(w.c, 0), coalesce(w.p, 0), coalesce(w.a, 0))
      ${structureId ? sql`AND d.structure_id = ${structureId}` : sql``}`.execute(db);
  return Number(rows.rows[0]!.count);
}

/** Runs the application's own last-visit rule on each person, compares, and rolls everything back. */
async function lastVisitMismatches(db: Kysely<DB>, ids: string[]): Promise<string[]> {
  const wrong: string[] = [];
  await db
    .transaction()
    .execute(async (trx) => {
      for (const id of ids) {
        const stored = await trx.selectFrom('domicilies').select('last_visit_at').where('id', '=', id).executeTakeFirst();
        const recomputed = await updateLastVisitFromPresence(trx, id);
        if (stored?.last_visit_at?.getTime() !== recomputed?.getTime()) wrong.push(id);
      }
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return wrong;
}

async function sample(db: Kysely<DB>, size: number): Promise<string[]> {
  const picked = await sql<{ id: string }>`SELECT id FROM domicilies ORDER BY md5(id::text || 'sample') LIMIT ${size}`.execute(db);
  return picked.rows.map((row) => row.id);
}

/** What the application relies on, checked on the generated data before any request. */
export async function datasetChecks(db: Kysely<DB>, pools: Pools): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const waiting = await waitingMismatches(db, null);
  results.push(result('jeu de données : courrier en attente = éléments non remis', 'app', waiting ? `${waiting} domiciliés incohérents` : null, 'cohérent pour tous'));
  const numbers = await sql<{ count: string }>`SELECT count(*) AS count FROM structures s
    WHERE s.last_dossier_number <> (SELECT coalesce(max(dossier_number), 0) FROM domicilies d WHERE d.structure_id = s.id)`.execute(db);
  const badNumbers = Number(numbers.rows[0]!.count);
  results.push(result('jeu de données : dernier numéro de dossier', 'app', badNumbers ? `${badNumbers} structures incohérentes` : null, 'égal au plus grand numéro'));
  const pattern = `^[${LOGIN_ALPHABET}]{${LOGIN_LENGTH}}$`;
  const logins = await sql<{ count: string }>`SELECT count(*) AS count FROM portal_accounts WHERE login !~ ${pattern}`.execute(db);
  const badLogins = Number(logins.rows[0]!.count);
  results.push(result('jeu de données : identifiants du portail', 'app', badLogins ? `${badLogins} identifiants mal formés` : null, `${LOGIN_LENGTH} lettres de l'alphabet de l'application, uniques`));

  const ids = [...Object.values(pools.planted), ...(await sample(db, 300))];
  const decisions = await db
    .selectFrom('decisions')
    .select(['domicilie_id', 'status', 'is_renewal', 'start_date', 'end_date'])
    .where('domicilie_id', 'in', ids)
    .where('cancelled_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const people = await db.selectFrom('domicilies').select(['id', 'status', 'start_date', 'end_date']).where('id', 'in', ids).execute();
  const badStates = people.filter((row) => {
    const state = stateAfter(decisions.filter((decision) => decision.domicilie_id === row.id));
    return state.status !== row.status || state.start_date !== row.start_date || state.end_date !== row.end_date;
  });
  results.push(result('jeu de données : statut et dates = décisions', 'app', badStates.length ? `${badStates.length} sur ${people.length} incohérents` : null, `${people.length} dossiers vérifiés`));
  const badVisits = await lastVisitMismatches(db, ids);
  results.push(result('jeu de données : date de dernier passage', 'app', badVisits.length ? `${badVisits.length} sur ${ids.length} différentes de la règle` : null, `${ids.length} dossiers recalculés par la règle de l'application`));
  return results;
}

export type RunFacts = {
  receptionSuccesses: number | null;
  handOutSuccesses: number | null;
  /** Requests still on the wire when a timed run ends: done in the database, never counted as answered. */
  inFlight: number;
  mailCheckRan: boolean;
  wordLogin: string | null;
  touched: string[];
};

/** After the load: counts, invariants and the side effects of the checks, read in the database. */
export async function afterRunChecks(db: Kysely<DB>, pools: Pools, facts: RunFacts): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const main = pools.mainStructureId;
  if (facts.mailCheckRan) {
    const row = await db.selectFrom('domicilies').select(['waiting_courrier', 'waiting_colis', 'waiting_avis_passage']).where('id', '=', pools.planted['mail-check']!).executeTakeFirstOrThrow();
    // The check received 2 courriers and 1 colis, then handed out the courriers only (earlier runs may have left colis).
    const before = pools.before.mailCheck;
    const expected = `0/${before.colis + 1}/${before.avis_passage}`;
    const counts = `${row.waiting_courrier}/${row.waiting_colis}/${row.waiting_avis_passage}`;
    results.push(result('courrier : attente après réception (2 courriers, 1 colis) et remise des seuls courriers', 'courriers', counts === expected ? null : `attente ${counts} au lieu de ${expected}`, `attente ${counts} (courrier/colis/avis), comme attendu`));
  }
  const waiting = await waitingMismatches(db, main);
  results.push(result('courrier : attente = éléments non remis après la charge', 'courriers', waiting ? `${waiting} domiciliés incohérents` : null, 'cohérent dans la structure mesurée'));
  const counts = await sql<{ receptions: string; hand_outs: string }>`SELECT
      count(*) FILTER (WHERE kind = 'reception') AS receptions, count(*) FILTER (WHERE kind = 'hand_out') AS hand_outs
      FROM courrier_events WHERE structure_id = ${main}`.execute(db);
  const extra = facts.mailCheckRan ? 1 : 0;
  const check = (label: string, successes: number | null, after: number, before: number) => {
    if (successes === null) return;
    const expected = successes + extra;
    const got = after - before;
    const right = got >= expected && got <= expected + facts.inFlight;
    results.push(result(`courrier : ${label} en base = réponses réussies`, 'courriers', right ? null : `${got} en base pour ${expected} réponses réussies`, `${got} événements pour ${expected} réponses (+ ≤ ${facts.inFlight} en vol à la fin des mesures)`));
  };
  check('réceptions', facts.receptionSuccesses, Number(counts.rows[0]!.receptions), pools.before.receptions);
  check('remises', facts.handOutSuccesses, Number(counts.rows[0]!.hand_outs), pools.before.handOuts);
  if (facts.touched.length > 0) {
    const badVisits = await lastVisitMismatches(db, facts.touched.slice(0, 300));
    results.push(result('dernier passage après la charge', 'courriers', badVisits.length ? `${badVisits.length} dossiers différents de la règle` : null, `${Math.min(300, facts.touched.length)} dossiers recalculés`));
  }
  if (facts.wordLogin) {
    const account = await db.selectFrom('portal_accounts').select(['login', 'password_is_temporary']).where('domicilie_id', '=', pools.planted['word-check']!).executeTakeFirst();
    const wrong = !account ? 'aucun compte créé' : account.login !== facts.wordLogin ? `identifiant ${account.login} en base, ${facts.wordLogin} dans le document` : !account.password_is_temporary ? 'mot de passe non temporaire' : null;
    results.push(result('accès au portail : compte = document', 'portal-access', wrong, 'identifiant du document enregistré, mot de passe temporaire'));
  }
  return results;
}
