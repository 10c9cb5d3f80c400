import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const root = new URL('../../', import.meta.url).pathname;

/** The real application (`src/main.ts`) in a child process, as `npm start` runs it. */
export type AppProcess = {
  url: string;
  pid: number;
  output(): string;
  alive(): boolean;
  /** Sends the signal and waits for the exit (SIGKILL after 15 s). */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/** Starts it on 127.0.0.1:`port` with `env` (DATA_DIR or DATABASE_URL…); resolves once it listens. */
export async function startAppProcess(port: number, env: Record<string, string>, readyWithinMs = 120_000): Promise<AppProcess> {
  const inherited = { ...process.env };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'DATA_DIR', 'PUBLIC_URL', 'PORTAL_URL', 'SECRET_KEY']) delete inherited[name];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { ...inherited, NODE_ENV: 'development', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!alive()) return;
    child.kill(signal);
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + readyWithinMs;
  while (!output.includes('Domiciliation prête')) {
    if (!alive() || Date.now() > deadline) {
      await stop('SIGKILL');
      throw new Error(`the application did not start:\n${output}`);
    }
    await sleep(100);
  }
  return { url: `http://127.0.0.1:${port}`, pid: child.pid!, output: () => output, alive, stop };
}
