import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export type RunningServer = {
  url: string;
  pid: number;
  /** Spawn to the first 200 of GET /healthz, on the existing database. */
  startMs: number;
  memory(): { peakRssMb: number; rssMb: number };
  stop(): Promise<void>;
};

export const BENCH_SECRET_KEY = randomBytes(32).toString('base64');

/** The node options of `npm start`, so the benchmark runs the application as production does. */
function startOptions(): string[] {
  const start: string = JSON.parse(readFileSync('package.json', 'utf8')).scripts.start;
  const [command, ...args] = start.split(/\s+/);
  if (command !== 'node' || args.at(-1) !== 'src/main.ts') throw new Error(`npm start n'est plus « node … src/main.ts » : ${start}`);
  return args.slice(0, -1);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function readMemory(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peakRssMb: Math.round(kb('VmHWM') / 1024), rssMb: Math.round(kb('VmRSS') / 1024) };
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** Starts the application as its own process, as in production, and waits until it answers. */
export async function startServer(env: Record<string, string>, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = await freePort();
  const { NODE_ENV: _node, DATABASE_URL: _url, ...inherited } = process.env;
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...startOptions(), 'src/main.ts'], {
    env: { ...inherited, ...env, HOST: '127.0.0.1', PORT: String(port), SECRET_KEY: BENCH_SECRET_KEY, LOGIN_RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`l'application s'est arrêtée au démarrage (code ${child.exitCode}) :\n${output.join('')}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`l'application n'a pas répondu à /healthz en 120 s :\n${output.join('')}`);
    }
    const ok = await fetch(`${url}/healthz`).then((response) => response.status === 200, () => false);
    if (ok) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const startMs = Math.round(performance.now() - startedAt);
  const pid = child.pid!;
  return {
    url,
    pid,
    startMs,
    memory: () => readMemory(pid),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
