import type { CourrierType } from '../../db/schema.ts';
import type { IsoDate } from '../../shared/dates.ts';
import type { radiationMotifs, refusalMotifs } from '../decisions/decision-rules.ts';
import type { questions } from '../entretien/entretien-fields.ts';

/**
 * The yearly activity report (../shared/docs/official-and-switching.md « The yearly report »),
 * as data: every indicator has a stable key and the staff side words it (decision 0027), so the
 * page, the xlsx and the tests read the same figures in the questionnaire's order.
 */

/** Both days included; a calendar year by default (reportPeriod). */
export type ReportPeriod = { from: IsoDate; to: IsoDate };

/** « Non renseigné »: the answer that every category of the questionnaire also counts. */
export const NON_RENSEIGNE = 'non_renseigne';
export type NonRenseigne = typeof NON_RENSEIGNE;

/** Ages on the period's last day: 0–17, 18–25, 26–29, then five years wide up to 70–74, and 75 and over. */
export const ageBands = ['0_17', '18_25', '26_29', '30_34', '35_39', '40_44', '45_49', '50_54', '55_59', '60_64', '65_69', '70_74', '75_plus'] as const;
export type AgeBand = (typeof ageBands)[number];

export const sexes = ['femme', 'homme', NON_RENSEIGNE] as const;
export type ReportSex = (typeof sexes)[number];

/** An ayant droit without a birth date is neither minor nor adult. */
export const ageGroups = ['mineurs', 'majeurs', NON_RENSEIGNE] as const;
export type AgeGroup = (typeof ageGroups)[number];

export type RefusalReason = keyof typeof refusalMotifs | NonRenseigne;
export type RadiationReason = keyof typeof radiationMotifs | NonRenseigne;

/** A count per key, every key present (zero included), in the order of its list. */
export type Counts<K extends string> = Readonly<Record<K, number>>;

/** The fields of the entretien the questionnaire counts, in the form's order (entretien-fields.ts `questions`). */
export type EntretienCountedField = (typeof questions)[number]['field'];

/** One entretien question counted over the persons valide at the last day. */
export type EntretienIndicator =
  | { field: EntretienCountedField; kind: 'list'; counts: readonly { code: string | NonRenseigne; count: number }[] }
  | { field: EntretienCountedField; kind: 'oui_non'; counts: Counts<'oui' | 'non' | NonRenseigne> };

export const mailKinds = ['courrier', 'colis', 'avis_passage'] as const satisfies readonly CourrierType[];
export type MailKind = CourrierType;
export type MailCounts = Counts<MailKind>;

/** 'YYYY-MM' */
export type IsoMonth = string;

/** firstRequests and renewals are the valide decisions (attestations delivered) of a first domiciliation or of a renewal. */
export type DecisionsInMonth = { month: IsoMonth; firstRequests: number; renewals: number; refusals: number; radiations: number };
export type MailInMonth = { month: IsoMonth; received: MailCounts; handedOut: MailCounts };
export type EcheancesInMonth = { month: IsoMonth; count: number };
export type PeopleInBand = { band: AgeBand; bySex: Counts<ReportSex> };

export type ActivityReport = {
  period: ReportPeriod;
  /** The structure's time zone, which decided the day of every event counted. */
  timezone: string;
  /**
   * The entretien answers and the ayants droit have no history: they are counted as recorded
   * now, for the persons valide at the period's last day. The page says so.
   */
  countedAsRecordedNow: true;

  /** At the period's last day, from the non-cancelled decisions taken on or before it. */
  atLastDay: {
    persons: number;
    ayantsDroit: number;
    /** persons + ayantsDroit */
    total: number;
    personsByAgeGroup: Counts<'mineurs' | 'majeurs'>;
    personsByAgeBand: Counts<AgeBand>;
    ayantsDroitByAgeGroup: Counts<AgeGroup>;
    personsBySex: Counts<ReportSex>;
    /** Whether the decision that makes them valide at that day was a first domiciliation or a renewal. */
    firstDomiciliations: number;
    renewals: number;
    entretien: readonly EntretienIndicator[];
  };

  /** During the period, each decision on its `decided_on`, each event on its day in the structure's time zone. */
  duringPeriod: {
    /** Valide decisions. */
    attestations: { total: number; firstRequests: number; renewals: number; ayantsDroitCovered: number };
    radiationsByReason: Counts<RadiationReason>;
    radiations: number;
    refusalsByReason: Counts<RefusalReason>;
    refusals: number;
    mail: {
      received: MailCounts;
      handedOut: MailCounts;
      forwarded: MailCounts;
      returnedToSender: MailCounts;
      /** Events, not items: a hand-out at the desk is a visit with mail handed out. */
      returnsToSender: number;
      forwardings: number;
      visitsWithMail: number;
      visitsWithoutMail: number;
      calls: number;
      /** Distinct persons with at least one mail event, visit or call in the period. */
      personsConcerned: number;
    };
    portalLogins: { logins: number; persons: number };
  };

  series: {
    /** Every month of the period, in order. */
    decisionsPerMonth: readonly DecisionsInMonth[];
    mailPerMonth: readonly MailInMonth[];
    /** The valide domiciliations (as they are now) ending in each of the 12 months from the current one. */
    echeancesNext12Months: readonly EcheancesInMonth[];
    /** At the period's last day. */
    peopleByAgeBandAndSex: readonly PeopleInBand[];
  };
};

/** The structure's own answers for the questionnaire, one set per year (migration 0069). */
export type ReportAnswers = {
  year: number;
  waitingList: boolean | null;
  meanWaitingDays: number | null;
  fteStaff: number | null;
  fteVolunteers: number | null;
  /** Euros, whole. */
  staffCost: number | null;
  totalCost: number | null;
  updatedAt: Date | null;
};

/** The form as posted: strings, empty for « non renseigné ». */
export type ReportAnswersForm = {
  liste_attente?: string;
  delai_moyen_jours?: string;
  etp_salaries?: string;
  etp_benevoles?: string;
  cout_personnel?: string;
  cout_total?: string;
};

export type ReportAnswersField = keyof ReportAnswersForm;

/** What is wrong with a period or the answers; the staff dictionary words it (decision 0027). */
export type ReportProblem =
  | { code: 'rapport_periode_date_invalide' }
  | { code: 'rapport_periode_fin_avant_debut' }
  | { code: 'rapport_periode_trop_longue'; maxDays: number }
  | { code: 'annee_invalide' }
  | { code: 'reponse_oui_non_invalide' }
  | { code: 'reponse_nombre_invalide' }
  | { code: 'reponse_nombre_negatif' }
  | { code: 'reponse_nombre_trop_grand'; max: number };
