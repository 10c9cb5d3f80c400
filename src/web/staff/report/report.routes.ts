import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../shared/app-deps.ts';
import { allowed } from '../../../shared/roles.ts';
import { formSchema, text, withFormErrors } from '../../shared/forms.ts';
import { redirectAfterPost } from '../../shared/request-context.ts';
import { sendPage } from '../../shared/render.tsx';
import { isoDateIn } from '../../../shared/dates.ts';
import type { StaffActor } from '../../../domain/actor.ts';
import { audit, staffAuditActor } from '../../../domain/audit/audit.service.ts';
import { activityReport, defaultReportPeriod, parseReportPeriod, parseReportYear, yearPeriod, type ReportAnswersForm, type ReportPeriod } from '../../../domain/report/report.service.ts';
import { getReportAnswers, reportAnswersFormValues, saveReportAnswers } from '../../../domain/report/report-answers.service.ts';
import { requireStaff, pageContext } from '../staff-context.ts';
import { ANSWERS_PLACE, type PeriodChoice } from './report-forms.views.tsx';
import { ReportPage } from './report.views.tsx';
import { reportFileName, writeReportXlsx } from './report-xlsx.ts';
import { wordsFor } from '../staff.words.ts';

type PeriodQuery = { annee?: string; du?: string; au?: string };
const periodFields = { annee: text(4), du: text(10), au: text(10) };
const answerFields = { liste_attente: { type: 'string', enum: ['', 'oui', 'non'] }, delai_moyen_jours: text(20), etp_salaries: text(20), etp_benevoles: text(20), cout_personnel: text(30), cout_total: text(30) };

/** The years the chooser offers: the ten before this one, and this one so far. */
function yearsOffered(staff: StaffActor, now = new Date()): number[] {
  const current = Number(isoDateIn(now, staff.timezone).slice(0, 4));
  return Array.from({ length: 11 }, (_, index) => current - index);
}

/** The period asked: two dates when either is given, else a year, else the last full year. */
function periodAsked(staff: StaffActor, query: PeriodQuery): { period?: ReportPeriod; choice: PeriodChoice } {
  if (query.du || query.au) {
    const parsed = parseReportPeriod(query);
    if (!parsed.ok) return { choice: { du: query.du, au: query.au, errors: Object.fromEntries(Object.entries(parsed.problems).map(([field, problem]) => [field, wordsFor(problem)])) } };
    return { period: parsed.value, choice: { du: parsed.value.from, au: parsed.value.to } };
  }
  if (query.annee) {
    const year = parseReportYear(query.annee);
    if (!year.ok) return { choice: { errors: { annee: wordsFor(year.problem) } } };
    return { period: yearPeriod(year.value), choice: { annee: String(year.value) } };
  }
  const period = defaultReportPeriod(staff.timezone);
  return { period, choice: { annee: period.from.slice(0, 4) } };
}

/** The year whose answers the page shows: the period's last day's. */
const answersYear = (period: ReportPeriod) => Number(period.to.slice(0, 4));

export function reportRoutes(app: FastifyInstance, { database }: AppDeps) {
  const db = database.db;

  async function showReport(request: FastifyRequest, reply: FastifyReply, staff: StaffActor, asked: ReturnType<typeof periodAsked>, answersForm?: { values: ReportAnswersForm; errors: Record<string, string> }) {
    const ctx = pageContext(request);
    const years = yearsOffered(staff);
    if (!asked.period) return sendPage(reply, ReportPage({ ctx, choice: asked.choice, years }), 400);
    const [report, answers] = await Promise.all([activityReport(db, staff, asked.period), getReportAnswers(db, staff, answersYear(asked.period))]);
    const shown = { report, answers, answersValues: answersForm?.values ?? reportAnswersFormValues(answers), answersErrors: answersForm?.errors };
    return sendPage(reply, ReportPage({ ctx, choice: asked.choice, years, shown }), answersForm ? 400 : 200);
  }

  app.get<{ Querystring: PeriodQuery }>('/statistiques', { schema: { querystring: { type: 'object', properties: periodFields } } }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    return showReport(request, reply, staff, periodAsked(staff, request.query));
  });

  app.post<{ Body: ReportAnswersForm & { annee: string } }>('/statistiques/reponses', { schema: formSchema({ annee: text(4), ...answerFields }, ['annee']) }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    const year = parseReportYear(request.body.annee);
    const { annee: _year, ...values } = request.body;
    if (!year.ok) return showReport(request, reply, staff, { choice: { errors: { annee: wordsFor(year.problem) } } });
    return withFormErrors(
      async () => {
        await saveReportAnswers(db, staff, year.value, values);
        return redirectAfterPost(reply, `/statistiques?annee=${year.value}#${ANSWERS_PLACE}`, `Les réponses de ${year.value} sont enregistrées.`);
      },
      (errors) => showReport(request, reply, staff, { period: yearPeriod(year.value), choice: { annee: String(year.value) } }, { values, errors }),
      wordsFor,
    );
  });

  // A form's button rather than a link: each download is recorded in the audit trail.
  app.post<{ Body: { du: string; au: string } }>('/statistiques/rapport.xlsx', { schema: formSchema({ du: text(10), au: text(10) }), compress: false }, async (request, reply) => {
    const staff = requireStaff(request, allowed.deciders);
    const parsed = parseReportPeriod(request.body);
    if (!parsed.ok) return showReport(request, reply, staff, periodAsked(staff, request.body));
    const period = parsed.value;
    const [report, answers] = await Promise.all([activityReport(db, staff, period), getReportAnswers(db, staff, answersYear(period))]);
    await audit(db, staffAuditActor(staff), { action: 'export.rapport', details: { du: period.from, au: period.to } });
    const output = new PassThrough();
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${reportFileName(staff.structureName, report)}"`)
      .header('cache-control', 'no-store')
      .send(output);
    writeReportXlsx(output, report, answers, staff.structureName).catch((error: unknown) => {
      request.log.error({ err: error }, 'rapport xlsx interrompu');
      output.destroy(error instanceof Error ? error : new Error('rapport xlsx interrompu'));
    });
    return reply;
  });
}
