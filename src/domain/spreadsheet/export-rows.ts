import type { DomicilieStatus } from '../../db/schema.ts';
import { isoDateIn, type IsoDate } from '../../shared/dates.ts';
import { firstDomiciliationOn } from '../decisions/decision-dates.ts';
import type { Lien } from '../domicilies/identity-input.ts';
import { emptyEntretien, entretienFields, type Entretien, type EntretienField } from '../entretien/entretien-fields.ts';
import {
  civiliteCodes,
  lienCodes,
  radiationMotifCodes,
  refusalMotifCodes,
  requestKindCodes,
  statusCodes,
  templateColumns,
  yesNoCodes,
  type TemplateColumnKey,
  type TemplateRow,
} from './template.ts';

/** What the export reads of a record: its identity and current state (domicilies). */
export type ExportedRecord = {
  custom_ref: string | null;
  nom: string;
  prenom: string;
  surnom: string | null;
  sexe: 'femme' | 'homme' | 'autre' | null;
  birth_date: IsoDate;
  birth_place: string | null;
  phone: string | null;
  email: string | null;
  status: DomicilieStatus;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  last_visit_at: Date | null;
  first_domiciliation_on: IsoDate | null;
};

/** One effective decision of the record, oldest first. */
export type ExportedDecision = {
  status: DomicilieStatus;
  is_renewal: boolean;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  motif: string | null;
  decided_on: IsoDate;
  cancelled_at: Date | null;
};

export type ExportedAyantDroit = { nom: string; prenom: string; birth_date: IsoDate | null; lien: Lien };

/**
 * The template's row of a record, from its current decision: a valide domiciliation gives N and O;
 * a radiation gives its day in O and the domiciliation it ended in N (and whether that one was a
 * renewal in M); a refusal its day in O. The instruction under way says in M whether it is a renewal.
 */
export function templateRowOf(
  line: number,
  record: ExportedRecord,
  decisions: readonly ExportedDecision[],
  entretien: Entretien | undefined,
  ayantsDroit: readonly ExportedAyantDroit[],
  timezone: string,
): TemplateRow {
  const latestIndex = (status: DomicilieStatus, before = decisions.length) => {
    for (let index = before - 1; index >= 0; index--) if (decisions[index]!.status === status) return index;
    return -1;
  };
  const lastValide = decisions[latestIndex('valide')];
  let isRenewal = decisions.at(-1)?.is_renewal ?? false;
  let startDate: IsoDate | null = null;
  let endDate: IsoDate | null = null;
  let motif: string | null = null;
  if (record.status === 'valide') {
    isRenewal = lastValide?.is_renewal ?? isRenewal;
    startDate = record.start_date;
    endDate = record.end_date;
  } else if (record.status === 'radie' || record.status === 'refuse') {
    const index = latestIndex(record.status);
    const decision = decisions[index];
    motif = decision?.motif ?? null;
    endDate = decision?.decided_on ?? null;
    if (record.status === 'radie') {
      const ended = index > 0 ? decisions[latestIndex('valide', index)] : undefined;
      startDate = ended?.start_date ?? null;
      isRenewal = ended?.is_renewal ?? false;
    } else {
      isRenewal = decision?.is_renewal ?? false;
    }
  }
  return {
    line,
    externalId: record.custom_ref,
    sexe: record.sexe === 'autre' ? null : record.sexe,
    nom: record.nom,
    prenom: record.prenom,
    surnom: record.surnom,
    birthDate: record.birth_date,
    birthPlace: record.birth_place,
    phone: record.phone,
    email: record.email,
    status: record.status,
    motif,
    isRenewal,
    startDate,
    endDate,
    firstDomiciliation: firstDomiciliationOn(record.first_domiciliation_on, decisions),
    lastVisit: record.last_visit_at ? isoDateIn(record.last_visit_at, timezone) : null,
    entretien: entretien ?? emptyEntretien(),
    ayantsDroit: ayantsDroit.map(({ nom, prenom, birth_date, lien }) => ({ nom, prenom, birthDate: birth_date, lien })),
  };
}

/** A cell: text or empty. */
export type Cell = string | null;

/**
 * A day as the template writes it, dd/mm/yyyy text: what the import reads back as the same day
 * in any time zone, and several times cheaper to write than a styled date cell.
 */
export const dateCell = (day: IsoDate | null): string | null => (day ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : null);

const code = <V>(map: { toCode: ReadonlyMap<V, string> }, value: V | null): string | null => (value === null ? null : (map.toCode.get(value) ?? null));

function motifCell(row: TemplateRow, kind: 'refuse' | 'radie'): string | null {
  if (row.status !== kind || row.motif === null) return null;
  const codes = (kind === 'refuse' ? refusalMotifCodes.toCode : radiationMotifCodes.toCode) as ReadonlyMap<string, string>;
  return codes.get(row.motif) ?? null;
}

function entretienCell(entretien: Entretien, field: EntretienField): string | null {
  const value = entretien[field];
  return typeof value === 'boolean' ? code(yesNoCodes, value) : value;
}

const entretienKeys = new Set<string>(entretienFields);

/** Columns AK → AZ: the four ayants droit the template holds; the others go in the sheet « Ayants droit ». */
function ayantDroitCell(row: TemplateRow, key: string): Cell {
  const [, rank, part] = /^ayant_droit_(\d)_(.+)$/.exec(key)!;
  const ayantDroit = row.ayantsDroit[Number(rank) - 1];
  if (!ayantDroit) return null;
  if (part === 'nom') return ayantDroit.nom;
  if (part === 'prenom') return ayantDroit.prenom;
  if (part === 'date_naissance') return dateCell(ayantDroit.birthDate);
  return code(lienCodes, ayantDroit.lien);
}

const identityCells: Partial<Record<TemplateColumnKey, (row: TemplateRow) => Cell>> = {
  id: (row) => row.externalId,
  civilite: (row) => code(civiliteCodes, row.sexe),
  nom: (row) => row.nom,
  prenom: (row) => row.prenom,
  surnom: (row) => row.surnom,
  date_naissance: (row) => dateCell(row.birthDate),
  lieu_naissance: (row) => row.birthPlace,
  telephone: (row) => row.phone,
  email: (row) => row.email,
  statut: (row) => code(statusCodes, row.status),
  motif_refus: (row) => motifCell(row, 'refuse'),
  motif_radiation: (row) => motifCell(row, 'radie'),
  type: (row) => code(requestKindCodes, row.isRenewal),
  date_debut: (row) => dateCell(row.startDate),
  date_fin: (row) => dateCell(row.endDate),
  date_premiere_domiciliation: (row) => dateCell(row.firstDomiciliation),
  date_dernier_passage: (row) => dateCell(row.lastVisit),
};

/** The row's cells, A → AZ, in the template's order and codes. */
export function templateCells(row: TemplateRow): Cell[] {
  return templateColumns.map(({ key }) => {
    const identity = identityCells[key];
    if (identity) return identity(row);
    if (entretienKeys.has(key)) return entretienCell(row.entretien, key as EntretienField);
    return ayantDroitCell(row, key);
  });
}
