import { ageBands, ageGroups, mailKinds, NON_RENSEIGNE, sexes, type ActivityReport, type ReportAnswers } from '../../../domain/report/report.service.ts';
import { questions } from '../../../domain/entretien/entretien-fields.ts';
import { radiationMotifs, refusalMotifs } from '../../../domain/decisions/decision-rules.ts';
import { formatDate } from '../../../shared/dates.ts';
import { ageBandWords, ageGroupWords, entretienFieldWords, mailKindWords, NON_RENSEIGNE_WORDS, sexWords } from './report.words.ts';

/**
 * The indicators of the yearly questionnaire in its order and with its words, as blocks of
 * sections of rows: the page shows them, the xlsx writes one sheet per block, from this one list.
 */
export type IndicatorRow = { label: string; value: number | string; /** A detail of the row above (« dont … »). */ detail?: boolean };
export type IndicatorSection = { title: string; rows: IndicatorRow[] };
export type IndicatorBlock = { key: string; title: string; /** The name of its sheet (31 characters at most). */ sheet: string; sections: IndicatorSection[] };

const motifWords = (labels: Readonly<Record<string, string>>, code: string) => (code === NON_RENSEIGNE ? NON_RENSEIGNE_WORDS : labels[code] ?? code);
const yesNo = (code: string) => ({ oui: 'Oui', non: 'Non' })[code] ?? NON_RENSEIGNE_WORDS;

function atLastDayBlock(report: ActivityReport): IndicatorBlock {
  const day = report.atLastDay;
  return {
    key: 'dernier-jour',
    title: `Domiciliations valides au ${formatDate(report.period.to)}`,
    sheet: 'Au dernier jour',
    sections: [
      {
        title: 'Personnes domiciliées',
        rows: [
          { label: 'Personnes domiciliées (domiciliation valide)', value: day.persons },
          { label: 'Ayants droit', value: day.ayantsDroit },
          { label: 'Personnes et ayants droit ensemble', value: day.total },
        ],
      },
      {
        title: 'Âge des personnes domiciliées',
        rows: [
          { label: 'Mineurs', value: day.personsByAgeGroup.mineurs },
          { label: 'Majeurs', value: day.personsByAgeGroup.majeurs },
          ...ageBands.map((band) => ({ label: ageBandWords(band), value: day.personsByAgeBand[band], detail: true })),
        ],
      },
      { title: 'Âge des ayants droit', rows: ageGroups.map((group) => ({ label: ageGroupWords[group], value: day.ayantsDroitByAgeGroup[group] })) },
      { title: 'Sexe des personnes domiciliées', rows: sexes.map((sex) => ({ label: sexWords[sex], value: day.personsBySex[sex] })) },
      {
        title: 'Première domiciliation ou renouvellement',
        rows: [
          { label: 'Première domiciliation', value: day.firstDomiciliations },
          { label: 'Renouvellement', value: day.renewals },
        ],
      },
    ],
  };
}

function entretienBlock(report: ActivityReport): IndicatorBlock {
  return {
    key: 'entretien',
    title: `Entretien social des personnes domiciliées au ${formatDate(report.period.to)}`,
    sheet: 'Entretien social',
    sections: report.atLastDay.entretien.map((indicator) => {
      const question = questions.find((candidate) => candidate.field === indicator.field)!;
      const rows =
        indicator.kind === 'oui_non'
          ? (['oui', 'non', NON_RENSEIGNE] as const).map((code) => ({ label: yesNo(code), value: indicator.counts[code] }))
          : indicator.counts.map(({ code, count }) => ({ label: question.kind === 'list' ? motifWords(question.labels, code) : code, value: count }));
      return { title: entretienFieldWords[indicator.field], rows };
    }),
  };
}

