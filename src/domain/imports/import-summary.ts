import type { DomicilieStatus } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { TemplateRow } from '../spreadsheet/template.ts';
import type { ExistingMatch } from './import-writing.repository.ts';

/**
 * Which rows of the file are new people, which are people the structure already has (skipped),
 * and which may be (created, and listed so that staff can check). The same rules serve the
 * preview and the writing: the writing decides again, in its transaction, on what the structure
 * holds by then.
 */

/** How many rows of each list the preview and the result keep; the counts are always whole. */
export const SHOWN_ROWS = 200;
export const PREVIEW_ROWS = 10;

export type PersonShown = { line: number; nom: string; prenom: string; birthDate: IsoDate };
/** Why a row is skipped: the same ID as a record, the same person without an ID, or a row earlier in the file. */
export type SkipReason = 'meme_id' | 'meme_personne' | 'deja_dans_le_fichier';
export type SkippedRow = PersonShown & { reason: SkipReason; dossierNumber: number | null; sameAsLine: number | null };
export type DuplicateRow = PersonShown & { dossierNumbers: number[] };
export type PreviewRow = PersonShown & { status: DomicilieStatus; startDate: IsoDate | null; endDate: IsoDate | null };

export type ImportCounts = {
  /** Rows of people in the file. */
  rows: number;
  /** People the import creates. */
  created: number;
  byStatus: Record<DomicilieStatus, number>;
  ayantsDroit: number;
  firstRows: PreviewRow[];
  duplicates: { count: number; shown: DuplicateRow[] };
  skipped: { count: number; shown: SkippedRow[] };
};

export const emptyCounts = (): ImportCounts => ({
  rows: 0,
  created: 0,
  byStatus: { instruction: 0, a_valider: 0, valide: 0, refuse: 0, radie: 0 },
  ayantsDroit: 0,
  firstRows: [],
  duplicates: { count: 0, shown: [] },
  skipped: { count: 0, shown: [] },
});

/** Names compared as the search compares them: case, accents and spacing ignored. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The rows already met in the file, by ID and by identity, so a person written twice is created once. */
export class FileIdentities {
  private readonly refs = new Map<string, number>();
  private readonly people = new Map<string, number>();

  /** The line this row repeats, or null (and the row is remembered). */
  repeats(row: TemplateRow): number | null {
    const ref = row.externalId ? folded(row.externalId) : null;
    const person = `${folded(row.nom)}|${folded(row.prenom)}|${row.birthDate}`;
    const earlier = ref ? this.refs.get(ref) : this.people.get(person);
    if (earlier !== undefined) return earlier;
    if (ref) this.refs.set(ref, row.line);
    if (!this.people.has(person)) this.people.set(person, row.line);
    return null;
  }
}

const shown = (row: TemplateRow): PersonShown => ({ line: row.line, nom: row.nom, prenom: row.prenom, birthDate: row.birthDate });

/**
 * Sorts one batch of rows, given the records they match in the structure, into `counts`;
 * returns the rows to create.
 */
export function sortBatch(rows: readonly TemplateRow[], matches: readonly ExistingMatch[], seen: FileIdentities, counts: ImportCounts): TemplateRow[] {
  const byLine = new Map<number, ExistingMatch[]>();
  for (const match of matches) byLine.set(match.line, [...(byLine.get(match.line) ?? []), match]);
  const created: TemplateRow[] = [];
  for (const row of rows) {
    counts.rows++;
    const found = byLine.get(row.line) ?? [];
    const sameRef = found.find((match) => match.same_ref);
    const samePerson = row.externalId ? undefined : found.find((match) => match.same_identity);
    const existing = sameRef ?? samePerson;
    const earlierLine = existing ? null : seen.repeats(row);
    if (existing || earlierLine !== null) {
      counts.skipped.count++;
      const reason: SkipReason = sameRef ? 'meme_id' : samePerson ? 'meme_personne' : 'deja_dans_le_fichier';
      if (counts.skipped.shown.length < SHOWN_ROWS) counts.skipped.shown.push({ ...shown(row), reason, dossierNumber: existing?.dossier_number ?? null, sameAsLine: earlierLine });
      continue;
    }
    const lookalikes = found.filter((match) => match.same_identity);
    if (lookalikes.length > 0) {
      counts.duplicates.count++;
      if (counts.duplicates.shown.length < SHOWN_ROWS) counts.duplicates.shown.push({ ...shown(row), dossierNumbers: [...new Set(lookalikes.map((match) => match.dossier_number))] });
    }
    counts.created++;
    counts.byStatus[row.status]++;
    counts.ayantsDroit += row.ayantsDroit.length;
    if (counts.firstRows.length < PREVIEW_ROWS) counts.firstRows.push({ ...shown(row), status: row.status, startDate: row.startDate, endDate: row.endDate });
    created.push(row);
  }
  return created;
}
