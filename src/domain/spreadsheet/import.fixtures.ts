import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ImportEvent } from './import-reading.ts';
import { templateColumns, type TemplateColumnKey } from './template.ts';

/** Files the import tests build: the template's headers, a person's row by column key. */
export const headers = templateColumns.map((column) => column.header as string);

export type Values = Partial<Record<TemplateColumnKey, unknown>>;

/** A valide person with an entretien and an ayant droit; `values` replace or blank cells. */
export function person(values: Values = {}): unknown[] {
  const base: Values = {
    id: 'A-001',
    civilite: 'F',
    nom: 'Martin',
    prenom: 'Lucie',
    date_naissance: '14/03/1985',
    lieu_naissance: 'Lyon',
    telephone: '06 12 34 56 78',
    email: 'lucie.martin@example.org',
    statut: 'VALIDE',
    type: 'PREMIERE',
    date_debut: '01/02/2026',
    date_fin: '31/01/2027',
    date_premiere_domiciliation: '01/02/2026',
    date_dernier_passage: '10/03/2026',
    situation_pro: 'AUTRE',
    situation_pro_autre: 'Saisonnière',
    composition_menage: 'FEMME_ISOLE_AVEC_ENFANT',
    accompagnement: 'OUI',
    accompagnement_par: 'CCAS',
    ayant_droit_1_nom: 'Martin',
    ayant_droit_1_prenom: 'Jade',
    ayant_droit_1_date_naissance: '02/05/2015',
    ayant_droit_1_lien: 'ENFANT',
    ...values,
  };
  return templateColumns.map((column) => base[column.key] ?? null);
}

/** An .xlsx of these rows (the first row as given: pass `headers` for the template's). */
export async function xlsxOf(rows: unknown[][], options: { sheetName?: string; before?: (sheet: ExcelJS.Worksheet) => void } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Domiciliés');
  options.before?.(sheet);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The same through the streaming writer, for files too large to hold as a workbook. */
export async function streamedXlsxOf(rows: Iterable<unknown[]>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('Domiciliés');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

const quoted = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[";,\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvOf = (rows: unknown[][], separator = ';') => rows.map((row) => row.map(quoted).join(separator)).join('\r\n');

/** Everything a reading yields, or the problem of the file it refused. */
export async function readAll(events: AsyncIterable<ImportEvent>): Promise<ImportEvent[]> {
  const all: ImportEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}
