import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { keepAliveInterval, writeBackup } from './backup.ts';
import { BackupError } from './backup-format.ts';
import type { Database } from './database.ts';

/**
 * While the application runs on PGlite it holds the data folder (data-dir-lock.ts) and the
 * database's only session, so `npm run admin -- backup` asks it for the backup through a Unix
 * socket in the data folder, readable by the folder's owner only (decision 0021).
 * Protocol: one JSON line asks, one JSON line answers, then the backup's bytes follow.
 */
export const adminSocketPath = (dataDir: string) => join(dataDir, 'admin.sock');

// Beyond about 100 bytes a Unix socket path does not fit in sockaddr_un.
const MAX_SOCKET_PATH = 100;

export type AdminChannel = { path: string | null; close(): Promise<void> };

function readLine(socket: Socket, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf(10);
      if (end < 0 && received.length <= limit) return;
      socket.off('data', onData);
      socket.off('error', reject);
      socket.off('end', onEnd);
      socket.pause();
      if (end < 0) return reject(new BackupError('Réponse trop longue sur le canal d’administration.'));
      if (end + 1 < received.length) socket.unshift(received.subarray(end + 1));
      resolve(received.subarray(0, end).toString('utf8'));
    };
    const onEnd = () => reject(new BackupError("L'application a fermé le canal d'administration sans répondre."));
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('end', onEnd);
  });
}

/** Listens on the data folder's socket; `onError` hears what failed (never personal data), and the application runs on. */
export function openAdminChannel(
  config: Pick<Config, 'dataDir' | 'secretKey' | 'databaseIdleTimeoutMs'>,
  database: Database,
  onError: (error: unknown) => void,
): Promise<AdminChannel> {
  const path = adminSocketPath(config.dataDir);
  if (Buffer.byteLength(path) > MAX_SOCKET_PATH) {
    onError(new Error(`Canal d'administration indisponible : le chemin ${path} est trop long pour un socket Unix. La sauvegarde à chaud ne marchera pas.`));
    return Promise.resolve({ path: null, close: async () => {} });
  }
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    void serve(socket).catch((error) => {
      onError(error);
      socket.destroy();
    });
  });
  const serve = async (socket: Socket) => {
    const request = JSON.parse(await readLine(socket, 1024)) as { command?: string };
    if (request.command !== 'backup') {
      socket.end(`${JSON.stringify({ ok: false, message: `Commande inconnue : ${String(request.command)}` })}\n`);
      return;
    }
    socket.write(`${JSON.stringify({ ok: true })}\n`);
    await writeBackup(database, socket, { secretKey: config.secretKey, keepAliveMs: keepAliveInterval(config.databaseIdleTimeoutMs) });
  };
  // The lock on the data folder says no other application uses it: a socket left there is stale.
  rmSync(path, { force: true });
  return new Promise((resolve) => {
    // The application runs on without it: only the backup of a running application needs it.
    server.once('error', (error) => {
      onError(error);
      resolve({ path: null, close: async () => {} });
    });
    // The socket is created with the umask's permissions: owner only from the start.
    const umask = process.umask(0o177);
    try {
      server.listen(path, () => {
        chmodSync(path, 0o600);
        resolve({
          path,
          close: () =>
            new Promise<void>((done) => {
              for (const socket of sockets) socket.destroy();
              server.close(() => done());
            }),
        });
      });
    } finally {
      process.umask(umask);
    }
  });
}

/**
 * Asks the running application for a backup; its bytes as a stream, or null when no application
 * listens on the data folder (the command then opens the database itself).
 */
export async function requestBackup(dataDir: string): Promise<Readable | null> {
  const socket = createConnection(adminSocketPath(dataDir));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
  } catch (error) {
    socket.destroy();
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (['ENOENT', 'ECONNREFUSED'].includes(code)) return null;
    if (code === 'EACCES') {
      throw new BackupError(`Le canal d'administration ${adminSocketPath(dataDir)} est réservé au compte qui fait tourner l'application : lancez la commande avec ce compte.`);
    }
    throw error;
  }
  socket.write(`${JSON.stringify({ command: 'backup' })}\n`);
  const answer = JSON.parse(await readLine(socket, 64 * 1024)) as { ok: boolean; message?: string };
  if (!answer.ok) {
    socket.destroy();
    throw new BackupError(`L'application a refusé la sauvegarde : ${answer.message ?? 'sans raison donnée'}`);
  }
  return socket;
}
