import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { hashPassword } from '../src/shared/passwords.ts';
import type { BenchArgs } from './args.ts';
import { aggregateStatements, countsStatements, courrierEventsStatement, courrierItemsStatement, eventsStatement, plantedEventsStatement } from './dataset-mail.ts';
import { decisionsStatement, domiciliesStatement, namesWordsStatements, peopleStatement, peopleTable, relativesStatements, structureStatements, talliesStatements } from './dataset-people.ts';
import { portalLoginsStagingStatements, portalStatements } from './dataset-portal.ts';
import { dropIndexesStatements, LOADED_TABLES, setupStatements, structureRanges, type StructureRange } from './dataset-setup.ts';
import { BENCH_PORTAL_PASSWORD, BENCH_STAFF_PASSWORD } from './planted.ts';
import { Progress } from './progress.ts';
import { GENERATOR_VERSION, REUSE_MAX_AGE_DAYS, scales } from './scales.ts';

export type DatasetInfo = {
  seed: number;
  scale: string;
  version: number;
  referenceDate: string;
  generatedAt: string;
  generationMs: number;
  /** Seconds spent per kind of step, to see where generation time goes. */
  stepSeconds: Record<string, number>;
  rows: Record<string, number>;
};

async function exec(db: Kysely<DB>, statement: string) {
  await sql.raw(statement).execute(db);
}

/** The dataset already in this database, when it was made by this generator with these options. */
export async function existingDataset(db: Kysely<DB>, args: BenchArgs): Promise<DatasetInfo | null> {
  const table = await sql<{ found: string | null }>`SELECT to_regclass('bench.dataset')::text AS found`.execute(db);
  if (!table.rows[0]?.found) return null;
  const result = await sql<{ info: DatasetInfo }>`SELECT info FROM bench.dataset`.execute(db);
  const info = result.rows[0]?.info;
  if (!info || info.seed !== args.seed || info.scale !== args.scale || info.version !== GENERATOR_VERSION) return null;
  const ageDays = (Date.now() - Date.parse(`${info.referenceDate}T00:00:00Z`)) / 86_400_000;
  return ageDays <= REUSE_MAX_AGE_DAYS ? info : null;
}

/** Groups of structures small enough for one statement each, so the bar moves and memory stays flat. */
function groups(ranges: StructureRange[], peoplePerGroup: number): { from: number; to: number; people: number; events: number }[] {
  const result = [{ from: 0, to: 0, people: ranges[0]!.size, events: ranges[0]!.events }];
  let current: (typeof result)[number] | null = null;
  for (const range of ranges.slice(1)) {
    if (!current || current.people >= peoplePerGroup) {
      current = { from: range.s, to: range.s, people: 0, events: 0 };
      result.push(current);
    }
    current.to = range.s;
    current.people += range.size;
    current.events += range.events;
  }
  return result;
}

type Step = { label: string; weight: number; statements: string[] };

/**
 * Runs the steps of one phase on every connection at once (steps of a phase never depend on
 * each other), so PostgreSQL loads with all its cores; PGlite has a single connection.
 */
