import { radiationMotifs, refusalMotifs } from '../decisions/decision-rules.ts';
import { questions } from '../entretien/entretien-fields.ts';
import { monthsOf } from './report-period.ts';
import type { AtLastDayRow, DecisionRow, EcheanceRow, MailRow, PersonsRow } from './report.repository.ts';
import {
  ageBands,
  ageGroups,
  mailKinds,
  NON_RENSEIGNE,
  sexes,
  type ActivityReport,
  type Counts,
  type EntretienIndicator,
  type IsoMonth,
  type MailCounts,
  type RadiationReason,
  type RefusalReason,
  type ReportPeriod,
} from './report-types.ts';

/** Turns the grouped rows of report.repository.ts into the report: every key present, zeros included. */

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
const noMail = (): Record<keyof MailCounts, number> => zeros(mailKinds);
const sum = (counts: Counts<string>) => Object.values(counts).reduce((total, count) => total + count, 0);

/** A motif outside today's list (an old import, a list since changed) still counts, as « autre ». */
function reasonOf<K extends string>(motif: string | null, known: Readonly<Record<string, unknown>>): K {
  if (!motif) return NON_RENSEIGNE as K;
  return (Object.hasOwn(known, motif) ? motif : 'autre') as K;
}

function entretienIndicators(rows: readonly AtLastDayRow[]): EntretienIndicator[] {
  const countOf = (field: string, value: string | null) => rows.find((row) => row.a === field && row.b === value)?.count ?? 0;
  return questions.map((question): EntretienIndicator => {
    if (question.kind === 'oui_non') {
      return { field: question.field, kind: 'oui_non', counts: { oui: countOf(question.field, 'oui'), non: countOf(question.field, 'non'), [NON_RENSEIGNE]: countOf(question.field, null) } };
    }
    const codes = Object.keys(question.labels).map((code) => ({ code, count: countOf(question.field, code) }));
    return { field: question.field, kind: 'list', counts: [...codes, { code: NON_RENSEIGNE, count: countOf(question.field, null) }] };
  });
}

function atLastDayPart(rows: readonly AtLastDayRow[]) {
  const personRows = rows.filter((row) => row.section === 'persons');
  const byBandAndSex = ageBands.map((band) => ({ band, bySex: zeros(sexes) }));
  const personsBySex = zeros(sexes);
  const personsByAgeBand = zeros(ageBands);
  let renewals = 0;
  for (const row of personRows) {
    const band = row.a as (typeof ageBands)[number];
    const sex = row.b as (typeof sexes)[number];
    byBandAndSex.find((entry) => entry.band === band)!.bySex[sex] += row.count;
    personsBySex[sex] += row.count;
    personsByAgeBand[band] += row.count;
    if (row.c === 'renewal') renewals += row.count;
  }
  const persons = sum(personsBySex);
  const ayantsDroitByAgeGroup = zeros(ageGroups);
  for (const row of rows.filter((row) => row.section === 'ayants_droit')) ayantsDroitByAgeGroup[row.a as (typeof ageGroups)[number]] += row.count;
  const ayantsDroit = sum(ayantsDroitByAgeGroup);
  const minors = personsByAgeBand['0_17'];
  return {
    atLastDay: {
      persons,
      ayantsDroit,
      total: persons + ayantsDroit,
      personsByAgeGroup: { mineurs: minors, majeurs: persons - minors },
      personsByAgeBand,
      ayantsDroitByAgeGroup,
      personsBySex,
      firstDomiciliations: persons - renewals,
      renewals,
      entretien: entretienIndicators(rows.filter((row) => row.section === 'entretien')),
    },
    peopleByAgeBandAndSex: byBandAndSex,
  };
}

