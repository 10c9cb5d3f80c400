/**
 * `npm run bench -- --scale small|large --engine pglite|postgres [--check]`: generates (or
 * reuses) a dataset, starts the application as its own process, checks the answers on
 * planted people, measures the staff and portal paths under load, and reports.
 * See docs/decisions/0003-benchmark.md.
 */
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { parseArgs } from './args.ts';
import { portalSessions, runHttpChecks, type CheckResult } from './checks.ts';
import { existingDataset, generateDataset } from './dataset.ts';
import { loadingSessionSettings } from './dataset-setup.ts';
import { afterRunChecks, datasetChecks } from './db-checks.ts';
import { resolveTarget } from './engine.ts';
import { cpuMeter } from './cpu.ts';
import { runLoad } from './measure.ts';
import { IMPORT_ROWS, measureImport, prepareImportStructure } from './import-run.ts';
import { collectPools } from './pools.ts';
import { topUpHandOuts } from './top-up.ts';
import { everyTenMinutes } from '../src/housekeeping.ts';
import { machineInfo, renderReport, writeReport, type Measurement, type Report } from './report.ts';
import { exhausted, scenarios, type LoadContext } from './scenarios.ts';
import { lastExportRows, measureExport } from './export.ts';
import { startServer } from './server.ts';
import { measureNotificationWorker, NOTIFICATIONS_FROM, prepareNotifications, startCountingSmtp } from './notifications.ts';