async function runPhase(lanes: Kysely<DB>[], steps: Step[], progress: Progress, stepSeconds: Record<string, number>) {
  const queue = [...steps];
  await Promise.all(
    lanes.map(async (lane) => {
      for (let step = queue.shift(); step; step = queue.shift()) {
        progress.step(step.label);
        const started = performance.now();
        for (const statement of step.statements) await exec(lane, statement);
        const kind = step.label.replace(/ \(.*$/, '');
        stepSeconds[kind] = Math.round(((stepSeconds[kind] ?? 0) + (performance.now() - started) / 1000) * 10) / 10;
        progress.advance(step.weight);
      }
    }),
  );
}

/**
 * Generates the dataset; `extraLanes` are more connections to the same PostgreSQL database. Every
 * lane must come from a pool opened with `loadingSessionSettings`: a statement may run on a new
 * connection after a lane sat idle, and only the pool's settings are sure to hold there.
 */
export async function generateDataset(db: Kysely<DB>, args: BenchArgs, engine: 'pglite' | 'postgres', extraLanes: Kysely<DB>[] = []): Promise<DatasetInfo> {
  const startedAt = performance.now();
  const spec = scales[args.scale];
  const ranges = structureRanges(spec, args.seed);
  const parts = groups(ranges, 100_000);
  const referenceDate = new Date().toISOString().slice(0, 10);
  const [staffHash, portalHash] = [await hashPassword(BENCH_STAFF_PASSWORD), await hashPassword(BENCH_PORTAL_PASSWORD)];

  const people = (part: (typeof parts)[number]) => part.people / 10_000;
  const events = (part: (typeof parts)[number]) => part.events / 10_000;
  const perPart = (label: string, statement: (from: number, to: number) => string, weight: (part: (typeof parts)[number]) => number): Step[] =>
    parts.map((part, index) => ({ label: `${label} (${index + 1}/${parts.length})`, weight: weight(part), statements: [statement(part.from, part.to)] }));
  const totalPeople = spec.mainPeople + spec.otherPeople;
  const totalEvents = parts.reduce((sum, part) => sum + part.events, 0);
  const phases: Step[][] = [
    [{ label: 'préparation', weight: 1, statements: [...setupStatements(args.seed, ranges, referenceDate), ...dropIndexesStatements, peopleTable] }],
    [{ label: 'structures et agents', weight: 1, statements: structureStatements(staffHash) }, ...perPart('personnes', peopleStatement, (part) => people(part) * 5)],
    [{ label: 'répartition du courrier', weight: totalPeople / 20_000, statements: countsStatements }],
    [...perPart('événements', eventsStatement, (part) => events(part) * 1.5), { label: 'événements des personnes connues', weight: 0.1, statements: [plantedEventsStatement] }],
    [
      { label: 'courrier en attente et derniers passages', weight: totalEvents / 15_000, statements: aggregateStatements },
      { label: 'connexions au portail', weight: totalPeople / 50_000, statements: portalLoginsStagingStatements },
    ],
    [
      ...perPart('domiciliés', domiciliesStatement, (part) => people(part) * 8),
      ...perPart('décisions', decisionsStatement, (part) => people(part) * 5),
      ...perPart('courrier_events', courrierEventsStatement, (part) => events(part) * 2),
      ...perPart('courrier_items', courrierItemsStatement, (part) => events(part) * 1),
      { label: 'ayants droit et procurations', weight: totalPeople / 50_000, statements: relativesStatements() },
      { label: 'comptes du portail', weight: totalPeople / 10_000, statements: portalStatements(portalHash) },
    ],
    [
      { label: 'mots des noms', weight: totalPeople / 10_000, statements: namesWordsStatements },
      { label: "comptes de l'accueil", weight: totalPeople / 50_000, statements: talliesStatements },
    ],
  ];
  const indexWeight = (totalPeople + totalEvents) / 20_000;
  const total = phases.flat().reduce((sum, step) => sum + step.weight, 0) + 2 * indexWeight;
  const progress = new Progress(`Jeu de données ${args.scale} (${engine}, graine ${args.seed})`, total);
  const lanes = [db, ...extraLanes];
  const stepSeconds: Record<string, number> = {};
  for (const phase of phases) await runPhase(lanes, phase, progress, stepSeconds);
  const deferred = await sql<{ name: string; definition: string }>`SELECT name, definition FROM bench.deferred_indexes ORDER BY name`.execute(db);
  const indexSteps = deferred.rows.map((index) => ({ label: `index (${index.name})`, weight: indexWeight / deferred.rows.length, statements: [index.definition] }));
  await runPhase(lanes, indexSteps, progress, stepSeconds);
  await exec(db, `DROP SCHEMA bench CASCADE`);
  await exec(db, `CREATE SCHEMA bench`);
  const analyzeSteps = ['structures', ...LOADED_TABLES].map((table) => ({ label: `VACUUM ANALYZE (${table})`, weight: indexWeight / (LOADED_TABLES.length + 1), statements: [`VACUUM ANALYZE ${table}`] }));
  await runPhase(lanes, analyzeSteps, progress, stepSeconds);

  const rows: Record<string, number> = {};
  for (const table of ['structures', 'staff_users', 'domicilies', 'decisions', 'courrier_events', 'courrier_items', 'portal_accounts', 'portal_logins']) {
    const result = await sql<{ count: string }>`SELECT count(*) AS count FROM ${sql.table(table)}`.execute(db);
    rows[table] = Number(result.rows[0]!.count);
  }
  const info: DatasetInfo = {
    seed: args.seed,
    scale: args.scale,
    version: GENERATOR_VERSION,
    referenceDate,
    generatedAt: new Date().toISOString(),
    generationMs: Math.round(performance.now() - startedAt),
    stepSeconds,
    rows,
  };
  await exec(db, `CREATE TABLE bench.dataset (info jsonb NOT NULL)`);
  await sql`INSERT INTO bench.dataset (info) VALUES (${JSON.stringify(info)}::jsonb)`.execute(db);
  progress.finish(`${rows.domicilies} domiciliés, ${rows.courrier_events} événements de courrier`);
  return info;
}
