import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { structureRanges } from './dataset-setup.ts';
import { benchUid, PLANTED_DOSSIERS, plantedPeople } from './planted.ts';
import { scales } from './scales.ts';
import type { BenchArgs } from './args.ts';
import { HAND_OUTS_PER_SECOND } from './top-up.ts';

/** Targets picked before the run, spread over the measured structure so no cache answers for free. */
export type Pools = {
  mainStructureId: string;
  planted: Record<string, string>;
  plantedLogin: string;
  fiche: string[];
  courriersTab: string[];
  reception: string[];
  handOut: string[];
  /** Valid people without waiting mail, who receive some before the hand-outs when handOut is too short. */
  mailless: string[];
  word: string[];
  /** A valide person and their current valide decision, whose attestation is printed. */
  attestations: string[];
  /** A person whose request is under instruction (first or renewal), whose demande is printed. */
  demandes: string[];
  /** The Word letters: a refusal's, a radiation's (paths to their decisions), a valide person's attestation postale. */
  refusalLetters: string[];
  radiationLetters: string[];
  postalAttestations: string[];
  portalSessions: string[];
  /** People of the portal sessions, each given a shared 1 MB document before « document-download ». */
  documentPeople: { login: string; domicilieId: string }[];
  portalLogins: string[];
  prefixes: string[];
  fragments: string[];
  birthDates: string[];
  before: { receptions: number; handOuts: number; mailCheck: { courrier: number; colis: number; avis_passage: number } };
};

/** Ids of the planted people, computed as the generator does. */
export function plantedIds(args: BenchArgs): Record<string, string> {
  const ranges = structureRanges(scales[args.scale], args.seed);
  return Object.fromEntries(plantedPeople.map((person) => [person.key, benchUid(args.seed, 'd', ranges[person.structure]!.first + person.dossier - 1)]));
}