process.chdir(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
const args = parseArgs(process.argv.slice(2));
/** Whether --only leaves this scenario in the run. */
const measured = (key: string) => args.only.length === 0 || args.only.some((word) => key.includes(word));
const target = await resolveTarget(args);
const log = (message: string) => process.stderr.write(`${message}\n`);

async function prepareDataset() {
  let database = await target.open();
  // The version first: an old dataset is thrown away, never migrated (its migrations may differ).
  let info = args.fresh ? null : await existingDataset(database.db, args);
  const reused = info !== null;
  if (info) {
    await migrate(database.db);
    log(`Jeu de données ${args.scale} (graine ${args.seed}) réutilisé : généré le ${info.generatedAt} en ${(info.generationMs / 1000).toFixed(1)} s.`);
  } else {
    await database.close();
    await target.reset();
    database = await target.open();
    await migrate(database.db);
    const superuser = (await sql<{ superuser: boolean }>`SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`.execute(database.db)).rows[0]?.superuser ?? false;
    await database.close();
    // One loading connection per core on PostgreSQL; PGlite has only one. Their settings come
    // with every connection their pools open, never from a SET that a new connection would lack.
    const loading = { sessionSettings: loadingSessionSettings(target.engine, superuser) };
    const laneCount = target.engine === 'postgres' ? Math.max(1, Math.min(4, cpus().length)) : 1;
    const lanes: Database[] = [];
    try {
      for (let lane = 0; lane < laneCount; lane++) lanes.push(await target.open(loading));
      info = await generateDataset(lanes[0]!.db, args, target.engine, lanes.slice(1).map((lane) => lane.db));
    } finally {
      for (const lane of lanes) await lane.close();
    }
    database = await target.open();
  }
  const version = (await sql<{ version: string }>`SELECT version() AS version`.execute(database.db)).rows[0]!.version;
  const size = (await sql<{ size: string }>`SELECT pg_database_size(current_database()) AS size`.execute(database.db)).rows[0]!.size;
  log('Choix des cibles…');
  const pools = await collectPools(database.db, args);
  const checks: CheckResult[] = [];
  if (args.check) {
    log('Vérification du jeu de données…');
    checks.push(...(await datasetChecks(database.db, pools)));
  }
  // A running application's state: its own housekeeping has run (on PGlite, the vacuum that autovacuum does elsewhere).
  log("Entretien de la base, comme l'application le fait toutes les dix minutes…");
  await everyTenMinutes(database);
  // The import writes into a structure of its own, created while the database is open here (PGlite: one process).
  const importer = measured('import') && !args.generateOnly ? await prepareImportStructure(database.db) : null;
  if (!args.generateOnly) await prepareNotifications(database.db, pools.reception);
  await database.close();
  const engineVersion = /^PostgreSQL [\d.]+( \(PGlite [\d.]+\))?/.exec(version)?.[0] ?? version;
  return { info: { ...info, reused, databaseBytes: Number(size) }, pools, checks, engineVersion, importer };
}

/** Dataset, application process, checks and load; the report of all of it. */
async function run(): Promise<{ report: Report; okStatuses: Record<string, number[]> }> {
  const prepared = await prepareDataset();
  const report: Report = {
    args,
    machine: machineInfo(prepared.engineVersion),
    dataset: prepared.info,
    server: null,
    measurements: [],
    checks: prepared.checks,
  };
  const okStatuses = Object.fromEntries(scenarios.map((scenario) => [scenario.key, scenario.ok]));

  if (!args.generateOnly) {
    if (args.explain !== null) {
      if (!target.explain) log('--explain : seulement avec PostgreSQL.');
      else log(`Plans des requêtes de plus de ${args.explain} ms (auto_explain) : ${await target.explain(args.explain)}`);
    }
    log(`Démarrage de l'application (${target.label})…`);
    const profile = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve('.tmp/bench-profiles')}`] : [];
    // E-mail notifications on, to a local server: the reception line queues its notices (decision 0035).
    const smtp = await startCountingSmtp();
    const server = await startServer({ ...target.serverEnv, SMTP_URL: smtp.url, SMTP_FROM: NOTIFICATIONS_FROM }, profile);
    log(`Application prête en ${server.startMs} ms sur ${server.url}.`);
    let wordLogin: string | null = null;
    try {
      const context = await runHttpChecks(server.url, prepared.pools);
      wordLogin = context.wordLogin;
      report.checks.push(...context.results);
      const unavailable = new Set(context.results.filter((check) => check.status === 'not-available').flatMap((check) => check.covers));
      const load: LoadContext = {
        pools: prepared.pools,
        staffCookie: context.staff.cookieHeader(),
        csrfCookie: `csrf=${context.staff.cookies.get('csrf')}`,
        csrfToken: context.staff.csrfToken,
        portalCookies: unavailable.has('portal-home') ? [] : await portalSessions(server.url, prepared.pools.portalSessions),
        wordDone: [],
      };
      const cpu = cpuMeter(server.pid, target.postmasterPidFile ?? null);
      for (const scenario of scenarios) {
        const measurement: Measurement = { key: scenario.key, label: scenario.label, module: scenario.module, targetMs: scenario.targetMs, state: 'measured', loads: [], notes: [] };
        report.measurements.push(measurement);
        if (!measured(scenario.key)) {
          measurement.state = 'skipped';
          continue;
        }
        if (unavailable.has(scenario.key)) {
          measurement.state = 'not-available';
          continue;
        }
        // Just before the hand-outs: the writes of the top-up never touch what the reads before them measure.
        if (scenario.consumes === 'handOut') prepared.pools.before.receptions += await topUpHandOuts(context.staff, prepared.pools, log);
        const next = scenario.next(load);
        for (const connections of args.connections) {
          log(`Mesure « ${scenario.label} », concurrence ${connections}, ${args.duration} s…`);
          const before = cpu();
          const result = await runLoad(server.url, connections, args.duration, next, args.acceptEncoding);
          const after = cpu();
          const per = (spent: number) => Math.round((spent / Math.max(1, result.requests)) * 100) / 100;
          const databaseSpent = after.databaseSince(before);
          result.cpuPerRequest = { appMs: per(after.app - before.app), databaseMs: databaseSpent === null ? null : per(databaseSpent) };
          measurement.loads.push(result);
        }
        measurement.rssAfterMb = server.memory().rssMb;
        if (scenario.consumes && exhausted(prepared.pools[scenario.consumes] as unknown[])) {
          measurement.notes.push('toutes les cibles ont servi : les dernières requêtes visaient des dossiers déjà traités');
        }
        const serverErrors = measurement.loads.reduce((sum, run) => sum + Object.entries(run.statuses).filter(([code]) => code.startsWith('5')).reduce((n, [, count]) => n + count, 0), 0);
        if (serverErrors > 0) {
          report.checks.push({ name: `charge : ${scenario.label} sans erreur serveur`, module: scenario.module, status: 'wrong', detail: `${serverErrors} réponses 5xx`, covers: [] });
        }
      }
      if (measured('export')) {
        log("Mesure « Exporter » : toute la structure mesurée, en un fichier xlsx…");
        report.export = await measureExport(server.url, { cookie: load.staffCookie, csrfToken: load.csrfToken }, server.pid);
        if (report.export.status !== 200) report.checks.push({ name: 'export xlsx de la structure', module: 'domicilies', status: 'wrong', detail: `statut ${report.export.status}`, covers: [] });
      }
      if (prepared.importer) {
        log(`Import de ${IMPORT_ROWS} lignes dans une structure vide…`);
        report.checks.push(await measureImport(server.url, prepared.importer.email, () => server.memory(), log));
      }
      report.server = { startMs: server.startMs, ...server.memory() };
    } finally {
      await server.stop();
      if (args.explain !== null) await target.explain?.(null);
    }
    if (measured('notification-worker')) {
      const database = await target.open();
      try {
        report.checks.push(await measureNotificationWorker(database.db, smtp.url, smtp.received, log));
      } finally {
        await database.close();
      }
    }
    await smtp.close();

    const successes = (key: string) => {
      const measurement = report.measurements.find((entry) => entry.key === key);
      if (!measurement || measurement.state !== 'measured') return null;
      return measurement.loads.reduce((sum, run) => sum + (run.statuses['303'] ?? 0), 0);
    };
    const requests = (key: string) => report.measurements.find((entry) => entry.key === key)?.loads.reduce((sum, run) => sum + run.requests, 0) ?? 0;
    const mailCheck = report.checks.find((check) => check.covers.includes('reception'));
    const database = await target.open();
    try {
      if (report.export) report.export.rows = await lastExportRows(database.db);
      report.checks.push(
        ...(await afterRunChecks(database.db, prepared.pools, {
          receptionSuccesses: successes('reception'),
          handOutSuccesses: successes('hand-out'),
          inFlight: args.connections.reduce((sum, connections) => sum + connections, 0),
          mailCheckRan: mailCheck?.status === 'ok',
          wordLogin,
          touched: [...prepared.pools.handOut.slice(0, requests('hand-out')), ...prepared.pools.reception.slice(0, requests('reception'))],
        })),
      );
    } finally {
      await database.close();
    }
  }
  return { report, okStatuses };
}

// The private cluster is stopped whatever happens.
const { report, okStatuses } = await run().finally(() => target.dispose());
console.log(renderReport(report, okStatuses));
if (!args.generateOnly) log(`Résultats : ${writeReport(report)}`);
const wrong = report.checks.filter((check) => check.status === 'wrong');
if (wrong.length > 0) {
  log(`${wrong.length} réponse(s) fausse(s) : ${wrong.map((check) => check.name).join(' ; ')}`);
  if (args.check) process.exit(1);
}
process.exit(0);
