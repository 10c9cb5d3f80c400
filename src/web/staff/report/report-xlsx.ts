import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { mailKinds, sexes, type ActivityReport, type ReportAnswers } from '../../../domain/report/report.service.ts';
import { fileNamePart } from '../../../shared/file-names.ts';
import { indicatorBlocks } from './report-blocks.ts';
import { ageBandWords, mailKindWords, monthWords, periodWords, sexWords } from './report.words.ts';

/** `rapport-activite-<structure>-<du>-<au>.xlsx`: the structure and the period, nothing else. */
export function reportFileName(structureName: string, report: Pick<ActivityReport, 'period'>): string {
  return `rapport-activite-${fileNamePart(structureName) || 'structure'}-${report.period.from}-${report.period.to}.xlsx`;
}

/** The sheets of the monthly series, after the blocks of indicators. */
export const seriesSheetNames = { decisions: 'Décisions par mois', mail: 'Courrier par mois', echeances: 'Échéances 12 mois', ages: 'Âge et sexe' } as const;

type Cell = string | number;
type Sheet = ExcelJS.Worksheet;

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, widths: number[]): Sheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = widths.map((width) => ({ width }));
  return sheet;
}

const bold = (sheet: Sheet, cells: Cell[]) => {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  row.commit();
};
const plain = (sheet: Sheet, cells: Cell[]) => sheet.addRow(cells).commit();

/** A series sheet: a heading line, the columns' names, one line per month or band. */
function seriesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, heading: string, headers: string[], rows: Cell[][]) {
  const sheet = addSheet(workbook, name, [22, ...headers.slice(1).map((header) => Math.max(12, Math.min(30, header.length + 2)))]);
  bold(sheet, [heading]);
  bold(sheet, headers);
  for (const row of rows) plain(sheet, row);
  sheet.commit();
}

/**
 * The report as an xlsx, streamed to `output` (decision 0031's writer): one sheet per block of
 * the questionnaire, its indicators in order with their words and numbers as numbers, then the
 * monthly series. The figures come from `report`: the file says what the page says.
 */
export async function writeReportXlsx(output: Writable, report: ActivityReport, answers: ReportAnswers, structureName: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: false, useStyles: true });
  workbook.creator = structureName;
  const over = `${structureName}, ${periodWords(report.period)}`;
  for (const block of indicatorBlocks(report, answers)) {
    const sheet = addSheet(workbook, block.sheet, [52, 16]);
    bold(sheet, [block.title]);
    plain(sheet, [over]);
    for (const section of block.sections) {
      plain(sheet, []);
      bold(sheet, [section.title]);
      for (const row of section.rows) plain(sheet, [row.detail ? `    ${row.label}` : row.label, row.value]);
    }
    sheet.commit();
  }
  const { series } = report;
  seriesSheet(
    workbook,
    seriesSheetNames.decisions,
    `Décisions par mois, ${periodWords(report.period)}`,
    ['Mois', 'Premières demandes', 'Renouvellements', 'Refus', 'Radiations'],
    series.decisionsPerMonth.map((month) => [monthWords(month.month), month.firstRequests, month.renewals, month.refusals, month.radiations]),
  );
  seriesSheet(
    workbook,
    seriesSheetNames.mail,
    `Courrier reçu et remis par mois, ${periodWords(report.period)}`,
    ['Mois', ...mailKinds.map((kind) => `Reçu : ${mailKindWords[kind]}`), ...mailKinds.map((kind) => `Remis : ${mailKindWords[kind]}`)],
    series.mailPerMonth.map((month) => [monthWords(month.month), ...mailKinds.map((kind) => month.received[kind]), ...mailKinds.map((kind) => month.handedOut[kind])]),
  );
  seriesSheet(
    workbook,
    seriesSheetNames.echeances,
    'Échéances des domiciliations valides, 12 prochains mois',
    ['Mois', 'Échéances'],
    series.echeancesNext12Months.map((month) => [monthWords(month.month), month.count]),
  );
  seriesSheet(
    workbook,
    seriesSheetNames.ages,
    'Personnes domiciliées au dernier jour, par âge et par sexe',
    ['Âge', ...sexes.map((sex) => sexWords[sex])],
    series.peopleByAgeBandAndSex.map((band) => [ageBandWords(band.band), ...sexes.map((sex) => band.bySex[sex])]),
  );
  await workbook.commit();
}