export async function collectPools(db: Kysely<DB>, args: BenchArgs): Promise<Pools> {
  const main = benchUid(args.seed, 's', 0);
  const planted = plantedIds(args);
  const ids = async (where: ReturnType<typeof sql>, salt: string, limit: number) =>
    (
      await sql<{ id: string }>`SELECT id FROM domicilies WHERE structure_id = ${main} AND dossier_number > ${PLANTED_DOSSIERS} AND ${where}
        ORDER BY md5(id::text || ${salt}) LIMIT ${limit}`.execute(db)
    ).rows.map((row) => row.id);
  const logins = (
    await sql<{ login: string }>`SELECT a.login FROM portal_accounts a JOIN domicilies d ON d.id = a.domicilie_id
      WHERE a.structure_id = ${main} AND d.dossier_number > ${PLANTED_DOSSIERS} AND a.enabled AND NOT a.password_is_temporary
      ORDER BY md5(a.login) LIMIT 5000`.execute(db)
  ).rows.map((row) => row.login);
  const plantedLogin = (await sql<{ login: string }>`SELECT login FROM portal_accounts WHERE domicilie_id = ${planted.portal!}`.execute(db)).rows[0]?.login ?? '';
  const prefixes = (
    await sql<{ prefix: string }>`SELECT lower(left(nom, 3 + abs(hashtext(nom)) % 3)) AS prefix FROM (
        SELECT nom FROM domicilies WHERE structure_id = ${main} GROUP BY nom ORDER BY count(*) DESC, nom LIMIT 60) n`.execute(db)
  ).rows.map((row) => row.prefix);
  // Words typed without their accents, whole or as a piece from the middle ("lefevre", "eloi").
  const fragments = (
    await sql<{ fragment: string }>`SELECT CASE WHEN abs(hashtext(word)) % 2 = 0 THEN word ELSE substr(word, 2, 4) END AS fragment
      FROM (SELECT DISTINCT search_normalize(w) AS word FROM domicilies, LATERAL (VALUES (nom), (prenom)) v(w)
        WHERE structure_id = ${main} AND lower(w) <> search_normalize(w) AND length(w) >= 5) x ORDER BY md5(word) LIMIT 60`.execute(db)
  ).rows.map((row) => row.fragment);
  const birthDates = (
    await sql<{ date: string }>`SELECT to_char(birth_date, 'DD/MM/YYYY') AS date FROM domicilies WHERE structure_id = ${main}
      ORDER BY md5(id::text || 'b') LIMIT 500`.execute(db)
  ).rows.map((row) => row.date);
  const counts = await sql<{ receptions: string; hand_outs: string }>`SELECT
      count(*) FILTER (WHERE kind = 'reception') AS receptions, count(*) FILTER (WHERE kind = 'hand_out') AS hand_outs
      FROM courrier_events WHERE structure_id = ${main}`.execute(db);
  const mailCheck = await db
    .selectFrom('domicilies')
    .select(['waiting_courrier', 'waiting_colis', 'waiting_avis_passage'])
    .where('id', '=', planted['mail-check']!)
    .executeTakeFirstOrThrow();
  const handOut = await ids(sql`status = 'valide' AND waiting_courrier + waiting_colis + waiting_avis_passage > 0`, 'h', 50_000);
  // The latest standing decision of that status of people now in that status, and the document it prints.
  const decisionPaths = async (status: 'valide' | 'refuse' | 'radie', document: string) =>
    (
      await sql<{ path: string }>`SELECT '/domicilies/' || d.id || '/decisions/' || r.id || '/' || ${document} AS path
        FROM domicilies d JOIN LATERAL (SELECT id FROM decisions WHERE domicilie_id = d.id AND status = ${status} AND cancelled_at IS NULL ORDER BY created_at DESC LIMIT 1) r ON true
        WHERE d.structure_id = ${main} AND d.dossier_number > ${PLANTED_DOSSIERS} AND d.status = ${status} ORDER BY md5(d.id::text || ${document}) LIMIT 2000`.execute(db)
    ).rows.map((row) => row.path);
  return {
    mainStructureId: main,
    planted,
    plantedLogin,
    fiche: await ids(sql`true`, 'f', 3000),
    courriersTab: await ids(sql`status IN ('valide', 'radie')`, 'c', 3000),
    reception: await ids(sql`status = 'valide'`, 'r', 10_000),
    handOut,
    mailless: await ids(sql`status = 'valide' AND waiting_courrier + waiting_colis + waiting_avis_passage = 0`, 'm', Math.max(0, args.duration * HAND_OUTS_PER_SECOND - handOut.length)),
    word: await ids(sql`status = 'valide' AND NOT EXISTS (SELECT 1 FROM portal_accounts a WHERE a.domicilie_id = domicilies.id AND NOT a.password_is_temporary)`, 'w', 10_000),
    attestations: await decisionPaths('valide', 'attestation'),
    demandes: (await ids(sql`status IN ('instruction', 'a_valider')`, 'd', 2000)).map((id) => `/domicilies/${id}/demande`),
    refusalLetters: await decisionPaths('refuse', 'courrier-refus'),
    radiationLetters: await decisionPaths('radie', 'courrier-radiation'),
    postalAttestations: (await ids(sql`status = 'valide'`, 'p', 2000)).map((id) => `/domicilies/${id}/attestation-postale`),
    portalSessions: logins.slice(0, 40),
    documentPeople: (
      await sql<{ login: string; domicilie_id: string }>`SELECT login, domicilie_id FROM portal_accounts WHERE login = ANY(${logins.slice(0, 8)}::text[]) ORDER BY login`.execute(db)
    ).rows.map((row) => ({ login: row.login, domicilieId: row.domicilie_id })),
    portalLogins: logins.slice(40),
    prefixes,
    fragments: ['lefevre', ...fragments],
    birthDates,
    before: {
      receptions: Number(counts.rows[0]!.receptions),
      handOuts: Number(counts.rows[0]!.hand_outs),
      mailCheck: { courrier: mailCheck.waiting_courrier, colis: mailCheck.waiting_colis, avis_passage: mailCheck.waiting_avis_passage },
    },
  };
}
