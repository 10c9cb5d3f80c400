import { encodeForm } from './http.ts';

/**
 * « Statistiques » of the measured structure over the last full year: the page and its xlsx,
 * each a single long answer (not a load of small ones), asked a few times in a row.
 */
export type ActivityReportMeasurement = { key: 'report-page' | 'report-xlsx'; label: string; targetMs: number; status: number; runsMs: number[]; bytes: number; detail: string };

/** The page in 1 s and the xlsx in 3 s for a full year of the 50,000-person structure (PostgreSQL; twice that on PGlite). */
export const REPORT_TARGETS = { page: 1000, xlsx: 3000 } as const;
const RUNS = 3;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
export const typicalMs = (measurement: ActivityReportMeasurement) => median(measurement.runsMs);

async function timed(request: () => Promise<Response>): Promise<{ status: number; ms: number; bytes: number; text: string }> {
  const started = performance.now();
  const response = await request();
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, ms: Math.round(performance.now() - started), bytes: body.length, text: response.headers.get('content-type')?.startsWith('text/html') ? body.toString('utf8') : '' };
}

export async function measureActivityReport(url: string, staff: { cookie: string; csrfToken: string }, now = new Date()): Promise<ActivityReportMeasurement[]> {
  const year = now.getUTCFullYear() - 1;
  const page: ActivityReportMeasurement = { key: 'report-page', label: `Statistiques : page de l'année ${year}`, targetMs: REPORT_TARGETS.page, status: 0, runsMs: [], bytes: 0, detail: '' };
  const xlsx: ActivityReportMeasurement = { key: 'report-xlsx', label: `Statistiques : xlsx de l'année ${year}`, targetMs: REPORT_TARGETS.xlsx, status: 0, runsMs: [], bytes: 0, detail: '' };
  for (let run = 0; run < RUNS; run++) {
    const answer = await timed(() => fetch(`${url}/statistiques?annee=${year}`, { headers: { cookie: staff.cookie }, redirect: 'manual' }));
    Object.assign(page, { status: answer.status, bytes: answer.bytes });
    page.runsMs.push(answer.ms);
    const persons = /Personnes domiciliées \(domiciliation valide\)<\/th><td[^>]*>([\d\s\u202f]+)</.exec(answer.text)?.[1];
    page.detail = persons ? `${persons.trim()} personnes domiciliées au 31/12/${year}` : 'nombre de personnes introuvable dans la page';
  }
  for (let run = 0; run < RUNS; run++) {
    const answer = await timed(() =>
      fetch(`${url}/statistiques/rapport.xlsx`, {
        method: 'POST',
        headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: encodeForm({ _csrf: staff.csrfToken, du: `${year}-01-01`, au: `${year}-12-31` }),
        redirect: 'manual',
      }),
    );
    Object.assign(xlsx, { status: answer.status, bytes: answer.bytes });
    xlsx.runsMs.push(answer.ms);
    xlsx.detail = `${(answer.bytes / 1024).toFixed(0)} Ko`;
  }
  return [page, xlsx];
}
