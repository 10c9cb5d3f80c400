import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { templateColumns, type TemplateColumnKey } from '../src/domain/spreadsheet/template.ts';
import { hashPassword } from '../src/shared/passwords.ts';
import type { CheckResult } from './checks.ts';
import { HttpClient } from './http.ts';
import { femaleFirstNames, maleFirstNames, surnames, towns } from './names.ts';
import { BENCH_STAFF_PASSWORD } from './planted.ts';

/**
 * « Importer des domiciliés » measured once (issue 17): a generated file of IMPORT_ROWS people is
 * sent to a fresh structure through the pages a person uses (upload, checking, preview,
 * confirmation, writing), timed, and the application's peak memory read afterwards.
 */
export const IMPORT_ROWS = 20_000;
/** The whole import, checking and writing, on PGlite (issue 17: « well under a minute »). */
export const IMPORT_TARGET_MS = 60_000;

/** A structure of its own, empty, and its administrateur: what a structure switching in starts from. */
export async function prepareImportStructure(db: Kysely<DB>): Promise<{ email: string }> {
  const structure = await db
    .insertInto('structures')
    .values({ name: `Banc import ${new Date().toISOString()}`, type: 'ccas', street: '1 place de la Mairie', postcode: '13001', city: 'Marseille' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const email = `import-${randomUUID().slice(0, 8)}@bench.test`;
  await db
    .insertInto('staff_users')
    .values({ structure_id: structure.id, email, nom: 'Import', prenom: 'Banc', role: 'administrateur', password_hash: await hashPassword(BENCH_STAFF_PASSWORD) })
    .execute();
  return { email };
}

const day = (n: number) => {
  const date = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
};

/** One generated person a row, every status, an entretien and an ayant droit now and then. */
function generatedRow(index: number): Partial<Record<TemplateColumnKey, string>> {
  const woman = index % 2 === 0;
  const first = woman ? femaleFirstNames : maleFirstNames;
  const start = 1500 + (index % 300);
  const row: Partial<Record<TemplateColumnKey, string>> = {
    id: `IMP-${index}`,
    civilite: woman ? 'F' : 'H',
    nom: surnames[index % surnames.length]!,
    prenom: `${first[Math.floor(index / surnames.length) % first.length]!}`,
    date_naissance: day(-12_000 + (index % 9000)),
    lieu_naissance: towns[index % towns.length]!,
    composition_menage: woman ? 'FEMME_ISOLE_SANS_ENFANT' : 'HOMME_ISOLE_SANS_ENFANT',
    situation_residentielle: 'SANS_ABRI',
    date_dernier_passage: day(start + 20),
  };
  switch (index % 10) {
    case 7:
      return { ...row, statut: 'RADIE', motif_radiation: 'FIN_DE_DOMICILIATION', type: 'PREMIERE', date_debut: day(start - 400), date_fin: day(start - 30), date_premiere_domiciliation: day(start - 400) };
    case 8:
      return { ...row, statut: 'REFUS', motif_refus: 'SATURATION', date_fin: day(start) };
    case 9:
      return { ...row, statut: 'INSTRUCTION' };
    default:
      return {
        ...row,
        statut: 'VALIDE',
        type: index % 3 === 0 ? 'RENOUVELLEMENT' : 'PREMIERE',
        date_debut: day(start),
        date_fin: day(start + 364),
        date_premiere_domiciliation: day(start - (index % 3 === 0 ? 365 : 0)),
        ...(index % 5 === 0 ? { ayant_droit_1_nom: surnames[index % surnames.length]!, ayant_droit_1_prenom: 'Enfant', ayant_droit_1_date_naissance: day(start - 2000), ayant_droit_1_lien: 'ENFANT' } : {}),
      };
  }
}

/** The file, written by the streaming writer as the export does (no shared strings). */
async function generatedFile(rows: number): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Domiciliés');
  sheet.addRow(templateColumns.map((column) => column.header)).commit();
  for (let index = 0; index < rows; index++) {
    const row = generatedRow(index);
    sheet.addRow(templateColumns.map((column) => row[column.key] ?? null)).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Reloads the import's page as its browser does until it stops refreshing itself. */
async function untilSettled(client: HttpClient, path: string): Promise<string> {
  for (;;) {
    const page = await client.get(path);
    if (page.status !== 200) throw new Error(`page de l'import : statut ${page.status}`);
    if (!page.text.includes('http-equiv="refresh"')) return page.text;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs the import through HTTP; `memory` reads the application's peak resident memory afterwards. */
export async function measureImport(baseUrl: string, email: string, memory: () => { peakRssMb: number }, log: (message: string) => void): Promise<CheckResult> {
  const name = `import de ${IMPORT_ROWS.toLocaleString('fr-FR')} lignes (xlsx) dans une structure vide`;
  log(`Génération d'un fichier de ${IMPORT_ROWS} lignes…`);
  const file = await generatedFile(IMPORT_ROWS);
  const client = new HttpClient(baseUrl);
  await client.prepare('/connexion');
  const login = await client.post('/connexion', { email, password: BENCH_STAFF_PASSWORD });
  if (login.status !== 303) throw new Error(`connexion de l'administrateur impossible (statut ${login.status})`);
  await client.prepare('/imports');
  const form = new FormData();
  form.append('_csrf', client.csrfToken);
  form.append('fichier', new Blob([new Uint8Array(file)]), 'banc-import.xlsx');
  log(`Envoi du fichier (${(file.length / 1024 / 1024).toFixed(1)} Mo)…`);
  const started = Date.now();
  const sent = await fetch(`${baseUrl}/imports`, { method: 'POST', body: form, headers: { cookie: client.cookieHeader() }, redirect: 'manual' });
  const location = sent.headers.get('location');
  if (sent.status !== 303 || !location) return { name, module: 'domicilies', status: 'wrong', detail: `envoi refusé (statut ${sent.status})`, covers: ['import'] };
  const preview = await untilSettled(client, location);
  const checked = Date.now();
  if (!preview.includes('Aperçu de l')) return { name, module: 'domicilies', status: 'wrong', detail: "pas d'aperçu après la vérification", covers: ['import'] };
  const confirmed = await client.post(`${location}/confirmer`);
  if (confirmed.status !== 303) return { name, module: 'domicilies', status: 'wrong', detail: `confirmation refusée (statut ${confirmed.status})`, covers: ['import'] };
  const result = await untilSettled(client, location);
  const written = Date.now();
  const created = /([\d\s\u202f]+) domiciliés créés/.exec(result)?.[1]?.replace(/\D/g, '');
  const total = written - started;
  const peak = memory().peakRssMb;
  const detail =
    `vérification ${seconds(checked - started)}, écriture ${seconds(written - checked)}, total ${seconds(total)} ` +
    `(${Math.round(IMPORT_ROWS / (total / 1000))} lignes/s, cible ≤ ${seconds(IMPORT_TARGET_MS)}), ${created ?? '?'} créés, pic de mémoire de l'application ${peak} Mo`;
  log(detail);
  const ok = Number(created) === IMPORT_ROWS && total <= IMPORT_TARGET_MS;
  return { name, module: 'domicilies', status: ok ? 'ok' : 'wrong', detail, covers: ['import'] };
}
