import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { openEmbedded, openPostgres, type Database, type PoolOptions } from '../src/db/database.ts';
import type { BenchArgs } from './args.ts';

/** Where the benchmark's database lives, and how the application process reaches it. */
export type Target = {
  engine: BenchArgs['engine'];
  label: string;
  /** `pool` shapes the connections (session settings that must hold on each of them). */
  open(pool?: PoolOptions): Promise<Database>;
  /** Throws the dataset away (a fresh data folder or a recreated database). */
  reset(): Promise<void>;
  /** Environment of the application process. */
  serverEnv: Record<string, string>;
  /** Stops what the benchmark started (the private cluster). */
  dispose(): Promise<void>;
  /** The postmaster.pid of a server running on this machine, to count its CPU time. */
  postmasterPidFile?: string;
  /** PostgreSQL only: logs the plan of every statement slower than `minMs` during the run (auto_explain). */
  explain?(minMs: number | null): Promise<string>;
};

const CLUSTER_DIR = '.tmp/bench-pg';
const CLUSTER_PORT = 55440;

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The server's postmaster.pid when it runs on this machine (its CPU is then measured too), else undefined. */
async function localPostmasterPidFile(url: string): Promise<string | undefined> {
  const { rows } = await adminQuery(url, 'SHOW data_directory');
  const file = `${rows[0].data_directory}/postmaster.pid`;
  return existsSync(file) ? file : undefined;
}

function pgliteTarget(args: BenchArgs): Target {
  const dataDir = resolve(`.tmp/bench-pglite-${args.scale}`);
  return {
    engine: 'pglite',
    label: `PGlite (${dataDir})`,
    open: (pool) => openEmbedded(dataDir, pool),
    async reset() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    serverEnv: { DATA_DIR: dataDir },
    async dispose() {},
  };
}

async function postgresTarget(args: BenchArgs): Promise<Target> {
  let adminUrl = process.env.DATABASE_URL;
  let startedCluster = false;
  if (args.startCluster) {
    const clusterUrl = `postgres://postgres@127.0.0.1:${CLUSTER_PORT}/postgres`;
    if (!(await canConnect(clusterUrl))) {
      execFileSync('scripts/pg-cluster.sh', ['start', CLUSTER_DIR, String(CLUSTER_PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
      startedCluster = true;
    }
    adminUrl = clusterUrl;
  }
  if (!adminUrl) throw new Error('--engine postgres demande DATABASE_URL=postgres://… ou --start-cluster');
  // The dataset gets a database of its own, so the one given is never overwritten.
  const databaseName = `domiciliation_bench_${args.scale}`;
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  const benchUrl = url.toString();
  if (!(await canConnect(benchUrl))) await adminQuery(adminUrl, `CREATE DATABASE ${databaseName}`);
  return {
    engine: 'postgres',
    label: `PostgreSQL (${url.host}/${databaseName})`,
    open: async (pool) => openPostgres(benchUrl, 1, pool),
    async reset() {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await adminQuery(adminUrl, `CREATE DATABASE ${databaseName}`);
    },
    serverEnv: { DATABASE_URL: benchUrl, DATA_DIR: resolve('.tmp/bench-server-data') },
    postmasterPidFile: await localPostmasterPidFile(adminUrl),
    async explain(minMs) {
      const settings = ['session_preload_libraries', 'auto_explain.log_min_duration', 'auto_explain.log_analyze', 'auto_explain.log_buffers', 'auto_explain.log_nested_statements'];
      if (minMs === null) {
        for (const name of settings) await adminQuery(adminUrl, `ALTER DATABASE ${databaseName} RESET ${name}`);
        return '';
      }
      const values = ["'auto_explain'", `'${minMs}ms'`, 'on', 'on', 'on'];
      for (const [index, name] of settings.entries()) await adminQuery(adminUrl, `ALTER DATABASE ${databaseName} SET ${name} = ${values[index]}`);
      return args.startCluster ? `${CLUSTER_DIR}/server.log` : 'le journal du serveur PostgreSQL';
    },
    async dispose() {
      if (startedCluster && existsSync(CLUSTER_DIR)) execFileSync('scripts/pg-cluster.sh', ['stop', CLUSTER_DIR], { stdio: 'inherit' });
    },
  };
}

export async function resolveTarget(args: BenchArgs): Promise<Target> {
  return args.engine === 'pglite' ? pgliteTarget(args) : postgresTarget(args);
}
