import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { encodeForm } from './http.ts';

/**
 * « Exporter » of the whole measured structure, once: an export is one long answer, not a load
 * of small ones. The application's resident memory is sampled while it streams the file, so the
 * peak is the export's and not what earlier measurements left.
 */
export type ExportMeasurement = { status: number; ms: number; bytes: number; rssBeforeMb: number; peakRssMb: number; rows: number | null };

/** A full xlsx export in a few seconds (PostgreSQL, large scale; twice as long allowed on PGlite). */
export const EXPORT_TARGET_MS = 10_000;

const rssMb = (pid: number) => Math.round(Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024);

export async function measureExport(url: string, staff: { cookie: string; csrfToken: string }, pid: number): Promise<ExportMeasurement> {
  const rssBeforeMb = rssMb(pid);
  let peakRssMb = rssBeforeMb;
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(pid));
  }, 20);
  const started = performance.now();
  let bytes = 0;
  try {
    const response = await fetch(`${url}/domicilies/export`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: encodeForm({ _csrf: staff.csrfToken, confirmation: 'oui' }),
      redirect: 'manual',
    });
    // Read as it comes, never held whole: the bench must not be the one short of memory.
    for await (const chunk of response.body ?? []) bytes += (chunk as Uint8Array).length;
    return { status: response.status, ms: Math.round(performance.now() - started), bytes, rssBeforeMb, peakRssMb, rows: null };
  } finally {
    clearInterval(sampler);
    peakRssMb = Math.max(peakRssMb, rssMb(pid));
  }
}

/** The rows the last export wrote, from its audit (read once the application has stopped: PGlite has one process). */
export async function lastExportRows(db: Kysely<DB>): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select(sql<string>`details->>'rows'`.as('rows'))
    .where('action', '=', 'export.domicilies')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.rows) : null;
}
