import type { ActivityReport, ReportAnswers, ReportAnswersForm } from '../../../domain/report/report.service.ts';
import { CsrfField } from '../../shared/components.tsx';
import { StaffLayout } from '../staff-layout.tsx';
import type { PageContext } from '../staff-context.ts';
import { answersBlock, indicatorBlocks, valueText, type IndicatorBlock } from './report-blocks.ts';
import { ReportCharts } from './report-charts.tsx';
import { AnswersForm, PeriodChooser, type PeriodChoice } from './report-forms.views.tsx';
import { periodWords } from './report.words.ts';

export type ReportPageProps = {
  ctx: PageContext;
  choice: PeriodChoice;
  years: number[];
  /** Absent when the period asked is wrong: the chooser says why. */
  shown?: { report: ActivityReport; answers: ReportAnswers; answersValues: ReportAnswersForm; answersErrors?: Record<string, string> };
};

/** A block of indicators; on paper only, it names no region (the form of the page stands for it on screen). */
function Block({ block, printOnly }: { block: IndicatorBlock; printOnly?: boolean }) {
  const id = printOnly ? undefined : `bloc-${block.key}`;
  return (
    <section aria-labelledby={id} class={printOnly ? 'report-block print-only' : 'report-block'}>
      <h2 id={id}>{block.title}</h2>
      {block.sections.map((section) => (
        <table key={section.title} class="indicators">
          <caption>{section.title}</caption>
          <thead>
            <tr>
              <th scope="col">Indicateur</th>
              <th scope="col" class="number">
                Nombre
              </th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row) => (
              <tr key={row.label} class={row.detail ? 'detail' : undefined}>
                <th scope="row">{row.label}</th>
                <td class="number" data-label="Nombre">
                  {valueText(row.value)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

/** « Statistiques »: the yearly report over a period, its charts, the structure's answers, the xlsx. */
export function ReportPage({ ctx, choice, years, shown }: ReportPageProps) {
  return (
    <StaffLayout ctx={ctx} title="Statistiques">
      <div class="report">
        <h1>Statistiques{shown ? ` : ${periodWords(shown.report.period)}` : ''}</h1>
        <PeriodChooser choice={choice} years={years} />
        {shown ? <Shown ctx={ctx} {...shown} /> : null}
      </div>
    </StaffLayout>
  );
}

function Shown({ ctx, report, answers, answersValues, answersErrors }: { ctx: PageContext } & NonNullable<ReportPageProps['shown']>) {
  return (
    <>
      <div class="report-notes">
        <p>
          Chaque décision compte le jour où elle a été prise, chaque passage ou courrier le jour où il a été enregistré, dans le fuseau horaire de la structure ({report.timezone}). Les
          personnes domiciliées sont celles dont la domiciliation était valide le dernier jour de la période.
        </p>
        {report.countedAsRecordedNow ? (
          <p class="notice">
            Les réponses de l'entretien social et les ayants droit n'ont pas d'historique : ils sont comptés tels qu'ils sont enregistrés aujourd'hui.
          </p>
        ) : null}
        <form method="post" action="/statistiques/rapport.xlsx" class="no-print">
          <CsrfField token={ctx.csrfToken} />
          <input type="hidden" name="du" value={report.period.from} />
          <input type="hidden" name="au" value={report.period.to} />
          <button type="submit">Télécharger (xlsx)</button>
        </form>
      </div>
      {indicatorBlocks(report).map((block) => (
        <Block key={block.key} block={block} />
      ))}
      <ReportCharts report={report} />
      {/* On paper the form is gone: its answers are printed as a block of their own. */}
      <Block block={answersBlock(answers)} printOnly />
      <AnswersForm ctx={ctx} year={answers.year} values={answersValues} errors={answersErrors} />
    </>
  );
}