function decisionsPart(rows: readonly DecisionRow[], months: readonly IsoMonth[]) {
  const perMonth = months.map((month) => ({ month, firstRequests: 0, renewals: 0, refusals: 0, radiations: 0 }));
  const attestations = { total: 0, firstRequests: 0, renewals: 0, ayantsDroitCovered: 0 };
  const radiationsByReason = zeros<RadiationReason>([...(Object.keys(radiationMotifs) as RadiationReason[]), NON_RENSEIGNE]);
  const refusalsByReason = zeros<RefusalReason>([...(Object.keys(refusalMotifs) as RefusalReason[]), NON_RENSEIGNE]);
  for (const row of rows) {
    const month = perMonth.find((entry) => entry.month === row.month)!;
    if (row.status === 'valide') {
      attestations.total += row.count;
      attestations.ayantsDroitCovered += row.ayants_droit;
      if (row.is_renewal) {
        attestations.renewals += row.count;
        month.renewals += row.count;
      } else {
        attestations.firstRequests += row.count;
        month.firstRequests += row.count;
      }
    } else if (row.status === 'refuse') {
      refusalsByReason[reasonOf<RefusalReason>(row.motif, refusalMotifs)] += row.count;
      month.refusals += row.count;
    } else {
      radiationsByReason[reasonOf<RadiationReason>(row.motif, radiationMotifs)] += row.count;
      month.radiations += row.count;
    }
  }
  return { attestations, radiationsByReason, radiations: sum(radiationsByReason), refusalsByReason, refusals: sum(refusalsByReason), perMonth };
}

function mailPart(rows: readonly MailRow[], months: readonly IsoMonth[], personsConcerned: number) {
  const perMonth = months.map((month) => ({ month, received: noMail(), handedOut: noMail() }));
  const totals = { received: noMail(), handedOut: noMail(), forwarded: noMail(), returnedToSender: noMail() };
  const events = { returnsToSender: 0, forwardings: 0, visitsWithMail: 0, visitsWithoutMail: 0, calls: 0 };
  const add = (target: Record<keyof MailCounts, number>, row: MailRow) => mailKinds.forEach((kind) => (target[kind] += row[kind]));
  for (const row of rows) {
    const month = perMonth.find((entry) => entry.month === row.month)!;
    if (row.kind === 'reception') {
      add(totals.received, row);
      add(month.received, row);
    } else if (row.kind === 'hand_out') {
      add(totals.handedOut, row);
      add(month.handedOut, row);
      events.visitsWithMail += row.events;
    } else if (row.kind === 'transfer') {
      add(totals.forwarded, row);
      events.forwardings += row.events;
    } else if (row.kind === 'return_to_sender') {
      add(totals.returnedToSender, row);
      events.returnsToSender += row.events;
    } else if (row.kind === 'visit') events.visitsWithoutMail += row.events;
    else if (row.kind === 'call') events.calls += row.events;
  }
  return { mail: { ...totals, ...events, personsConcerned }, perMonth };
}

export type ReportRows = {
  period: ReportPeriod;
  timezone: string;
  atLastDay: readonly AtLastDayRow[];
  decisions: readonly DecisionRow[];
  mail: readonly MailRow[];
  persons: PersonsRow;
  echeances: readonly EcheanceRow[];
  echeanceMonths: readonly IsoMonth[];
};

export function buildReport(rows: ReportRows): ActivityReport {
  const months = monthsOf(rows.period);
  const people = atLastDayPart(rows.atLastDay);
  const decisions = decisionsPart(rows.decisions, months);
  const mail = mailPart(rows.mail, months, rows.persons.mail_persons);
  return {
    period: rows.period,
    timezone: rows.timezone,
    countedAsRecordedNow: true,
    atLastDay: people.atLastDay,
    duringPeriod: {
      attestations: decisions.attestations,
      radiationsByReason: decisions.radiationsByReason,
      radiations: decisions.radiations,
      refusalsByReason: decisions.refusalsByReason,
      refusals: decisions.refusals,
      mail: mail.mail,
      portalLogins: { logins: rows.persons.logins, persons: rows.persons.login_persons },
    },
    series: {
      decisionsPerMonth: decisions.perMonth,
      mailPerMonth: mail.perMonth,
      echeancesNext12Months: rows.echeanceMonths.map((month) => ({ month, count: rows.echeances.find((row) => row.month === month)?.count ?? 0 })),
      peopleByAgeBandAndSex: people.peopleByAgeBandAndSex,
    },
  };
}
