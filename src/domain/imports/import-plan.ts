import type { DomicilieStatus } from '../../db/schema.ts';
import { addDays, addMonths, type IsoDate } from '../../shared/dates.ts';
import type { Entretien } from '../entretien/entretien.service.ts';
import type { TemplateRow } from '../spreadsheet/template.ts';

/**
 * What one row of the template becomes in the database: the record, its decisions dated by the
 * row, its ayants droit and its entretien. Pure, so the rules of the import are read and tested
 * here, away from the batches that write them.
 */

export type ImportContext = {
  structureId: string;
  importId: string;
  staffId: string;
  timezone: string;
  today: IsoDate;
  /** When the import writes: the record's creation for rows without a last visit. */
  now: Date;
};

export type PlannedDecision = {
  status: DomicilieStatus;
  is_renewal: boolean;
  start_date: IsoDate | null;
  end_date: IsoDate | null;
  motif: string | null;
  decided_on: IsoDate;
  created_at: Date;
};

export type PlannedPerson = {
  domicilie: {
    id: string;
    custom_ref: string | null;
    nom: string;
    prenom: string;
    surnom: string | null;
    sexe: 'femme' | 'homme' | null;
    birth_date: IsoDate;
    birth_place: string | null;
    phone: string | null;
    email: string | null;
    status: DomicilieStatus;
    start_date: IsoDate | null;
    end_date: IsoDate | null;
    first_domiciliation_on: IsoDate | null;
    last_visit_at: Date;
    created_at: Date;
  };
  decisions: PlannedDecision[];
  ayantsDroit: TemplateRow['ayantsDroit'];
  /** Null when the row answers nothing of the entretien: no row, like a form never filled in. */
  entretien: Entretien | null;
};

/** The instant a calendar day starts in a time zone (midnight, or the first hour a DST change leaves). */
export function startOfDayIn(day: IsoDate, timeZone: string): Date {
  const asUtc = new Date(`${day}T00:00:00Z`).getTime();
  let instant = asUtc - offsetAt(asUtc, timeZone);
  // The offset at the guessed instant may differ from the one at midnight UTC (a DST change between).
  instant = asUtc - offsetAt(instant, timeZone);
  return new Date(instant);
}

// Building a formatter costs far more than using one: one per time zone, for the 20,000 rows of a file.
const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string) => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

function offsetAt(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** One year minus one day, as the desk's « Valider » proposes: the end a radié's past domiciliation had. */
const yearFrom = (start: IsoDate): IsoDate => addDays(addMonths(start, 12), -1);

/**
 * The decisions a row describes, oldest first, each recorded at the start of its day so the
 * history reads in the order they were taken: valide from N to O (first or renewal as M says);
 * radié on O, after its domiciliation from N when the row gives it; refusé on O; an instruction
 * or « à valider » taken on the import's day.
 */
export function plannedDecisions(row: TemplateRow, context: ImportContext): PlannedDecision[] {
  const at = (day: IsoDate, later = 0) => new Date(startOfDayIn(day, context.timezone).getTime() + later);
  const none = { is_renewal: false, start_date: null, end_date: null, motif: null };
  switch (row.status) {
    case 'valide': {
      // A domiciliation that starts later (a renewal granted ahead) was decided by the import's day at the latest.
      const later = row.startDate! > context.today;
      return [{ ...none, status: 'valide', is_renewal: row.isRenewal, start_date: row.startDate, end_date: row.endDate, decided_on: later ? context.today : row.startDate!, created_at: later ? context.now : at(row.startDate!) }];
    }
    case 'radie': {
      const radiation: PlannedDecision = { ...none, status: 'radie', motif: row.motif, decided_on: row.endDate!, created_at: at(row.endDate!, 1000) };
      if (!row.startDate) return [radiation];
      const end = yearFrom(row.startDate);
      return [{ ...none, status: 'valide', is_renewal: row.isRenewal, start_date: row.startDate, end_date: end, decided_on: row.startDate, created_at: at(row.startDate) }, radiation];
    }
    case 'refuse':
      return [{ ...none, status: 'refuse', motif: row.motif, decided_on: row.endDate!, created_at: at(row.endDate!) }];
    case 'instruction':
    case 'a_valider':
      return [{ ...none, status: row.status, decided_on: context.today, created_at: context.now }];
  }
}

const answersSomething = (entretien: Entretien) => Object.values(entretien).some((value) => value !== null && value !== undefined);

/**
 * The record of a row. Its date de dernier passage is column Q (empty: the import's day) and the
 * record is created at that moment: the last visit is recomputed later from what the record holds
 * (src/domain/last-visit), whose oldest presence is the record's creation, so an undo at the desk
 * never moves an imported visit to the day of the import. The floor the application keeps (the
 * first day of the current valid domiciliation) applies to imported records too.
 */
export function plannedPerson(row: TemplateRow, context: ImportContext, id: string): PlannedPerson {
  const decisions = plannedDecisions(row, context);
  const created = row.lastVisit ? startOfDayIn(row.lastVisit, context.timezone) : context.now;
  const valid = row.status === 'valide';
  const floor = valid && row.startDate ? startOfDayIn(row.startDate, context.timezone) : null;
  // Never a visit to come: a domiciliation that starts later does not raise the floor past now.
  const lastVisit = floor && floor > created && floor <= context.now ? floor : created;
  return {
    domicilie: {
      id,
      custom_ref: row.externalId,
      nom: row.nom,
      prenom: row.prenom,
      surnom: row.surnom,
      sexe: row.sexe,
      birth_date: row.birthDate,
      birth_place: row.birthPlace,
      phone: row.phone,
      email: row.email,
      status: row.status,
      start_date: valid ? row.startDate : null,
      end_date: valid ? row.endDate : null,
      first_domiciliation_on: row.firstDomiciliation,
      last_visit_at: lastVisit,
      created_at: created,
    },
    decisions,
    ayantsDroit: row.ayantsDroit,
    entretien: answersSomething(row.entretien) ? row.entretien : null,
  };
}
