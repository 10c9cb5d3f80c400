import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = new URL('../../scripts/pg-cluster.sh', import.meta.url).pathname;

/** A private PostgreSQL cluster of its own, in a temporary folder, on `port`. */
export class PrivateCluster {
  readonly dir = mkdtempSync(join(tmpdir(), 'domiciliation-fault-pg-'));
  url = '';

  constructor(readonly port: number) {}

  start(): string {
    this.url = execFileSync(script, ['start', this.dir, String(this.port)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 }).trim();
    return this.url;
  }

  /** pg_ctl stop -m fast, as an administrator restarting the server would. */
  stop(): void {
    execFileSync(script, ['stop', this.dir], { stdio: 'ignore', timeout: 120_000 });
  }

  /** Stops it if it runs, and removes its folder; never throws (it runs in after()). */
  dispose(): void {
    try {
      this.stop();
    } catch {
      // already stopped, or never started
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