function decisionsBlock(report: ActivityReport): IndicatorBlock {
  const { attestations, radiationsByReason, radiations, refusalsByReason, refusals } = report.duringPeriod;
  return {
    key: 'decisions',
    title: 'Décisions prises pendant la période',
    sheet: 'Décisions',
    sections: [
      {
        title: "Attestations d'élection de domicile délivrées",
        rows: [
          { label: 'Attestations délivrées', value: attestations.total },
          { label: 'dont premières demandes', value: attestations.firstRequests, detail: true },
          { label: 'dont renouvellements', value: attestations.renewals, detail: true },
          { label: 'Ayants droit couverts par ces attestations', value: attestations.ayantsDroitCovered },
        ],
      },
      {
        title: 'Radiations par motif',
        rows: [{ label: 'Radiations', value: radiations }, ...Object.entries(radiationsByReason).map(([code, count]) => ({ label: motifWords(radiationMotifs, code), value: count, detail: true }))],
      },
      {
        title: 'Refus par motif',
        rows: [{ label: 'Refus', value: refusals }, ...Object.entries(refusalsByReason).map(([code, count]) => ({ label: motifWords(refusalMotifs, code), value: count, detail: true }))],
      },
    ],
  };
}

function mailBlock(report: ActivityReport): IndicatorBlock {
  const { mail, portalLogins } = report.duringPeriod;
  const byKind = (title: string, counts: Record<string, number>) => ({ title, rows: mailKinds.map((kind) => ({ label: mailKindWords[kind], value: counts[kind]! })) });
  return {
    key: 'courrier',
    title: 'Courrier, passages et portail pendant la période',
    sheet: 'Courrier et passages',
    sections: [
      byKind('Courrier reçu', mail.received),
      byKind('Courrier remis', mail.handedOut),
      byKind('Courrier transféré', mail.forwarded),
      byKind("Courrier retourné à l'expéditeur", mail.returnedToSender),
      {
        title: 'Passages et appels',
        rows: [
          { label: "Retours à l'expéditeur", value: mail.returnsToSender },
          { label: 'Transferts', value: mail.forwardings },
          { label: 'Passages avec remise de courrier', value: mail.visitsWithMail },
          { label: 'Passages sans remise de courrier', value: mail.visitsWithoutMail },
          { label: 'Appels', value: mail.calls },
          { label: 'Personnes concernées', value: mail.personsConcerned },
        ],
      },
      {
        title: 'Portail usager',
        rows: [
          { label: 'Connexions au portail', value: portalLogins.logins },
          { label: 'Personnes qui se sont connectées', value: portalLogins.persons },
        ],
      },
    ],
  };
}

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const orNot = (value: number | null, format: (value: number) => string | number = (value) => value) => (value === null ? NON_RENSEIGNE_WORDS : format(value));

/** The structure's own answers for the year, as it entered them. */
export function answersBlock(answers: ReportAnswers): IndicatorBlock {
  return {
    key: 'reponses',
    title: `Réponses de la structure pour ${answers.year}`,
    sheet: 'Réponses de la structure',
    sections: [
      {
        title: 'Moyens et délais',
        rows: [
          { label: "Liste d'attente", value: answers.waitingList === null ? NON_RENSEIGNE_WORDS : answers.waitingList ? 'Oui' : 'Non' },
          { label: "Délai moyen d'attente (jours)", value: orNot(answers.meanWaitingDays) },
          { label: 'Salariés affectés à la domiciliation (ETP)', value: orNot(answers.fteStaff) },
          { label: 'Bénévoles affectés à la domiciliation (ETP)', value: orNot(answers.fteVolunteers) },
          { label: 'Coût du personnel (euros)', value: orNot(answers.staffCost) },
          { label: "Coût total de l'activité (euros)", value: orNot(answers.totalCost) },
        ],
      },
    ],
  };
}

/** Every block of the report, in the questionnaire's order; the structure's answers last when given. */
export function indicatorBlocks(report: ActivityReport, answers?: ReportAnswers): IndicatorBlock[] {
  return [atLastDayBlock(report), entretienBlock(report), decisionsBlock(report), mailBlock(report), ...(answers ? [answersBlock(answers)] : [])];
}

/** A value as the page prints it: « 1 234 », « 1,5 », or the words it already is. */
export const valueText = (value: number | string) => (typeof value === 'number' ? decimal.format(value) : value);
