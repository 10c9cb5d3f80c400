import { LOGIN_ALPHABET, LOGIN_LENGTH } from '../src/domain/portal-access/credentials.ts';
import { courrierComments, femaleFirstNames, maleFirstNames, nationalities, nicknames, surnames, towns } from './names.ts';
import { plantedPeople } from './planted.ts';
import type { ScaleSpec } from './scales.ts';

export const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: string[]) => `ARRAY[${values.map(quote).join(', ')}]::text[]`;

/** Tables whose secondary indexes are built once after the bulk load (much faster than row by row). */
export const LOADED_TABLES = ['domicilies', 'domicilie_words', 'structure_words', 'decisions', 'ayants_droit', 'procurations', 'courrier_events', 'courrier_items', 'portal_accounts', 'portal_logins', 'staff_users'];

/** Deterministic pseudo-random numbers for the sizes of the other structures (mulberry32). */
function random(seed: number) {
  let state = seed + 0x6d2b79f5;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type StructureRange = { s: number; first: number; size: number; events: number; eventOffset: number };

/** Structure 0 is the measured one; the others share `otherPeople` with uneven sizes, like real ones. */
export function structureRanges(spec: ScaleSpec, seed: number): StructureRange[] {
  const next = random(seed);
  const weights = Array.from({ length: spec.otherStructures }, () => 0.25 + 3 * next() ** 2);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const ranges: StructureRange[] = [{ s: 0, first: 1, size: spec.mainPeople, events: spec.mainEvents, eventOffset: 0 }];
  let cumulative = 0;
  let previous = 0;
  let first = spec.mainPeople + 1;
  let eventOffset = spec.mainEvents;
  weights.forEach((weight, index) => {
    cumulative += weight;
    const upTo = index === weights.length - 1 ? spec.otherPeople : Math.floor((spec.otherPeople * cumulative) / total);
    const size = upTo - previous;
    previous = upTo;
    const events = Math.round(size * spec.otherEventsPerPerson);
    ranges.push({ s: index + 1, first, size, events, eventOffset });
    first += size;
    eventOffset += events;
  });
  return ranges;
}

/**
 * Settings of every connection that loads data, given to the pool so that they hold for each
 * connection it opens, a new one after an idle lane included (defect 11 of issue 13).
 */
export function loadingSessionSettings(engine: 'pglite' | 'postgres', superuser: boolean): Record<string, string> {
  return {
    TimeZone: 'UTC',
    work_mem: engine === 'postgres' ? '256MB' : '32MB',
    maintenance_work_mem: engine === 'postgres' ? '512MB' : '64MB',
    // JIT compiles each big statement for about a second and gains nothing here.
    ...(engine === 'postgres' ? { synchronous_commit: 'off', jit: 'off' } : {}),
    // Rows are consistent by construction: no row-by-row foreign key checks, and no trigger
    // writing the name words that the bulk insert writes itself. Only a superuser may.
    ...(superuser ? { session_replication_role: 'replica' } : {}),
  };
}

/** The helper functions and small tables every later step reads. */
export function setupStatements(seed: number, ranges: StructureRange[], referenceDate: string): string[] {
  // The application's own alphabet and length; x runs over [0, n^length), so distinct people get distinct identifiers.
  const base = LOGIN_ALPHABET.length;
  const powers = Array.from({ length: LOGIN_LENGTH }, (_, k) => base ** k);
  const loginExpression = powers.map((power) => `substr('${LOGIN_ALPHABET}', ((x / ${power}) % ${base})::int + 1, 1)`).join(' || ');
  const rangeRows = ranges.map((range) => {
    const tz = range.s > 0 && range.s % 37 === 0 ? 'America/Cayenne' : range.s > 0 && range.s % 41 === 0 ? 'Indian/Reunion' : 'Europe/Paris';
    return `(${range.s}, ${range.first}, ${range.size}, ${range.events}, ${range.eventOffset}, '${tz}')`;
  });
  const plantedRows = plantedPeople.map((person) => {
    const range = ranges[person.structure]!;
    return `(${range.first + person.dossier - 1}, ${quote(person.key)}, ${quote(person.nom)}, ${quote(person.prenom)}, ${quote(person.sexe)}, date '${person.birthDate}', ${person.startDaysAgo}, ${person.visitDaysAgo ?? 'NULL'}, ${person.waiting.courrier}, ${person.waiting.colis}, ${person.portalAccount})`;
  });
  return [
    `DROP SCHEMA IF EXISTS bench CASCADE`,
    `CREATE SCHEMA bench`,
    `CREATE FUNCTION bench.rnd(i bigint, salt integer) RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT (hashint8extended(i, ${seed}::bigint * 1000003 + salt) & 2147483647)::double precision / 2147483648.0 $$`,
    `CREATE FUNCTION bench.uid(kind text, i bigint) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT md5('${seed}:' || kind || ':' || i)::uuid $$`,
    `CREATE FUNCTION bench.pick(items text[], r double precision) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT items[1 + floor(r * cardinality(items))::int] $$`,
    // g -> g * m + c modulo n^length is a bijection (m is prime to n): logins never collide.
    `CREATE FUNCTION bench.login(g bigint) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $$ SELECT ${loginExpression} FROM (SELECT (g * 2654435761 + ${seed}::bigint * 1000003) % ${base ** LOGIN_LENGTH} AS x) v $$`,
    `CREATE TABLE bench.lists AS SELECT ${textArray(surnames)} AS surnames, ${textArray(femaleFirstNames)} AS female,
       ${textArray(maleFirstNames)} AS male, ${textArray(nicknames)} AS nicknames, ${textArray(towns)} AS towns,
       ${textArray(nationalities)} AS nationalities, ${textArray(courrierComments)} AS comments`,
    `CREATE TABLE bench.ranges (s integer PRIMARY KEY, first bigint NOT NULL, size integer NOT NULL, events bigint NOT NULL,
       event_offset bigint NOT NULL, tz text NOT NULL, structure_id uuid, portal_visit boolean)`,
    `INSERT INTO bench.ranges (s, first, size, events, event_offset, tz) VALUES ${rangeRows.join(', ')}`,
    `UPDATE bench.ranges SET structure_id = bench.uid('s', s), portal_visit = (s = 0 OR bench.rnd(s, 101) < 0.5)`,
    `CREATE TABLE bench.planted (g bigint PRIMARY KEY, key text, nom text, prenom text, sexe text, birth_date date,
       start_days integer, visit_days integer, wc integer, wp integer, account boolean)`,
    `INSERT INTO bench.planted VALUES ${plantedRows.join(', ')}`,
    `CREATE TABLE bench.settings AS SELECT date '${referenceDate}' AS ref, timestamptz '${referenceDate} 00:00:00+00' AS ref_ts`,
    `ANALYZE bench.lists, bench.ranges, bench.planted, bench.settings`,
  ];
}

/** Saves then drops the secondary indexes of the loaded tables; `rebuildIndexes` puts them back. */
export const dropIndexesStatements = [
  `CREATE TABLE bench.deferred_indexes AS
     SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND t.relname IN (${LOADED_TABLES.map(quote).join(', ')})
       AND NOT i.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
  `DO $$ DECLARE r record; BEGIN
     FOR r IN SELECT name FROM bench.deferred_indexes LOOP EXECUTE format('DROP INDEX public.%I', r.name); END LOOP;
   END $$`,
];
