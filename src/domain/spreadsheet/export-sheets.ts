import { isoDateIn, type IsoDate } from '../../shared/dates.ts';
import type { MailTotals } from '../courriers/mail-totals.service.ts';
import type { Lien } from '../domicilies/identity-input.ts';
import { dateCell, type Cell } from './export-rows.ts';
import { lienCodes } from './template.ts';

/**
 * The export's sheets after the template: what a template row cannot hold. Each names the person
 * by numéro de dossier, nom and prénom, so that a reader finds the row in the first sheet.
 */

type Column = { header: string };

const person: Column[] = [{ header: 'N° de dossier' }, { header: 'Nom de naissance' }, { header: 'Prénom' }];

type Person = { dossier_number: number; nom: string; prenom: string };
const personCells = (record: Person): (Cell | number)[] => [record.dossier_number, record.nom, record.prenom];

/** « Ayants droit »: every ayant droit of the people who have more than the template's four. */
export const ayantsDroitColumns: readonly Column[] = [
  ...person,
  { header: 'Ayant droit : nom' },
  { header: 'Ayant droit : prénom' },
  { header: 'Ayant droit : date de naissance' },
  { header: 'Ayant droit : lien de parenté' },
];

export function ayantsDroitCells(record: Person, ayantDroit: { nom: string; prenom: string; birth_date: IsoDate | null; lien: Lien }): (Cell | number)[] {
  return [...personCells(record), ayantDroit.nom, ayantDroit.prenom, dateCell(ayantDroit.birth_date), lienCodes.toCode.get(ayantDroit.lien) ?? null];
}

/** « Courrier et passages »: the mail of each person, kind by kind, and the days they last came. */
export const mailColumns: readonly Column[] = [
  ...person,
  { header: 'Courriers reçus' },
  { header: 'Colis reçus' },
  { header: 'Avis de passage reçus' },
  { header: 'Courriers remis' },
  { header: 'Colis remis' },
  { header: 'Avis de passage remis' },
  { header: 'Courriers en attente' },
  { header: 'Colis en attente' },
  { header: 'Avis de passage en attente' },
  { header: 'Date de dernier passage' },
  { header: 'Date de dernière réception de courrier' },
  { header: 'Date de dernière remise de courrier' },
];

type MailRecord = Person & { waiting_courrier: number; waiting_colis: number; waiting_avis_passage: number; last_visit_at: Date | null };

export function mailCells(record: MailRecord, totals: MailTotals | undefined, timezone: string): (Cell | number)[] {
  const day = (instant: Date | null | undefined) => (instant ? dateCell(isoDateIn(instant, timezone)) : null);
  const received = totals?.received;
  const handedOut = totals?.handedOut;
  return [
    ...personCells(record),
    received?.courrier ?? 0,
    received?.colis ?? 0,
    received?.avis_passage ?? 0,
    handedOut?.courrier ?? 0,
    handedOut?.colis ?? 0,
    handedOut?.avis_passage ?? 0,
    record.waiting_courrier,
    record.waiting_colis,
    record.waiting_avis_passage,
    day(record.last_visit_at),
    day(totals?.lastReceptionAt),
    day(totals?.lastHandOutAt),
  ];
}
