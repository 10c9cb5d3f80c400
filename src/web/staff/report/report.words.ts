import { formatDate } from '../../../shared/dates.ts';
import type { AgeBand, AgeGroup, EntretienCountedField, IsoMonth, MailKind, ReportPeriod, ReportProblem, ReportSex } from '../../../domain/report/report.service.ts';

/**
 * The staff words of the yearly report (decision 0027): the domain gives each indicator a key,
 * the page and the xlsx name it here, with the words of the questionnaire.
 */

export const NON_RENSEIGNE_WORDS = 'Non renseigné';

export const ageBandWords = (band: AgeBand) => (band === '75_plus' ? '75 ans et plus' : `${band.replace('_', ' à ')} ans`);
/** Under a bar, where space is short. */
export const ageBandShort = (band: AgeBand) => (band === '75_plus' ? '75+' : band.replace('_', '–'));

export const sexWords: Record<ReportSex, string> = { femme: 'Femmes', homme: 'Hommes', non_renseigne: NON_RENSEIGNE_WORDS };
export const ageGroupWords: Record<AgeGroup, string> = { mineurs: 'Mineurs', majeurs: 'Majeurs', non_renseigne: 'Âge non renseigné' };
export const mailKindWords: Record<MailKind, string> = { courrier: 'Courriers', colis: 'Colis', avis_passage: 'Recommandés / avis de passage' };

export const entretienFieldWords: Record<EntretienCountedField, string> = {
  composition_menage: 'Composition du ménage',
  lien_commune: 'Lien avec la commune',
  situation_residentielle: 'Situation résidentielle',
  cause_instabilite: "Cause de l'instabilité du logement",
  motif_demande: 'Motif principal de la demande',
  accompagnement: 'Accompagnement social',
  situation_pro: 'Situation professionnelle',
  revenus: 'Revenus',
  orientation: 'Orientée par une structure ou une personne',
  domiciliation_existante: 'Déjà domiciliée ailleurs',
};

const monthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const shortMonthFormat = new Intl.DateTimeFormat('fr-FR', { month: 'short', timeZone: 'UTC' });
const monthStart = (month: IsoMonth) => new Date(`${month}-01T00:00:00Z`);
/** « janvier 2025 » */
export const monthWords = (month: IsoMonth) => monthFormat.format(monthStart(month));
/** « janv. », with the year when the series crosses one (« janv. 26 »). */
export const monthShort = (month: IsoMonth, withYear: boolean) => `${shortMonthFormat.format(monthStart(month))}${withYear ? ` ${month.slice(2, 4)}` : ''}`;

/** « l'année 2025 » or « du 01/03/2025 au 31/08/2025 ». */
export function periodWords(period: ReportPeriod): string {
  const year = period.from.slice(0, 4);
  if (period.from === `${year}-01-01` && period.to === `${year}-12-31`) return `l'année ${year}`;
  return `du ${formatDate(period.from)} au ${formatDate(period.to)}`;
}

/** What is wrong with the period or the answers typed. */
export function reportProblemWords(problem: ReportProblem): string {
  switch (problem.code) {
    case 'rapport_periode_date_invalide':
      return 'Indiquez une date au format jj/mm/aaaa, par exemple 31/12/2025.';
    case 'rapport_periode_fin_avant_debut':
      return 'La date de fin doit être le jour de début ou un jour après.';
    case 'rapport_periode_trop_longue':
      return `La période ne peut pas dépasser ${Math.floor(problem.maxDays / 366)} ans.`;
    case 'annee_invalide':
      return 'Choisissez une année, par exemple 2025.';
    case 'reponse_oui_non_invalide':
      return 'Choisissez « Oui », « Non » ou « Non renseigné ».';
    case 'reponse_nombre_invalide':
      return 'Indiquez un nombre, par exemple 2 ou 1,5.';
    case 'reponse_nombre_negatif':
      return 'Indiquez un nombre positif ou nul.';
    case 'reponse_nombre_trop_grand':
      return `Indiquez un nombre au plus égal à ${new Intl.NumberFormat('fr-FR').format(problem.max)}.`;
  }
}

const reportProblemCodes: Record<ReportProblem['code'], true> = {
  rapport_periode_date_invalide: true,
  rapport_periode_fin_avant_debut: true,
  rapport_periode_trop_longue: true,
  annee_invalide: true,
  reponse_oui_non_invalide: true,
  reponse_nombre_invalide: true,
  reponse_nombre_negatif: true,
  reponse_nombre_trop_grand: true,
};

export function isReportProblem(problem: { code: string }): problem is ReportProblem {
  return Object.hasOwn(reportProblemCodes, problem.code);
}
